"""Indicator formulas of Qu & Yang (2023) §5.2 on hand-computed numbers and degenerate rows."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from gvcpanel.errors import DataError
from gvcpanel.papers.qu_yang_2023.indicators import (
    COMPONENT_COLUMNS,
    FORMULAS,
    INDICATOR_COLUMNS,
    construct_indicators,
)

# Hand-computed row: GVCP = (30 + 50) / 200 = 0.4; υ = 300 / 1000 = 0.3;
# final demand = 0.3·1000 − (400 − 350) = 250, ω = 1 − 100/250 = 0.6; μ = 1 − 175/700 = 0.75;
# gr = 2.5 − 3.0 = −0.5; gdpp = log(e^10) = 10; pop = log(10^6) = 6·log(10).
HAND = {
    "iso3": "AUS",
    "year": 2001,
    "exports": 200.0,
    "dva": 150.0,
    "fva": 50.0,
    "dvx": 30.0,
    "output": 1000.0,
    "value_added": 300.0,
    "mfg_exports": 400.0,
    "mfg_imports": 350.0,
    "final_imports": 100.0,
    "intermediate_imports": 175.0,
    "intermediate_inputs": 700.0,
    "gdp_growth": 2.5,
    "world_gdp_growth": 3.0,
    "gdp_per_capita": math.exp(10.0),
    "population": 1_000_000,
}
EXPECTED = {
    "gvcp": 0.4,
    "upsilon": 0.3,
    "omega": 0.6,
    "mu": 0.75,
    "gr": -0.5,
    "gdpp": 10.0,
    "pop": 6 * math.log(10),
}


def _table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(COMPONENT_COLUMNS))


def test_hand_computed_row() -> None:
    out = construct_indicators(_table(HAND))
    assert list(out.columns) == list(INDICATOR_COLUMNS)
    row = out.iloc[0]
    assert (row["iso3"], row["year"]) == ("AUS", 2001)
    for var, value in EXPECTED.items():
        assert row[var] == pytest.approx(value, rel=1e-14, abs=1e-14), var


def test_formulas_document_every_indicator() -> None:
    assert set(FORMULAS) == set(INDICATOR_COLUMNS) - {"iso3", "year"}
    for var, text in FORMULAS.items():
        inputs = [c for c in COMPONENT_COLUMNS if c in text]
        assert inputs, f"formula for {var} names no component column"


def test_nonpositive_denominators_give_nan_not_inf() -> None:
    bad_demand = {**HAND, "year": 2002, "mfg_exports": 1000.0}  # 300 − (1000 − 350) < 0
    zero_exports = {**HAND, "year": 2003, "exports": 0.0}
    zero_inputs = {**HAND, "year": 2004, "intermediate_inputs": 0.0, "population": 0}
    out = construct_indicators(_table(HAND, bad_demand, zero_exports, zero_inputs))
    values = out[["gvcp", "omega", "mu", "upsilon", "gr", "gdpp", "pop"]].to_numpy()
    assert not np.isinf(values).any()
    by_year = out.set_index("year")
    assert np.isnan(by_year.loc[2002, "omega"]) and not np.isnan(by_year.loc[2002, "mu"])
    assert np.isnan(by_year.loc[2003, "gvcp"]) and not np.isnan(by_year.loc[2003, "omega"])
    assert np.isnan(by_year.loc[2004, "mu"]) and np.isnan(by_year.loc[2004, "pop"])
    assert by_year.loc[2001].notna().all()


def test_missing_column_raises_data_error() -> None:
    table = _table(HAND).drop(columns=["final_imports"])
    with pytest.raises(DataError, match="final_imports"):
        construct_indicators(table, source="panel.csv")


def test_duplicate_key_raises_data_error() -> None:
    with pytest.raises(DataError, match=r"panel.csv.*\(AUS, 2001\)"):
        construct_indicators(_table(HAND, HAND), source="panel.csv")
