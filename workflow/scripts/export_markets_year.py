"""Rule adapter: one input-output table → exports of manufactured intermediates and final goods."""

from gvcpanel.io import write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.export_markets import market_exports
from gvcpanel.sources.adapters import adapter
from gvcpanel.sources.registry import read_registry, verify

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    verify(sm.input.table, read_registry(sm.params.registry), sm.params.strict, log)
    table = adapter(sm.params.adapter).read(sm.input.table)
    exports = market_exports(table, sm.params.manufacturing)
    log.info("%s: export markets of %d origins", sm.input.table, table.n_countries)
    write_parquet(sm.output.exports, exports)
