"""Rule adapter: structural checks, id links, 2003 concordance, audited cleaning rules and the
plausibility screens (units, finite values, industry codes, the configured group and span)."""

import pyarrow.compute as pc
import pyarrow.parquet as pq

from gvcpanel.logs import DETAIL, rule_logging
from gvcpanel.sources.asif import check_wage_index, ingest_firms

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    check_wage_index(sm.input.wage_index)  # before the extract: a bad value stops here, not later
    report = ingest_firms(
        sm.input.firms,
        sm.output.firms,
        sm.output.audit,
        sm.params.rules,
        column_map=sm.params.column_map,
        concordance=sm.input.get("concordance"),
        id_links=sm.input.get("id_links"),
        rows_path=sm.output.rows,
        threads=sm.threads,
        group=sm.params.group,
        span=sm.params.span,
    )
    log.info(
        "firm extract: %d rows, %d kept (%d re-coded, %d re-linked) in %.1f s",
        report.rows_in, report.rows_out, report.recoded_cic4, report.relinked_ids, report.seconds,
    )  # fmt: skip
    log.info("%s", report, extra=DETAIL)
    years = pc.unique(pq.read_table(sm.output.firms, columns=["year"])["year"]).to_pylist()
    check_wage_index(sm.input.wage_index, years)
