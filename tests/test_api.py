"""The public API on DataFrames: ``gvcpanel.twoway`` and ``gvcpanel.threshold``.

On Stata's xthreg example file (``../shared/data/hansen1999``): the issue's two calls run, print
themselves and export typed estimates; with xthreg's options the API reproduces xthreg's printed
coefficient table (``reference/xthreg2015.json``). One set of defaults: the API signature, its
docstring, the CLI and ``config/defaults.yaml`` agree. Wrong input is one ``InputError`` naming the
column or the rows.
"""

from __future__ import annotations

import inspect
import re

import numpy as np
import pandas as pd
import pytest
import yaml

import gvcpanel
from gvcpanel.estimate.threshold.cli import build_parser

X = ["q1", "q2", "q3", "d1", "qd1"]
KEYS = {"entity": "id", "time": "year"}


@pytest.fixture(scope="module")
def xthreg_data(shared_data) -> pd.DataFrame:
    return pd.read_csv(shared_data / "hansen1999" / "hansen1999_xthreg.csv")


@pytest.fixture(scope="module")
def thr(xthreg_data):
    return gvcpanel.threshold(
        xthreg_data, y="i", x=X, regime_x=["c1"], q="d1", **KEYS, thresholds=1, reps=50, seed=1
    )


@pytest.fixture(scope="module")
def fe(xthreg_data):
    return gvcpanel.twoway(xthreg_data, y="i", x=["q1", "d1"], **KEYS)


def test_the_issues_calls_run_and_print_themselves(fe, thr):
    for res in (fe, thr):
        text = str(res)
        assert text == str(res.summary) and "Std. Err.: clustered by id" in text
        assert "<table" in res._repr_html_()
    assert thr.tests[0].p is not None and len(thr.tests[0].boot_stats) == 50
    assert thr.n_thresholds == 1 and fe.nobs == thr.nobs == 7910


def test_to_estimates_gives_typed_rows(fe, thr, tmp_path):
    """Coefficient rows (regime slopes as rows), N, R², effects, the covariance's description,
    the model name and the thresholds; the JSON round trip validates against the schema."""
    est = thr.to_estimates()
    assert [c.term for c in est.coefficients] == [*X, "c1_regime0", "c1_regime1"]
    assert est.model == "threshold" and est.nobs == 7910 and est.effects == ("entity",)
    assert est.extra["thresholds"] == [thr.thresholds[0]] and est.se_type == "clustered by id"
    assert est.se_convention == thr.cov.describe(thr.final_fit.scores.layout)
    assert est.coef("c1_regime1").se == pytest.approx(thr.std_errors["c1_regime1"], rel=1e-12)
    two = fe.to_estimates()
    assert (
        two.model == "twoway" and two.effects == ("entity", "time") and two.r2 == fe.rsquared_within
    )
    assert two.extra["df_inference"] == 564  # G − 1
    path = tmp_path / "thr.json"
    est.write(path)
    assert gvcpanel.Estimates.read(path).to_dict() == est.to_dict()
    with pytest.raises(AttributeError):
        est.nobs = 1  # frozen
    with pytest.raises(TypeError):
        est.extra["thresholds"] = []  # read-only
    assert est.replace(model="mine").model == "mine"


def test_schema_refuses_a_broken_estimates_file(thr, tmp_path):
    doc = thr.to_estimates().to_dict()
    del doc["coefficients"][0]["se"]
    with pytest.raises(gvcpanel.errors.DataError, match="coefficients/0: 'se' is a required"):
        gvcpanel.Estimates.from_dict(doc, "bad.json")


def test_xthreg_coefficient_table_through_the_api(xthreg_data, reference):
    """xthreg's options (conventions, conventional SEs): its printed coefficients and SEs."""
    ref = reference.get("xthreg2015")
    if ref is None:
        pytest.skip("reference/xthreg2015.json not present in ../shared/reference")
    ref = ref["single"]
    res = gvcpanel.threshold(
        xthreg_data, y="i", x=X, regime_x=["c1"], q="d1", **KEYS,
        conventions="xthreg", cov="unadjusted", reps=0,
    )  # fmt: skip
    assert round(res.tests[0].threshold, 4) == ref["threshold"]
    for name, (coef, se) in ref["coef_se"].items():
        if name == "_cons":
            continue
        assert abs(res.params[name] - coef) <= 0.5e-7, name
        assert abs(res.std_errors[name] - se) <= 0.5e-7, name


def test_sharded_bootstrap_through_merge_shards(xthreg_data, thr):
    model = {"y": "i", "x": X, "regime_x": ["c1"], "q": "d1", **KEYS}
    parts = [
        gvcpanel.threshold_shard(xthreg_data, shard=s, shards=2, reps=50, seed=1, **model)
        for s in range(2)
    ]
    merged = gvcpanel.threshold(
        xthreg_data, **model, reps=50, seed=1, boot_stats=gvcpanel.merge_shards(parts)
    )
    np.testing.assert_array_equal(merged.tests[0].boot_stats, thr.tests[0].boot_stats)
    assert merged.tests[0].p == thr.tests[0].p


def test_flat_exports():
    for name in gvcpanel.__all__:
        assert getattr(gvcpanel, name) is not None, name
    assert {"twoway", "threshold", "merge_shards", "Clustered"} <= set(gvcpanel.__all__)
    assert set(gvcpanel.__all__) <= set(dir(gvcpanel))
    with pytest.raises(AttributeError):
        _ = gvcpanel.fit_twoway


def _docstring_defaults(func) -> dict[str, str]:
    """``name -> default`` from the ``- ``name``: ... (default X)`` entries of a docstring."""
    text = " ".join(inspect.getdoc(func).split())
    entries = re.findall(r"- ``(\w+)``: (.*?)(?= - ``\w+``:|$)", text)
    found = {}
    for name, body in entries:
        match = re.search(r"\(default (\([^()]*\)|[^\s:)]+)", body)
        if match:
            found[name] = match.group(1)
    return found


def test_api_docstring_cli_and_config_state_the_same_defaults(root):
    sig = {
        n: p.default
        for n, p in inspect.signature(gvcpanel.threshold).parameters.items()
        if p.default is not inspect.Parameter.empty
    }
    documented = _docstring_defaults(gvcpanel.threshold)
    assert set(documented) == set(sig) - {"x"}
    for name, text in documented.items():
        value = sig[name]
        shown = value.name if isinstance(value, gvcpanel.Covariance) else str(value)
        assert text == shown, name
    parser = build_parser()
    cli = {a.dest: a.default for a in parser._actions}
    for name in ("thresholds", "reps", "bootstrap", "seed", "conventions", "grid"):
        assert cli[name] == sig[name], name
    assert cli["trim"] == list(sig["trim"])
    assert (cli["cov"], cli["convention"], cli["cluster"]) == ("clustered", "stata", None)
    assert sig["cov"] == gvcpanel.Clustered() == gvcpanel.DEFAULT_COV
    assert inspect.signature(gvcpanel.twoway).parameters["cov"].default == gvcpanel.DEFAULT_COV
    defaults = yaml.safe_load((root / "config" / "defaults.yaml").read_text())["qu_yang_2023"]
    assert (defaults["se"], defaults["inference"]) == ("clustered", "stata")
    schema = yaml.safe_load((root / "schemas" / "config.schema.yaml").read_text())
    qy = schema["properties"]["qu_yang_2023"]["properties"]
    assert sorted(qy["se"]["enum"]) == sorted(gvcpanel.COVARIANCES)
    assert tuple(qy["inference"]["enum"]) == gvcpanel.estimate.covariance.CONVENTIONS


def test_twoway_has_no_paper_defaults():
    params = inspect.signature(gvcpanel.twoway).parameters
    for name in ("y", "x", "entity", "time"):
        assert params[name].default is inspect.Parameter.empty, name


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    d = pd.DataFrame(
        {"id": np.repeat(np.arange(30), 6), "year": np.tile(np.arange(2000, 2006), 30)}
    )
    d["x"] = rng.standard_normal(len(d))
    d["q"] = rng.uniform(size=len(d))
    d["r"] = rng.standard_normal(len(d))
    d["y"] = d["x"] + np.where(d["q"] <= 0.5, 1.0, -1.0) * d["r"] + rng.standard_normal(len(d))
    return d


def _both(data, **changes):
    """Both estimators on ``data``; ``changes`` replace their column arguments."""
    args = {"y": "y", "x": ["x"], **KEYS} | changes
    yield lambda: gvcpanel.twoway(data, **args)
    yield lambda: gvcpanel.threshold(data, **args, regime_x=["r"], q="q", reps=0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: (d, {"x": ["x", "z"]}), r"columns present.* z"),
        (lambda d: (d.assign(x=d["x"].astype(str)), {}), r"numeric columns.* x — x: (object|str)"),
        (
            lambda d: (d.assign(x=d["x"].where(d.index != 7)), {}),
            r"finite values in x.* \(1, 2001\)",
        ),
        (lambda d: (d.assign(x=d["id"] * 0.5), {}), r"not absorbed by the entity.* x"),
        (lambda d: (list(d["y"]), {}), r"data is a pandas DataFrame.* list"),
    ],
    ids=["missing column", "non-numeric", "NaN", "time-invariant", "not a DataFrame"],
)
def test_wrong_input_is_one_input_error(small, change, message):
    data, args = change(small)
    for call in _both(data, **args):
        with pytest.raises(gvcpanel.InputError, match=message) as err:
            call()
        assert isinstance(err.value, ValueError)


def test_too_few_observations_for_the_trimming(small):
    with pytest.raises(gvcpanel.InputError, match=r"enough for the trimming.* stage 2") as err:
        gvcpanel.threshold(
            small.head(24), y="y", x=["x"], regime_x=["r"], q="q", **KEYS,
            thresholds=2, trim=(0.4, 0.4, 0.4), reps=0,
        )  # fmt: skip
    assert "24 observations" in str(err.value)


def test_duplicate_keys_and_unknown_options(small):
    dup = pd.concat([small, small.head(1)])
    with pytest.raises(gvcpanel.InputError, match=r"unique key \(id, year\).*\(0, 2000\)"):
        gvcpanel.threshold(dup, y="y", x=["x"], regime_x=["r"], q="q", **KEYS, reps=0)
    with pytest.raises(gvcpanel.InputError, match="cov one of"):
        gvcpanel.twoway(small, y="y", x=["x"], **KEYS, cov="white")


def test_index_levels_work_as_columns(small):
    indexed = small.set_index(["id", "year"])
    a = gvcpanel.twoway(indexed, y="y", x=["x"], **KEYS)
    b = gvcpanel.twoway(small, y="y", x=["x"], **KEYS)
    np.testing.assert_array_equal(a.params, b.params)
    np.testing.assert_array_equal(a.std_errors, b.std_errors)


def test_readme_python_example_runs(root, shared_data):
    """The README's Python block, on the shipped xthreg example file."""
    text = (root / "README.md").read_text()
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", text, re.S) if "gvcpanel.twoway" in b]
    csv = shared_data / "hansen1999" / "hansen1999_xthreg.csv"
    scope: dict[str, object] = {}
    exec(block.replace('"hansen1999_xthreg.csv"', repr(str(csv))), scope)  # noqa: S102
    assert [c.term for c in scope["est"].coefficients][-2:] == ["c1_regime0", "c1_regime1"]
