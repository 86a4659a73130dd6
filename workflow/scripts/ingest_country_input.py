"""Rule adapter: read + validate one raw country input, check its registry checksum, store it."""

from pathlib import Path

from gvcpanel.errors import DataError
from gvcpanel.io import write_json, write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.sources.layouts import read_observations
from gvcpanel.sources.registry import check_file, read_registry

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "ingest") as log:
    raw, failures = sm.input.raw, Path(sm.params.failures)
    checksum = check_file(raw, read_registry(sm.input.registry))
    obs = read_observations(sm.params.layout, raw, report=failures)
    failures.unlink(missing_ok=True)
    if checksum.status != "match":
        log.warning(checksum.message())
        if sm.params.strict:
            raise DataError(raw, "sha256 matches data/sources.csv", detail=checksum.message())
    log.info("%s: %d observations, layout %s", raw, len(obs), sm.params.layout)
    write_parquet(sm.output.observations, obs)
    write_json(
        sm.output.summary,
        {
            "input": sm.wildcards.name,
            "file": raw,
            "layout": sm.params.layout,
            "observations": len(obs),
            "countries": int(obs["iso3"].nunique()),
            "years": [int(obs["year"].min()), int(obs["year"].max())],
            "checks": "passed",
            "sha256": checksum.sha256,
            "registry": checksum.status,
        },
    )
