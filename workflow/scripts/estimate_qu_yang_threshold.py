"""Rule adapter: eq. (19) or (20) threshold model — one bootstrap shard (rule
``estimate_qu_yang_threshold_shard``: its F* statistics) or the fit with the bootstrap tests run
here or merged from the shards (estimates, tests, LR curve, summary)."""

import json
import sys
from pathlib import Path

import pandas as pd

from gvcpanel.estimate.threshold.bootstrap import merge_records, shard_record
from gvcpanel.io import write_csv, write_exact_json, write_text
from gvcpanel.logs import DETAIL, rule_logging
from gvcpanel.papers.qu_yang_2023.models import fit_shard, fit_threshold

sm = snakemake  # noqa: F821  (injected by Snakemake)
model = sm.wildcards.model
setup = (sm.params.spec, sm.params.threshold, sm.params.options, sm.params.seed)
is_shard = sm.rule == "estimate_qu_yang_threshold_shard"

with rule_logging(sm) as log:
    panel = pd.read_parquet(sm.input.panel)
    if is_shard:
        shard, shards = int(sm.wildcards.shard), sm.params.shards
        stats = fit_shard(panel, model, *setup, shard, shards)
        log.info(
            "%s shard %d of %d: %s", model, shard, shards, {k: len(v) for k, v in stats.items()}
        )
        write_exact_json(sm.output.stats, shard_record(stats, shard, shards))
    else:
        records = [json.loads(Path(f).read_text()) for f in sm.input.shards]
        est, tests, curve, summary = fit_threshold(
            panel,
            model,
            *setup,
            progress=sys.stderr.isatty(),
            boot_stats=merge_records(records) if records else None,
        )
        phi = ", ".join(f"{t.threshold:.4f}" for t in tests.tests)
        log.info("%s: thresholds %s (the summary is in the log file)", model, phi)
        log.info("%s\n%s", model, summary, extra=DETAIL)
        est.write(sm.output.estimates)
        tests.write(sm.output.tests)
        write_csv(sm.output.lr_curve, curve, exact=["threshold"])
        write_text(sm.output.summary, summary)
