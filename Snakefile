# gvcpanel: replication pipeline for the empirical economics of global value chains.
# This file only loads and validates the configuration, includes the stages and names the targets.
import sys

from gvcpanel.config import ConfigError, load_config
from gvcpanel.sources.icio_store import store_folder

# The configuration: config/defaults.yaml, then the --configfile files (each after the files its
# `base:` names; files without a country panel of their own go over config/config.yaml, which is
# also the configuration when none is given), then --config key=value (gvcpanel.config.layers).
# The files are read again here, so that each error can name its file and line. What each raw
# input holds is checked against the configured countries and years from a cache in the store.
try:
    config = load_config(
        workflow.overwrite_configfiles,
        workflow.config_settings.config,
        workflow.basedir,
        f"{store_folder()}/coverage",
    )
except ConfigError as exc:
    sys.exit(str(exc))


include: "rules/common.smk"
include: "rules/decompositions.smk"
include: "rules/country_data.smk"
include: "rules/qu_yang_2023.smk"
include: "rules/liu_2013.smk"
include: "rules/speccurve.smk"
include: "rules/publish.smk"


rule all:
    default_target: True
    input:
        rules.publish.output.manifest,
