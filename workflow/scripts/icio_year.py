"""Rule adapter: one input-output table → exports, DVA, FVA, DVX, GVCP, ω, μ, υ per country."""

from gvcpanel.construct.icio import year_indicators
from gvcpanel.io import write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.sources.adapters import adapter
from gvcpanel.sources.registry import read_registry, verify

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    verify(sm.input.table, read_registry(sm.params.registry), sm.params.strict, log)
    table = adapter(sm.params.adapter).read(sm.input.table)
    indicators = year_indicators(table, sm.params.manufacturing, file=sm.input.table)
    log.info("%s: %d countries, identity DVA + FVA = E holds", sm.input.table, len(indicators))
    write_parquet(sm.output.indicators, indicators)
