"""The rules the default route does not run, failed in turn: the input-output route (each year's
accounting, export markets, Table 4, the WIOD cross-check, the specification curve), sharded
bootstraps of both threshold pipelines and the firm-level threshold model. A small configuration
on the real WIOD 2013 tables (../shared/data) runs once; then a failure injected into each of
those rules (an exception, a full disk) keeps every published file byte-identical."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import COPY_IGNORE, ROOT, SHARED, published_hash, restore, snakemake

from gvcpanel.config import load_yaml, merge
from gvcpanel.faults import ENV

pytestmark = pytest.mark.slow

RULES = [
    "icio_year", "qu_yang_export_markets", "table_qu_yang_4", "icio_validation",
    "speccurve_icio_year", "speccurve_base", "speccurve_spec", "speccurve_figure",
    "estimate_qu_yang_threshold_shard", "liu_firm_threshold_shard", "liu_firm_threshold",
]  # fmt: skip


def small_config(data: Path) -> dict:
    """WIOD 2013, 2004-2011, a two-specification curve, two bootstrap shards per threshold
    model, a small firm panel with the firm-level threshold model."""
    cfg = merge(load_yaml(ROOT / "config/defaults.yaml"), load_yaml(ROOT / "config/config.yaml"))
    wiod = load_yaml(ROOT / "config/wiod2013_qu_yang.yaml")
    cfg["country_panel"] = wiod["country_panel"] | {"years": [2004, 2011]}
    cfg["data_dir"] = str(data)
    cfg["qu_yang_2023"] = merge(cfg["qu_yang_2023"], wiod["qu_yang_2023"])
    cfg["qu_yang_2023"]["threshold"] |= {"reps": 19, "shards": 2, "max_thresholds": 1}
    cfg["qu_yang_2023"]["table4"]["years"] = [2009, 2011]
    cfg["qu_yang_2023"].pop("table5", None)  # WIOD has no sector costs
    baseline = cfg["speccurve"]["baseline"] | {"years": "2004-2011"}
    cfg["speccurve"] |= {
        "enabled": True, "reps": 9, "grid": 20, "baseline": baseline,
        "variations": {"years": ["2009-2011"]}, "combinations": [],
    }  # fmt: skip
    cfg["liu_2013"]["firms"]["scale"] = 0.05
    cfg["liu_2013"]["threshold_model"] |= {"enabled": True, "reps": 9, "grid": 50, "shards": 2}
    return cfg


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    data = SHARED / "data"
    if not (data / "wiod2013").is_dir():
        pytest.skip(f"WIOD 2013 tables not found at {data / 'wiod2013'}")
    work = tmp_path_factory.mktemp("icio_project") / "gvcpanel"
    shutil.copytree(ROOT, work, ignore=COPY_IGNORE)
    (work / "config/config.yaml").write_text(yaml.safe_dump(small_config(data), sort_keys=False))
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "-q"],
        capture_output=True, text=True, cwd=work, timeout=1800,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-4000:]
    for saved, what in (("snapshot", "results/work"), ("metadata", ".snakemake/metadata")):
        shutil.copytree(work / what, work.parent / saved)
    return work


@pytest.fixture
def good(project: Path):
    yield published_hash(project)
    restore(project)


def test_the_list_covers_every_rule_not_in_the_default_test(project):
    from test_failed_runs import RULES as DEFAULT_RULES
    from test_failed_runs import dry_run_rules

    run = snakemake(project, "-n", "--forceall")
    assert run.returncode == 0, run.stderr[-2000:]
    rules = dry_run_rules(run.stdout + run.stderr) - {"all"}
    assert rules - set(DEFAULT_RULES) - {"table_qu_yang_5", "simulate_sector_costs"} == set(RULES)


@pytest.mark.parametrize("kind", ["error", "disk_full"])
@pytest.mark.parametrize("rule", RULES)
def test_a_failing_rule_keeps_the_published_results(project, good, rule, kind):
    run = snakemake(project, "-R", rule, env={ENV: f"{rule}={kind}"})
    err = run.stdout + run.stderr
    assert run.returncode == 1, err[-3000:]
    assert f"Error in rule {rule}" in err
    assert "The published results in results are unchanged" in err
    assert published_hash(project) == good
