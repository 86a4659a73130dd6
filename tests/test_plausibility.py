"""Plausibility screens of the country panel (``gvcpanel.construct.plausibility``).

Each screen fires on a constructed units error and on nothing in the shipped synthetic data or the
real WIOD 2013 + WDI panels (``../shared/data``, skipped when absent).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gvcpanel.config import load_yaml
from gvcpanel.construct import plausibility as pl
from gvcpanel.construct.components import Input, assemble
from gvcpanel.construct.icio import country_indicators, gross_exports
from gvcpanel.errors import DataError
from gvcpanel.papers.qu_yang_2023.country_panel import build_country_panel
from gvcpanel.papers.qu_yang_2023.indicators import construct_indicators
from gvcpanel.report.validation import validation_markdown
from gvcpanel.schemas.codes import allow_user_assigned
from gvcpanel.sources.layouts import read_observations
from gvcpanel.sources.wiod import read_wiod

ROOT = Path(__file__).resolve().parents[1]
UNITS = 1000.0  # the injected units error


def country_inputs(configfile: Path, data_dir: Path | None = None) -> tuple[dict, dict]:
    """The configuration's country panel section and its validated raw inputs."""
    cfg = load_yaml(configfile)["country_panel"]
    inputs = {}
    for name, spec in cfg["inputs"].items():
        path = spec["path"].replace("{data_dir}", str(data_dir))
        with allow_user_assigned(True):
            obs = read_observations(spec["layout"], path)
        inputs[name] = Input(name, Path(path), obs)
    return cfg, inputs


def sample_years(cfg: dict) -> list[int]:
    return list(range(cfg["years"][0], cfg["years"][1] + 1))


@pytest.fixture(scope="module")
def default() -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Components, lineage and configuration of the shipped default country panel."""
    cfg, inputs = country_inputs(ROOT / "config" / "config.yaml")
    components, lineage = assemble(inputs, cfg["components"], cfg["countries"], sample_years(cfg))
    return components, lineage, cfg


def scaled(frame: pd.DataFrame, column: str, iso3: str, factor: float, years=None):
    out = frame.copy()
    rows = out["iso3"].eq(iso3) & (out["year"].isin(years) if years is not None else True)
    out.loc[rows, column] = out.loc[rows, column] * factor
    return out


def test_times_rounds_to_powers_of_ten():
    assert pl.times(math.log10(UNITS) - 0.05) == f"{UNITS:.0f}×"
    assert pl.times(-math.log10(UNITS)) == f"1/{UNITS:.0f}"
    assert pl.times(math.log10(40.0)) == "40×"


def test_default_data_pass_every_screen(default):
    components, _, _ = default
    assert pl.screen_components(components) == []
    assert pl.screen_variables(construct_indicators(components)) == []


@pytest.mark.parametrize("component", pl.TRADE_COMPONENTS)
@pytest.mark.parametrize("factor", [UNITS, 1 / UNITS])
def test_component_in_other_units_is_named(default, component, factor):
    """Only the component scaled is flagged, by the factor injected beyond its own deviation."""
    components, _, _ = default
    before = pl.component_deviations(components).loc["FRA", component]
    found = pl.screen_components(scaled(components, component, "FRA", factor))
    across = [v for v in found if v.check.startswith("components across")]
    assert [(v.series, v.iso3) for v in across] == [(component, "FRA")]
    assert across[0].value == pytest.approx(before + math.log10(factor), abs=0.1)
    assert f"≈ {pl.times(across[0].value)}: units?" in across[0].cause
    assert across[0].years == tuple(sample_years(default[2]))


def test_one_year_in_other_units_is_off_its_neighbours(default):
    components, _, _ = default
    found = pl.screen_components(scaled(components, "output", "FRA", UNITS, [2009]))
    assert [(v.series, v.iso3, v.years) for v in found] == [("output", "FRA", (2009,))]
    assert found[0].check.startswith("neighbouring years")
    assert found[0].value == pytest.approx(math.log10(UNITS), abs=0.3)


def test_change_of_units_shows_on_both_sides(default):
    components, _, cfg = default
    later = [y for y in sample_years(cfg) if y >= 2012]
    found = pl.screen_components(scaled(components, "output", "FRA", UNITS, later))
    years = {v.years[0] for v in found if v.check.startswith("neighbouring")}
    assert {later[0] - 1, later[0]} <= years


def test_gdp_per_capita_and_growth_units(default):
    components, _, _ = default
    found = pl.screen_components(scaled(components, "gdp_per_capita", "NOR", 1 / UNITS))
    assert [(v.series, v.iso3) for v in found] == [("gdp_per_capita", "NOR")]
    fraction = pl.screen_components(scaled(components, "gdp_growth", "CHN", 1 / 100))
    assert [(v.series, v.iso3) for v in fraction] == [("gdp_growth", "CHN")]
    assert "percent" in fraction[0].cause


@pytest.mark.parametrize("var", list(pl.SHARES))
def test_share_off_the_other_countries(default, var):
    """A share (or the import share 1 − share) a thousand times smaller."""
    panel = construct_indicators(default[0])
    transform = pl.SHARES[var][0]
    bad = panel.copy()
    rows = bad["iso3"] == "DEU"
    bad.loc[rows, var] = transform(transform(bad.loc[rows, var]) / UNITS)
    flagged = {(v.series, v.iso3) for v in pl.screen_variables(bad) if "across" in v.check}
    assert flagged == {(var, "DEU")}


@pytest.mark.parametrize("var", list(pl.PLAUSIBLE))
def test_plausible_ranges(default, var):
    panel = construct_indicators(default[0])
    lo, hi, _, cause = pl.PLAUSIBLE[var]
    for value in (lo - 0.01 * abs(lo) - 1e-3, hi + 0.01 * abs(hi) + 1e-3):
        bad = panel.copy()
        bad.loc[(bad["iso3"] == "ITA") & (bad["year"] == 2005), var] = value
        ranges = [v for v in pl.screen_variables(bad) if v.check.startswith("plausible range")]
        assert [(v.series, v.iso3, v.years) for v in ranges] == [(var, "ITA", (2005,))]
        assert cause in ranges[0].cause


def test_two_countries_cannot_tell_which_is_off():
    frame = pd.DataFrame({"iso3": ["AAA", "BBB"], "x": [1.0, UNITS]})
    assert pl.level_deviations(frame["x"], frame["iso3"]).isna().all()


def test_enforce_names_files_keys_and_the_accept_key(default, tmp_path):
    components, lineage, cfg = default
    found = pl.screen_components(scaled(components, "output", "FRA", UNITS))
    files = {"output": ["data/x/stan.csv"]}
    report = tmp_path / "failures.csv"
    with pytest.raises(DataError) as err:
        pl.enforce(found, {}, files, str(report))
    msg = str(err.value)
    assert msg.startswith("data/x/stan.csv: check 'components across countries")
    assert "(FRA, 2000)" in msg and "accept_outliers: {output: [FRA]}" in msg
    assert len(pd.read_csv(report)) == len(sample_years(cfg))
    assert pl.enforce(found, {"output": ["FRA"]}, files) == found
    with pytest.raises(DataError):  # a year does not accept a country-wide outlier
        pl.enforce(found, {"output": [["FRA", 2009]]}, files)


def test_accepted_outliers_are_audited(default):
    components, lineage, cfg = default
    bad = scaled(components, "output", "FRA", UNITS, [2009])
    accept = {"output": [["FRA", 2009]], "upsilon": [["FRA", 2009]], "mu": ["SWE"]}
    panel, audit = build_country_panel(
        bad, lineage, cfg["countries"], sample_years(cfg), accept_outliers=accept
    )
    record = audit["plausibility"]
    assert {(a["series"], a["iso3"], tuple(a["years"])) for a in record["accepted"]} == {
        ("output", "FRA", (2009,)),
        ("upsilon", "FRA", (2009,)),
    }
    assert record["unused_accepts"] == [{"series": "mu", "entry": "SWE"}]
    assert panel.loc[(panel.iso3 == "FRA") & (panel.year == 2009), "upsilon"].item() < 0.01


# ------------------------------------------------------------------ real data (../shared/data)

MANUFACTURING = [f"c{i}" for i in range(3, 17)]


def wiod_year(path: Path) -> pd.DataFrame:
    """One WIOD 2013 year: the ICIO indicators and the indicator-route components measured from
    the table (manufacturing c3-c16; exports, DVA, FVA, DVX of the whole economy)."""
    t = read_wiod(path)
    c, k = t.n_countries, t.n_industries
    m = np.isin(np.asarray(t.industries), MANUFACTURING)
    foreign = ~np.eye(c, dtype=bool)
    x, used = t.x.reshape(c, k), t.Z.sum(axis=0).reshape(c, k)
    final = t.final_by_destination().reshape(c, k, c)[:, m, :].sum(axis=1)  # origin × user
    z = t.Z.reshape(c, k, c, k)
    into_mfg = z[:, :, :, m].sum(axis=(1, 3))  # origin × using country
    of_mfg = z[:, m, :, :].sum(axis=(1, 3))
    return country_indicators(t, MANUFACTURING).assign(
        output=x[:, m].sum(1),
        value_added=(x - used)[:, m].sum(1),
        intermediate_inputs=used[:, m].sum(1),
        mfg_exports=gross_exports(t).reshape(c, k)[:, m].sum(1),
        mfg_imports=((of_mfg + final) * foreign).sum(axis=0),
        final_imports=(final * foreign).sum(axis=0),
        intermediate_imports=(into_mfg * foreign).sum(axis=0),
    )


@pytest.fixture(scope="module")
def wiod(shared_data) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    """WIOD 2013 (all years) and the WDI components of ``config/wiod2013_40.yaml``."""
    cfg, inputs = country_inputs(ROOT / "config" / "wiod2013_40.yaml", shared_data)
    years = sample_years(cfg)
    tables = pd.concat(
        [wiod_year(shared_data / "wiod2013" / f"wiot_{y}.RData") for y in years],
        ignore_index=True,
    )
    wdi, lineage = assemble(inputs, cfg["components"], cfg["countries"], years, allow_gaps=True)
    return tables, wdi, lineage, cfg


@pytest.mark.parametrize("configfile", ["wiod2013_qu_yang.yaml", "wiod2013_40.yaml"])
def test_real_panels_pass_every_screen(wiod, configfile):
    """The ICIO-route panels of both real-data configurations: nothing to accept."""
    tables, wdi, lineage, _ = wiod
    cfg = load_yaml(ROOT / "config" / configfile)["country_panel"]
    years = sample_years(cfg)
    keep = wdi["iso3"].isin(cfg["countries"]) & wdi["year"].isin(years)
    panel, audit = build_country_panel(
        wdi[keep], lineage, cfg["countries"], years, allow_gaps=True, measured=tables
    )
    assert audit["plausibility"]["accepted"] == []
    assert pl.screen_components(wdi[keep]) == [] and len(panel) > 0


def test_real_indicator_components_pass_and_catch_units(wiod):
    """The components of the indicator route measured from WIOD (40 countries, 1995-2011)."""
    tables, wdi, _, _ = wiod
    components = tables.drop(columns=list(pl.SHARES)).merge(wdi, on=["iso3", "year"])
    assert pl.screen_components(components) == []
    for country in ("USA", "LUX", "CHN"):  # the largest, a small open economy, the fastest
        found = pl.screen_components(scaled(components, "output", country, UNITS))
        assert {(v.series, v.iso3) for v in found} == {("output", country)}


def test_validation_report_lists_accepted_outliers(default):
    components, lineage, cfg = default
    bad = scaled(components, "output", "FRA", UNITS, [2009])
    accept = {"output": [["FRA", 2009]], "upsilon": [["FRA", 2009]], "mu": ["SWE"]}
    _, audit = build_country_panel(
        bad, lineage, cfg["countries"], sample_years(cfg), accept_outliers=accept
    )
    text = validation_markdown([], audit)
    for record in audit["plausibility"]["accepted"]:
        assert f"- {record['series']}, FRA 2009: {record['cause']}" in text
    assert "unused accept entry: mu: SWE" in text
