"""Rule adapter: read + validate one raw country input, check its registry checksum, store it."""

from pathlib import Path

from gvcpanel.io import write_json, write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.schemas.codes import allow_user_assigned
from gvcpanel.sources.layouts import read_observations
from gvcpanel.sources.registry import read_registry, verify

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    raw, failures = sm.input.raw, Path(sm.params.failures)
    failures.unlink(missing_ok=True)  # a report from an earlier run would contradict this one
    checksum = verify(raw, read_registry(sm.input.registry), sm.params.strict, log)
    with allow_user_assigned(sm.params.synthetic):
        obs = read_observations(sm.params.layout, raw, report=failures)
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
            "registry": checksum.report_status(),
        },
    )
