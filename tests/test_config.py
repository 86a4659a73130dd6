"""Config validation: shipped configs pass; typos and wrong types stop naming the key."""

from __future__ import annotations

import copy

import pytest

from gvcpanel.config import ConfigError, load_yaml, validate_config


@pytest.fixture(scope="module")
def schema(root):
    return root / "schemas" / "config.schema.yaml"


@pytest.fixture(scope="module")
def default(root):
    return load_yaml(root / "config" / "config.yaml")


def test_shipped_configs_are_valid(root, schema):
    for path in sorted((root / "config").glob("*.yaml")):
        validate_config(load_yaml(path), schema)


def test_defaults_are_filled(default, schema):
    cfg = copy.deepcopy(default)
    del cfg["qu_yang_2023"]["se"]
    assert validate_config(cfg, schema)["qu_yang_2023"]["se"] == "clustered"


def test_unknown_key(default, schema):
    cfg = copy.deepcopy(default)
    cfg["qu_yang_2023"]["standardise"] = "zscore"
    with pytest.raises(ConfigError, match=r"config\.qu_yang_2023: unknown key\(s\): 'standardise'"):
        validate_config(cfg, schema)


def test_wrong_type(default, schema):
    cfg = copy.deepcopy(default)
    cfg["country_panel"]["years"] = [2000, "2015"]
    with pytest.raises(ConfigError, match=r"config\.country_panel\.years\[1\]: '2015' is not"):
        validate_config(cfg, schema)


def test_bad_country_code_and_enum(default, schema):
    cfg = copy.deepcopy(default)
    cfg["country_panel"]["countries"][0] = "Australia"
    cfg["qu_yang_2023"]["se"] = "bootstrap"
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
    cfg["qu_yang_2023"]["table5"] = {"source": "files"}
    with pytest.raises(ConfigError, match=r"config\.qu_yang_2023\.table5"):
        validate_config(cfg, schema)
    cfg["qu_yang_2023"]["table5"]["sea"] = "{data_dir}/wiod2016/sea.csv"
    cfg["data_dir"] = "/elsewhere"
    table5 = validate_config(cfg, schema)["qu_yang_2023"]["table5"]
    assert table5 == {"source": "files", "sea": "/elsewhere/wiod2016/sea.csv", "year": 2014}
