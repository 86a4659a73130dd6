"""World Bank WDI bulk-download CSV (wide years; with or without the 4-line preamble)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from gvcpanel.csvfile import read_csv_text, separator_hint
from gvcpanel.errors import DataError
from gvcpanel.schemas.raw import WdiLong
from gvcpanel.validate import validate

ID_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]


def has_preamble(path: str | Path) -> bool:
    """True when the file opens with the ``"Data Source"`` preamble of the bulk download."""
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        return fh.readline().lstrip().strip('"').startswith("Data Source")


def read_wdi_bulk(path: str | Path, report: str | Path | None = None) -> pd.DataFrame:
    """Observations ``iso3, year, indicator, value, source_row`` (missing years dropped).

    Copes with the UTF-8 BOM, the optional preamble ("Data Source", "Last Updated Date" and blank
    lines), the trailing comma of every line and CRLF line ends. ``source_row`` is the data row.
    """
    path = Path(path)
    skip = 4 if has_preamble(path) else 0
    raw = read_csv_text(path, skiprows=skip, encoding="utf-8-sig", skip_blank_lines=True)
    missing = [c for c in ID_COLUMNS if c not in raw.columns]
    if missing:
        raise DataError(
            path, "required column present", missing, separator_hint(path).removeprefix("; ")
        )
    years = [c for c in raw.columns if str(c).strip().isdigit()]
    if not years:
        raise DataError(path, "year columns present", detail="no column named like a year")
    long = raw.reset_index().melt(
        id_vars=["source_row", "Country Code", "Indicator Code"],
        value_vars=years,
        var_name="year",
        value_name="value",
    )
    long = long.rename(columns={"Country Code": "iso3", "Indicator Code": "indicator"})
    long = validate(long, WdiLong, path, keys=["iso3", "indicator", "year"], report=report)
    long = long.dropna(subset=["value"])
    return long[["iso3", "year", "indicator", "value", "source_row"]].reset_index(drop=True)
