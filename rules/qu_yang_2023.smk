# Qu & Yang (2023): the panel models of eqs (16)-(20) on the country panel, Tables 1-5 rendered
# from their tidy estimates (never re-estimating) in every format of `report.table_formats`, and
# Figures 1-3 and the LR curves. Tables 4 and 5 are built where their inputs exist (the export
# markets of each input-output table, the sector costs), otherwise skipped with the reason.
from gvcpanel.papers.qu_yang_2023 import TABLE1_MODELS, THRESHOLD_MODELS

TABLE4 = QY.get("table4", {}) if PANEL["route"] == "icio" else None
TABLE5 = QY.get("table5")
QY_EST = f"{W}/estimates/qu_yang_2023"
QY_TAB = f"{W}/tables/qu_yang_2023"
QY_FIG = f"{W}/figures/qu_yang_2023"
# The data source and sample notes of the country panel: text of the table notes only
SOURCE_NOTE = {
    key: PANEL[key] for key in ("data_source", "data_vintage", "sample_note") if key in PANEL
}
qy_table_files = lambda stems, caption: table_files(QY_TAB, stems, caption, "Qu and Yang (2023)")
# The estimation options each model reads: eqs (16)-(18) all three, eqs (19)-(20) only the
# standardisation (their threshold settings are the `threshold` param).
LINEAR_OPTIONS = {key: QY[key] for key in ("standardize", "differences", "se", "inference")}
THRESHOLD_OPTIONS = {key: QY[key] for key in ("standardize", "inference")}


# The linear models in one job: each takes a fraction of a second, their imports most of a job.
rule estimate_qu_yang_linear:
    input:
        panel=rules.build_country_panel.output.panel,
    output:
        estimates=[f"{QY_EST}/{model}.json" for model in QY["models"]],
    log:
        logs("estimate_qu_yang_linear"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("estimate_qu_yang_linear"),
        specs=QY["models"],
        options=LINEAR_OPTIONS,
        seed=lookup(dpath="seed", within=config),
    script:
        RULE_SCRIPT


QY_SHARDS = QY["threshold"]["shards"]
QY_SHARD_FILE = f"{QY_EST}/bootstrap/{{model}}_{{shard}}of{QY_SHARDS}.json"


rule estimate_qu_yang_threshold_shard:
    input:
        panel=rules.build_country_panel.output.panel,
    output:
        stats=QY_SHARD_FILE,
    log:
        logs("estimate_qu_yang_threshold_shard", f"{{model}}_{{shard}}of{QY_SHARDS}"),
    wildcard_constraints:
        model="|".join(QY.get("threshold_models", {})) or "^$",
        shard=r"\d+",
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=30,
    params:
        **runs("estimate_qu_yang_threshold"),
        spec=lambda w: QY["threshold_models"][w.model],
        threshold=lookup(dpath="qu_yang_2023/threshold", within=config),
        options=THRESHOLD_OPTIONS,
        seed=lookup(dpath="seed", within=config),
        shards=QY_SHARDS,
    script:
        RULE_SCRIPT


rule estimate_qu_yang_threshold:
    input:
        panel=rules.build_country_panel.output.panel,
        shards=lambda w: (
            expand(QY_SHARD_FILE, model=w.model, shard=range(QY_SHARDS)) if QY_SHARDS > 1 else []
        ),
    output:
        estimates=f"{QY_EST}/{{model}}.json",
        tests=f"{QY_EST}/{{model}}_threshold_tests.json",
        lr_curve=f"{QY_EST}/{{model}}_lr_curve.csv",
        summary=f"{QY_EST}/{{model}}_summary.txt",
    log:
        logs("estimate_qu_yang_threshold", "{model}"),
    wildcard_constraints:
        model="|".join(QY.get("threshold_models", {})) or "^$",
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=2000,
        runtime=60,
    params:
        **runs("estimate_qu_yang_threshold"),
        spec=lambda w: QY["threshold_models"][w.model],
        threshold=lookup(dpath="qu_yang_2023/threshold", within=config),
        options=THRESHOLD_OPTIONS,
        seed=lookup(dpath="seed", within=config),
    script:
        RULE_SCRIPT


rule table_qu_yang_1:
    input:
        estimates=expand(f"{QY_EST}/{{model}}.json", model=TABLE1_MODELS),
    output:
        **qy_table_files(["table1", "table1_vs_paper"], "../report/qy_table1.rst"),
    log:
        logs("table_qu_yang_1"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("table_qu_yang_1"),
        source=SOURCE_NOTE,
        formats=TABLE_FORMATS,
    script:
        RULE_SCRIPT


rule table_qu_yang_2_3:
    input:
        estimates=expand(f"{QY_EST}/{{model}}.json", model=THRESHOLD_MODELS),
        tests=expand(f"{QY_EST}/{{model}}_threshold_tests.json", model=THRESHOLD_MODELS),
    output:
        **qy_table_files(
            ["table2", "table2_vs_paper", "table3", "table3_vs_paper"], "../report/qy_tables23.rst"
        ),
    log:
        logs("table_qu_yang_2_3"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("table_qu_yang_2_3"),
        source=SOURCE_NOTE,
        formats=TABLE_FORMATS,
    script:
        RULE_SCRIPT


# Tables 4 and 5: export markets of manufactures from each input-output table (ICIO route) and
# the sector costs of Table 5 (simulated on the default route).
if TABLE4 is not None:

    rule qu_yang_export_markets:
        input:
            table=lambda w: ICIO_STORE.tables[w.key],
        output:
            exports=f"{STORE}/icio/{{key}}/export_markets.parquet",
        log:
            logs("qu_yang_export_markets", "{key}"),
        wildcard_constraints:
            key=r"[\w.-]+",
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("export_markets_year"),
            adapter=ICIO["adapter"],
            manufacturing=ICIO["manufacturing"],
            strict=lambda w: is_checked(w.key),
            registry="data/sources.csv",
        script:
            RULE_SCRIPT


if TABLE5 is not None and TABLE5["source"] == "simulate":

    rule simulate_sector_costs:
        output:
            costs=f"{W}/raw/qu_yang_2023/sector_costs.csv",
            dgp=f"{W}/raw/qu_yang_2023/sector_costs_dgp.json",
        log:
            logs("simulate_sector_costs"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("simulate_sector_costs"),
            seed=lookup(dpath="seed", within=config),
            year=lookup(dpath="qu_yang_2023/table5/year", within=config),
        script:
            RULE_SCRIPT


# Qu & Yang Tables 4 and 5 (section 6): built where their inputs exist, otherwise skipped with
# the reason, which the master document and its log state.
QY_EXHIBIT_TABLES = []
QY_EXHIBIT_FILES = []
# (`if … is None` rather than `else:` after a rule: snakefmt cannot parse an `else` that follows one)
QY_SKIPPED = {}
if TABLE4 is None:
    QY_SKIPPED["Qu and Yang (2023) Table 4"] = (
        "needs world input-output tables (country_panel.route: icio); this route has none"
    )
if TABLE5 is None:
    QY_SKIPPED["Qu and Yang (2023) Table 5"] = (
        "needs sector value added, labour, energy and tax costs (qu_yang_2023.table5: a CSV in the"
        " layout of gvcpanel.sources.sector_costs and/or the WIOD Socio-Economic Accounts)"
    )
if TABLE4 is not None:

    rule table_qu_yang_4:
        input:
            exports=[ICIO_STORE.product("export_markets", y) for y in TABLE4.get("years", YEARS)],
        output:
            **qy_table_files(["table4", "table4_vs_paper"], "../report/qy_table4.rst"),
            shares=f"{QY_EST}/table4_markets.csv",
        log:
            logs("table_qu_yang_4"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("table_qu_yang_4"),
            emerging=TABLE4["emerging"],
            adapter=PANEL["icio"]["adapter"],
            manufacturing=PANEL["icio"]["manufacturing"],
            formats=TABLE_FORMATS,
        script:
            RULE_SCRIPT

    QY_EXHIBIT_TABLES += [
        rules.table_qu_yang_4.output.table4_tex,
        rules.table_qu_yang_4.output.table4_vs_paper_tex,
    ]
    QY_EXHIBIT_FILES += [f for k, f in rules.table_qu_yang_4.output.items() if k != "shares"]


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
        log:
            logs("table_qu_yang_5"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("table_qu_yang_5"),
            year=TABLE5["year"],
            failures=f"{W}/validation/failures/table5_inputs.csv",
            spec=TABLE5,
            seed=lookup(dpath="seed", within=config),
            formats=TABLE_FORMATS,
        script:
            RULE_SCRIPT

    QY_EXHIBIT_TABLES += [
        rules.table_qu_yang_5.output.table5_tex,
        rules.table_qu_yang_5.output.table5_vs_paper_tex,
    ]
    QY_EXHIBIT_FILES += [f for k, f in rules.table_qu_yang_5.output.items() if k != "ratios"]


rule figure_qu_yang_lr_curves:
    input:
        curves=expand(f"{QY_EST}/{{model}}_lr_curve.csv", model=THRESHOLD_MODELS),
        estimates=expand(f"{QY_EST}/{{model}}.json", model=THRESHOLD_MODELS),
    output:
        png=exhibit(
            f"{W}/figures/qu_yang_2023/lr_curves.png",
            "../report/qy_lr_curves.rst",
            "Qu and Yang (2023)",
            "Figures",
            title="LR curves of eqs (19) and (20)",
        ),
        pdf=f"{W}/figures/qu_yang_2023/lr_curves.pdf",
    log:
        logs("figure_qu_yang_lr_curves"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("figure_qu_yang_lr_curves"),
    script:
        RULE_SCRIPT


# Figures 1 and 2 (country panel) and Figure 3 (the model of section 6.1).
QY_FIGURES = [f"{QY_FIG}/figure{k}.{ext}" for k in (1, 2, 3) for ext in ("png", "pdf")]


rule figures_qu_yang_1_2:
    input:
        panel=rules.build_country_panel.output.panel,
    output:
        figure1=[
            exhibit(
                f"{QY_FIG}/figure1.png",
                "../report/qy_figures.rst",
                "Qu and Yang (2023)",
                "Figures",
            ),
            f"{QY_FIG}/figure1.pdf",
        ],
        figure2=[
            exhibit(
                f"{QY_FIG}/figure2.png",
                "../report/qy_figures.rst",
                "Qu and Yang (2023)",
                "Figures",
            ),
            f"{QY_FIG}/figure2.pdf",
        ],
    log:
        logs("figures_qu_yang_1_2"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("figures_qu_yang"),
    script:
        RULE_SCRIPT


rule figure_qu_yang_3:
    output:
        png=exhibit(
            f"{QY_FIG}/figure3.png",
            "../report/qy_figures.rst",
            "Qu and Yang (2023)",
            "Figures",
        ),
        pdf=f"{QY_FIG}/figure3.pdf",
    log:
        logs("figure_qu_yang_3"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("figure_qu_yang_3"),
    script:
        RULE_SCRIPT


# What the master document inputs, and every file of this study that rule `publish` publishes
QY_TABLES = [
    rules.table_qu_yang_1.output.table1_tex,
    rules.table_qu_yang_1.output.table1_vs_paper_tex,
    rules.table_qu_yang_2_3.output.table2_tex,
    rules.table_qu_yang_2_3.output.table2_vs_paper_tex,
    rules.table_qu_yang_2_3.output.table3_tex,
    rules.table_qu_yang_2_3.output.table3_vs_paper_tex,
    *QY_EXHIBIT_TABLES,
]
QY_DELIVERABLES = [
    *rules.table_qu_yang_1.output,
    *rules.table_qu_yang_2_3.output,
    *QY_EXHIBIT_FILES,
    rules.figure_qu_yang_lr_curves.output.png,
    QY_FIGURES,
]
