"""The store of input-output products: keyed by the registered table, the adapter and the
manufacturing set; a second configuration that reads the same tables computes none again."""

from __future__ import annotations

import yaml
from conftest import small_icio_config, snakemake

from gvcpanel.sources.icio_store import is_checked, store_key
from gvcpanel.sources.registry import read_registry

REGISTRY = read_registry("data/sources.csv")
WIOD = "data/raw/wiod2013/wiot_2011.RData"
MFG = ["c3", "c4"]


def test_a_registered_table_is_keyed_by_its_checksum_wherever_it_lies():
    key = store_key(WIOD, REGISTRY, "wiod2013", MFG, strict=True)
    elsewhere = store_key("/data/wiod2013/wiot_2011.RData", REGISTRY, "wiod2013", MFG, True)
    assert key == elsewhere and is_checked(key)
    assert REGISTRY[WIOD].sha256[:16] in key


def test_the_key_changes_with_the_manufacturing_set_the_adapter_and_the_check():
    key = store_key(WIOD, REGISTRY, "wiod2013", MFG, strict=True)
    assert store_key(WIOD, REGISTRY, "wiod2013", ["c3"], strict=True) != key
    assert store_key(WIOD, REGISTRY, "oecd_icio", MFG, strict=True) != key
    unchecked = store_key(WIOD, REGISTRY, "wiod2013", MFG, strict=False)
    assert unchecked != key and not is_checked(unchecked)
    unregistered = store_key("mine/table_2011.RData", REGISTRY, "wiod2013", MFG, strict=True)
    assert not is_checked(unregistered)


def test_a_new_panel_on_the_same_tables_computes_no_year_again(icio_project, shared_data):
    cfg = small_icio_config(shared_data)
    cfg["results"] = "results/another_panel"
    cfg["country_panel"]["countries"] = cfg["country_panel"]["countries"][:-3] + ["BRA", "IND"]
    (icio_project / "another.yaml").write_text(yaml.safe_dump(cfg, sort_keys=False))
    run = snakemake(icio_project, "-n", "--configfile", "another.yaml")
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-3000:]
    for rule in ("icio_year", "qu_yang_export_markets", "speccurve_icio_year"):
        assert f"rule {rule}:" not in out, rule
    assert "rule build_country_panel:" in out
