# Tables stage: every table rendered from the tidy estimates (never re-estimating) into one table
# object, written in each format of `report.table_formats` beside each other (the HTML is the one
# the report shows, the LaTeX the one the master document inputs), and the record of the
# environment they were made in.

from gvcpanel.papers.liu_2013 import TABLES as LIU_TABLE_NUMBERS
from gvcpanel.papers.qu_yang_2023 import TABLE1_MODELS, THRESHOLD_MODELS
from gvcpanel.report.provenance import installed_versions

QY_EST = f"{W}/estimates/qu_yang_2023"
QY_TAB = f"{W}/tables/qu_yang_2023"
TABLE_FORMATS = lookup(dpath="report/table_formats", within=config)
# The data source and sample notes of the country panel: text of the table notes only
SOURCE_NOTE = {
    key: PANEL[key] for key in ("data_source", "data_vintage", "sample_note") if key in PANEL
}


# The outputs of the tables ``stems``: ``{stem}_{format}`` -> ``{base}/{stem}.{format}`` for every
# configured format, the HTML marked for the report (under ``caption`` and ``category``)
table_files = lambda base, stems, caption, category: {
    f"{stem}_{fmt}": f"{base}/{stem}.{fmt}" if fmt != "html" else report(
        f"{base}/{stem}.{fmt}", caption=caption, category=category, subcategory="Tables"
    )
    for stem in stems
    for fmt in TABLE_FORMATS
}
qy_table_files = lambda stems, caption: table_files(QY_TAB, stems, caption, "Qu and Yang (2023)")


rule table_qu_yang_1:
    input:
        estimates=expand(f"{QY_EST}/{{model}}.json", model=TABLE1_MODELS),
    output:
        **qy_table_files(["table1", "table1_vs_paper"], "../report/qy_table1.rst"),
    params:
        source=SOURCE_NOTE,
        formats=TABLE_FORMATS,
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
        **qy_table_files(
            ["table2", "table2_vs_paper", "table3", "table3_vs_paper"], "../report/qy_tables23.rst"
        ),
    params:
        source=SOURCE_NOTE,
        formats=TABLE_FORMATS,
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


LIU_STEMS = [f"table{k}{suffix}" for k in LIU_TABLE_NUMBERS for suffix in ("", "_vs_paper")]
LIU_FILES = table_files(
    f"{W}/tables/liu_2013", LIU_STEMS, "../report/liu_tables.rst", "Liu (2013)"
)
LIU_TABLES = [LIU_FILES[f"{stem}_tex"] for stem in LIU_STEMS]

if LIU:

    rule tables_liu:
        input:
            estimates=rules.estimate_liu.output.estimates,
            table1=rules.liu_industry_panel.output.table1,
            table2=rules.liu_industry_panel.output.table2,
            tableA1=rules.liu_industry_panel.output.tableA1,
        output:
            **LIU_FILES,
        params:
            source=(
                "gvcpanel synthetic ASIF-style firm panel (seed {seed}, scale {scale})".format(
                    seed=lookup(dpath="seed", within=config), scale=LIU["firms"].get("scale")
                )
                if LIU["firms"]["source"] == "simulate"
                else f"ASIF extract: {LIU['firms']['files']['firms']}"
            ),
            formats=TABLE_FORMATS,
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
QY_EXHIBIT_FILES = []
QY_SKIPPED = {}
if TABLE4 is not None:
    from gvcpanel.construct.export_markets import DEFAULT_EMERGING

    rule table_qu_yang_4:
        input:
            exports=[ICIO_STORE.product("export_markets", y) for y in TABLE4.get("years", YEARS)],
        output:
            **qy_table_files(["table4", "table4_vs_paper"], "../report/qy_table4.rst"),
            shares=f"{QY_EST}/table4_markets.csv",
        params:
            emerging=TABLE4.get("emerging", list(DEFAULT_EMERGING)),
            adapter=PANEL["icio"]["adapter"],
            manufacturing=PANEL["icio"]["manufacturing"],
            formats=TABLE_FORMATS,
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

    QY_EXHIBIT_TABLES += [rules.table_qu_yang_4.output.table4_tex, rules.table_qu_yang_4.output.table4_vs_paper_tex]
    QY_EXHIBIT_FILES += [f for k, f in rules.table_qu_yang_4.output.items() if k != "shares"]
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
            **qy_table_files(["table5", "table5_vs_paper"], "../report/qy_table5.rst"),
            ratios=f"{QY_EST}/table5_ratios.csv",
        params:
            year=TABLE5["year"],
            failures=f"{W}/validation/failures/table5_inputs.csv",
            spec=TABLE5,
            seed=lookup(dpath="seed", within=config),
            formats=TABLE_FORMATS,
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

    QY_EXHIBIT_TABLES += [rules.table_qu_yang_5.output.table5_tex, rules.table_qu_yang_5.output.table5_vs_paper_tex]
    QY_EXHIBIT_FILES += [f for k, f in rules.table_qu_yang_5.output.items() if k != "ratios"]
else:
    QY_SKIPPED["Qu and Yang (2023) Table 5"] = (
        "needs sector value added, labour, energy and tax costs (qu_yang_2023.table5: a CSV in the"
        " layout of gvcpanel.sources.sector_costs and/or the WIOD Socio-Economic Accounts)"
    )

# Every format of every table (the HTML among them: what the report shows), for rule publish
TABLE_FILES = [
    *rules.table_qu_yang_1.output,
    *rules.table_qu_yang_2_3.output,
    *QY_EXHIBIT_FILES,
    *(LIU_FILES.values() if LIU else []),
]


rule tables_master:
    input:
        tables=[
            rules.table_qu_yang_1.output.table1_tex,
            rules.table_qu_yang_1.output.table1_vs_paper_tex,
            rules.table_qu_yang_2_3.output.table2_tex,
            rules.table_qu_yang_2_3.output.table2_vs_paper_tex,
            rules.table_qu_yang_2_3.output.table3_tex,
            rules.table_qu_yang_2_3.output.table3_vs_paper_tex,
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
