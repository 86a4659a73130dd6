# gvcpanel: replication pipeline for the empirical economics of global value chains.
# This file only loads and validates the configuration, includes the stages and names the targets.
import sys

from gvcpanel.config import ConfigError, validate_config


# The default configuration applies only when none is given with --configfile (Snakemake would
# otherwise merge the two, mixing the default panel's inputs into another panel's). Either is
# merged over the shipped defaults, config/defaults.yaml, when it is validated.
if not workflow.overwrite_configfiles:

    configfile: "config/config.yaml"


try:
    config = validate_config(
        config,
        workflow.source_path("schemas/config.schema.yaml"),
        workflow.source_path("config/defaults.yaml"),
    )
except ConfigError as exc:
    sys.exit(str(exc))

include: "rules/common.smk"
include: "rules/data.smk"
include: "rules/construct.smk"
include: "rules/estimate.smk"
include: "rules/tables.smk"
include: "rules/figures.smk"
include: "rules/speccurve.smk"
include: "rules/publish.smk"


rule all:
    input:
        rules.publish.output.manifest,
    default_target: True
