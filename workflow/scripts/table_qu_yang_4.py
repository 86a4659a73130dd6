"""Rule adapter: Qu & Yang Table 4 (market shares, global HHI) and its paper-vs-run version."""

import pandas as pd

from gvcpanel.construct.export_markets import concentration_table, market_shares
from gvcpanel.io import write_csv, write_text
from gvcpanel.logs import rule_logging
from gvcpanel.report.qu_yang_exhibits import (
    TABLE4_COUNTRIES,
    table4,
    table4_source,
    table4_vs_paper,
)

sm = snakemake  # noqa: F821  (injected by Snakemake)
source = table4_source(sm.params.adapter, sm.params.manufacturing)

with rule_logging(sm.log[0], "table4"):
    shares = market_shares(pd.concat([pd.read_parquet(p) for p in sm.input.exports]))
    conc = concentration_table(shares, list(TABLE4_COUNTRIES), sm.params.emerging)
    write_csv(sm.output.shares, conc.reset_index(), float_format="%.10g")
    write_text(sm.output.table, table4(conc, sm.params.emerging, source))
    write_text(sm.output.vs_paper, table4_vs_paper(conc, sm.params.emerging, source))
