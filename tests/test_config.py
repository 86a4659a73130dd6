"""Config validation: shipped configs pass over the shipped defaults; typos and wrong types stop
naming the key."""

from __future__ import annotations

import copy

import pytest

from gvcpanel.config import ConfigError, load_config, load_yaml, merge, validate_config


@pytest.fixture(scope="module")
def schema(root):
    return root / "schemas" / "config.schema.yaml"


@pytest.fixture(scope="module")
def default(root):
    return load_yaml(root / "config" / "config.yaml")


def test_shipped_configs_are_valid(root):
    """Each shipped configuration, read as ``--configfile`` reads it (``base:`` layers included)."""
    for path in sorted((root / "config").glob("*.yaml")):
        if path.name != "defaults.yaml":
            load_config([path], None, root)


def test_merge_semantics():
    defaults = {"a": {"b": 1, "c": [1, 2], "d": {"e": 1}}, "f": {"g": 1}}
    user = {"a": {"c": [3], "d": {"h": 2}}, "f": None, "i": 4}
    assert merge(defaults, user) == {"a": {"b": 1, "c": [3], "d": {"e": 1, "h": 2}}, "i": 4}
    assert defaults["a"]["d"] == {"e": 1}  # the defaults are not modified


def test_defaults_are_filled_from_defaults_file(root, default, schema):
    shipped = load_yaml(root / "config" / "defaults.yaml")
    cfg = validate_config({**default, "qu_yang_2023": {"se": "robust"}}, schema)
    assert cfg["qu_yang_2023"]["se"] == "robust"
    assert cfg["qu_yang_2023"]["threshold"] == shipped["qu_yang_2023"]["threshold"]
    assert cfg["country_panel"]["strict_checksums"] is shipped["country_panel"]["strict_checksums"]
    assert cfg["liu_2013"]["cleaning"] == shipped["liu_2013"]["cleaning"]


def test_liu_section_without_cleaning_gets_the_shipped_rules(root, default, schema):
    shipped = load_yaml(root / "config" / "defaults.yaml")["liu_2013"]["cleaning"]
    cfg = validate_config({**default, "liu_2013": {"firms": {"scale": 0.5}}}, schema)
    assert cfg["liu_2013"]["cleaning"] == shipped
    assert cfg["liu_2013"]["firms"] == {"source": "simulate", "scale": 0.5}


def test_removed_cleaning_stops_at_validation(default, schema):
    with pytest.raises(ConfigError, match=r"config\.liu_2013: 'cleaning' is a required property"):
        validate_config({**default, "liu_2013": {"cleaning": None}}, schema)


def test_null_section_is_switched_off(default, schema):
    cfg = validate_config({**default, "liu_2013": None, "qu_yang_2023": {"table5": None}}, schema)
    assert "liu_2013" not in cfg
    assert "table5" not in cfg["qu_yang_2023"]


def test_unknown_key(default, schema):
    cfg = copy.deepcopy(default)
    cfg["qu_yang_2023"] = {"standardise": "zscore"}
    with pytest.raises(ConfigError) as info:
        validate_config(cfg, schema)
    assert (
        "config.qu_yang_2023.standardise: unknown key 'standardise' (did you mean 'standardize'?)"
        in str(info.value)
    )


def test_wrong_type(default, schema):
    cfg = copy.deepcopy(default)
    cfg["country_panel"]["years"] = [2000, "2015"]
    with pytest.raises(ConfigError, match=r"config\.country_panel\.years\[1\]: '2015' is not"):
        validate_config(cfg, schema)


def test_bad_country_code_and_enum(default, schema):
    cfg = copy.deepcopy(default)
    cfg["country_panel"]["countries"][0] = "Australia"
    cfg["qu_yang_2023"] = {"se": "bootstrap"}
    with pytest.raises(ConfigError) as info:
        validate_config(cfg, schema)
    assert "config.country_panel.countries[0]" in str(info.value)
    assert "config.qu_yang_2023.se" in str(info.value)


def test_component_must_name_an_input(default, schema):
    cfg = copy.deepcopy(default)
    cfg["country_panel"]["components"]["dva"]["input"] = "gvc"
    with pytest.raises(ConfigError, match="components.dva.input: 'gvc' is not one of the inputs"):
        validate_config(cfg, schema)


def test_table5_files_need_costs_or_sea_and_expand_data_dir(default, schema):
    cfg = copy.deepcopy(default)
    cfg["qu_yang_2023"] = {"table5": {"source": "files"}}
    with pytest.raises(ConfigError, match=r"config\.qu_yang_2023\.table5"):
        validate_config(cfg, schema)
    cfg["qu_yang_2023"]["table5"]["sea"] = "{data_dir}/wiod2016/sea.csv"
    cfg["data_dir"] = "/elsewhere"
    table5 = validate_config(cfg, schema)["qu_yang_2023"]["table5"]
    assert table5 == {"source": "files", "sea": "/elsewhere/wiod2016/sea.csv", "year": 2014}
