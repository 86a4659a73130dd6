# Data stage: read each raw input in its publisher's layout, validate it, compare its checksum with
# the data-source registry, and store its long observations.

COUNTRY_INPUTS = config["country_panel"]["inputs"]


rule ingest_country_input:
    input:
        raw=lambda w: COUNTRY_INPUTS[w.name]["path"],
        registry="data/sources.csv",
    output:
        observations=f"{R}/intermediate/country/{{name}}.parquet",
        summary=f"{R}/validation/inputs/{{name}}.json",
    params:
        layout=lambda w: COUNTRY_INPUTS[w.name]["layout"],
        strict=config["country_panel"]["strict_checksums"],
        failures=lambda w: f"{R}/validation/failures/{w.name}.csv",
    log:
        f"{R}/logs/ingest_country_input/{{name}}.log",
    conda:
        ENV
    wildcard_constraints:
        name="|".join(COUNTRY_INPUTS),
    script:
        "../workflow/scripts/ingest_country_input.py"
