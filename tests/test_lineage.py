"""Cell-level lineage on the ICIO route and units of every lineage value."""

from __future__ import annotations

import pandas as pd

from gvcpanel.construct.lineage import FORMULAS, UNITS, icio_lineage, with_units


def test_icio_lineage_one_row_per_country_year_indicator():
    measured = pd.DataFrame(
        {"iso3": ["AUS", "CHN"], "year": [2000, 2000], "gvcp": [0.4, 0.5], "omega": [0.8, 0.9],
         "mu": [0.7, 0.6], "upsilon": [0.3, 0.2], "exports": [1.0, 2.0]}
    )  # fmt: skip
    out = icio_lineage(measured, {2000: "data/raw/wiod2013/wiot_2000.RData"}, ["c3", "c4"])
    assert len(out) == 2 * 4 and set(out["variable"]) == set(FORMULAS)
    row = out[(out.variable == "mu") & (out.iso3 == "CHN")].iloc[0]
    assert row["value"] == 0.6 and row["file"] == "data/raw/wiod2013/wiot_2000.RData"
    assert row["selection"] == "inter: all rows x columns CHN.{c3,c4}"
    assert row["formula"].startswith("mu_s =") and row["units"] == UNITS["icio"]


def test_units_by_layout():
    lineage = pd.DataFrame({"input": ["stan", "wdi"], "value": [1.5e6, 3.9]})
    out = with_units(lineage, {"stan": "oecd_sdmx", "wdi": "wdi_bulk"})
    assert out["units"].tolist() == [UNITS["oecd_sdmx"], "as in the file"]
    assert "10^UNIT_MULT" in out["units"][0]
