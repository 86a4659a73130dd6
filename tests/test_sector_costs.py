"""Table 5 inputs: the sector-cost layout, the WIOD SEA reader, the ratios and the simulator.

Fixtures are small files written in the documented layouts; expected ratios are computed by hand.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gvcpanel.errors import DataError
from gvcpanel.papers import published
from gvcpanel.papers.qu_yang_2023.simulate_sector_costs import (
    simulate_sector_costs,
    write_sector_costs,
)
from gvcpanel.sources.sector_costs import (
    read_sector_costs,
    read_wiod_sea,
    sea_labour,
    sector_ratios,
)

COSTS = """country,year,sector,value_added,labour_cost,energy_cost,taxes
USA,2014,food,100,40,4,7
USA,2014,textiles,90,60,,1.8
CHN,2014,food,50,25,2.5,5.5
"""

# WIOD SEA (2016 release) sheet DATA as CSV: wide years; other industries and variables ignored.
SEA = """country,variable,description,code,2013,2014
USA,VA,Food products,C10-C12,190,200
USA,LAB,Food products,C10-C12,60,80
USA,VA,Textiles,C13-C15,70,75
USA,LAB,Textiles,C13-C15,50,50
USA,EMP,Food products,C10-C12,1500,1480
USA,VA,Printing,C18,40,44
USA,LAB,Printing,C18,20,22
USA,VA,Paper,C17,55,56
USA,LAB,Paper,C17,30,31
CHN,VA,Food products,C10-C12,300,320
CHN,LAB,Food products,C10-C12,150,160
DEU,VA,Food products,C10-C12,99,99
DEU,LAB,Food products,C10-C12,33,33
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_ratios_by_hand(tmp_path):
    ratios = sector_ratios(read_sector_costs(write(tmp_path, "c.csv", COSTS)))
    r = ratios.set_index(["country", "sector"])
    assert r.loc[("USA", "food"), ["labour", "energy", "tax"]].tolist() == pytest.approx(
        [100 / 40, 100 / 4, 7 / 100], rel=1e-15
    )
    assert r.loc[("CHN", "food"), "labour"] == pytest.approx(2.0, rel=1e-15)
    assert np.isnan(r.loc[("USA", "textiles"), "energy"])  # blank energy cost: not available
    assert r.loc[("USA", "textiles"), "tax"] == pytest.approx(0.02, rel=1e-15)


def test_sea_labour_by_hand(tmp_path):
    sea = read_wiod_sea(write(tmp_path, "sea.csv", SEA))
    labour = sea_labour(sea, 2014, ["USA", "CHN"]).set_index(["country", "sector"])
    assert labour.loc[("USA", "food"), ["value_added", "labour_cost"]].tolist() == [200, 80]
    assert labour.loc[("USA", "printing"), "labour_cost"] == 22
    assert set(labour.index) == {
        ("USA", "food"),
        ("USA", "textiles"),
        ("USA", "printing"),
        ("CHN", "food"),
    }  # C17 is no Table 5 sector; DEU not asked for
    assert labour["energy_cost"].isna().all() and labour["taxes"].isna().all()


def test_sea_replaces_the_labour_ratio_only(tmp_path):
    costs = read_sector_costs(write(tmp_path, "c.csv", COSTS))
    labour = sea_labour(read_wiod_sea(write(tmp_path, "sea.csv", SEA)), 2014, ["USA", "CHN"])
    r = sector_ratios(costs, labour).set_index(["country", "sector"])
    assert r.loc[("USA", "food"), "labour"] == pytest.approx(200 / 80, rel=1e-15)  # SEA's
    assert r.loc[("USA", "food"), "energy"] == pytest.approx(25.0, rel=1e-15)  # costs file's
    assert r.loc[("USA", "printing"), "labour"] == pytest.approx(2.0, rel=1e-15)
    assert np.isnan(r.loc[("USA", "printing"), "energy"])  # printing only in the SEA
    only_sea = sector_ratios(None, labour).set_index(["country", "sector"])
    assert only_sea.loc[("CHN", "food"), "labour"] == pytest.approx(2.0, rel=1e-15)
    assert only_sea["tax"].isna().all()


@pytest.mark.parametrize(
    ("edit", "check"),
    [
        (lambda t: t + "USA,2014,food,1,1,1,1\n", "unique"),
        (lambda t: t.replace("USA,2014,food,100,40", "USA,2014,food,100,-40"), "greater_than"),
        (lambda t: t.replace("textiles", "toys"), "isin"),
        (lambda t: t.replace("CHN,2014", "ABC,2014"), "known country code"),
        (lambda t: t.replace(",taxes", ""), "columns present"),
        (lambda t: t.replace("50,25", "fifty,25"), "numeric type"),
    ],
)
def test_bad_cost_files_name_the_check(tmp_path, edit, check):
    path = write(tmp_path, "bad.csv", edit(COSTS))
    with pytest.raises(DataError, match=check) as err:
        read_sector_costs(path)
    assert "bad.csv" in str(err.value)


def test_sea_without_year_columns_is_an_error(tmp_path):
    path = write(tmp_path, "sea.csv", "country,variable,description,code\nUSA,VA,x,C18\n")
    with pytest.raises(DataError, match="WIOD SEA columns"):
        read_wiod_sea(path)
    sea = read_wiod_sea(write(tmp_path, "sea2.csv", SEA))
    with pytest.raises(DataError, match="VA and LAB"):
        sea_labour(sea, 2010, ["USA"])


def test_simulated_costs_give_back_the_true_ratios(tmp_path):
    """The simulator's file, read by the reader, gives its true ratios (relative 1e-10: the CSV
    keeps 12 significant digits), each within 5σ of the published value (σ = 0.05 in logs)."""
    costs, truth = simulate_sector_costs(seed=7)
    write_sector_costs(costs, truth, tmp_path / "costs.csv", tmp_path / "dgp.json")
    got = sector_ratios(read_sector_costs(tmp_path / "costs.csv"))
    keys = ["country", "year", "sector"]
    merged = got.merge(truth, on=keys, suffixes=("", "_true"))
    assert len(merged) == 8
    pub = published.load("qu_yang_2023")["table5"]
    for k in ("labour", "energy", "tax"):
        np.testing.assert_allclose(merged[k], merged[f"{k}_true"], rtol=1e-10)
        paper = [pub[k][s][c] for c, s in zip(merged["country"], merged["sector"], strict=True)]
        assert np.all(np.abs(np.log(merged[k] / np.array(paper))) < 5 * 0.05)
    again, _ = simulate_sector_costs(seed=7)
    pd.testing.assert_frame_equal(costs, again)  # seeded
