"""Rule adapter: Qu & Yang Tables 2 (threshold tests) and 3 (threshold slopes), with vs-paper."""

from pathlib import Path

from gvcpanel.estimate.threshold import ThresholdTests
from gvcpanel.estimate.tidy import Estimates
from gvcpanel.io import write_text
from gvcpanel.logs import rule_logging
from gvcpanel.report.qu_yang import table2, table2_vs_paper, table3, table3_vs_paper

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "tables_2_3"):
    estimates = {Path(p).stem: Estimates.read(p) for p in sm.input.estimates}
    for est in estimates.values():  # the data source and sample notes, for the table notes
        est.extra |= sm.params.source
    tests = {
        Path(p).name.removesuffix("_threshold_tests.json"): ThresholdTests.read(p)
        for p in sm.input.tests
    }
    for doc in tests.values():
        doc.source = doc.source | sm.params.source
    write_text(sm.output.table2, table2(tests))
    write_text(sm.output.table2_vs_paper, table2_vs_paper(tests))
    write_text(sm.output.table3, table3(estimates))
    write_text(sm.output.table3_vs_paper, table3_vs_paper(estimates))
