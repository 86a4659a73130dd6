"""Rule adapter: structural checks, id links, 2003 concordance and audited cleaning rules."""

from gvcpanel.logs import rule_logging
from gvcpanel.sources.asif import ingest_firms

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "ingest_firms") as log:
    report = ingest_firms(
        sm.input.firms,
        sm.output.firms,
        sm.output.audit,
        sm.params.rules,
        column_map=sm.params.column_map,
        concordance=sm.input.get("concordance"),
        id_links=sm.input.get("id_links"),
        threads=sm.threads,
    )
    log.info("%s", report)
