"""Rule adapter: Liu's Figures 14–17 (PNG and PDF)."""

from pathlib import Path

import pandas as pd

from gvcpanel.logs import rule_logging
from gvcpanel.papers.liu_2013.figures import liu_figures

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    liu_figures(
        pd.read_parquet(sm.input.panel),
        pd.read_parquet(sm.input.changes_span),
        Path(sm.output.figures[0]).parent,
        group=sm.params.group,
    )
