# Tables stage: LaTeX tables rendered from the tidy estimates (never re-estimating).

TABLE1_MODELS = ["eq16", "eq17", "eq18_2y", "eq18_4y"]


rule table_qu_yang_1:
    input:
        estimates=expand(f"{R}/estimates/qu_yang_2023/{{model}}.json", model=TABLE1_MODELS),
    output:
        table=f"{R}/tables/qu_yang_2023/table1.tex",
        vs_paper=f"{R}/tables/qu_yang_2023/table1_vs_paper.tex",
    log:
        f"{R}/logs/table_qu_yang_1.log",
    conda:
        ENV
    script:
        "../workflow/scripts/table_qu_yang_1.py"


rule tables_master:
    input:
        tables=rules.table_qu_yang_1.output,
    output:
        tex=f"{R}/tables/tables.tex",
    log:
        f"{R}/logs/tables_master.log",
    conda:
        ENV
    script:
        "../workflow/scripts/tables_master.py"
