"""Pandera models of the raw country-side layouts, as their publishers distribute them.

Every model coerces types (text in a numeric column is a failure case naming its row), declares the
table's unique key and checks country codes with :func:`gvcpanel.schemas.codes.is_known`.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from gvcpanel.schemas.codes import is_known

#: Relative tolerance of the accounting identities in published files (rounded to a few decimals
#: of thousands of USD): |a - b| <= REL_TOL * |b|.
REL_TOL = 1e-6


def adds_up(total: pd.Series, expected: pd.Series) -> pd.Series:
    """``total`` = ``expected`` within :data:`REL_TOL` (missing on either side passes)."""
    missing = total.isna() | expected.isna()
    return missing | ((total - expected).abs() <= REL_TOL * expected.abs())


def _known(series: Series[str]) -> Series[bool]:
    return series.map(is_known).astype(bool)


class UnctadEoraGVC(pa.DataFrameModel):
    """UNCTAD-Eora GVC accounts: one row per country-year (thousand current USD)."""

    Country: Series[str]
    ISO3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$")
    Year: Series[int] = pa.Field(ge=1950, le=2100)
    Exports: Series[float] = pa.Field(ge=0)
    DVA: Series[float] = pa.Field(ge=0)
    FVA: Series[float] = pa.Field(ge=0)
    DVX: Series[float] = pa.Field(ge=0)

    @pa.check("ISO3", name="known country code")
    def known_country(cls, series: Series[str]) -> Series[bool]:
        return _known(series)

    @pa.dataframe_check(name="DVA <= Exports")
    def dva_within_exports(cls, df: pd.DataFrame) -> Series[bool]:
        """Domestic value added is part of gross exports (SPEC eq. 1: E = DVA + FVA)."""
        return df["DVA"] <= df["Exports"] * (1 + REL_TOL)

    @pa.dataframe_check(name="DVX <= DVA")
    def dvx_within_dva(cls, df: pd.DataFrame) -> Series[bool]:
        """Indirect value-added exports (DVX) are part of DVA (Koopman et al. 2014)."""
        return df["DVX"] <= df["DVA"] * (1 + REL_TOL)

    @pa.dataframe_check(name=f"DVA + FVA = Exports (relative tolerance {REL_TOL:g})")
    def value_added_adds_up(cls, df: pd.DataFrame) -> Series[bool]:
        """E = DVA + FVA (SPEC eq. 1) up to the files' rounding."""
        return adds_up(df["DVA"] + df["FVA"], df["Exports"])

    class Config:
        coerce = True
        unique = ["ISO3", "Year"]


class OecdSdmx(pa.DataFrameModel):
    """OECD SDMX-CSV: one observation per row; the key is every dimension column (see reader)."""

    REF_AREA: Series[str]
    TIME_PERIOD: Series[int] = pa.Field(ge=1950, le=2100)
    OBS_VALUE: Series[float]

    @pa.check("REF_AREA", name="known country code")
    def known_country(cls, series: Series[str]) -> Series[bool]:
        return _known(series)

    class Config:
        coerce = True


class WdiLong(pa.DataFrameModel):
    """World Bank WDI series in long form (one value per country, indicator and year)."""

    iso3: Series[str] = pa.Field(str_matches=r"^[A-Z0-9]{3}$")
    indicator: Series[str]
    year: Series[int] = pa.Field(ge=1950, le=2100)
    value: Series[float] = pa.Field(nullable=True)

    @pa.check("iso3", name="known country code")
    def known_country(cls, series: Series[str]) -> Series[bool]:
        return _known(series)

    class Config:
        coerce = True
        unique = ["iso3", "indicator", "year"]


class SectorCosts(pa.DataFrameModel):
    """Sectoral costs for Qu & Yang's Table 5: one row per country, year and sector.

    Values in millions of national currency (any unit, the same within a row); blank = not
    available. Sector codes are those of :data:`gvcpanel.sources.sector_costs.SECTORS`.
    """

    country: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$")
    year: Series[int] = pa.Field(ge=1950, le=2100)
    sector: Series[str] = pa.Field(isin=["food", "printing", "furniture", "textiles"])
    value_added: Series[float] = pa.Field(gt=0)
    labour_cost: Series[float] = pa.Field(gt=0, nullable=True)
    energy_cost: Series[float] = pa.Field(gt=0, nullable=True)
    taxes: Series[float] = pa.Field(ge=0, nullable=True)

    @pa.check("country", name="known country code")
    def known_country(cls, series: Series[str]) -> Series[bool]:
        return _known(series)

    class Config:
        coerce = True
        strict = True
        unique = ["country", "year", "sector"]


class WiodSeaLong(pa.DataFrameModel):
    """WIOD Socio-Economic Accounts, long: one value per country, variable, industry and year."""

    country: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$")
    variable: Series[str]
    code: Series[str]
    year: Series[int] = pa.Field(ge=1950, le=2100)
    value: Series[float] = pa.Field(nullable=True)

    @pa.check("country", name="known country code")
    def known_country(cls, series: Series[str]) -> Series[bool]:
        return _known(series)

    class Config:
        coerce = True
        unique = ["country", "variable", "code", "year"]
