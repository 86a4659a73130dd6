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
    wide = wide_encoding(path)
    if wide:
        raise DataError(path, "UTF-8 text", detail=wide)
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


#: Byte-order marks of the wide Unicode encodings, UTF-32 first (its LE mark starts like UTF-16's).
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32", "UTF-32 (little-endian, with a byte-order mark)"),
    (b"\x00\x00\xfe\xff", "UTF-32", "UTF-32 (big-endian, with a byte-order mark)"),
    (b"\xff\xfe", "UTF-16", "UTF-16 (little-endian, with a byte-order mark)"),
    (b"\xfe\xff", "UTF-16", "UTF-16 (big-endian, with a byte-order mark)"),
)


def wide_encoding(path: str | Path) -> str:
    """A hint when the file is UTF-16 or UTF-32 (by its byte-order mark, or by the NUL bytes
    that such text without a mark has in every other, or three of four, byte); '' otherwise."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    found = next(((code, name) for bom, code, name in _BOMS if head.startswith(bom)), None)
    if found is None and head.count(0) > len(head) // 4:
        nul = [head[i::4].count(0) / max(len(head[i::4]), 1) for i in range(4)]
        if min(nul[1:]) > 0.9:
            found = ("UTF-32LE", "UTF-32 (little-endian, no byte-order mark)")
        elif min(nul[:3]) > 0.9:
            found = ("UTF-32BE", "UTF-32 (big-endian, no byte-order mark)")
        elif nul[1] > 0.9 and nul[3] > 0.9:
            found = ("UTF-16LE", "UTF-16 (little-endian, no byte-order mark)")
        elif nul[0] > 0.9 and nul[2] > 0.9:
            found = ("UTF-16BE", "UTF-16 (big-endian, no byte-order mark)")
    if found is None:
        return ""
    code, name = found
    return (
        f"the file is {name} text, not UTF-8: convert it, e.g. "
        f"iconv -f {code} -t UTF-8 {Path(path).name} > {Path(path).stem}_utf8.csv "
        "(or save it from the spreadsheet as 'CSV UTF-8')"
    )


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
