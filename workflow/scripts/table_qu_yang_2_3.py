"""Rule adapter: Qu & Yang Tables 2 (threshold tests) and 3 (threshold slopes), with vs-paper,
as LaTeX and HTML."""

from pathlib import Path

from gvcpanel.estimate.threshold import ThresholdTests
from gvcpanel.estimate.tidy import Estimates
from gvcpanel.logs import rule_logging
from gvcpanel.report.latex import write_table
from gvcpanel.report.qu_yang import table2, table2_vs_paper, table3, table3_vs_paper

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    estimates = {Path(p).stem: Estimates.read(p) for p in sm.input.estimates}
    for est in estimates.values():  # the data source and sample notes, for the table notes
        est.extra |= sm.params.source
    tests = {
        Path(p).name.removesuffix("_threshold_tests.json"): ThresholdTests.read(p)
        for p in sm.input.tests
    }
    for doc in tests.values():
        doc.source = doc.source | sm.params.source
    out = sm.output
    write_table(table2(tests), out.table2, out.table2_html)
    write_table(table2_vs_paper(tests), out.table2_vs_paper, out.table2_vs_paper_html)
    write_table(table3(estimates), out.table3, out.table3_html)
    write_table(table3_vs_paper(estimates), out.table3_vs_paper, out.table3_vs_paper_html)
