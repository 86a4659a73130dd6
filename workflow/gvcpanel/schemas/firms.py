"""Pandera models of the ASIF-style firm tables: raw (as delivered) and clean (after ingest).

Raw: one row per firm-year as read, dirt allowed (nulls, negatives, duplicates); only the columns,
their types and non-null identifiers are required. Clean: the contract read by the VR,
decomposition and convergence steps — unique (firm_id, year), ownership group, non-null values,
``output > 0`` (the denominator of every VR, eq. 62).
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from gvcpanel.schemas.asif_codes import REGISTRATION_RANGES
from gvcpanel.schemas.names import KEY


class RawFirmTable(pa.DataFrameModel):
    """Raw firm-years: identifiers are non-null integers, values are (nullable) floats."""

    firm_id: Series[int] = pa.Field(nullable=False)
    year: Series[int] = pa.Field(nullable=False)
    cic4: Series[int] = pa.Field(nullable=False)
    registration_type: Series[int] = pa.Field(nullable=False)
    output: Series[float] = pa.Field(nullable=True)
    value_added: Series[float] = pa.Field(nullable=True)
    intermediate_inputs: Series[float] = pa.Field(nullable=True)
    exports: Series[float] = pa.Field(nullable=True)
    employment: Series[float] = pa.Field(nullable=True)
    fixed_assets: Series[float] = pa.Field(nullable=True)
    training_expense: Series[float] = pa.Field(nullable=True)
    wage_bill: Series[float] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False


class CleanFirmTable(pa.DataFrameModel):
    """Clean firm-years (thousand current RMB; employment in persons)."""

    firm_id: Series[int] = pa.Field(nullable=False)
    year: Series[int] = pa.Field(ge=1900, le=2100)
    cic4: Series[int] = pa.Field(ge=1000, le=9999)
    cic2: Series[int] = pa.Field(ge=10, le=99)
    registration_type: Series[int] = pa.Field(ge=100, le=999)
    group: Series[str] = pa.Field(isin=list(REGISTRATION_RANGES))
    output: Series[float] = pa.Field(nullable=False, gt=0)
    value_added: Series[float] = pa.Field(nullable=False)
    intermediate_inputs: Series[float] = pa.Field(nullable=False)
    exports: Series[float] = pa.Field(nullable=False)
    employment: Series[float] = pa.Field(nullable=False)
    fixed_assets: Series[float] = pa.Field(nullable=False)
    training_expense: Series[float] = pa.Field(nullable=False)
    wage_bill: Series[float] = pa.Field(nullable=False)

    class Config:
        strict = True
        coerce = False
        unique = list(KEY)

    @pa.dataframe_check()
    def cic2_is_prefix(cls, df: pd.DataFrame) -> Series[bool]:
        """cic2 = first two digits of cic4."""
        return df["cic2"] == df["cic4"] // 100

    @pa.dataframe_check(name="value_added <= output")
    def value_added_within_output(cls, df: pd.DataFrame) -> Series[bool]:
        """A firm's value added is output less intermediate inputs (plus VAT), at most output."""
        return df["value_added"] <= df["output"]

    @pa.dataframe_check()
    def group_matches_registration(cls, df: pd.DataFrame) -> Series[bool]:
        """The ownership group is the one whose registration-code range holds the code."""
        ok = pd.Series(False, index=df.index)
        for group, (lo, hi) in REGISTRATION_RANGES.items():
            ok |= (df["group"] == group) & df["registration_type"].between(lo, hi)
        return ok


class WageIndex(pa.DataFrameModel):
    """The wage-rate index of Liu's Table 6: w_t / w_base per year (``avg_wage`` optional)."""

    year: Series[int] = pa.Field(ge=1900, le=2100, unique=True)
    wage_index: Series[float] = pa.Field(gt=0, nullable=False)

    @pa.check("wage_index", name="finite")
    def finite(cls, series: Series[float]) -> Series[bool]:
        return series.abs() < float("inf")

    class Config:
        coerce = True
        strict = False
