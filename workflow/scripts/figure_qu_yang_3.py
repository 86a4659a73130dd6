"""Rule adapter: Qu & Yang Figure 3, GVC participation scale of the model for N = 7, 20, 50."""

from pathlib import Path

from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.figures import qy_figure3

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    qy_figure3(Path(sm.output.png).with_suffix(""))
