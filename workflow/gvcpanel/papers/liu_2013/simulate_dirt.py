"""The defects of a raw ASIF-style extract: identifier changes, the 2003 industry-code revision
and the dirt of :class:`~gvcpanel.papers.liu_2013.simulate_dgp.DirtRates` (missing, negative and
inconsistent values, small firms, invalid codes, duplicates)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from gvcpanel.papers.liu_2013 import REVISION_YEAR
from gvcpanel.papers.liu_2013.simulate_dgp import (
    INVALID_REGISTRATION_CODES,
    YEARS,
    DirtRates,
    FirmDGP,
)
from gvcpanel.schemas.names import RAW_COLUMNS, VALUE_COLUMNS


def change_ids(
    dgp: FirmDGP,
    firm: dict[str, np.ndarray],
    rows: dict[str, np.ndarray],
    firm_ids: np.ndarray,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Give a share of multi-year firms a new id from a random later year; return the links."""
    n_firms = len(firm["id"])
    first = np.full(n_firms, YEARS[-1] + 1)
    np.minimum.at(first, rows["firm"], rows["year"])
    last = np.zeros(n_firms, dtype=np.int64)
    np.maximum.at(last, rows["firm"], rows["year"])
    eligible = np.flatnonzero(last > first)
    chosen = rng.choice(eligible, round(dgp.id_change_share * len(eligible)), replace=False)
    chosen.sort()
    change = np.zeros(n_firms, dtype=np.int64)
    change[chosen] = first[chosen] + 1 + rng.integers(0, last[chosen] - first[chosen])
    new_id = np.zeros(n_firms, dtype=np.int64)
    new_id[chosen] = 90_000_000 + np.arange(len(chosen))
    moved = (change[rows["firm"]] > 0) & (rows["year"] >= change[rows["firm"]])
    firm_ids[moved] = new_id[rows["firm"][moved]]
    return pd.DataFrame(
        {"old_id": firm["id"][chosen], "new_id": new_id[chosen], "year": change[chosen]}
    )


def revise_codes(
    dgp: FirmDGP,
    ind: pd.DataFrame,
    firm: dict[str, np.ndarray],
    rows: dict[str, np.ndarray],
    cic4: np.ndarray,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Before 2003, firms of revised industries carry one of 1–2 old codes (100·cic2 + 60…)."""
    ni = len(ind)
    revised = np.zeros(ni, dtype=bool)
    revised[rng.choice(ni, round(dgp.revised_share * ni), replace=False)] = True
    n_old = np.where(revised, 1 + (rng.random(ni) < 0.3), 0)
    cic2 = ind["cic2"].to_numpy()
    offset = np.zeros(ni, dtype=np.int64)
    for c2 in np.unique(cic2):
        sel = np.flatnonzero(cic2 == c2)
        offset[sel] = np.cumsum(n_old[sel]) - n_old[sel]
    if (offset + n_old).max() > 39:
        raise ValueError("too many revised 4-digit codes in one two-digit industry")
    first_old = cic2 * 100 + 60 + offset
    pick = rng.integers(0, np.maximum(n_old, 1)[firm["industry"]])
    old_code = first_old[firm["industry"]] + pick
    i_row = firm["industry"][rows["firm"]]
    before = revised[i_row] & (rows["year"] < REVISION_YEAR)
    cic4[before] = old_code[rows["firm"][before]]
    i_rev = np.repeat(np.flatnonzero(revised), n_old[revised])
    old = np.concatenate([np.arange(n) for n in n_old[revised]]) + first_old[i_rev]
    return pd.DataFrame({"old_cic4": old, "new_cic4": ind["cic4"].to_numpy()[i_rev]})


def inject_dirt(
    dirt: DirtRates, cols: dict[str, np.ndarray], rng: np.random.Generator
) -> tuple[pa.Table, dict[str, int]]:
    """Apply each defect of :class:`DirtRates` to its own disjoint random set of rows."""
    n = len(cols["year"])
    kinds = ("missing", "negative", "va_exceeds_output", "small_employment",
             "invalid_registration", "duplicate")  # fmt: skip
    counts = {k: round(getattr(dirt, k) * n) for k in kinds}
    perm = rng.permutation(n)
    bounds = np.cumsum([0, *counts.values()])
    hit = {k: perm[bounds[i] : bounds[i + 1]] for i, k in enumerate(kinds)}
    null_mask = {c: np.zeros(n, dtype=bool) for c in VALUE_COLUMNS}

    col_idx = rng.integers(0, len(VALUE_COLUMNS), counts["missing"])
    for j, c in enumerate(VALUE_COLUMNS):
        null_mask[c][hit["missing"][col_idx == j]] = True
    negatable = [c for c in VALUE_COLUMNS if c != "exports"]  # exports may be zero
    col_idx = rng.integers(0, len(negatable), counts["negative"])
    for j, c in enumerate(negatable):
        r = hit["negative"][col_idx == j]
        cols[c][r] = -cols[c][r]
    r = hit["va_exceeds_output"]
    cols["value_added"][r] = cols["output"][r] * rng.uniform(1.05, 2.0, len(r))
    r = hit["small_employment"]
    cols["employment"][r] = rng.integers(1, 8, len(r)).astype(float)
    r = hit["invalid_registration"]
    cols["registration_type"][r] = rng.choice(INVALID_REGISTRATION_CODES, len(r))

    src = hit["duplicate"]
    factor = rng.uniform(0.5, 1.5, len(src))
    flows = ("output", "value_added", "intermediate_inputs", "exports", "training_expense",
             "wage_bill")  # fmt: skip
    dup_flag = np.concatenate([np.zeros(n, dtype=np.int8), np.ones(len(src), dtype=np.int8)])
    for c in RAW_COLUMNS:
        extra = cols[c][src] * factor if c in flows else cols[c][src]
        cols[c] = np.concatenate([cols[c], extra])
    for c in VALUE_COLUMNS:
        null_mask[c] = np.concatenate([null_mask[c], np.zeros(len(src), dtype=bool)])
    if cols["firm_id"].max() >= 1 << 38:
        raise ValueError("firm identifiers too large for the sort key")
    key = ((cols["year"] - YEARS[0]) << 40) | (cols["firm_id"] << 1) | dup_flag
    order = np.argsort(key, kind="stable")
    arrays = [_arrow(cols[c][order], null_mask[c][order] if c in null_mask else None)
              for c in RAW_COLUMNS]  # fmt: skip
    return pa.table(arrays, names=list(RAW_COLUMNS)), counts


def _arrow(values: np.ndarray, null: np.ndarray | None) -> pa.Array:
    """Zero-copy Arrow array with a validity bitmap built from ``null``."""
    arr = pa.array(values)
    if null is None or not null.any():
        return arr
    validity = pa.py_buffer(np.packbits(~null, bitorder="little"))
    return pa.Array.from_buffers(arr.type, len(arr), [validity, arr.buffers()[1]], int(null.sum()))
