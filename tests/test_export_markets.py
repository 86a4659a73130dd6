"""Export markets of manufactures, market shares and the HHI (Qu & Yang 2023, Table 4).

A hand-computed three-country table; shares summing to one and the HHI bounds; on the real WIOD
2013 tables (../shared/data) the two markets together equal the gross exports of manufacturing
industries, and China's shares are compared with the paper's published Table 4.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from gvcpanel.construct.icio import gross_exports
from gvcpanel.errors import DataError
from gvcpanel.papers import published
from gvcpanel.papers.qu_yang_2023.export_markets import (
    concentration_table,
    hhi,
    market_exports,
    market_shares,
)
from gvcpanel.sources.icio import ICIOTable
from gvcpanel.sources.wiod import MANUFACTURING, read_wiod

COUNTRIES = ["CHN", "DEU", "ROW"]


def tiny_table() -> ICIOTable:
    """3 countries × industries (m = manufacturing, s = services), one final-demand category.

    Z rows of manufacturing: CHN m sells 5 at home, 20 to DEU m, 10 to ROW s; DEU m sells 7 to
    CHN s and 3 to ROW m; ROW m sells 60 to CHN m. Services rows sell abroad too (ignored).
    Final demand (columns CHN, DEU, ROW): CHN m 8 at home, 30 to DEU, 12 to ROW; DEU m 2 to CHN,
    6 at home; ROW m 10 to DEU. Expected intermediate exports CHN 30, DEU 10, ROW 60 (sum 100);
    final exports CHN 42, DEU 2, ROW 10 (sum 54).
    """
    idx = {(c, k): 2 * i + j for i, c in enumerate(COUNTRIES) for j, k in enumerate("ms")}
    Z = np.zeros((6, 6))
    F = np.zeros((6, 3))
    for (o, ok, d, dk), v in {
        ("CHN", "m", "CHN", "m"): 5,
        ("CHN", "m", "DEU", "m"): 20,
        ("CHN", "m", "ROW", "s"): 10,
        ("DEU", "m", "CHN", "s"): 7,
        ("DEU", "m", "ROW", "m"): 3,
        ("ROW", "m", "CHN", "m"): 60,
        ("CHN", "s", "DEU", "m"): 99,
        ("ROW", "s", "CHN", "s"): 50,
    }.items():
        Z[idx[o, ok], idx[d, dk]] = v
    for (o, d), v in {
        ("CHN", "CHN"): 8,
        ("CHN", "DEU"): 30,
        ("CHN", "ROW"): 12,
        ("DEU", "CHN"): 2,
        ("DEU", "DEU"): 6,
        ("ROW", "DEU"): 10,
    }.items():
        F[idx[o, "m"], COUNTRIES.index(d)] = v
    F[idx["DEU", "s"], 0] = 40  # services final exports: not in the market
    x = Z.sum(axis=1) + F.sum(axis=1) + 1.0
    return ICIOTable(year=2005, countries=COUNTRIES, industries=["m", "s"], Z=Z, F=F, x=x)


def test_hand_computed_markets():
    ex = market_exports(tiny_table(), ["m"]).set_index(["market", "iso3"])["exports"]
    assert ex["intermediate"].to_dict() == {"CHN": 30.0, "DEU": 10.0, "ROW": 60.0}
    assert ex["final"].to_dict() == {"CHN": 42.0, "DEU": 2.0, "ROW": 10.0}


def test_hand_computed_shares_and_hhi():
    shares = market_shares(market_exports(tiny_table(), ["m"]))
    conc = concentration_table(shares, ["CHN", "VNM"], emerging=["CHN", "DEU"])
    inter, final = conc.loc[("intermediate", 2005)], conc.loc[("final", 2005)]
    assert inter["CHN"] == pytest.approx(0.30, abs=1e-15)
    assert np.isnan(inter["VNM"])  # not a country of the table
    assert inter["other_emerging"] == pytest.approx(0.10, abs=1e-15)  # DEU; CHN has its own row
    assert inter["ROW"] == pytest.approx(0.60, abs=1e-15)
    assert inter["hhi"] == pytest.approx(0.3**2 + 0.1**2, abs=1e-15)  # the ROW region left out
    assert final["CHN"] == pytest.approx(42 / 54, abs=1e-15)
    assert final["hhi"] == pytest.approx((42 / 54) ** 2 + (2 / 54) ** 2, abs=1e-15)
    assert hhi(shares["share"][shares["market"] == "final"]) == pytest.approx(
        (42**2 + 2**2 + 10**2) / 54**2, abs=1e-15
    )


@given(st.lists(st.floats(min_value=1e-3, max_value=1e6), min_size=1, max_size=60))
def test_shares_sum_to_one_and_hhi_is_bounded(values):
    frame = pd.DataFrame(
        {"year": 2000, "market": "final", "iso3": [f"C{i}" for i in range(len(values))]}
    ).assign(exports=values)
    s = market_shares(frame)["share"]
    assert s.sum() == pytest.approx(1.0, rel=1e-12)
    assert 1 / len(values) - 1e-12 <= hhi(s) <= 1 + 1e-12


def test_unknown_manufacturing_and_empty_market_are_errors():
    with pytest.raises(DataError, match="manufacturing industries exist"):
        market_exports(tiny_table(), ["c99"])
    empty = pd.DataFrame({"year": [2000], "market": ["final"], "iso3": ["CHN"], "exports": [0.0]})
    with pytest.raises(DataError, match="world exports > 0"):
        market_shares(empty)


# --------------------------------------------------------------------------- real WIOD 2013

OVERLAP = (1997, 2001, 2005, 2009)  # years of the paper's Table 4 that WIOD 2013 covers


@pytest.fixture(scope="module")
def wiod_shares(shared_data: Path) -> pd.DataFrame:
    frames = [
        market_exports(read_wiod(shared_data / "wiod2013" / f"wiot_{y}.RData"), MANUFACTURING)
        for y in OVERLAP
    ]
    return market_shares(pd.concat(frames, ignore_index=True))


def test_markets_add_up_to_manufacturing_gross_exports(shared_data: Path):
    """Intermediate + final exports of manufactures = gross exports (construct.icio) of the
    manufacturing industries, per country (relative 1e-12)."""
    table = read_wiod(shared_data / "wiod2013" / "wiot_2009.RData")
    ex = market_exports(table, MANUFACTURING).groupby("iso3", sort=False)["exports"].sum()
    m = np.isin(table.industries, MANUFACTURING)
    expected = gross_exports(table).reshape(table.n_countries, -1)[:, m].sum(axis=1)
    np.testing.assert_allclose(ex.loc[table.countries].to_numpy(), expected, rtol=1e-12)


def test_wiod_shares_sum_to_one_and_china_is_near_the_paper(wiod_shares: pd.DataFrame):
    """Shares sum to one per market-year. China's shares rise over 1997–2009 in both markets, as
    in the paper, and lie within 4 percentage points of its Table 4 (its source is trade data,
    not WIOD: different coverage of RoW, valuation and product classification)."""
    sums = wiod_shares.groupby(["market", "year"])["share"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0, rtol=1e-12)
    emerging = yaml.safe_load((ROOT / "config" / "defaults.yaml").read_text())["qu_yang_2023"]
    conc = concentration_table(wiod_shares, ["CHN", "VNM"], emerging["table4"]["emerging"])
    pub = published.load("qu_yang_2023")["table4"]
    for market in ("intermediate", "final"):
        ours = 100 * conc.xs(market, level="market")["CHN"]
        assert ours.is_monotonic_increasing
        paper = pd.Series(pub[market]["CHN"], index=pub["years"]).loc[list(OVERLAP)]
        assert (ours - paper).abs().max() < 4.0, (ours - paper).round(2).to_dict()
    assert conc["VNM"].isna().all()  # Vietnam is part of WIOD's rest of the world
    assert (conc["hhi"] > 1 / 40).all() and (conc["hhi"] < 1).all()
