# The shared country data: download registered raw inputs that are missing, read each raw input
# in its publisher's layout, validate it against its registered checksum, account each year's
# input-output table once (ICIO route, in the shared store), and build and validate the country
# panel with its audit trail and validation reports.
import re
from pathlib import Path

from gvcpanel.construct.gvcp import needs_kww
from gvcpanel.sources.registry import remote

# Only registered files that are absent get a download job: a file already in data_dir is a source
# that no rule may ever replace (Snakemake deletes a job's outputs before re-running it). A file
# registered without a download URL (e.g. the optional WIOD 2016 cross-check) gets no job.
DOWNLOADABLE = [
    f.removeprefix("data/raw/")
    for f, entry in REGISTRY.items()
    if f.startswith("data/raw/")
    and entry.url.startswith(("https://", "http://"))
    and not Path(DATA, f.removeprefix("data/raw/")).exists()
]


rule download_raw:
    output:
        file=f"{DATA}/{{file}}",
    log:
        logs("download_raw", "{file}"),
    wildcard_constraints:
        file="|".join(re.escape(f) for f in DOWNLOADABLE) or "^$",
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=30,
    params:
        **runs("download_raw"),
        remote=lambda w: remote(REGISTRY, f"data/raw/{w.file}"),
    script:
        RULE_SCRIPT


rule ingest_country_input:
    input:
        raw=lambda w: COUNTRY_INPUTS[w.name]["path"],
        registry="data/sources.csv",
    output:
        observations=f"{W}/intermediate/country/{{name}}.parquet",
        summary=f"{W}/validation/inputs/{{name}}.json",
    log:
        logs("ingest_country_input", "{name}"),
    wildcard_constraints:
        name="|".join(COUNTRY_INPUTS),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("ingest_country_input"),
        layout=lambda w: COUNTRY_INPUTS[w.name]["layout"],
        strict=lookup(dpath="country_panel/strict_checksums", within=config),
        synthetic=lookup(dpath="country_panel/synthetic", within=config),
        failures=lambda w: f"{W}/validation/failures/{w.name}.csv",
    script:
        RULE_SCRIPT


if PANEL["route"] == "icio":

    rule icio_year:
        input:
            table=lambda w: ICIO_STORE.tables[w.key],
        output:
            indicators=f"{STORE}/icio/{{key}}/indicators.parquet",
        log:
            logs("icio_year", "{key}"),
        wildcard_constraints:
            key=r"[\w.-]+",
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=4096,
            runtime=15,
        params:
            **runs("icio_year"),
            adapter=ICIO["adapter"],
            manufacturing=ICIO["manufacturing"],
            strict=lambda w: is_checked(w.key),
            registry="data/sources.csv",
        script:
            RULE_SCRIPT


ICIO_YEARS = (
    [ICIO_STORE.product("indicators", y) for y in YEARS] if PANEL["route"] == "icio" else []
)
# What the panel construction reads of country_panel (not its label, source notes, checksums or
# the list of decompositions to write)
PANEL_SPEC = (
    {key: PANEL[key] for key in ("countries", "years", "allow_gaps", "route", "components")}
    | (
        {"icio": {k: v for k, v in ICIO.items() if k != "decompositions"}}
        if PANEL["route"] == "icio"
        else {}
    )
    | {"inputs": {n: {"path": s["path"], "layout": s["layout"]} for n, s in COUNTRY_INPUTS.items()}}
)
# The GVCP measure of the ICIO route (country_panel.icio.gvcp); the kww* measures read the KWW
# terms of every year (rules/decompositions.smk)
GVCP_KWW = (
    [decomposition("kww", y) for y in YEARS]
    if PANEL["route"] == "icio" and needs_kww(ICIO["gvcp"])
    else []
)
# The WIOD 2016 cross-check is optional: it runs when its file is in data_dir, else it is skipped
# and icio_validation.md says so in one line.
CROSSCHECK = (PANEL.get("icio") or {}).get("crosscheck_dva")
CROSSCHECK_INPUT = CROSSCHECK if CROSSCHECK and Path(CROSSCHECK).is_file() else []


rule build_country_panel:
    input:
        observations=expand(f"{W}/intermediate/country/{{name}}.parquet", name=COUNTRY_INPUTS),
        icio=ICIO_YEARS if PANEL["route"] == "icio" else [],
        kww=GVCP_KWW,
    output:
        panel=f"{W}/data/country_panel.parquet",
        components=f"{W}/data/country_components.parquet",
        lineage=exhibit(
            f"{W}/audit/country_lineage.csv",
            "../report/lineage.rst",
            "Data and validation",
            "Audit",
            title="Country lineage (every cell of the panel)",
        ),
        audit=exhibit(
            f"{W}/audit/country_panel.json",
            "../report/audit.rst",
            "Data and validation",
            "Audit",
            title="Country panel audit",
        ),
    log:
        logs("build_country_panel"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("build_country_panel"),
        panel=PANEL_SPEC,
        names=list(COUNTRY_INPUTS),
        icio_files=(
            [PANEL["icio"]["path"].format(year=y) for y in YEARS]
            if PANEL["route"] == "icio"
            else []
        ),
        accept_outliers=lookup(dpath="country_panel/accept_outliers", within=config),
        failures=f"{W}/validation/failures/country_panel.csv",
    script:
        RULE_SCRIPT


rule validation_report:
    input:
        inputs=expand(f"{W}/validation/inputs/{{name}}.json", name=COUNTRY_INPUTS),
        audit=rules.build_country_panel.output.audit,
    output:
        report=exhibit(
            f"{W}/validation/report.md",
            "../report/validation.rst",
            "Data and validation",
            "Validation",
            title="Validation report",
        ),
    log:
        logs("validation_report"),
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        **runs("validation_report"),
    script:
        RULE_SCRIPT


if PANEL["route"] == "icio":

    rule icio_validation:
        input:
            icio=ICIO_YEARS,
            crosscheck=CROSSCHECK_INPUT,
        output:
            table=f"{W}/validation/icio_validation.csv",
            report=exhibit(
                f"{W}/validation/icio_validation.md",
                "../report/icio_validation.rst",
                "Data and validation",
                "Validation",
                title="Input-output validation",
            ),
        log:
            logs("icio_validation"),
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        params:
            **runs("icio_comparison"),
            countries=lookup(dpath="country_panel/countries", within=config),
            crosscheck=CROSSCHECK or "",
        script:
            RULE_SCRIPT
