"""Defensive CSV reading: unreadable, empty or truncated files become a :class:`DataError`."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd

from gvcpanel.errors import DataError


def read_csv_text(path: str | Path, **kwargs: Any) -> pd.DataFrame:
    """Read every column as text (empty cells → missing); types are coerced by the schemas.

    The frame's index is the row's 1-based line number in the file (the header is line
    ``skiprows + 1``, so with no preamble the first data row is line 2), kept as ``source_row``
    downstream for the audit trail.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(path, "file exists")
    if path.stat().st_size == 0:
        raise DataError(path, "non-empty file")
    kwargs = {"dtype": str, "keep_default_na": False, "na_values": [""], **kwargs}
    try:
        df = pd.read_csv(path, **kwargs)
    except UnicodeDecodeError as exc:
        raise DataError(path, "UTF-8 text", detail=str(exc)) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise DataError(path, "readable CSV", detail=str(exc).strip()) from None
    if df.empty:
        raise DataError(path, "at least one data row")
    unnamed = [c for c in df.columns if str(c).startswith("Unnamed:") and df[c].isna().all()]
    df = df.drop(columns=unnamed)
    lines = _data_lines(path, int(kwargs.get("skiprows") or 0), kwargs.get("encoding", "utf-8"))
    if len(lines) != len(df):
        raise DataError(path, "one CSV record per data row", detail=f"{len(lines)} != {len(df)}")
    df.index = pd.Index(lines, name="source_row")
    return df


def _data_lines(path: Path, skiprows: int, encoding: str) -> list[int]:
    """1-based file line on which each data record starts (after ``skiprows`` lines and the
    header; blank lines skipped, as pandas does)."""
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        for _ in range(skiprows):
            fh.readline()
        reader = csv.reader(fh)
        starts, end, header = [], skiprows, False
        for row in reader:
            start, end = end + 1, skiprows + reader.line_num
            if not row:
                continue
            if header:
                starts.append(start)
            header = True
    return starts
