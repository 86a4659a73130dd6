# Tables stage: LaTeX tables rendered from the tidy estimates (never re-estimating), each with its
# HTML rendering from the same table object (the one the report shows), and the record of the
# environment they were made in.

from gvcpanel.papers.liu_2013 import TABLES as LIU_TABLE_NUMBERS
from gvcpanel.papers.qu_yang_2023 import TABLE1_MODELS, THRESHOLD_MODELS
from gvcpanel.report.provenance import installed_versions

QY_EST = f"{W}/estimates/qu_yang_2023"
QY_TAB = f"{W}/tables/qu_yang_2023"
# The data source and sample notes of the country panel: text of the table notes only
SOURCE_NOTE = {
    key: PANEL[key] for key in ("data_source", "data_vintage", "sample_note") if key in PANEL
}


rule table_qu_yang_1:
    input:
        estimates=expand(f"{QY_EST}/{{model}}.json", model=TABLE1_MODELS),
    output:
        table=f"{QY_TAB}/table1.tex",
        table_html=report(f"{QY_TAB}/table1.html", caption="../report/qy_table1.rst", category="Qu and Yang (2023)", subcategory="Tables"),
        vs_paper=f"{QY_TAB}/table1_vs_paper.tex",
        vs_paper_html=report(f"{QY_TAB}/table1_vs_paper.html", caption="../report/qy_table1.rst", category="Qu and Yang (2023)", subcategory="Tables"),
    params:
        source=SOURCE_NOTE,
        code=code("table_qu_yang_1.py"),
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{LOGS}/table_qu_yang_1.log",
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
        table2_html=report(f"{QY_TAB}/table2.html", caption="../report/qy_tables23.rst", category="Qu and Yang (2023)", subcategory="Tables"),
        table2_vs_paper=f"{QY_TAB}/table2_vs_paper.tex",
        table2_vs_paper_html=report(f"{QY_TAB}/table2_vs_paper.html", caption="../report/qy_tables23.rst", category="Qu and Yang (2023)", subcategory="Tables"),
        table3=f"{QY_TAB}/table3.tex",
        table3_html=report(f"{QY_TAB}/table3.html", caption="../report/qy_tables23.rst", category="Qu and Yang (2023)", subcategory="Tables"),
        table3_vs_paper=f"{QY_TAB}/table3_vs_paper.tex",
        table3_vs_paper_html=report(f"{QY_TAB}/table3_vs_paper.html", caption="../report/qy_tables23.rst", category="Qu and Yang (2023)", subcategory="Tables"),
    params:
        source=SOURCE_NOTE,
        code=code("table_qu_yang_2_3.py"),
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{LOGS}/table_qu_yang_2_3.log",
    conda:
        ENV
    threads: 1
    script:
        "../workflow/scripts/table_qu_yang_2_3.py"


LIU_TABLES = [
    f"{W}/tables/liu_2013/table{k}{suffix}.tex"
    for k in LIU_TABLE_NUMBERS
    for suffix in ("", "_vs_paper")
]
# each table's HTML rendering (same Table object as the LaTeX), the one the report shows
LIU_HTML = [t.removesuffix(".tex") + ".html" for t in LIU_TABLES]

if LIU:

    rule tables_liu:
        input:
            estimates=rules.estimate_liu.output.estimates,
            table1=rules.liu_industry_panel.output.table1,
            table2=rules.liu_industry_panel.output.table2,
            tableA1=rules.liu_industry_panel.output.tableA1,
        output:
            tables=LIU_TABLES,
            html=[report(t, caption="../report/liu_tables.rst", category="Liu (2013)", subcategory="Tables") for t in LIU_HTML],
        params:
            source=(
                "gvcpanel synthetic ASIF-style firm panel (seed {seed}, scale {scale})".format(
                    seed=lookup(dpath="seed", within=config), scale=LIU["firms"].get("scale")
                )
                if LIU["firms"]["source"] == "simulate"
                else f"ASIF extract: {LIU['firms']['files']['firms']}"
            ),
            code=code("tables_liu.py"),
        resources:
            mem_mb=1000,
            runtime=10,
        log:
            f"{LOGS}/tables_liu.log",
        conda:
            ENV
        threads: 1
        script:
            "../workflow/scripts/tables_liu.py"


# Qu & Yang Tables 4 and 5 (section 6): built where their inputs exist, otherwise skipped with
# the reason, which the master document and its log state.
QY_EXHIBIT_TABLES = []
QY_EXHIBIT_HTML = []
QY_SKIPPED = {}
if TABLE4 is not None:
    from gvcpanel.construct.export_markets import DEFAULT_EMERGING

    rule table_qu_yang_4:
        input:
            exports=[ICIO_STORE.product("export_markets", y) for y in TABLE4.get("years", YEARS)],
        output:
            table=f"{QY_TAB}/table4.tex",
            table_html=report(f"{QY_TAB}/table4.html", caption="../report/qy_table4.rst", category="Qu and Yang (2023)", subcategory="Tables"),
            vs_paper=f"{QY_TAB}/table4_vs_paper.tex",
            vs_paper_html=report(f"{QY_TAB}/table4_vs_paper.html", caption="../report/qy_table4.rst", category="Qu and Yang (2023)", subcategory="Tables"),
            shares=f"{QY_EST}/table4_markets.csv",
        params:
            emerging=TABLE4.get("emerging", list(DEFAULT_EMERGING)),
            adapter=PANEL["icio"]["adapter"],
            manufacturing=PANEL["icio"]["manufacturing"],
            code=code("table_qu_yang_4.py"),
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        log:
            f"{LOGS}/table_qu_yang_4.log",
        conda:
            ENV
        script:
            "../workflow/scripts/table_qu_yang_4.py"

    QY_EXHIBIT_TABLES += [rules.table_qu_yang_4.output.table, rules.table_qu_yang_4.output.vs_paper]
    QY_EXHIBIT_HTML += [rules.table_qu_yang_4.output.table_html, rules.table_qu_yang_4.output.vs_paper_html]
else:
    QY_SKIPPED["Qu and Yang (2023) Table 4"] = (
        "needs world input-output tables (country_panel.route: icio); this route has none"
    )

if TABLE5 is not None:
    TABLE5_INPUTS = (
        {"costs": rules.simulate_sector_costs.output.costs, "sea": []}
        if TABLE5["source"] == "simulate"
        else {"costs": TABLE5.get("costs", []), "sea": TABLE5.get("sea", [])}
    )

    rule table_qu_yang_5:
        input:
            **TABLE5_INPUTS,
        output:
            table=f"{QY_TAB}/table5.tex",
            table_html=report(f"{QY_TAB}/table5.html", caption="../report/qy_table5.rst", category="Qu and Yang (2023)", subcategory="Tables"),
            vs_paper=f"{QY_TAB}/table5_vs_paper.tex",
            vs_paper_html=report(f"{QY_TAB}/table5_vs_paper.html", caption="../report/qy_table5.rst", category="Qu and Yang (2023)", subcategory="Tables"),
            ratios=f"{QY_EST}/table5_ratios.csv",
        params:
            year=TABLE5["year"],
            failures=f"{W}/validation/failures/table5_inputs.csv",
            spec=TABLE5,
            seed=lookup(dpath="seed", within=config),
            code=code("table_qu_yang_5.py"),
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        log:
            f"{LOGS}/table_qu_yang_5.log",
        conda:
            ENV
        script:
            "../workflow/scripts/table_qu_yang_5.py"

    QY_EXHIBIT_TABLES += [rules.table_qu_yang_5.output.table, rules.table_qu_yang_5.output.vs_paper]
    QY_EXHIBIT_HTML += [rules.table_qu_yang_5.output.table_html, rules.table_qu_yang_5.output.vs_paper_html]
else:
    QY_SKIPPED["Qu and Yang (2023) Table 5"] = (
        "needs sector value added, labour, energy and tax costs (qu_yang_2023.table5: a CSV in the"
        " layout of gvcpanel.sources.sector_costs and/or the WIOD Socio-Economic Accounts)"
    )

# The HTML renderings of every table: the targets the report shows (rule all)
TABLE_HTML = [
    rules.table_qu_yang_1.output.table_html,
    rules.table_qu_yang_1.output.vs_paper_html,
    rules.table_qu_yang_2_3.output.table2_html,
    rules.table_qu_yang_2_3.output.table2_vs_paper_html,
    rules.table_qu_yang_2_3.output.table3_html,
    rules.table_qu_yang_2_3.output.table3_vs_paper_html,
    *QY_EXHIBIT_HTML,
    *(LIU_HTML if LIU else []),
]



rule tables_master:
    input:
        tables=[
            rules.table_qu_yang_1.output.table,
            rules.table_qu_yang_1.output.vs_paper,
            rules.table_qu_yang_2_3.output.table2,
            rules.table_qu_yang_2_3.output.table2_vs_paper,
            rules.table_qu_yang_2_3.output.table3,
            rules.table_qu_yang_2_3.output.table3_vs_paper,
            *QY_EXHIBIT_TABLES,
            *(LIU_TABLES if LIU else []),
        ],
    output:
        tex=report(f"{W}/tables/tables.tex", caption="../report/master.rst", category="Data and validation", subcategory="Tables"),
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        skipped=QY_SKIPPED,
        code=code("tables_master.py"),
    log:
        f"{LOGS}/tables_master.log",
    conda:
        ENV
    threads: 1
    script:
        "../workflow/scripts/tables_master.py"


rule provenance:
    input:
        locks=[f"{workflow.basedir}/requirements/{f}" for f in ("lock.txt", "lock-test.txt")],
    output:
        provenance=f"{W}/provenance.json",
    params:
        # the installed versions: a changed environment reruns this record (and only this)
        packages=installed_versions(),
        code=code("provenance.py"),
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{LOGS}/provenance.log",
    conda:
        ENV
    script:
        "../workflow/scripts/provenance.py"
