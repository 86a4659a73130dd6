"""A run that fails late never touches the published results: a failure injected into each rule
of the default workflow in turn (an exception, a full disk), plus ``kill -9`` and Ctrl-C, leaves
every published file byte-identical, and the message says so and how to resume.

The failures come from the test switch ``GVCPANEL_FAULT`` (:mod:`gvcpanel.faults`); ``-R rule``
makes the rule run again so that its fault fires. After each case the work area is restored from
the good run's snapshot (fixture ``good``).
"""

from __future__ import annotations

import re

import pytest
from conftest import published_hash, snakemake

from gvcpanel.faults import ENV

pytestmark = pytest.mark.slow

#: Every rule of the default workflow that runs a script (``all`` only collects).
RULES = [
    "simulate_firms", "simulate_sector_costs", "ingest_country_input", "ingest_firms",
    "build_country_panel", "validation_report", "liu_industry_panel", "estimate_qu_yang_linear",
    "estimate_qu_yang_threshold", "estimate_liu", "table_qu_yang_1", "table_qu_yang_2_3",
    "table_qu_yang_5", "tables_liu", "tables_master", "figure_qu_yang_lr_curves",
    "figures_qu_yang_1_2", "figure_qu_yang_3", "figures_liu", "figures_liu_theory", "provenance",
    "publish",
]  # fmt: skip


def dry_run_rules(output: str) -> set[str]:
    table = output.split("Job stats:", 1)[1].split("total", 1)[0]
    return {m[1] for m in re.finditer(r"^(\w+)\s+\d+$", table, re.M)}


def test_the_list_covers_every_rule_of_the_default_workflow(project):
    run = snakemake(project, "-n", "--forceall")
    assert run.returncode == 0, run.stderr[-2000:]
    assert dry_run_rules(run.stdout + run.stderr) - {"all"} == set(RULES)


def assert_failed_and_kept(run, project, good: str) -> str:
    err = run.stdout + run.stderr
    assert run.returncode == 1, err[-3000:]
    assert "The published results in results are unchanged: release" in err, err[-3000:]
    assert "then resume with:" in err and "--cores 1" in err
    assert published_hash(project) == good
    return err


@pytest.mark.parametrize("kind", ["error", "disk_full"])
@pytest.mark.parametrize("rule", RULES)
def test_a_failing_rule_keeps_the_published_results(project, good, rule, kind):
    run = snakemake(project, "-R", rule, env={ENV: f"{rule}={kind}"})
    err = assert_failed_and_kept(run, project, good)
    assert f"Error in rule {rule}" in err
    message = "injected at" if kind == "error" else "No space left on device"
    logs = "".join(
        p.read_text() for p in (project / "results/logs").rglob("*.log") if rule in str(p)
    )
    assert message in err + logs


def test_a_failed_switch_keeps_the_published_results(project, good):
    run = snakemake(project, "-R", "publish", env={ENV: "publish:switch=error"})
    assert_failed_and_kept(run, project, good)
    assert len(list((project / "results/.releases").iterdir())) == 2  # current + its release


@pytest.mark.parametrize(
    ("rule", "kind"),
    [
        ("estimate_qu_yang_threshold", "kill"),
        ("tables_liu", "kill"),
        ("publish", "kill"),
        ("publish:switch", "kill"),
        ("estimate_qu_yang_threshold", "interrupt"),
        ("publish:switch", "interrupt"),
    ],
)
def test_a_killed_run_keeps_the_published_results_and_resumes(project, good, rule, kind):
    """``kill -9`` (or Ctrl-C) of the whole run while a job runs: the published results stay;
    typing the same command again finishes the run with identical results, no --unlock."""
    target = rule.split(":")[0]
    run = snakemake(project, "-R", target, env={ENV: f"{rule}={kind}"})
    assert run.returncode != 0
    assert published_hash(project) == good
    again = snakemake(project)
    assert again.returncode == 0, (again.stdout + again.stderr)[-3000:]
    assert published_hash(project) == good  # the same inputs and seed: the same bytes
    assert "Nothing to be done" in (p := snakemake(project, "-n")).stdout + p.stderr
