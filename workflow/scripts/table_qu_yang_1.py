"""Rule adapter: Qu & Yang Table 1 and its paper-vs-run version from the estimates files, in
every configured format."""

from pathlib import Path

from gvcpanel.estimate.tidy import Estimates
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.tables import table1
from gvcpanel.papers.qu_yang_2023.vs_paper import table1_vs_paper
from gvcpanel.report.table import write

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    estimates = {Path(p).stem: Estimates.read(p) for p in sm.input.estimates}
    source, formats = sm.params.source, sm.params.formats
    for stem, table in {
        "table1": table1(estimates, source),
        "table1_vs_paper": table1_vs_paper(estimates, source),
    }.items():
        write(table, Path(sm.output[f"{stem}_tex"]).with_suffix(""), formats)
