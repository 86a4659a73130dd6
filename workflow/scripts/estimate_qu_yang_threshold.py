"""Rule adapter: fit eq. (19) or (20) with bootstrap threshold tests (run here, or merged from
the bootstrap shards); write estimates and tests."""

import json
import sys
from pathlib import Path

import pandas as pd

from gvcpanel.estimate.qu_yang import fit_threshold
from gvcpanel.estimate.threshold.bootstrap import merge_records
from gvcpanel.io import write_csv, write_json, write_text
from gvcpanel.logs import rule_logging

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "threshold", threads=sm.threads) as log:
    records = [json.loads(Path(f).read_text()) for f in sm.input.shards]
    est, tests, curve, summary = fit_threshold(
        pd.read_parquet(sm.input.panel),
        sm.wildcards.model,
        sm.params.spec,
        sm.params.threshold,
        sm.params.options,
        sm.params.seed,
        progress=sys.stderr.isatty(),
        boot_stats=merge_records(records) if records else None,
    )
    log.info("%s\n%s", sm.wildcards.model, summary)
    est.write(sm.output.estimates)
    write_json(sm.output.tests, tests)
    write_csv(sm.output.lr_curve, curve)
    write_text(sm.output.summary, summary)
