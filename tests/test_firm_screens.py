"""Plausibility screens of a firm extract at ingest (``gvcpanel.sources.firm_screens``).

Each screen fires on a constructed bad extract, naming the check and the firm-years or years, and
on none of the simulator's extracts.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from liu_data import shipped_cleaning_rules

from gvcpanel.errors import DataError
from gvcpanel.papers.liu_2013 import REVISION_YEAR
from gvcpanel.papers.liu_2013.simulate import FirmDGP, write_firm_raw
from gvcpanel.sources import firm_screens
from gvcpanel.sources.asif import ingest_firms

RULES = shipped_cleaning_rules()
UNITS = 1000.0  # the injected units error


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    return write_firm_raw(FirmDGP().scaled(0.004), 5, tmp_path_factory.mktemp("sim"))


@pytest.fixture(scope="module")
def raw(sim) -> pd.DataFrame:
    return pd.read_parquet(sim["firms"])


def ingest(sim, tmp_path, df: pd.DataFrame | None = None, **kwargs):
    """Ingest ``df`` (default: the simulated extract) with the shipped rules and lookups."""
    path = sim["firms"]
    if df is not None:
        path = tmp_path / "extract.parquet"
        df.to_parquet(path, index=False)
    kwargs = {"group": "foreign", "span": 2, **kwargs}
    return ingest_firms(
        path, tmp_path / "out.parquet", tmp_path / "audit.csv", RULES,
        concordance=sim["concordance"], id_links=sim["id_links"], **kwargs,
    )  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_simulated_extracts_pass(seed, tmp_path):
    sim = write_firm_raw(FirmDGP().scaled(0.004), seed, tmp_path / "sim")
    assert ingest(sim, tmp_path).rows_out > 0


def units_error(raw: pd.DataFrame, column: str, factor: float) -> str:
    """The check of :func:`firm_screens.screen_units` on ``raw`` with ``column`` scaled."""
    con = duckdb.connect()
    con.register("scaled", raw.assign(**{column: raw[column] * factor}))
    con.execute("CREATE TABLE flagged AS SELECT * FROM scaled")
    with pytest.raises(DataError) as err:
        firm_screens.screen_units(con, "extract.parquet")
    return str(err.value)


@pytest.mark.parametrize("factor", [UNITS, 1 / UNITS])
@pytest.mark.parametrize(
    ("column", "ratio"),
    [
        ("employment", "employment"),
        ("output", "output per employee"),
        ("value_added", "value added / output"),
        ("intermediate_inputs", "intermediate inputs / output"),
        ("fixed_assets", "fixed assets per employee"),
        ("wage_bill", "wage per employee"),
    ],
)
def test_units_error_names_the_ratio_and_the_cause(raw, column, ratio, factor):
    msg = units_error(raw, column, factor)
    assert f"median {ratio} per year" in msg, msg
    assert firm_screens.UNITS[ratio][5] in msg
    assert all(str(y) in msg for y in sorted(raw["year"].unique()))


def test_employment_in_thousands_stops_before_the_cleaning(sim, raw, tmp_path):
    with pytest.raises(DataError, match=r"extract\.parquet.*employment in thousands"):
        ingest(sim, tmp_path, raw.assign(employment=raw["employment"] / UNITS))
    assert not (tmp_path / "out.parquet").exists()


def test_one_year_in_other_units_names_that_year(sim, raw, tmp_path):
    year = int(raw["year"].max())
    bad = raw.copy()
    bad.loc[bad["year"] == year, "employment"] /= UNITS
    with pytest.raises(DataError) as err:
        ingest(sim, tmp_path, bad)
    assert f"failed for keys: {year} " in str(err.value)


@pytest.mark.parametrize("column", ["output", "fixed_assets", "wage_bill"])
def test_infinite_values_name_the_firm_years(sim, raw, tmp_path, column):
    clean = pd.read_parquet(ingest(sim, tmp_path).out_path)
    target = clean.iloc[[3, 30]][["firm_id", "year"]]
    bad = raw.copy()
    hit = bad.set_index(["firm_id", "year"]).index.isin(target.set_index(["firm_id", "year"]).index)
    bad.loc[hit, column] = np.inf
    with pytest.raises(DataError) as err:
        ingest(sim, tmp_path, bad)
    msg = str(err.value)
    assert "finite values" in msg and f"{column} ({hit.sum()})" in msg
    for firm, year in target.itertuples(index=False):
        assert f"({firm}, {year})" in msg


def test_unknown_industry_code_names_the_firm_years(sim, raw, tmp_path):
    bad = raw.copy()
    bad.loc[[10, 20], "cic4"] = 9999
    with pytest.raises(DataError) as err:
        ingest(sim, tmp_path, bad)
    msg = str(err.value)
    assert "two-digit industries of Liu's Table A1" in msg and "9999" in msg
    for firm, year in bad.loc[[10, 20], ["firm_id", "year"]].itertuples(index=False):
        assert f"({firm}, {year})" in msg


def test_old_code_after_the_revision(sim, raw, tmp_path):
    old = int(pd.read_csv(sim["concordance"])["old_cic4"].iloc[0])
    bad = raw.copy()
    row = bad.index[bad["year"] >= REVISION_YEAR][0]
    bad.loc[row, "cic4"] = old
    with pytest.raises(DataError, match=f"classification from {REVISION_YEAR} on"):
        ingest(sim, tmp_path, bad)


def test_group_without_firms(sim, raw, tmp_path):
    bad = raw[~raw["registration_type"].between(310, 340)]
    with pytest.raises(DataError, match=r"configured group 'foreign' \(liu_2013\.group\)"):
        ingest(sim, tmp_path, bad)
    assert ingest(sim, tmp_path, bad, group="hmt").rows_out > 0


def test_years_that_cannot_form_the_span(sim, raw, tmp_path):
    year = int(raw["year"].min())
    one = raw[raw["year"] == year]
    with pytest.raises(DataError, match=rf"two years 2 apart.*\({year}\) cannot form a span-2"):
        ingest(sim, tmp_path, one)
    assert ingest(sim, tmp_path, one, span=None, group=None).rows_out > 0
    odd = raw[raw["year"] % 2 == 1]
    assert ingest(sim, tmp_path, odd).rows_out > 0
    with pytest.raises(DataError, match="two years 1 apart"):
        ingest(sim, tmp_path, odd, span=1)


def test_one_industry_cannot_identify_eq63(sim, raw, tmp_path):
    """One four-digit industry in one two-digit one: eq. (63) needs 1 + 2 industries."""
    code = int(raw.loc[raw["year"] >= REVISION_YEAR, "cic4"].mode()[0])
    with pytest.raises(DataError, match=rf"foreign firms.*\b{code}\b.*at least {1 + 2}"):
        ingest(sim, tmp_path, raw.assign(cic4=code))
