"""Rule adapter: render Qu & Yang Table 1 and its paper-vs-run version from the estimates files,
as LaTeX and HTML."""

from pathlib import Path

from gvcpanel.estimate.tidy import Estimates
from gvcpanel.logs import rule_logging
from gvcpanel.report.latex import write_table
from gvcpanel.report.qu_yang import table1, table1_vs_paper

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    estimates = {Path(p).stem: Estimates.read(p) for p in sm.input.estimates}
    for est in estimates.values():  # the data source and sample notes, for the table notes
        est.extra |= sm.params.source
    write_table(table1(estimates), sm.output.table, sm.output.table_html)
    write_table(table1_vs_paper(estimates), sm.output.vs_paper, sm.output.vs_paper_html)
