"""Rule adapter: assemble components, construct and validate the country panel, write the audit."""

from pathlib import Path

import pandas as pd

from gvcpanel.construct.components import Input, assemble
from gvcpanel.construct.country_panel import build_country_panel
from gvcpanel.io import write_csv, write_json, write_parquet
from gvcpanel.logs import rule_logging

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "country_panel") as log:
    cfg = sm.params.panel
    first, last = cfg["years"]
    years = list(range(first, last + 1))
    inputs = {
        name: Input(name, Path(cfg["inputs"][name]["path"]), pd.read_parquet(path))
        for name, path in zip(sm.params.names, sm.input.observations, strict=True)
    }
    components, lineage = assemble(
        inputs, cfg["components"], cfg["countries"], years, cfg["allow_gaps"]
    )
    panel, audit = build_country_panel(
        components,
        lineage,
        cfg["countries"],
        years,
        cfg["allow_gaps"],
        file=f"country components ({', '.join(sorted({str(i.path) for i in inputs.values()}))})",
        report=sm.params.failures,
    )
    Path(sm.params.failures).unlink(missing_ok=True)
    log.info("country panel: %d rows, %d countries", len(panel), panel["iso3"].nunique())
    write_parquet(sm.output.components, components)
    write_csv(sm.output.lineage, lineage)
    write_json(sm.output.audit, audit)
    write_parquet(sm.output.panel, panel)
