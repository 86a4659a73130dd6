# gvcpanel: replication pipeline for the empirical economics of global value chains.
# This file only loads and validates the configuration, includes the stages and names the targets.
import sys

from gvcpanel.code_version import script_code_hash
from gvcpanel.config import ConfigError, load_config
from gvcpanel.io import remove_stale_tmp


# The configuration: config/defaults.yaml, then the --configfile files (each after the files its
# `base:` names; files without a country panel of their own go over config/config.yaml, which is
# also the configuration when none is given), then --config key=value (gvcpanel.config_layers).
# The files are read again here, so that each error can name its file and line.
try:
    config = load_config(
        workflow.overwrite_configfiles, workflow.config_settings.config, workflow.basedir
    )
except ConfigError as exc:
    sys.exit(str(exc))

R = config["results"]


onstart:
    remove_stale_tmp(R)  # partial writes of an interrupted run
ENV = "../workflow/envs/gvcpanel.yaml"  # for --use-conda; relative to rules/*.smk
# The `code` param of every rule: a hash of the package modules its script imports, so that an
# edit of the package reruns exactly the rules whose scripts import the edited module.
code = lambda script: script_code_hash(f"{workflow.basedir}/workflow/scripts/{script}")


include: "rules/data.smk"
include: "rules/construct.smk"
include: "rules/estimate.smk"
include: "rules/tables.smk"
include: "rules/figures.smk"
include: "rules/speccurve.smk"


rule all:
    input:
        rules.tables_master.output.tex,
        TABLE_HTML,
        rules.figure_qu_yang_lr_curves.output.png,
        rules.validation_report.output.report,
        rules.provenance.output.provenance,
        rules.icio_validation.output.report if PANEL["route"] == "icio" else [],
        LIU_FIGURES if LIU else [],
        rules.figures_liu_theory.output if LIU else [],
        QY_FIGURES,
        LIU_THRESHOLD,
        SPECCURVE,
    default_target: True
