"""Rule adapter: Liu's theory Figures 1–13 (PNG and PDF) and their caption file."""

from pathlib import Path

from gvcpanel.logs import rule_logging
from gvcpanel.papers.liu_2013.theory_figures import write_theory_figures

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    written = write_theory_figures(Path(sm.output.captions).parent)
    log.info("wrote %d files", len(written))
