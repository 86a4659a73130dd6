# Construct stage: assemble the components the configuration maps from the raw inputs, apply the
# paper's formulas, validate the country panel and write its audit trail.


ICIO_YEARS = expand(f"{R}/intermediate/icio/{{year}}.parquet", year=YEARS)


rule build_country_panel:
    input:
        observations=expand(
            f"{R}/intermediate/country/{{name}}.parquet", name=COUNTRY_INPUTS
        ),
        icio=ICIO_YEARS if PANEL["route"] == "icio" else [],
    output:
        panel=f"{R}/data/country_panel.parquet",
        components=f"{R}/data/country_components.parquet",
        lineage=f"{R}/audit/country_lineage.csv",
        audit=f"{R}/audit/country_panel.json",
    params:
        panel=PANEL,
        names=list(COUNTRY_INPUTS),
        icio_files=[PANEL["icio"]["path"].format(year=y) for y in YEARS]
        if PANEL["route"] == "icio"
        else [],
        failures=f"{R}/validation/failures/country_panel.csv",
    log:
        f"{R}/logs/build_country_panel.log",
    conda:
        ENV
    script:
        "../workflow/scripts/build_country_panel.py"


rule validation_report:
    input:
        inputs=expand(f"{R}/validation/inputs/{{name}}.json", name=COUNTRY_INPUTS),
        audit=rules.build_country_panel.output.audit,
    output:
        report=f"{R}/validation/report.md",
    log:
        f"{R}/logs/validation_report.log",
    conda:
        ENV
    script:
        "../workflow/scripts/validation_report.py"


if PANEL["route"] == "icio":

    rule icio_validation:
        input:
            icio=ICIO_YEARS,
            crosscheck=PANEL["icio"].get("crosscheck_dva", []),
        output:
            table=f"{R}/validation/icio_validation.csv",
            report=f"{R}/validation/icio_validation.md",
        params:
            countries=PANEL["countries"],
        log:
            f"{R}/logs/icio_validation.log",
        conda:
            ENV
        script:
            "../workflow/scripts/icio_validation.py"
