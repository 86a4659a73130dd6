# Liu (2013): the firm extract (simulated by default) ingested and cleaned, the industry panel and
# the summary tables, the convergence regressions of eq. (63), the optional firm-level threshold
# model, Tables 1-8 and A1 in every format of `report.table_formats`, and Figures 1-17.
from gvcpanel.papers.liu_2013 import TABLES as LIU_TABLE_NUMBERS, paper_specs

LIU_EST = f"{W}/estimates/liu_2013"


if LIU:
    FIRMS = LIU["firms"]
    if FIRMS["source"] == "simulate":
        LIU_RAW = {
            "firms": f"{W}/raw/asif/asif_firms.parquet",
            "concordance": f"{W}/raw/asif/cic_concordance_2003.csv",
            "id_links": f"{W}/raw/asif/firm_id_links.csv",
            "wage_index": f"{W}/raw/asif/wage_index.csv",
        }

        rule simulate_firms:
            output:
                **LIU_RAW,
                industries=f"{W}/raw/asif/industries.csv",
                dgp=f"{W}/raw/asif/dgp.json",
            log:
                logs("simulate_firms"),
            conda:
                ENV
            threads: 1
            resources:
                mem_mb=4000,
                runtime=20,
            params:
                **runs("simulate_firms"),
                scale=lookup(dpath="liu_2013/firms/scale", within=config),
                seed=lookup(dpath="seed", within=config),
            script:
                RULE_SCRIPT

    else:
        LIU_RAW = FIRMS["files"]

    rule ingest_firms:
        input:
            **LIU_RAW,
        output:
            firms=f"{W}/data/firm_panel.parquet",
            audit=exhibit(
                f"{W}/audit/firm_cleaning.csv",
                "../report/firm_cleaning.rst",
                "Liu (2013)",
                "Audit",
                title="Firm cleaning: rows dropped by rule and year",
            ),
            rows=f"{W}/audit/firm_rows.parquet",
        log:
            logs("ingest_firms"),
        conda:
            ENV
        threads: 2
        resources:
            mem_mb=4000,
            runtime=20,
        params:
            **runs("ingest_firms"),
            rules=lookup(dpath="liu_2013/cleaning", within=config),
            column_map=lookup(dpath="liu_2013/column_map", within=config),
            group=lookup(dpath="liu_2013/group", within=config),
            span=lookup(dpath="liu_2013/span", within=config),
        script:
            RULE_SCRIPT


if LIU:

    rule liu_industry_panel:
        input:
            firms=rules.ingest_firms.output.firms,
        output:
            panel=f"{W}/data/industry_panel.parquet",
            changes_1y=f"{W}/data/industry_changes_1y.parquet",
            changes_span=f"{W}/data/industry_changes_whole_span.parquet",
            table1=f"{LIU_EST}/summary_table1.csv",
            table2=f"{LIU_EST}/summary_table2.csv",
            tableA1=f"{LIU_EST}/summary_tableA1.csv",
        log:
            logs("liu_industry_panel"),
        conda:
            ENV
        threads: 2
        resources:
            mem_mb=3000,
            runtime=20,
        params:
            **runs("liu_industry_panel"),
            span=lookup(dpath="liu_2013/span", within=config),
            group=lookup(dpath="liu_2013/group", within=config),
        script:
            RULE_SCRIPT


if LIU:
    LIU_SPECS = paper_specs(LIU["group"])

    rule estimate_liu:
        input:
            panel=rules.liu_industry_panel.output.panel,
            wage_index=LIU_RAW["wage_index"],
        output:
            estimates=[f"{LIU_EST}/{spec['name']}.json" for spec in LIU_SPECS],
        log:
            logs("estimate_liu"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=2000,
            runtime=20,
        params:
            **runs("estimate_liu"),
            specs=LIU_SPECS,
            seed=lookup(dpath="seed", within=config),
        script:
            RULE_SCRIPT


LIU_TM = LIU["threshold_model"] if LIU else {"enabled": False}
LIU_THRESHOLD = []
if LIU_TM["enabled"]:
    LIU_TM_SHARD = f"{LIU_EST}/bootstrap/firm_threshold_{{shard}}of{LIU_TM['shards']}.json"
    LIU_THRESHOLD = [f"{LIU_EST}/firm_threshold.json", f"{LIU_EST}/firm_threshold_tests.json"]

    rule liu_firm_threshold_shard:
        input:
            firms=rules.ingest_firms.output.firms,
        output:
            stats=LIU_TM_SHARD,
        log:
            logs("liu_firm_threshold_shard", f"{{shard}}of{LIU_TM['shards']}"),
        benchmark:
            benchmarks("liu_firm_threshold_shard", f"{{shard}}of{LIU_TM['shards']}")
        wildcard_constraints:
            shard=r"\d+",
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=3000,
            runtime=60,
        params:
            **runs("liu_firm_threshold"),
            cfg=LIU_TM,
            group=LIU_TM["group"],
            seed=lookup(dpath="seed", within=config),
        script:
            RULE_SCRIPT

    rule liu_firm_threshold:
        input:
            firms=rules.ingest_firms.output.firms,
            shards=(
                expand(LIU_TM_SHARD, shard=range(LIU_TM["shards"])) if LIU_TM["shards"] > 1 else []
            ),
        output:
            estimates=LIU_THRESHOLD[0],
            tests=LIU_THRESHOLD[1],
            summary=f"{LIU_EST}/firm_threshold_summary.txt",
        log:
            logs("liu_firm_threshold"),
        benchmark:
            benchmarks("liu_firm_threshold")
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=3000,
            runtime=60,
        params:
            **runs("liu_firm_threshold"),
            cfg=LIU_TM,
            group=LIU_TM["group"],
            seed=lookup(dpath="seed", within=config),
        script:
            RULE_SCRIPT


LIU_STEMS = [f"table{k}{suffix}" for k in LIU_TABLE_NUMBERS for suffix in ("", "_vs_paper")]
LIU_FILES = table_files(f"{W}/tables/liu_2013", LIU_STEMS, "../report/liu_tables.rst", "Liu (2013)")
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
        log:
            logs("tables_liu"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("tables_liu"),
            source=(
                "gvcpanel synthetic ASIF-style firm panel (seed {seed}, scale {scale})".format(
                    seed=lookup(dpath="seed", within=config), scale=LIU["firms"].get("scale")
                )
                if LIU["firms"]["source"] == "simulate"
                else f"ASIF extract: {LIU['firms']['files']['firms']}"
            ),
            formats=TABLE_FORMATS,
        script:
            RULE_SCRIPT


LIU_FIGURES = [
    f"{W}/figures/liu_2013/figure{k}.{ext}" for k in (14, 15, 16, 17) for ext in ("png", "pdf")
]

if LIU:

    rule figures_liu:
        input:
            panel=rules.liu_industry_panel.output.panel,
            changes_span=rules.liu_industry_panel.output.changes_span,
        output:
            figures=[
                (
                    exhibit(
                        f,
                        "../report/liu_figures.rst",
                        "Liu (2013)",
                        "Figures",
                    )
                    if f.endswith(".png")
                    else f
                )
                for f in LIU_FIGURES
            ],
        log:
            logs("figures_liu"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("figures_liu"),
            group=LIU["group"],
        script:
            RULE_SCRIPT


LIU_THEORY = f"{W}/figures/liu_2013/theory"

if LIU:

    rule figures_liu_theory:
        output:
            figures=[
                (
                    exhibit(
                        f"{LIU_THEORY}/figure{k}.png",
                        "../report/liu_theory.rst",
                        "Liu (2013)",
                        "Theory figures",
                    )
                    if ext == "png"
                    else f"{LIU_THEORY}/figure{k}.{ext}"
                )
                for k in range(1, 14)
                for ext in ("png", "pdf")
            ],
            captions=f"{LIU_THEORY}/captions.md",
        log:
            logs("figures_liu_theory"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("figures_liu_theory"),
        script:
            RULE_SCRIPT


# Every file of this study that rule `publish` publishes
LIU_DELIVERABLES = (
    [*LIU_FILES.values(), LIU_FIGURES, rules.figures_liu_theory.output, LIU_THRESHOLD]
    if LIU
    else []
)
