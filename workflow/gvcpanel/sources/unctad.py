"""UNCTAD-Eora GVC accounts (one row per country-year: exports, DVA, FVA, DVX)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from gvcpanel.csvfile import read_csv_text
from gvcpanel.schemas.raw import UnctadEoraGVC
from gvcpanel.validate import validate

SERIES = ("Exports", "DVA", "FVA", "DVX")


def read_unctad_eora(path: str | Path, report: str | Path | None = None) -> pd.DataFrame:
    """Observations ``iso3, year, series, value, source_row`` (``series``: the account)."""
    raw = read_csv_text(path)
    valid = validate(raw, UnctadEoraGVC, path, keys=["ISO3", "Year"], report=report)
    long = valid.reset_index().melt(
        id_vars=["source_row", "ISO3", "Year"], value_vars=list(SERIES), var_name="series"
    )
    long = long.rename(columns={"ISO3": "iso3", "Year": "year"})
    return long[["iso3", "year", "series", "value", "source_row"]]
