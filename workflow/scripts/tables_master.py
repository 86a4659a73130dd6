"""Rule adapter: the master LaTeX document that inputs every table."""

from pathlib import Path

from gvcpanel.logs import rule_logging
from gvcpanel.report.master import write_master

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    for table, reason in sm.params.skipped.items():
        log.warning("%s skipped: %s", table, reason)
    write_master([Path(p) for p in sm.input.tables], Path(sm.output.tex), sm.params.skipped)
