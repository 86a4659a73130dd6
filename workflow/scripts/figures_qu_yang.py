"""Rule adapter: Qu & Yang Figures 1 and 2 from the country panel (PNG and PDF)."""

from pathlib import Path

import pandas as pd

from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.figures import qy_figure1, qy_figure2

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    panel = pd.read_parquet(sm.input.panel)
    qy_figure1(panel, Path(sm.output.figure1[0]).with_suffix(""))
    qy_figure2(panel, Path(sm.output.figure2[0]).with_suffix(""))
