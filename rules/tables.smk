# Tables stage: LaTeX tables rendered from the tidy estimates (never re-estimating), and the
# record of the environment they were made in.

from gvcpanel.report.provenance import installed_versions

QY_EST = f"{R}/estimates/qu_yang_2023"
QY_TAB = f"{R}/tables/qu_yang_2023"
TABLE1_MODELS = ["eq16", "eq17", "eq18_2y", "eq18_4y"]
THRESHOLD_MODELS = ["eq19", "eq20"]


rule table_qu_yang_1:
    input:
        estimates=expand(f"{QY_EST}/{{model}}.json", model=TABLE1_MODELS),
    output:
        table=f"{QY_TAB}/table1.tex",
        vs_paper=f"{QY_TAB}/table1_vs_paper.tex",
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{R}/logs/table_qu_yang_1.log",
    conda:
        ENV
    threads: 1
    script:
        "../workflow/scripts/table_qu_yang_1.py"


rule table_qu_yang_2_3:
    input:
        estimates=expand(f"{QY_EST}/{{model}}.json", model=THRESHOLD_MODELS),
        tests=expand(f"{QY_EST}/{{model}}_threshold_tests.json", model=THRESHOLD_MODELS),
    output:
        table2=f"{QY_TAB}/table2.tex",
        table2_vs_paper=f"{QY_TAB}/table2_vs_paper.tex",
        table3=f"{QY_TAB}/table3.tex",
        table3_vs_paper=f"{QY_TAB}/table3_vs_paper.tex",
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{R}/logs/table_qu_yang_2_3.log",
    conda:
        ENV
    threads: 1
    script:
        "../workflow/scripts/table_qu_yang_2_3.py"


LIU_TABLES = [
    f"{R}/tables/liu_2013/table{k}{suffix}.tex"
    for k in ["1", "2", "3", "4", "5", "6", "7", "8", "A1"]
    for suffix in ("", "_vs_paper")
]

if LIU:

    rule tables_liu:
        input:
            estimates=rules.estimate_liu.output.estimates,
            table1=rules.liu_industry_panel.output.table1,
            table2=rules.liu_industry_panel.output.table2,
            tableA1=rules.liu_industry_panel.output.tableA1,
        output:
            tables=LIU_TABLES,
        params:
            source=(
                "gvcpanel synthetic ASIF-style firm panel (seed {seed}, scale {scale})".format(
                    seed=config["seed"], scale=LIU["firms"].get("scale")
                )
                if LIU["firms"]["source"] == "simulate"
                else f"ASIF extract: {LIU['firms']['files']['firms']}"
            ),
        resources:
            mem_mb=1000,
            runtime=10,
        log:
            f"{R}/logs/tables_liu.log",
        conda:
            ENV
        threads: 1
        script:
            "../workflow/scripts/tables_liu.py"


rule tables_master:
    input:
        tables=[
            rules.table_qu_yang_1.output.table,
            rules.table_qu_yang_1.output.vs_paper,
            rules.table_qu_yang_2_3.output.table2,
            rules.table_qu_yang_2_3.output.table2_vs_paper,
            rules.table_qu_yang_2_3.output.table3,
            rules.table_qu_yang_2_3.output.table3_vs_paper,
            *(LIU_TABLES if LIU else []),
        ],
    output:
        tex=f"{R}/tables/tables.tex",
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{R}/logs/tables_master.log",
    conda:
        ENV
    threads: 1
    script:
        "../workflow/scripts/tables_master.py"


rule provenance:
    input:
        locks=[f"{workflow.basedir}/requirements/{f}" for f in ("lock.txt", "lock-test.txt")],
    output:
        provenance=f"{R}/provenance.json",
    params:
        # the installed versions: a changed environment reruns this record (and only this)
        packages=installed_versions(),
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{R}/logs/provenance.log",
    conda:
        ENV
    script:
        "../workflow/scripts/provenance.py"
