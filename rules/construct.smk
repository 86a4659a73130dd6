# Construct stage: assemble the components the configuration maps from the raw inputs, apply the
# paper's formulas, validate the country panel and write its audit trail.


ICIO_YEARS = [ICIO_STORE.product("indicators", y) for y in YEARS] if PANEL["route"] == "icio" else []
# What the panel construction reads of country_panel (not its label, source notes or checksums)
PANEL_SPEC = {
    key: PANEL[key]
    for key in ("countries", "years", "allow_gaps", "route", "components", "icio")
    if key in PANEL
} | {"inputs": {n: {"path": s["path"], "layout": s["layout"]} for n, s in COUNTRY_INPUTS.items()}}
# The WIOD 2016 cross-check is optional: it runs when its file is in data_dir, else it is skipped
# and icio_validation.md says so in one line.
CROSSCHECK = (PANEL.get("icio") or {}).get("crosscheck_dva")
CROSSCHECK_INPUT = CROSSCHECK if CROSSCHECK and Path(CROSSCHECK).is_file() else []


rule build_country_panel:
    input:
        observations=expand(
            f"{W}/intermediate/country/{{name}}.parquet", name=COUNTRY_INPUTS
        ),
        icio=ICIO_YEARS if PANEL["route"] == "icio" else [],
    output:
        panel=f"{W}/data/country_panel.parquet",
        components=f"{W}/data/country_components.parquet",
        lineage=report(f"{W}/audit/country_lineage.csv", caption="../report/lineage.rst", category="Data and validation", subcategory="Audit"),
        audit=report(f"{W}/audit/country_panel.json", caption="../report/audit.rst", category="Data and validation", subcategory="Audit"),
    params:
        panel=PANEL_SPEC,
        names=list(COUNTRY_INPUTS),
        icio_files=[PANEL["icio"]["path"].format(year=y) for y in YEARS]
        if PANEL["route"] == "icio"
        else [],
        accept_outliers=lookup(dpath="country_panel/accept_outliers", within=config),
        failures=f"{W}/validation/failures/country_panel.csv",
        code=code("build_country_panel.py"),
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{LOGS}/build_country_panel.log",
    conda:
        ENV
    threads: 1
    script:
        "../workflow/scripts/build_country_panel.py"


rule validation_report:
    input:
        inputs=expand(f"{W}/validation/inputs/{{name}}.json", name=COUNTRY_INPUTS),
        audit=rules.build_country_panel.output.audit,
    output:
        report=report(f"{W}/validation/report.md", caption="../report/validation.rst", category="Data and validation", subcategory="Validation"),
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        code=code("validation_report.py"),
    log:
        f"{LOGS}/validation_report.log",
    conda:
        ENV
    threads: 1
    script:
        "../workflow/scripts/validation_report.py"


if PANEL["route"] == "icio":

    rule icio_validation:
        input:
            icio=ICIO_YEARS,
            crosscheck=CROSSCHECK_INPUT,
        output:
            table=f"{W}/validation/icio_validation.csv",
            report=report(f"{W}/validation/icio_validation.md", caption="../report/icio_validation.rst", category="Data and validation", subcategory="Validation"),
        params:
            countries=lookup(dpath="country_panel/countries", within=config),
            crosscheck=CROSSCHECK or "",
            code=code("icio_comparison.py"),
        resources:
            mem_mb=1000,
            runtime=10,
        log:
            f"{LOGS}/icio_validation.log",
        conda:
            ENV
        threads: 1
        script:
            "../workflow/scripts/icio_comparison.py"


if LIU:
    LIU_EST = f"{W}/estimates/liu_2013"

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
        params:
            span=lookup(dpath="liu_2013/span", within=config),
            group=lookup(dpath="liu_2013/group", within=config),
            code=code("liu_industry_panel.py"),
        resources:
            mem_mb=3000,
            runtime=20,
        log:
            f"{LOGS}/liu_industry_panel.log",
        conda:
            ENV
        threads: 2
        script:
            "../workflow/scripts/liu_industry_panel.py"
