"""Panel transforms used before estimation: k-year differences and z-scores."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def difference(
    panel: pd.DataFrame,
    columns: Sequence[str],
    k: int,
    entity: str = "iso3",
    time: str = "year",
    overlapping: bool = True,
) -> pd.DataFrame:
    """Δ_k x_it = x_it − x_i,t−k (Qu & Yang eq. 18), matched on the year t − k itself.

    ``overlapping=True`` keeps every year with a t − k partner (x_2002 − x_2000,
    x_2003 − x_2001, …); ``overlapping=False`` keeps non-overlapping k-year periods starting at
    each entity's first year (x_2002 − x_2000, x_2004 − x_2002, …). A missing partner year gives
    no row.
    """
    cols = list(columns)
    base = panel[[entity, time, *cols]]
    lagged = base.assign(**{time: base[time] + k})
    out = base.merge(lagged, on=[entity, time], suffixes=("", "_lag"))
    for c in cols:
        out[c] = out[c] - out[f"{c}_lag"]
    out = out[[entity, time, *cols]]
    if not overlapping:
        first = panel.groupby(entity)[time].transform("min")
        starts = panel.assign(_first=first).groupby(entity)["_first"].first()
        keep = (out[time] - out[entity].map(starts)) % k == 0
        out = out.loc[keep]
    return out.sort_values([entity, time], ignore_index=True)


def zscore(df: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """(x − mean)/sd for each column over the rows of ``df`` (sample sd, ddof = 1)."""
    out = df.copy()
    for c in columns:
        out[c] = (df[c] - df[c].mean()) / df[c].std(ddof=1)
    return out
