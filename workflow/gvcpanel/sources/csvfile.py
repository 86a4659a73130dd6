"""Defensive CSV reading: unreadable, empty or truncated files become a :class:`DataError`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from gvcpanel.errors import DataError


def read_csv_text(path: str | Path, **kwargs: Any) -> pd.DataFrame:
    """Read every column as text (empty cells → missing); types are coerced by the schemas.

    The frame's index is the row's line number in the file (1 = first data row), kept as
    ``source_row`` downstream for the audit trail.
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
    df.index = pd.RangeIndex(1, len(df) + 1, name="source_row")
    return df
