"""Parse-time coverage: countries and years the route's inputs lack are refused by config
validation, naming the country (or years) and the input."""

from __future__ import annotations

from pathlib import Path

import pytest

from gvcpanel.config import ConfigError, load_yaml, validate_config
from gvcpanel.config.coverage import coverage_problems

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
POP = """rownames,country_name,country_code_2,country_code_3,year,population
1,Australia,AU,AUS,2000,19028802
2,Australia,AU,AUS,2001,19274701
3,Austria,AT,AUT,2000,8011566
"""


@pytest.fixture
def wiod(root):
    cfg = load_yaml(root / "config" / "wiod2013_qu_yang.yaml")
    cfg["data_dir"] = str(SHARED)
    return cfg


def _refused(cfg, root) -> str:
    with pytest.raises(ConfigError) as info:
        validate_config(cfg, root / "schemas" / "config.schema.yaml")
    return str(info.value)


def test_country_absent_from_wiod_is_refused(wiod, root):
    wiod["country_panel"]["countries"].append("NOR")
    msg = _refused(wiod, root)
    assert "NOR is not a country of the wiod2013 input-output tables" in msg


def test_unknown_code_is_refused_by_every_input_holding_it(wiod, root):
    if not (SHARED / "wdi").is_dir():
        pytest.skip("../shared/data/wdi absent")
    wiod["country_panel"]["countries"].append("ZZZ")
    msg = _refused(wiod, root)
    assert "ZZZ is not a country of the wiod2013" in msg
    assert "ZZZ is not in input wdi_growth" in msg and "API_NY.GDP.MKTP.KD.ZG.csv" in msg


def test_years_beyond_the_release_are_refused(wiod, root):
    wiod["country_panel"]["years"] = [2000, 2014]
    assert "2000-2014 outside 1995-2011" in _refused(wiod, root)


def _pop_panel(tmp_path):
    """A panel of AUS, AUT and BEL, 2000-2001, fed by a hand-written population file."""
    (tmp_path / "pop.csv").write_text(POP)
    return {
        "countries": ["AUS", "AUT", "BEL"],
        "years": [2000, 2001],
        "route": "indicators",
        "inputs": {"pop": {"path": str(tmp_path / "pop.csv"), "layout": "population_long"}},
        "components": {"population": {"input": "pop", "where": {"indicator": "SP.POP.TOTL"}}},
    }


def test_small_input_countries_and_years(tmp_path):
    """A hand-written population file: AUS 2000-2001, AUT 2000 only."""
    panel = _pop_panel(tmp_path)
    assert [str(p) for p in coverage_problems({"country_panel": panel})] == [
        f"config.country_panel.countries[2]: BEL is not in input pop ({tmp_path / 'pop.csv'}) "
        "feeding population"
    ]
    panel["allow_gaps"] = True  # gaps allowed: BEL's missing rows are dropped later, not refused
    assert coverage_problems({"country_panel": panel}) == []
    panel["years"] = [2000, 2005]
    assert [str(p) for p in coverage_problems({"country_panel": panel})] == [
        f"config.country_panel.years: 2000-2005 not covered by input pop ({tmp_path / 'pop.csv'}) "
        "feeding population (it holds 2000-2001)"
    ]


def test_the_coverage_is_read_once_per_file_content(tmp_path, monkeypatch):
    """A second check of the same bytes reads the cache, not the file; new bytes are read."""
    from gvcpanel.config import coverage

    panel = _pop_panel(tmp_path)
    cfg, cache = {"country_panel": panel}, tmp_path / "cache"
    expected = coverage_problems(cfg)
    assert coverage_problems(cfg, cache) == expected and len(list(cache.iterdir())) == 1

    def unread(*args):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(coverage, "_observations", unread)
    assert coverage_problems(cfg, cache) == expected
    monkeypatch.undo()
    (tmp_path / "pop.csv").write_text(POP + "4,Belgium,BE,BEL,2000,10251250\n")
    assert coverage_problems(cfg, cache) == [] == coverage_problems(cfg)
    assert len(list(cache.iterdir())) == 2
