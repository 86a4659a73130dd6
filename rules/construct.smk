# Construct stage: assemble the components the configuration maps from the raw inputs, apply the
# paper's formulas, validate the country panel and write its audit trail.


rule build_country_panel:
    input:
        observations=expand(
            f"{R}/intermediate/country/{{name}}.parquet", name=COUNTRY_INPUTS
        ),
    output:
        panel=f"{R}/data/country_panel.parquet",
        components=f"{R}/data/country_components.parquet",
        lineage=f"{R}/audit/country_lineage.csv",
        audit=f"{R}/audit/country_panel.json",
    params:
        panel=config["country_panel"],
        names=list(COUNTRY_INPUTS),
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
