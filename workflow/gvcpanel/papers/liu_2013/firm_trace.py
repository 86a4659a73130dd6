"""From a cell of Liu's tables back to the raw firm-years behind it.

Every number of Liu's tables is made from industry × ownership-group × year aggregates of the
clean firm table (VR = (Σ output − Σ intermediate inputs)/Σ output, eq. 62, and their changes).
:func:`trace_firm_years` lists, for a selection of those cells (a group, a four- or two-digit
industry, years), every raw row of the extract that falls in it after the ingest — kept rows with
their clean values, dropped rows with the rule that dropped them — from the row audit
``results/audit/firm_rows.parquet`` and the clean firm table; :func:`cell_summary` gives the
aggregates the tables are built from, to be compared with ``results/data/industry_panel.parquet``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from gvcpanel.sources.firm_cleaning import sql_str


def trace_firm_years(
    rows: str | Path,
    firms: str | Path,
    *,
    group: str | None = None,
    cic4: int | None = None,
    cic2: int | None = None,
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """The raw rows in the selected cells: ``raw_row``, raw and linked ids, year, raw and final
    industry codes, group, ``dropped_by``, ``recoded``, ``relinked`` and, for kept rows, output
    and intermediate inputs of the clean table. Cells are selected by the final codes."""
    where = ["TRUE"]
    if group is not None:
        where.append(f'r."group" = {sql_str(group)}')
    if cic4 is not None:
        where.append(f"r.cic4 = {int(cic4)}")
    if cic2 is not None:
        where.append(f"r.cic4 // 100 = {int(cic2)}")
    if years is not None:
        where.append(f"r.year IN ({', '.join(str(int(y)) for y in years) or 'NULL'})")
    sql = (
        "SELECT r.*, f.output, f.intermediate_inputs "
        f"FROM read_parquet({sql_str(rows)}) r LEFT JOIN read_parquet({sql_str(firms)}) f "
        "ON r.dropped_by IS NULL AND f.firm_id = r.firm_id AND f.year = r.year "
        f"WHERE {' AND '.join(where)} ORDER BY r.raw_row"
    )
    with duckdb.connect() as con:
        return con.execute(sql).df()


def cell_summary(traced: pd.DataFrame) -> pd.DataFrame:
    """Per group, industry and year of the traced rows: firm-years kept and dropped, Σ output and
    VR = (Σ output − Σ intermediate inputs)/Σ output (eq. 62)."""
    kept = traced[traced["dropped_by"].isna()]
    keys = ["group", "cic4", "year"]
    out = kept.groupby(keys, as_index=False).agg(
        n_firms=("firm_id", "size"), output=("output", "sum"), inputs=("intermediate_inputs", "sum")
    )
    out["vr"] = (out["output"] - out["inputs"]) / out["output"]
    dropped = traced[traced["dropped_by"].notna()].groupby(keys).size().rename("n_dropped")
    out = out.merge(dropped.reset_index(), on=keys, how="outer")
    return out.fillna({"n_firms": 0, "n_dropped": 0}).astype({"n_firms": int, "n_dropped": int})
