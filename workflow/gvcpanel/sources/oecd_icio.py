"""Reader of the OECD Inter-Country Input-Output (ICIO) CSV layout (one file per year).

The layout: the first column holds the row labels, the header the column labels.

- rows and columns ``CTY_INDUSTRY`` (e.g. ``AUS_C10T12``; the country is the part before the first
  underscore, so industry codes may contain underscores, e.g. ``AUS_A01_02``), country-major, the
  same labels in the same order in rows and columns;
- final-demand columns ``CTY_HFCE``, ``CTY_NPISH``, ``CTY_GGFC``, ``CTY_GFCF``, ``CTY_INVNT`` and,
  when present, ``CTY_DPABR`` (direct purchases abroad by residents) for every country;
- column ``OUT`` (row totals, optional) and rows ``TLS`` (taxes less subsidies, optional), ``VA``
  (value added) and ``OUT`` (gross output).

Gross output ``x`` is the ``OUT`` row. The file must be balanced: ``OUT`` column = ``OUT`` row
and column sums of ``Z`` + ``TLS`` + ``VA`` = ``OUT`` row, both within ``balance_rtol·max|x|``.
Value added in the accounting is ``x − 1'Z``, i.e. ``VA + TLS``, as for WIOD.

Some releases split China and Mexico into processing/non-processing parts in the
inter-industry rows and columns (``CN1``, ``CN2``, ``MX1``, ``MX2``) while final demand is by
``CHN``/``MEX``; ``merge`` (default :data:`OECD_SPLITS`) sums such parts into one country before
anything else. A file holding both a country and parts merged into it is rejected.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from gvcpanel.errors import DataError
from gvcpanel.sources.icio import ICIOTable

#: Final-demand categories of the OECD ICIO, in the order used for ``ICIOTable.F``.
FINAL_CATEGORIES = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR")
TOTAL = "OUT"
VALUE_ADDED_ROWS = ("TLS", "VA")
#: Country parts that OECD ICIO releases report separately, and the country they belong to.
OECD_SPLITS = {"CN1": "CHN", "CN2": "CHN", "MX1": "MEX", "MX2": "MEX"}


class OECDICIOAdapter:
    """:class:`~gvcpanel.sources.icio.ICIOAdapter` for OECD ICIO CSV files (year from the name)."""

    name = "oecd_icio"

    def __init__(self, merge: Mapping[str, str] = OECD_SPLITS) -> None:
        self.merge = dict(merge)

    def read(self, path: str | Path) -> ICIOTable:
        return read_oecd_icio(path, merge=self.merge)


def year_from_name(path: str | Path) -> int:
    """The last four-digit group of the file name (``ICIO2023_2011.csv`` → 2011)."""
    found = re.findall(r"(?<!\d)(\d{4})(?!\d)", Path(path).stem)
    if not found:
        raise DataError(path, "year in file name", [Path(path).name], "pass year= explicitly")
    return int(found[-1])


def read_oecd_icio(
    path: str | Path,
    year: int | None = None,
    balance_rtol: float = 1e-6,
    merge: Mapping[str, str] = OECD_SPLITS,
) -> ICIOTable:
    """Read one OECD ICIO CSV file into an :class:`ICIOTable` (F keeps the categories)."""
    path = Path(path)
    year = year_from_name(path) if year is None else year
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh), [])
        raw = pd.read_csv(path, index_col=0, encoding="utf-8-sig")
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise DataError(path, "readable CSV", [path.name], f"{type(exc).__name__}: {exc}") from exc
    raw.index = raw.index.astype(str)
    for what, labels in (("row", raw.index), ("column", pd.Index(header[1:]))):
        dup = labels[labels.duplicated()].unique().tolist()
        if dup:
            raise DataError(path, f"unique {what} labels", dup)
    raw = _merge_parts(path, raw, merge)
    for row in (TOTAL, "VA"):
        if row not in raw.index:
            raise DataError(path, "row present", [row])
    inter_rows = [r for r in raw.index if r not in (TOTAL, *VALUE_ADDED_ROWS)]
    countries, industries = _grid(path, inter_rows)
    final_cols = [c for c in raw.columns if c.split("_", 1)[-1] in FINAL_CATEGORIES]
    inter_cols = [c for c in raw.columns if c not in final_cols and c != TOTAL]
    if inter_cols != inter_rows:
        odd = sorted(set(inter_cols) ^ set(inter_rows)) or ["<order differs>"]
        raise DataError(path, "same CTY_INDUSTRY labels in rows and columns", odd)

    present = [g for g in FINAL_CATEGORIES if any(c.endswith(f"_{g}") for c in final_cols)]
    wanted = [f"{c}_{g}" for c in countries for g in present]
    odd = sorted(set(wanted) ^ set(final_cols))
    if odd:
        raise DataError(path, "final-demand columns CTY_CATEGORY for every country", odd)

    cells = _Cells(path, raw)
    Z = cells.block(inter_rows, inter_cols)
    x = cells.block([TOTAL], inter_cols)[0]
    tol = balance_rtol * max(float(np.abs(x).max(initial=0.0)), 1.0)
    if TOTAL in raw.columns:
        row_totals = cells.block(inter_rows, [TOTAL])[:, 0]
        _check_balance(path, "OUT column = OUT row", inter_rows, row_totals - x, tol)
    va_rows = [r for r in VALUE_ADDED_ROWS if r in raw.index]
    cost = Z.sum(axis=0) + cells.block(va_rows, inter_cols).sum(axis=0)
    _check_balance(path, "column sums of Z + TLS + VA = OUT row", inter_cols, cost - x, tol)
    return ICIOTable(
        year=int(year),
        countries=countries,
        industries=industries,
        Z=Z,
        F=cells.block(inter_rows, wanted),
        x=x,
        categories=tuple(present),
        source=str(path),
    )


def _merge_parts(path: Path, raw: pd.DataFrame, merge: Mapping[str, str]) -> pd.DataFrame:
    """Sum rows and columns of country parts (``CN1_xx`` → ``CHN_xx``); a missing or non-numeric
    cell makes the merged cell missing, so that it is reported where it is used."""

    def key(label: str) -> str:
        country, sep, rest = label.partition("_")
        return f"{merge.get(country, country)}{sep}{rest}" if sep else label

    rows, cols = [key(r) for r in raw.index], [key(c) for c in raw.columns]
    if rows == list(raw.index) and cols == list(raw.columns):
        return raw
    for labels, merged in ((list(raw.index), rows), (list(raw.columns), cols)):
        own = {lab for lab, new in zip(labels, merged, strict=True) if lab == new}
        both = sorted({new for lab, new in zip(labels, merged, strict=True) if lab != new} & own)
        if both:
            raise DataError(path, "country reported both whole and in parts", both)
    values = raw.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=np.float64)
    missing = np.isnan(values)
    r_code, r_new = pd.factorize(pd.Index(rows))
    c_code, c_new = pd.factorize(pd.Index(cols))
    R = sparse.csr_array((np.ones(len(rows)), (r_code, np.arange(len(rows)))))
    C = sparse.csr_array((np.ones(len(cols)), (c_code, np.arange(len(cols)))))
    summed = R @ (C @ np.where(missing, 0.0, values).T).T
    summed[(R @ (C @ missing.T.astype(np.float64)).T) > 0] = np.nan
    return pd.DataFrame(summed, index=r_new, columns=c_new)


def _grid(path: Path, labels: list[str]) -> tuple[list[str], list[str]]:
    """Countries and industries of country-major ``CTY_INDUSTRY`` labels forming a full grid."""
    bad = [lab for lab in labels if "_" not in lab]
    if bad or not labels:
        raise DataError(path, "row labels CTY_INDUSTRY", bad or ["<no rows>"])
    pairs = [lab.split("_", 1) for lab in labels]
    countries = list(dict.fromkeys(c for c, _ in pairs))
    industries = list(dict.fromkeys(k for _, k in pairs))
    expected = [f"{c}_{k}" for c in countries for k in industries]
    if labels != expected:
        odd = sorted(set(labels) ^ set(expected)) or ["<not country-major>"]
        raise DataError(path, "full country-major grid of CTY_INDUSTRY rows", odd)
    return countries, industries


class _Cells:
    """The file's cells as one float array (non-numeric → NaN), addressed by labels."""

    def __init__(self, path: Path, raw: pd.DataFrame) -> None:
        text = [c for c, kind in raw.dtypes.items() if not pd.api.types.is_numeric_dtype(kind)]
        if text:
            raw = raw.assign(**{c: pd.to_numeric(raw[c], errors="coerce") for c in text})
        self.path, self.values = path, raw.to_numpy(dtype=np.float64)
        self.rows = {lab: i for i, lab in enumerate(raw.index)}
        self.cols = {lab: j for j, lab in enumerate(raw.columns)}

    def block(self, rows: list[str], cols: list[str]) -> np.ndarray:
        """Cells ``rows × cols``; DataError names the rows holding missing or non-numeric cells."""
        block = self.values[np.ix_([self.rows[r] for r in rows], [self.cols[c] for c in cols])]
        bad = ~np.isfinite(block)
        if bad.any():
            keys = [rows[i] for i in np.unique(np.nonzero(bad)[0])]
            raise DataError(self.path, "numeric, non-missing cells", keys)
        return block


def _check_balance(path: Path, check: str, labels: list[str], gap: np.ndarray, tol: float) -> None:
    off = np.nonzero(np.abs(gap) > tol)[0]
    if off.size:
        worst = float(np.abs(gap).max())
        raise DataError(path, check, [labels[i] for i in off], f"largest gap {worst:g} > {tol:g}")
