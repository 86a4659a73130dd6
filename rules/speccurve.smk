# Specification curve (WIOD / ICIO route): eqs (16), (17) and the single threshold re-estimated
# over a grid of construction choices, one job per specification; figure, table and report.

SC = config.get("speccurve") or {}
SPECCURVE = []
if SC.get("enabled") and PANEL["route"] == "icio":
    from gvcpanel.construct.gvcp import needs_kww
    from gvcpanel.papers.qu_yang_2023.speccurve import build_grid, distinct

    SC_DIR = f"{W}/speccurve"
    SC_GRID = build_grid(SC)
    # the specifications estimated: no design duplicates (speccurve.EQUIVALENCES)
    SC_SPECS = {s["id"]: s for s in distinct(SC_GRID)}
    SC_SPAN = [int(y) for s in SC_SPECS.values() for y in s["years"].split("-")]
    SC_YEARS = list(range(min(SC_SPAN), max(SC_SPAN) + 1))
    SPECCURVE = [f"{SC_DIR}/speccurve.png", f"{W}/report/replication.md"]
    # the KWW terms of every year (rules/decompositions.smk), when a specification's GVCP reads them
    SC_KWW = [
        decomposition("kww", y)
        for y in SC_YEARS
        if any(needs_kww(s["gvcp"]) for s in SC_SPECS.values())
    ]

    rule speccurve_icio_year:
        input:
            table=lambda w: ICIO_STORE.tables[w.key],
        output:
            variants=f"{STORE}/icio/{{key}}/speccurve_variants.parquet",
        log:
            logs("speccurve_icio_year", "{key}"),
        wildcard_constraints:
            key=r"[\w.-]+",
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=4096,
            runtime=15,
        params:
            **runs("speccurve_icio_year"),
            adapter=ICIO["adapter"],
            manufacturing=ICIO["manufacturing"],
            strict=lambda w: is_checked(w.key),
            registry="data/sources.csv",
        script:
            RULE_SCRIPT

    rule speccurve_base:
        input:
            variants=[ICIO_STORE.product("speccurve_variants", y) for y in SC_YEARS],
            kww=SC_KWW,
            observations=expand(f"{W}/intermediate/country/{{name}}.parquet", name=COUNTRY_INPUTS),
        output:
            base=f"{SC_DIR}/base_panel.parquet",
        log:
            logs("speccurve_base"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("speccurve_base"),
            names=list(COUNTRY_INPUTS),
            paths={k: v["path"] for k, v in COUNTRY_INPUTS.items()},
            components=PANEL["components"],
            years=SC_YEARS,
        script:
            RULE_SCRIPT

    rule speccurve_spec:
        input:
            base=rules.speccurve_base.output.base,
        output:
            rows=f"{SC_DIR}/specs/{{spec}}.csv",
        log:
            logs("speccurve_spec", "{spec}"),
        wildcard_constraints:
            spec="|".join(SC_SPECS),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("speccurve_spec"),
            spec=lambda w: SC_SPECS[w.spec],
            country_sets=SC["country_sets"],
            models={m: QY["models"][m] for m in ("eq16", "eq17")},
            threshold_model=QY["threshold_models"]["eq19"],
            threshold=QY["threshold"]
            | {"reps": SC["reps"], "grid": SC["grid"], "bootstrap": SC["bootstrap"]},
            inference=QY["inference"],
            seed=config["seed"],
        script:
            RULE_SCRIPT

    rule speccurve_figure:
        input:
            rows=expand(f"{SC_DIR}/specs/{{spec}}.csv", spec=SC_SPECS),
        output:
            png=f"{SC_DIR}/speccurve.png",
            estimates=f"{SC_DIR}/estimates.csv",
            moves=f"{SC_DIR}/moves_most.csv",
            report=f"{W}/report/replication.md",
        log:
            logs("speccurve_figure"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("speccurve_figure"),
            specs=SC_GRID,
            inference=QY["inference"],
        script:
            RULE_SCRIPT
