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
        raise DataError(path, "UTF-8 text", detail=_encoding_hint(path, exc)) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise DataError(
            path, "readable CSV", detail=str(exc).strip() + separator_hint(path, kwargs)
        ) from None
    if len(df.columns) == 1 and (hint := separator_hint(path, kwargs)):
        raise DataError(path, "comma-separated values", detail=hint.removeprefix("; "))
    if df.empty:
        raise DataError(path, "at least one data row")
    unnamed = [c for c in df.columns if str(c).startswith("Unnamed:") and df[c].isna().all()]
    df = df.drop(columns=unnamed)
    df.index = pd.RangeIndex(1, len(df) + 1, name="source_row")
    return df


def _lines(path: Path, n: int) -> list[str]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        return [fh.readline() for _ in range(n)]


def separator_hint(path: str | Path, kwargs: dict[str, Any] | None = None) -> str:
    """A hint when the header is separated by ``;`` or tabs instead of commas ('' otherwise).

    Looks at the first six lines (or up to the header after ``skiprows``), which covers the WDI
    bulk files' four-line preamble.
    """
    kwargs = kwargs or {}
    path = Path(path)
    if kwargs.get("sep", ",") != "," or not path.is_file():
        return ""
    skip = kwargs.get("skiprows")
    lines = _lines(path, max(6, skip + 1 if isinstance(skip, int) else 0))
    for sep, name in ((";", "semicolon"), ("\t", "tab")):
        if any(line.count(sep) > line.count(",") for line in lines):
            return (
                f"; the header looks {name}-separated ({sep!r}): save the file as comma-separated "
                "CSV, the publisher's layout (a spreadsheet's 'CSV UTF-8 (comma delimited)')"
            )
    return ""


def _encoding_hint(path: Path, exc: UnicodeDecodeError) -> str:
    """The first line that is not UTF-8 and the likely encoding."""
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as bad:
                text = line.decode("latin-1").strip()[:80]
                return (
                    f"line {number} (byte {bad.start + 1} of the line) is not UTF-8: {text!r}; "
                    "the file looks Latin-1/Windows-1252 encoded: save it as UTF-8 "
                    "(e.g. iconv -f latin1 -t utf-8)"
                )
    return str(exc)
