"""Rule adapter: one input-output table → exports, value added, FVA, DVX, ω, μ, υ per country."""

from gvcpanel.io import write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.speccurve import icio_variants
from gvcpanel.sources.adapters import adapter
from gvcpanel.sources.registry import read_registry, verify

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    verify(sm.input.table, read_registry(sm.params.registry), sm.params.strict, log)
    table = adapter(sm.params.adapter).read(sm.input.table)
    variants = icio_variants(table, sm.params.manufacturing)
    log.info("%s: %d countries", sm.input.table, len(variants))
    write_parquet(sm.output.variants, variants)
