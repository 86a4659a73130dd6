# Data stage: download registered raw inputs that are missing, read each raw input in its
# publisher's layout, validate it, compare its checksum with the data-source registry, and store its
# long observations; on the ICIO route, account each year's input-output table.
import re
from pathlib import Path

from gvcpanel.sources.icio_store import is_checked
from gvcpanel.sources.registry import remote

# Only registered files that are absent get a download job: a file already in data_dir is a source
# that no rule may ever replace (Snakemake deletes a job's outputs before re-running it). A file
# registered without a download URL (e.g. the optional WIOD 2016 cross-check) gets no job.
DOWNLOADABLE = [
    f.removeprefix("data/raw/")
    for f in REGISTRY.index
    if f.startswith("data/raw/")
    and REGISTRY.at[f, "url"].startswith(("https://", "http://"))
    and not Path(DATA, f.removeprefix("data/raw/")).exists()
]


rule download_raw:
    output:
        file=f"{DATA}/{{file}}",
    params:
        remote=lambda w: remote(REGISTRY, f"data/raw/{w.file}"),
        code=code("download_raw.py"),
    resources:
        mem_mb=1000,
        runtime=30,
    log:
        f"{LOGS}/download_raw/{{file}}.log",
    conda:
        ENV
    wildcard_constraints:
        file="|".join(re.escape(f) for f in DOWNLOADABLE) or "^$",
    threads: 1
    script:
        "../workflow/scripts/download_raw.py"


rule ingest_country_input:
    input:
        raw=lambda w: COUNTRY_INPUTS[w.name]["path"],
        registry="data/sources.csv",
    output:
        observations=f"{W}/intermediate/country/{{name}}.parquet",
        summary=f"{W}/validation/inputs/{{name}}.json",
    params:
        layout=lambda w: COUNTRY_INPUTS[w.name]["layout"],
        strict=lookup(dpath="country_panel/strict_checksums", within=config),
        synthetic=lookup(dpath="country_panel/synthetic", within=config),
        failures=lambda w: f"{W}/validation/failures/{w.name}.csv",
        code=code("ingest_country_input.py"),
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{LOGS}/ingest_country_input/{{name}}.log",
    conda:
        ENV
    wildcard_constraints:
        name="|".join(COUNTRY_INPUTS),
    threads: 1
    script:
        "../workflow/scripts/ingest_country_input.py"


if PANEL["route"] == "icio":
    rule icio_year:
        input:
            table=lambda w: ICIO_STORE.tables[w.key],
        output:
            indicators=f"{STORE}/icio/{{key}}/indicators.parquet",
        params:
            adapter=ICIO["adapter"],
            manufacturing=ICIO["manufacturing"],
            strict=lambda w: is_checked(w.key),
            registry="data/sources.csv",
            code=code("icio_year.py"),
        resources:
            mem_mb=4096,
            runtime=15,
        log:
            f"{LOGS}/icio_year/{{key}}.log",
        conda:
            ENV
        threads: 1
        wildcard_constraints:
            key=r"[\w.-]+",
        script:
            "../workflow/scripts/icio_year.py"


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
            params:
                scale=lookup(dpath="liu_2013/firms/scale", within=config),
                seed=lookup(dpath="seed", within=config),
                code=code("simulate_firms.py"),
            resources:
                mem_mb=4000,
                runtime=20,
            log:
                f"{LOGS}/simulate_firms.log",
            conda:
                ENV
            threads: 1
            script:
                "../workflow/scripts/simulate_firms.py"

    else:
        LIU_RAW = FIRMS["files"]

    rule ingest_firms:
        input:
            **LIU_RAW,
        output:
            firms=f"{W}/data/firm_panel.parquet",
            audit=report(f"{W}/audit/firm_cleaning.csv", caption="../report/firm_cleaning.rst", category="Liu (2013)", subcategory="Audit"),
            rows=f"{W}/audit/firm_rows.parquet",
        params:
            rules=lookup(dpath="liu_2013/cleaning", within=config),
            column_map=lookup(dpath="liu_2013/column_map", within=config),
            group=lookup(dpath="liu_2013/group", within=config),
            span=lookup(dpath="liu_2013/span", within=config),
            code=code("ingest_firms.py"),
        resources:
            mem_mb=4000,
            runtime=20,
        log:
            f"{LOGS}/ingest_firms.log",
        conda:
            ENV
        threads: 2
        script:
            "../workflow/scripts/ingest_firms.py"


# Qu & Yang (2023) Tables 4 and 5: export markets of manufactures from each input-output table
# (ICIO route) and the sector costs of Table 5 (simulated on the default route).

if TABLE4 is not None:

    rule qu_yang_export_markets:
        input:
            table=lambda w: ICIO_STORE.tables[w.key],
        output:
            exports=f"{STORE}/icio/{{key}}/export_markets.parquet",
        params:
            adapter=ICIO["adapter"],
            manufacturing=ICIO["manufacturing"],
            strict=lambda w: is_checked(w.key),
            registry="data/sources.csv",
            code=code("export_markets_year.py"),
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        log:
            f"{LOGS}/qu_yang_export_markets/{{key}}.log",
        conda:
            ENV
        wildcard_constraints:
            key=r"[\w.-]+",
        script:
            "../workflow/scripts/export_markets_year.py"


if TABLE5 is not None and TABLE5["source"] == "simulate":

    rule simulate_sector_costs:
        output:
            costs=f"{W}/raw/qu_yang_2023/sector_costs.csv",
            dgp=f"{W}/raw/qu_yang_2023/sector_costs_dgp.json",
        params:
            seed=lookup(dpath="seed", within=config),
            year=lookup(dpath="qu_yang_2023/table5/year", within=config),
            code=code("simulate_sector_costs.py"),
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        log:
            f"{LOGS}/simulate_sector_costs.log",
        conda:
            ENV
        script:
            "../workflow/scripts/simulate_sector_costs.py"
