"""Rule adapter: Liu's Tables 1–8 and A1, each with a paper-vs-run version, in every configured
format."""

from pathlib import Path

import pandas as pd

from gvcpanel.logs import rule_logging
from gvcpanel.papers.liu_2013.summary_tables import (
    read_estimates,
    render_liu_tables,
    write_liu_tables,
)

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    tables = render_liu_tables(
        read_estimates(sm.input.estimates),
        pd.read_csv(sm.input.table1),
        pd.read_csv(sm.input.table2),
        pd.read_csv(sm.input.tableA1),
        sm.params.source,
    )
    expected = {Path(p).stem for p in sm.output}  # each table in every format
    if set(tables) != expected:
        raise ValueError(
            f"rendered tables {sorted(tables)} differ from the rule's outputs {sorted(expected)}"
        )
    write_liu_tables(Path(sm.output[0]).parent, tables, sm.params.formats)
