# Publish (included last): the master document of every table, the record of the environment,
# the deliverables of this configuration, and the rule that publishes them all at once after every
# other job of the run has succeeded.
from gvcpanel.report.provenance import installed_versions


rule tables_master:
    input:
        tables=[*QY_TABLES, *(LIU_TABLES if LIU else [])],
    output:
        tex=exhibit(
            f"{W}/tables/tables.tex",
            "../report/master.rst",
            "Data and validation",
            "Tables",
            title="All tables (LaTeX master document)",
        ),
    log:
        logs("tables_master"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("tables_master"),
        skipped=QY_SKIPPED,
    script:
        RULE_SCRIPT


rule provenance:
    input:
        locks=[f"{workflow.basedir}/requirements/{f}" for f in ("lock.txt", "lock-test.txt")],
    output:
        provenance=f"{W}/provenance.json",
    log:
        logs("provenance"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("provenance"),
        # the installed versions: a changed environment reruns this record (and only this)
        packages=installed_versions(),
    script:
        RULE_SCRIPT


DELIVERABLES = [
    rules.tables_master.output.tex,
    rules.validation_report.output.report,
    rules.provenance.output.provenance,
    rules.icio_validation.output.report if PANEL["route"] == "icio" else [],
    DECOMPOSITIONS,
    QY_DELIVERABLES,
    LIU_DELIVERABLES,
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
    log:
        logs("publish"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("publish"),
        results=lambda w, output: str(Path(output.manifest).parent.parent),
    script:
        RULE_SCRIPT
