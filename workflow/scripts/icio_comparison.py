"""Rule adapter: ICIO indicators beside the paper's quoted values and the WIOD 2016 DVA shares."""

import pandas as pd

from gvcpanel.io import write_csv, write_text
from gvcpanel.logs import rule_logging
from gvcpanel.papers.published import load
from gvcpanel.report.icio_comparison import icio_comparison

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    indicators = pd.concat([pd.read_parquet(p) for p in sm.input.icio], ignore_index=True)
    skipped = sm.params.crosscheck if sm.params.crosscheck and not sm.input.crosscheck else None
    if skipped:
        log.info("WIOD 2016 cross-check skipped: %s is not present (optional input)", skipped)
    report = icio_comparison(
        indicators,
        load("qu_yang_2023"),
        sm.input.crosscheck or None,
        sm.params.countries,
        skipped_crosscheck=skipped,
    )
    write_csv(sm.output.table, report.table)
    write_text(sm.output.report, report.markdown)
