"""Rule adapter: Qu & Yang Table 4 (market shares, global HHI) and its paper-vs-run version,
in every configured format."""

from pathlib import Path

import pandas as pd

from gvcpanel.io import write_csv
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.export_markets import concentration_table, market_shares
from gvcpanel.papers.qu_yang_2023.tables_4_5 import (
    TABLE4_COUNTRIES,
    table4,
    table4_source,
    table4_vs_paper,
)
from gvcpanel.report.table import write

sm = snakemake  # noqa: F821  (injected by Snakemake)
source = table4_source(sm.params.adapter, sm.params.manufacturing)

with rule_logging(sm):
    shares = market_shares(pd.concat([pd.read_parquet(p) for p in sm.input.exports]))
    conc = concentration_table(shares, list(TABLE4_COUNTRIES), sm.params.emerging)
    write_csv(sm.output.shares, conc.reset_index(), float_format="%.10g")
    emerging, formats = sm.params.emerging, sm.params.formats
    for stem, table in {
        "table4": table4(conc, emerging, source),
        "table4_vs_paper": table4_vs_paper(conc, emerging, source),
    }.items():
        write(table, Path(sm.output[f"{stem}_tex"]).with_suffix(""), formats)
