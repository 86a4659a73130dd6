"""Rule adapter: firm-level threshold regression on Liu's panel — one bootstrap shard (shard
wildcard) or the fit with the merged shards (or its own bootstrap with one shard)."""

import json
from pathlib import Path

from gvcpanel.estimate.threshold.bootstrap import merge_records, shard_record
from gvcpanel.io import write_exact_json, write_text
from gvcpanel.logs import DETAIL, rule_logging
from gvcpanel.papers.liu_2013.firm_threshold import (
    firm_threshold_data,
    firm_threshold_shard,
    fit_firm_threshold,
)

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    cfg = sm.params.cfg
    data = firm_threshold_data(sm.input.firms, sm.params.group)
    log.info("firm-years with a t-1 record: %d", len(data))
    if sm.rule == "liu_firm_threshold_shard":
        shard = int(sm.wildcards.shard)
        stats = firm_threshold_shard(data, cfg, sm.params.seed, shard)
        write_exact_json(sm.output.stats, shard_record(stats, shard, cfg["shards"]))
    else:
        records = [json.loads(Path(f).read_text()) for f in sm.input.shards]
        merged = merge_records(records) if records else None
        est, tests, summary = fit_firm_threshold(data, cfg, sm.params.seed, merged)
        phi = ", ".join(f"{t.threshold:.4g}" for t in tests.tests)
        log.info("firm threshold model: thresholds %s (the summary is in the log file)", phi)
        log.info("%s", summary, extra=DETAIL)
        est.write(sm.output.estimates)
        tests.write(sm.output.tests)
        write_text(sm.output.summary, summary)
