"""Pandera models of the constructed country tables: raw components and the country panel."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series


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

    class Config:
        coerce = True
        strict = True
        unique = ["iso3", "year"]


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
