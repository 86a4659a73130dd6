"""Rule adapter: render Qu & Yang Table 1 and its paper-vs-run version from the estimates files."""

from pathlib import Path

from gvcpanel.estimate.tidy import Estimates
from gvcpanel.io import write_text
from gvcpanel.logs import rule_logging
from gvcpanel.report.qu_yang import table1, table1_vs_paper

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "table1"):
    estimates = {Path(p).stem: Estimates.read(p) for p in sm.input.estimates}
    for est in estimates.values():  # the data source and sample notes, for the table notes
        est.extra |= sm.params.source
    write_text(sm.output.table, table1(estimates))
    write_text(sm.output.vs_paper, table1_vs_paper(estimates))
