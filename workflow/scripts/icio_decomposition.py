"""Rule adapter: one input-output table → one decomposition (Leontief, KWW or WWZ) as Parquet."""

from gvcpanel.construct.decompose import decompose
from gvcpanel.errors import DataError
from gvcpanel.io import write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.sources.adapters import adapter
from gvcpanel.sources.registry import read_registry, verify

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    verify(sm.input.table, read_registry(sm.params.registry), sm.params.strict, log)
    table = adapter(sm.params.adapter).read(sm.input.table)
    if table.year != int(sm.wildcards.year):
        raise DataError(sm.input.table, f"the table of {sm.wildcards.year}", [table.year])
    frame = decompose(table, sm.wildcards.method)
    log.info("%s: %s, %d rows; terms add up", sm.input.table, sm.wildcards.method, len(frame))
    write_parquet(sm.output.table, frame)
