"""Every value the configuration schema accepts is exercised: the schema's enums are walked and
each (key, value) is either run here, through validation and the stage function that reads it,
or named with the test elsewhere that runs it.

The Qu & Yang (2023) choices run on the default simulated panel (the true indicators of
``data/synthetic/country``), the Liu (2013) firm-level threshold model on the small random firm
panel of ``tests/liu_data.py``; bootstraps use few replications (9): these tests check that a
value reaches the estimator and the tables, the recovery tests check the numbers.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from liu_data import many_industry_firms

from gvcpanel.config import ConfigError, load_yaml, merge, validate_config
from gvcpanel.estimate.covariance import from_config
from gvcpanel.papers.liu_2013.firm_threshold import firm_threshold_data, fit_firm_threshold
from gvcpanel.papers.qu_yang_2023 import THRESHOLD_MODELS
from gvcpanel.papers.qu_yang_2023.models import STANDARDIZE, fit_linear, fit_threshold
from gvcpanel.papers.qu_yang_2023.table2 import THRESHOLD_COUNT, table2

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schemas" / "config.schema.yaml"
LINEAR_KEYS = ("standardize", "differences", "se", "inference")
REPS = 9


def _enums(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(dotted key, value) of every ``enum``/``const`` under ``node``; ``[]`` marks list items,
    ``*`` the values of a free mapping."""
    if isinstance(node, list):
        for item in node:
            yield from _enums(item, path)
        return
    if not isinstance(node, dict):
        return
    for value in node.get("enum", []):
        yield path, value
    if "const" in node:
        yield path, node["const"]
    for key, sub in node.get("properties", {}).items():
        yield from _enums(sub, f"{path}.{key}" if path else key)
    for key, suffix in (("items", "[]"), ("additionalProperties", ".*")):
        if isinstance(node.get(key), dict):
            yield from _enums(node[key], path + suffix)
    for key in ("oneOf", "anyOf", "allOf"):
        yield from _enums(node.get(key, []), path)
    for name, sub in node.get("$defs", {}).items():
        yield from _enums(sub, f"$defs.{name}")


def schema_values() -> set[tuple[str, Any]]:
    return set(_enums(load_yaml(SCHEMA), ""))


@cache
def _user() -> dict[str, Any]:
    return load_yaml(ROOT / "config" / "config.yaml")


def validated(override: tuple[tuple[str, Any], ...] = ()) -> dict[str, Any]:
    """The shipped default configuration with ``override`` (dotted key, value) pairs, validated
    against the schema (run from the project root, as Snakemake does)."""
    user = _user()
    for dotted, value in override:
        *parents, last = dotted.split(".")
        node: dict[str, Any] = {last: value}
        for key in reversed(parents):
            node = {key: node}
        user = merge(user, node)
    with contextlib.chdir(ROOT):
        return validate_config(user, SCHEMA)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """The default simulated country panel: the true indicators of the shipped synthetic data."""
    truth = pd.read_csv(ROOT / "data" / "synthetic" / "country" / "truth.csv")
    return truth[["iso3", "year", "gvcp", "omega", "mu", "upsilon", "gr", "gdpp", "pop"]]


def _cells(est) -> list[tuple[float, float, float]]:
    return [(c.coef, c.se, c.p) for c in est.coefficients]


def _linear_values() -> list[tuple[str, Any]]:
    keys = {f"qu_yang_2023.{key}": key for key in LINEAR_KEYS}
    return sorted((keys[k], v) for k, v in schema_values() if k in keys)


@pytest.mark.parametrize("key,value", _linear_values())
def test_qu_yang_linear_options(panel, key, value):
    """Each value of standardize, differences, se and inference passes validation and changes
    the eq. (18) 2-year fit as it should (the coefficients only through the sample choices); the
    SE type and convention are those of the configuration's covariance object."""
    cfg = validated(((f"qu_yang_2023.{key}", value),))["qu_yang_2023"]
    default = validated()["qu_yang_2023"]
    assert cfg[key] == value
    spec = cfg["models"]["eq18_2y"]
    est = fit_linear(panel, "eq18_2y", spec, {k: cfg[k] for k in LINEAR_KEYS})
    base = fit_linear(panel, "eq18_2y", spec, {k: default[k] for k in LINEAR_KEYS})
    assert est.sample["standardize"] == STANDARDIZE[cfg["standardize"]]
    assert est.sample["differences"] == cfg["differences"].replace("_", "-")
    cov = from_config(cfg["se"], cfg["inference"], label="country")  # the notes come from it
    assert (est.se_type, est.se_convention) == (cov.se_type(), cov.describe())
    if value == default[key]:
        assert _cells(est) == _cells(base)
    elif key in ("se", "inference"):
        assert [c[0] for c in _cells(est)] == [c[0] for c in _cells(base)]
        assert [c[1:] for c in _cells(est)] != [c[1:] for c in _cells(base)]
    else:
        assert [c[0] for c in _cells(est)] != pytest.approx([c[0] for c in _cells(base)])
    if key == "differences" and value == "non_overlapping":
        assert est.nobs < 0.6 * base.nobs  # every other 2-year change


def _threshold(override: tuple[tuple[str, Any], ...]) -> tuple[dict, dict, dict]:
    cfg = validated(override)["qu_yang_2023"]
    threshold = cfg["threshold"] | {"reps": REPS, "grid": 40}
    options = {k: cfg[k] for k in ("standardize", "inference")}
    return cfg, threshold, options


@pytest.mark.parametrize("m", [1, 2, 3])
def test_qu_yang_max_thresholds_end_to_end(panel, m):
    """max_thresholds 1, 2, 3: the threshold stage tests k = 1..m for eqs (19) and (20) and
    Table 2 renders exactly those rows."""
    cfg, threshold, options = _threshold((("qu_yang_2023.threshold.max_thresholds", m),))
    assert threshold["max_thresholds"] == m
    tests = {}
    for model in THRESHOLD_MODELS:
        spec = cfg["threshold_models"][model]
        est, tests[model], curve, _ = fit_threshold(panel, model, spec, threshold, options, 7)
        assert [t.k for t in tests[model].tests] == list(range(1, m + 1))
        assert tests[model].bootstrap["reps"] == REPS
        assert {f"{spec['regime']}_low", f"{spec['regime']}_high"} <= {
            c.term for c in est.coefficients
        }
        assert len(curve) > 0
    tex = table2(tests).to_latex()
    for k, label in THRESHOLD_COUNT.items():
        assert (label in tex) == (k <= m), label


@pytest.mark.parametrize(
    "key,value",
    sorted(
        (k.rsplit(".", 1)[1], v)
        for k, v in schema_values()
        if k in ("qu_yang_2023.threshold.bootstrap", "qu_yang_2023.threshold.conventions")
    ),
)
def test_qu_yang_bootstrap_and_conventions(panel, key, value):
    """Each bootstrap scheme and each set of conventions reaches the test document."""
    override = [(f"qu_yang_2023.threshold.{key}", value)]
    if value == "hansen":  # Hansen's program has no time effects (validation requires them off)
        with pytest.raises(ConfigError, match="no time effects"):
            validated(tuple(override))
        override.append(("qu_yang_2023.threshold.time_effects", False))
    override.append(("qu_yang_2023.threshold.max_thresholds", 1))
    cfg, threshold, options = _threshold(tuple(override))
    spec = cfg["threshold_models"]["eq19"]
    _, tests, _, _ = fit_threshold(panel, "eq19", spec, threshold, options, 7)
    recorded = tests.conventions if key == "conventions" else tests.bootstrap["kind"]
    assert recorded == value
    assert 0 <= tests.tests[0].p <= 1


@pytest.fixture(scope="module")
def firms() -> pd.DataFrame:
    """Firms whose training intensity varies over time (a firm-constant regressor is absorbed by
    the firm effects and refused)."""
    firms = many_industry_firms(3, n_firms=1500)
    wobble = np.random.default_rng(3).uniform(0.8, 1.2, len(firms))
    return firms.assign(training_expense=firms["training_expense"] * wobble)


def _liu_values() -> list[tuple[str, Any]]:
    keys = {f"liu_2013.threshold_model.{k}" for k in ("group", "variable", "max_thresholds")}
    keys |= {"liu_2013.threshold_model.bootstrap", "liu_2013.threshold_model.regressors[]"}
    return sorted((k.rsplit(".", 1)[1], v) for k, v in schema_values() if k in keys)


@pytest.mark.parametrize("key,value", _liu_values(), ids=str)
def test_liu_threshold_model_values(firms, key, value):
    """Each threshold_model value passes validation and one small fit: the group selects the
    firms, the variable is the threshold, each regressor enters, m tests are run."""
    dotted = f"liu_2013.threshold_model.{key.removesuffix('[]')}"
    cfg = validated(((dotted, [value] if key == "regressors[]" else value),))
    tm = cfg["liu_2013"]["threshold_model"] | {"reps": REPS, "grid": 20}
    data = firm_threshold_data(firms, tm["group"])
    groups = set(firms["group"]) if tm["group"] == "all" else {tm["group"]}
    assert len(data) > 0
    assert set(data["firm_id"]) <= set(firms.loc[firms["group"].isin(groups), "firm_id"])
    est, tests, _ = fit_firm_threshold(data, tm, seed=5)
    assert est.nobs <= len(data) and est.sample["threshold_variable"] == f"{tm['variable']} in t-1"
    assert [t.k for t in tests.tests] == list(range(1, tm["max_thresholds"] + 1))
    assert tests.bootstrap["kind"] == tm["bootstrap"]
    terms = {c.term for c in est.coefficients}
    assert set(tm["regressors"]) <= terms


#: Values run by other tests: (key, value) -> "file::test" (the file must name the value).
NAMED: dict[tuple[str, Any], str] = {
    ("$defs.input.layout", "unctad_eora"): "test_readers.py::test_unctad_good",
    ("$defs.input.layout", "oecd_sdmx"): "test_readers.py::test_sdmx_good_applies_unit_mult",
    ("$defs.input.layout", "wdi_bulk"): "test_readers.py::test_wdi_with_and_without_preamble",
    (
        "$defs.input.layout",
        "population_long",
    ): "test_coverage.py::test_small_input_countries_and_years",
    ("country_panel.route", "indicators"): "test_workflow.py::test_outputs_exist",
    ("country_panel.route", "icio"): "test_workflow_real.py::test_qu_yang_on_wiod",
    ("country_panel.icio.adapter", "wiod2013"): "test_workflow_real.py::test_qu_yang_on_wiod",
    ("country_panel.icio.adapter", "oecd_icio"): "test_icio_oecd.py::test_small_table_round_trip",
    ("qu_yang_2023.table5.source", "simulate"): "test_workflow.py::test_outputs_exist",
    **{
        ("report.table_formats[]", fmt): "test_workflow.py::test_every_table_in_every_format"
        for fmt in ("tex", "html", "csv", "md", "xlsx", "docx")
    },
    ("qu_yang_2023.table5.source", "files"): "test_qu_yang_exhibits.py::test_table5_and_vs_paper",
    (
        "speccurve.country_sets.*",
        "all",
    ): "test_speccurve.py::test_grid_is_baseline_single_departures_and_combinations",
    ("liu_2013.firms.source", "simulate"): "test_workflow.py::test_outputs_exist",
    (
        "liu_2013.firms.source",
        "files",
    ): "test_asif_ingest.py::test_audit_counts_equal_injected_dirt_by_year",
    (
        "liu_2013.cleaning[].keep",
        "first",
    ): "test_asif_ingest.py::test_audit_counts_equal_injected_dirt_by_year",
    (
        "liu_2013.cleaning[].keep",
        "largest_output",
    ): "test_asif_ingest.py::test_deduplicate_keeps_largest_output",
    **{
        (
            "liu_2013.cleaning[].rule",
            rule,
        ): "test_asif_ingest.py::test_rules_apply_in_configured_order"
        for rule in (
            "drop_missing",
            "drop_negative",
            "drop_nonpositive",
            "va_exceeds_output",
            "min_employment",
            "deduplicate",
        )
    },
    **{
        ("liu_2013.group", g): "test_convergence.py::test_group_drives_the_regression_sample"
        for g in ("foreign", "hmt", "domestic")
    },
    **{
        (
            "speccurve." + template.format(dim),
            v,
        ): "test_speccurve.py::test_spec_panel_applies_each_construction_choice"
        for template in ("baseline.{}", "variations.{}[]", "combinations[].{}")
        for dim, values in (
            ("denominator", ("exports", "value_added")),
            ("gr", ("world_adjusted", "raw")),
        )
        for v in values
    },
    # the GVCP measures of country_panel.icio.gvcp and of the curve's gvcp dimension
    **{
        (
            "$defs.gvcp_measure",
            v,
        ): "test_gvcp_measures.py::test_each_measure_equals_its_derivation_from_decompr_terms"
        for v in (
            "fva_dvx",
            "fva_dvx_backward",
            "fva_dvx_forward",
            "kww",
            "kww_backward",
            "kww_forward",
        )
    },
    **{
        (
            "country_panel.icio.decompositions[]",
            m,
        ): "test_gvcp_measures.py::test_decomposition_rule_and_a_kww_panel"
        for m in ("leontief", "kww", "wwz")
    },
}
#: Values run in this file; the specification curve's bootstrap and standardisation are the
#: eqs (16)-(20) options (``gvcpanel.papers.qu_yang_2023.speccurve`` passes them to the same
#: estimators).
DIRECT = (
    {(f"qu_yang_2023.{k}", v) for k, v in _linear_values()}
    | {("qu_yang_2023.threshold.max_thresholds", m) for m in (1, 2, 3)}
    | {
        (k, v)
        for k, v in schema_values()
        if k in ("qu_yang_2023.threshold.bootstrap", "qu_yang_2023.threshold.conventions")
    }
    | {
        ("speccurve.bootstrap", v)
        for k, v in schema_values()
        if k == "qu_yang_2023.threshold.bootstrap"
    }
    | {(f"liu_2013.threshold_model.{k}", v) for k, v in _liu_values()}
    | {
        ("speccurve." + template.format("standardize"), v)
        for template in ("baseline.{}", "variations.{}[]", "combinations[].{}")
        for v in ("zscore", "none")
    }
)


def _default(key: str) -> Any:
    """The value of a plain dotted key in the validated default configuration (None if absent)."""
    node: Any = validated()
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def test_every_schema_value_is_exercised():
    """A value the schema gains fails here until a test runs it. A named test must exist, and its
    file must spell the value unless the test runs the default configuration that holds it."""
    covered = DIRECT | set(NAMED)
    assert schema_values() - covered == set()
    assert covered - schema_values() == set()
    unlinked = []
    for (key, value), where in NAMED.items():
        file, name = where.split("::")
        text = (ROOT / "tests" / file).read_text()
        assert re.search(rf"^def {name}\(", text, re.M), where
        if str(value) not in text and _default(key) != value:
            unlinked.append((where, key, value))
    assert unlinked == []
