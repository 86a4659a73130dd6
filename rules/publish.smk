# Publish stage (included last): the deliverables of this configuration, and the rule that
# publishes them all at once after every other job of the run has succeeded.

DELIVERABLES = [
    rules.tables_master.output.tex,
    TABLE_FILES,
    rules.figure_qu_yang_lr_curves.output.png,
    rules.validation_report.output.report,
    rules.provenance.output.provenance,
    rules.icio_validation.output.report if PANEL["route"] == "icio" else [],
    LIU_FIGURES if LIU else [],
    rules.figures_liu_theory.output if LIU else [],
    QY_FIGURES,
    LIU_THRESHOLD,
    SPECCURVE,
]


localrules:
    all,
    publish,


rule publish:
    input:
        DELIVERABLES,
    output:
        manifest=f"{W}/published.json",
    params:
        results=lambda w, output: str(Path(output.manifest).parent.parent),
        code=code("publish.py"),
    log:
        f"{LOGS}/publish.log",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    conda:
        ENV
    script:
        "../workflow/scripts/publish.py"
