"""Rule adapter: industry panel (eq. 62 VR, eq. 64 margins) and the summaries of Tables 1, 2, A1."""

from gvcpanel.construct.decomposition import liu_decomposition
from gvcpanel.construct.liu_panel import (
    industry_panel,
    table1_summary,
    table2_summary,
    tablea1_summary,
)
from gvcpanel.io import write_csv, write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.simulate.firms import read_table_a1

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm.log[0], "industry_panel", threads=sm.threads) as log:
    firms, group = sm.input.firms, sm.params.group
    panel = industry_panel(firms, span=sm.params.span)
    changes_1y = liu_decomposition(firms, span=1)
    first, last = int(panel["year"].min()), int(panel["year"].max())
    changes_span = liu_decomposition(firms, span=last - first, level="cic2")
    log.info("industry panel: %d rows; %d-%d", len(panel), first, last)
    write_parquet(sm.output.panel, panel)
    write_parquet(sm.output.changes_1y, changes_1y)
    write_parquet(sm.output.changes_span, changes_span)
    write_csv(sm.output.table1, table1_summary(firms, group=group))
    write_csv(sm.output.table2, table2_summary(changes_1y, group=group))
    write_csv(sm.output.tableA1, tablea1_summary(firms, read_table_a1(), group=group))
