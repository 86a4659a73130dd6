"""Rule adapter: Liu's Figures 14–17 (PNG and PDF)."""

from pathlib import Path

import pandas as pd

from gvcpanel.logs import rule_logging
from gvcpanel.report.figures import liu_figure14, liu_figure15, liu_figure16, liu_figure17

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "figures_liu"):
    panel = pd.read_parquet(sm.input.panel)
    out = Path(sm.output.figures[0]).parent
    group = sm.params.group
    liu_figure14(panel, out / "figure14", group=group)
    liu_figure15(panel, out / "figure15", group=group)
    liu_figure16(panel, out / "figure16", group=group)
    liu_figure17(pd.read_parquet(sm.input.changes_span), out / "figure17", group=group)
