"""Rule adapter: one shard of the bootstrap of eq. (19) or (20); write its F* statistics."""

import pandas as pd

from gvcpanel.estimate.qu_yang import threshold_shard
from gvcpanel.estimate.threshold.bootstrap import shard_record
from gvcpanel.io import write_exact_json
from gvcpanel.logs import rule_logging

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "threshold_shard", threads=sm.threads) as log:
    shard = int(sm.wildcards.shard)
    stats = threshold_shard(
        pd.read_parquet(sm.input.panel),
        sm.wildcards.model,
        sm.params.spec,
        sm.params.threshold,
        sm.params.options,
        sm.params.seed,
        shard,
        sm.params.shards,
    )
    log.info(
        "%s shard %d of %d: %s",
        sm.wildcards.model,
        shard,
        sm.params.shards,
        {k: len(v) for k, v in stats.items()},
    )
    write_exact_json(sm.output.stats, shard_record(stats, shard, sm.params.shards))
