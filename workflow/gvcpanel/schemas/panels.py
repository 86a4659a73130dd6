"""Pandera models of the constructed country tables: raw components and the country panel."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from gvcpanel.schemas.raw import REL_TOL, adds_up


class CountryComponents(pa.DataFrameModel):
    """Raw components of the formulas (SPEC §4), one row per country-year, in the units read.

    The trade components are optional: on the ICIO route only the WDI components are read.
    """

    iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$")
    year: Series[int] = pa.Field(ge=1950, le=2100)
    exports: Series[float] | None = pa.Field(gt=0, nullable=True)
    dva: Series[float] | None = pa.Field(ge=0, nullable=True)
    fva: Series[float] | None = pa.Field(ge=0, nullable=True)
    dvx: Series[float] | None = pa.Field(ge=0, nullable=True)
    output: Series[float] | None = pa.Field(gt=0, nullable=True)
    value_added: Series[float] | None = pa.Field(ge=0, nullable=True)
    intermediate_inputs: Series[float] | None = pa.Field(gt=0, nullable=True)
    mfg_exports: Series[float] | None = pa.Field(ge=0, nullable=True)
    mfg_imports: Series[float] | None = pa.Field(ge=0, nullable=True)
    final_imports: Series[float] | None = pa.Field(ge=0, nullable=True)
    intermediate_imports: Series[float] | None = pa.Field(ge=0, nullable=True)
    gdp_growth: Series[float] = pa.Field(ge=-60, le=60, nullable=True)
    world_gdp_growth: Series[float] = pa.Field(ge=-60, le=60, nullable=True)
    gdp_per_capita: Series[float] = pa.Field(gt=0, nullable=True)
    population: Series[float] = pa.Field(gt=0, nullable=True)

    @pa.dataframe_check(name="dva <= exports, fva <= exports, dvx <= dva")
    def parts_within_totals(cls, df: pd.DataFrame) -> Series[bool]:
        """DVA and FVA are parts of exports, DVX of DVA (SPEC eq. 1); missing values pass."""
        return (
            _at_most(df, "dva", "exports")
            & _at_most(df, "fva", "exports")
            & _at_most(df, "dvx", "dva")
        )

    @pa.dataframe_check(name=f"dva + fva = exports (relative tolerance {REL_TOL:g})")
    def value_added_adds_up(cls, df: pd.DataFrame) -> Series[bool]:
        """E = DVA + FVA (SPEC eq. 1) where the three are read."""
        if not {"dva", "fva", "exports"} <= set(df.columns):
            return pd.Series(True, index=df.index)
        return adds_up(df["dva"] + df["fva"], df["exports"])

    @pa.dataframe_check(name="value_added <= output, intermediate_inputs <= output")
    def inputs_within_output(cls, df: pd.DataFrame) -> Series[bool]:
        """Output = value added + intermediate inputs, each part non-negative."""
        return _at_most(df, "value_added", "output") & _at_most(df, "intermediate_inputs", "output")

    class Config:
        coerce = True
        strict = True
        unique = ["iso3", "year"]


def _at_most(df: pd.DataFrame, part: str, total: str) -> pd.Series:
    """``part`` <= ``total`` (relative tolerance REL_TOL) where both columns and values exist."""
    if part not in df.columns or total not in df.columns:
        return pd.Series(True, index=df.index)
    a, b = df[part], df[total]
    return a.isna() | b.isna() | (a <= b * (1 + REL_TOL))


class CountryPanel(pa.DataFrameModel):
    """The constructed country panel (iso3 × year): Qu & Yang's variables.

    Ranges are those the definitions allow (shares in [0, 1], GVCP in [0, 2]) plus generous bounds
    on growth gaps and logs, so that a unit or mapping error stops the run.
    """

    iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$")
    year: Series[int] = pa.Field(ge=1950, le=2100)
    gvcp: Series[float] = pa.Field(ge=0, le=2)
    omega: Series[float] = pa.Field(ge=0, le=1)
    mu: Series[float] = pa.Field(ge=0, le=1)
    upsilon: Series[float] = pa.Field(gt=0, lt=1)
    gr: Series[float] = pa.Field(ge=-60, le=60)
    gdpp: Series[float] = pa.Field(ge=0, le=15)
    pop: Series[float] = pa.Field(ge=5, le=25)

    class Config:
        coerce = True
        strict = True
        unique = ["iso3", "year"]
