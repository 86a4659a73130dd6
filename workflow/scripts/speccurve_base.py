"""Rule adapter: ICIO variants and KWW terms of every year + WDI series of every table country →
base panel."""

from pathlib import Path

import pandas as pd

from gvcpanel.construct.components import Input, assemble
from gvcpanel.io import write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.speccurve import base_panel

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    variants = pd.concat([pd.read_parquet(p) for p in sm.input.variants], ignore_index=True)
    inputs = {
        name: Input(name, Path(sm.params.paths[name]), pd.read_parquet(path))
        for name, path in zip(sm.params.names, sm.input.observations, strict=True)
    }
    countries = sorted(set(variants["iso3"]) - {"ROW"})
    macro, _ = assemble(inputs, sm.params.components, countries, sm.params.years, allow_gaps=True)
    kww_files = list(sm.input.kww)  # the KWW terms of every year, if a specification reads them
    kww = (
        list(zip(sm.params.years, map(pd.read_parquet, kww_files), strict=True))
        if kww_files
        else []
    )
    base = base_panel(variants, macro, kww)
    log.info("base panel: %d rows, %d countries", len(base), base["iso3"].nunique())
    write_parquet(sm.output.base, base)
