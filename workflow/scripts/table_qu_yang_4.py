"""Rule adapter: Qu & Yang Table 4 (market shares, global HHI) and its paper-vs-run version,
as LaTeX and HTML."""

import pandas as pd

from gvcpanel.construct.export_markets import concentration_table, market_shares
from gvcpanel.io import write_csv
from gvcpanel.logs import rule_logging
from gvcpanel.report.latex import write_table
from gvcpanel.report.qu_yang_exhibits import (
    TABLE4_COUNTRIES,
    table4,
    table4_source,
    table4_vs_paper,
)

sm = snakemake  # noqa: F821  (injected by Snakemake)
source = table4_source(sm.params.adapter, sm.params.manufacturing)

with rule_logging(sm):
    shares = market_shares(pd.concat([pd.read_parquet(p) for p in sm.input.exports]))
    conc = concentration_table(shares, list(TABLE4_COUNTRIES), sm.params.emerging)
    write_csv(sm.output.shares, conc.reset_index(), float_format="%.10g")
    out, emerging = sm.output, sm.params.emerging
    write_table(table4(conc, emerging, source), out.table, out.table_html)
    write_table(table4_vs_paper(conc, emerging, source), out.vs_paper, out.vs_paper_html)
