"""The rules the default route does not run, failed in turn: the input-output route (each year's
accounting, export markets, Table 4, the WIOD cross-check, the specification curve), sharded
bootstraps of both threshold pipelines and the firm-level threshold model. A small configuration
on the real WIOD 2013 tables (../shared/data) runs once; then a failure injected into each of
those rules (an exception, a full disk) keeps every published file byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import published_hash, restore, snakemake

from gvcpanel.faults import ENV

pytestmark = pytest.mark.slow

RULES = [
    "icio_year", "icio_decomposition", "qu_yang_export_markets", "table_qu_yang_4",
    "icio_validation", "speccurve_icio_year", "speccurve_base", "speccurve_spec",
    "speccurve_figure",
    "estimate_qu_yang_threshold_shard", "liu_firm_threshold_shard", "liu_firm_threshold",
]  # fmt: skip


@pytest.fixture(scope="module")
def project(icio_project: Path) -> Path:
    for saved, what in (("snapshot", "results/work"), ("metadata", ".snakemake/metadata")):
        shutil.rmtree(icio_project.parent / saved, ignore_errors=True)
        shutil.copytree(icio_project / what, icio_project.parent / saved)
    return icio_project


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
