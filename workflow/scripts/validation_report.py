"""Rule adapter: collect the input checks and the panel audit into one Markdown report."""

import json
from pathlib import Path

from gvcpanel.io import write_text
from gvcpanel.logs import rule_logging
from gvcpanel.report.validation import validation_markdown

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    inputs = [json.loads(Path(p).read_text(encoding="utf-8")) for p in sm.input.inputs]
    audit = json.loads(Path(sm.input.audit).read_text(encoding="utf-8"))
    write_text(sm.output.report, validation_markdown(inputs, audit))
