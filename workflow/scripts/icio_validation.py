"""Rule adapter: ICIO indicators beside the paper's quoted values and the WIOD 2016 DVA shares."""

import pandas as pd

from gvcpanel.construct.validation import validation_report
from gvcpanel.io import write_csv, write_text
from gvcpanel.logs import rule_logging
from gvcpanel.report.published import load

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "icio_validation") as log:
    indicators = pd.concat([pd.read_parquet(p) for p in sm.input.icio], ignore_index=True)
    configured = sm.config["country_panel"]["icio"].get("crosscheck_dva")
    skipped = configured if configured and not sm.input.crosscheck else None
    if skipped:
        log.info("WIOD 2016 cross-check skipped: %s is not present (optional input)", skipped)
    report = validation_report(
        indicators,
        load("qu_yang_2023"),
        sm.input.crosscheck or None,
        sm.params.countries,
        skipped_crosscheck=skipped,
    )
    write_csv(sm.output.table, report.table)
    write_text(sm.output.report, report.markdown)
