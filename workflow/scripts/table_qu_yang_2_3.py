"""Rule adapter: Qu & Yang Tables 2 (threshold tests) and 3 (threshold slopes), with their
paper-vs-run versions, in every configured format."""

from pathlib import Path

from gvcpanel.estimate.threshold.tests_table import ThresholdTests
from gvcpanel.estimate.tidy import Estimates
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.table2 import table2, table2_vs_paper
from gvcpanel.papers.qu_yang_2023.tables import table3
from gvcpanel.papers.qu_yang_2023.vs_paper import table3_vs_paper
from gvcpanel.report.table import write

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    estimates = {Path(p).stem: Estimates.read(p) for p in sm.input.estimates}
    tests = {
        Path(p).name.removesuffix("_threshold_tests.json"): ThresholdTests.read(p)
        for p in sm.input.tests
    }
    source, formats = sm.params.source, sm.params.formats
    for stem, table in {
        "table2": table2(tests, source),
        "table2_vs_paper": table2_vs_paper(tests, source),
        "table3": table3(estimates, source),
        "table3_vs_paper": table3_vs_paper(estimates, source),
    }.items():
        write(table, Path(sm.output[f"{stem}_tex"]).with_suffix(""), formats)
