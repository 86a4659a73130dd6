"""Rule adapter: industry panel (eq. 62 VR, eq. 64 margins) and the summaries of Tables 1, 2, A1."""

from gvcpanel.io import write_frames
from gvcpanel.logs import rule_logging
from gvcpanel.papers.liu_2013.industry_panel import industry_tables

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    frames = industry_tables(sm.input.firms, span=sm.params.span, group=sm.params.group)
    panel = frames["panel"]
    log.info("industry panel: %d rows; %d-%d", len(panel), panel["year"].min(), panel["year"].max())
    write_frames(frames, dict(sm.output.items()))
