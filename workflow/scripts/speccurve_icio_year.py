"""Rule adapter: one input-output table → both DVX definitions, exports, value added, ω, μ, υ."""

from gvcpanel.io import write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.speccurve import icio_variants
from gvcpanel.sources.oecd_icio import OECDICIOAdapter
from gvcpanel.sources.registry import read_registry, verify
from gvcpanel.sources.wiod import WIOD2013Adapter

sm = snakemake  # noqa: F821  (injected by Snakemake)
ADAPTERS = {"wiod2013": WIOD2013Adapter, "oecd_icio": OECDICIOAdapter}

with rule_logging(sm) as log:
    verify(sm.input.table, read_registry(sm.params.registry), sm.params.strict, log)
    table = ADAPTERS[sm.params.adapter]().read(sm.input.table)
    variants = icio_variants(table, sm.params.manufacturing)
    log.info("%s: %d countries", sm.input.table, len(variants))
    write_parquet(sm.output.variants, variants)
