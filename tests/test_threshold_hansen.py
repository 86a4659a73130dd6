"""Hansen (1999) exact conventions on invest.dat against the printed output of his program.

Expected values come from ``reference["hansen1999"]["hansen_program_output"]``. Non-threshold
numbers are compared at 1e-6 relative. Thresholds and interval ends are printed with 5
significant digits, so they are compared within half a unit of the 5th significant digit.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from gvcpanel.estimate.covariance import Robust, Unadjusted
from gvcpanel.estimate.threshold import ThresholdPanel, ThresholdTests, lr_critical
from gvcpanel.estimate.threshold.bootstrap import critical_values, p_value
from gvcpanel.sources.hansen import hansen_invest_panel

REL = 1e-6
WHITE = Robust(small_sample=False)  # Hansen's White SEs: HC0
X_COLS = ["Q1", "Q2", "Q3", "D1", "QD1"]


def printed(value: float, ref: float, digits: int = 5) -> bool:
    """True if ``value`` rounds to ``ref`` printed with ``digits`` significant digits."""
    half_unit = 0.5 * 10 ** (math.floor(math.log10(abs(ref))) - digits + 1)
    return abs(value - ref) <= half_unit * (1 + 1e-9)


@pytest.fixture(scope="module")
def model(shared_data):
    df = hansen_invest_panel(shared_data / "hansen1999" / "invest.dat")
    return ThresholdPanel(
        df,
        y="I",
        x=X_COLS,
        regime_x=["CF1"],
        q="D1",
        entity="firm",
        time="year",
        conventions="hansen",
    )


@pytest.fixture(scope="module")
def fitted(model):
    return model.fit(
        n_thresholds=3, bootstrap="firm_block", reps=300, seed=20240601, cov=Unadjusted()
    )


@pytest.fixture(scope="module")
def out(reference):
    return reference["hansen1999"]["hansen_program_output"]


def test_sample_and_grid(model, fitted, out):
    assert fitted.nobs == out["n_obs_used"]
    assert len(model.grid) == out["grid_points"]
    assert fitted.s0 == pytest.approx(out["S0_linear"], rel=REL)


@pytest.mark.parametrize(
    ("k", "key", "gamma"),
    [(1, "single", "gamma"), (2, "double", "gamma2"), (3, "triple", "gamma3")],
)
def test_stage(fitted, out, k, key, gamma):
    ref = out[key]
    t = fitted.tests[k - 1]
    assert t.k == k
    assert printed(t.threshold, ref[gamma])
    assert printed(t.ci95[0], ref["ci95"][0])
    assert printed(t.ci95[1], ref["ci95"][1])
    assert t.sse == pytest.approx(ref["sse"], rel=REL)
    f_stat = t.F
    assert f_stat == pytest.approx(ref["F"], rel=REL)


def test_fixed_and_refined(fitted, out):
    assert printed(fitted.tests[0].threshold, out["double"]["fixed"])
    gamma, (lo, hi) = fitted.refined
    assert printed(gamma, out["double"]["refined_gamma1"])
    assert printed(lo, out["double"]["refined_gamma1_ci95"][0])
    assert printed(hi, out["double"]["refined_gamma1_ci95"][1])
    for got, ref in zip(fitted.thresholds[:2], out["triple"]["fixed"], strict=True):
        assert printed(got, ref)


@pytest.mark.parametrize(("k", "key"), [(1, "single"), (2, "double"), (3, "triple")])
def test_coefficients_both_se_types(fitted, out, k, key):
    fit = fitted.fits[k]
    ref = np.array(
        out[key]["regime_independent_coef_se_hetse"] + out[key]["regime_dependent_coef_se_hetse"]
    )
    assert len(fit.names) == len(ref)
    np.testing.assert_allclose(fit.params, ref[:, 0], rtol=REL)
    np.testing.assert_allclose(fit.std_errors(Unadjusted()), ref[:, 1], rtol=REL)
    np.testing.assert_allclose(fit.std_errors(WHITE), ref[:, 2], rtol=REL)


def test_bootstrap_p_values(fitted):
    """B = 300: p(F1) < 0.02, p(F2) < 0.05, p(F3) > 0.3 (SPEC §7) and the 5% critical value of F1
    in [12, 20] (reference/hansen1999.json, ``bootstrap_expectations``)."""
    p = [t.p for t in fitted.tests]
    assert p[0] < 0.02
    assert p[1] < 0.05
    assert p[2] > 0.3
    assert 12 <= fitted.tests[0].crit_10_5_1[1] <= 20
    assert all(len(t.boot_stats) == 300 for t in fitted.tests)


def test_bootstrap_is_seeded(model):
    a = model.fit(1, reps=50, seed=7).tests[0]
    b = model.fit(1, reps=50, seed=7).tests[0]
    c = model.fit(1, reps=50, seed=8).tests[0]
    np.testing.assert_array_equal(a.boot_stats, b.boot_stats)
    assert not np.array_equal(a.boot_stats, c.boot_stats)


def test_hansen_p_and_critical_value_rules():
    """p = share strictly greater; crit = sorted stats at 1-based index ceil(level * B)."""
    stats = np.arange(1.0, 11.0)
    assert p_value(stats, 7.0, "hansen") == pytest.approx(0.3)
    assert p_value(stats, 7.0, "standard") == pytest.approx(0.4)
    assert critical_values(stats, "hansen") == (9.0, 10.0, 10.0)


def test_lr_critical_value():
    """c(0.05) = -2 log(1 - sqrt(0.95)) = 7.35 (Hansen 1999, Table 1)."""
    assert lr_critical(0.05) == pytest.approx(7.352, abs=1e-3)


def test_lr_curve_and_interval(fitted):
    curve = fitted.lr_curve(1)
    assert curve["lr"].min() == 0.0
    inside = curve.loc[curve["lr"] < lr_critical(), "threshold"]
    assert (inside.min(), inside.max()) == fitted.tests[0].ci95
    refine = fitted.lr_curve(1, refined=True)
    assert np.isinf(refine["lr"]).sum() == 8  # 4 grid points below gamma_2, gamma_2 and 3 above


def test_tests_table_round_trip(fitted, tmp_path):
    table = fitted.tests_table(model="triple", seed=20240601)
    path = tmp_path / "tests.json"
    table.write(path)
    back = ThresholdTests.read(path)
    assert back.threshold_variable == "D1"
    assert back.regime_variables == ("CF1",)
    assert back.bootstrap == {"kind": "firm_block", "reps": 300, "seed": 20240601}
    assert [t.k for t in back.tests] == [1, 2, 3]
    assert [r.F for r in back.tests] == pytest.approx([t.F for t in fitted.tests], rel=1e-11)
    for row, t in zip(back.tests, fitted.tests, strict=True):
        assert row.ci95 == pytest.approx(t.ci95, rel=1e-11)
        assert row.crit_10_5_1 == pytest.approx(t.crit_10_5_1, rel=1e-11)


def test_to_estimates_round_trip(model, fitted, tmp_path):
    white = model.fit(n_thresholds=3, reps=0, cov=WHITE)
    est = white.to_estimates("triple", study="hansen_1999", terms={"CF1_regime0": "cf_low"})
    path = tmp_path / "triple.json"
    est.write(path)
    back = type(est).read(path)
    row = back.coef("cf_low")
    assert row.coef == pytest.approx(fitted.params["CF1_regime0"], rel=1e-10)
    assert row.se == pytest.approx(white.std_errors["CF1_regime0"], rel=1e-10)
    assert row.se == pytest.approx(fitted.final_fit.std_errors(WHITE)[5], rel=1e-10)
    assert back.se_type == "White (HC0)"
    assert back.extra["thresholds"] == pytest.approx(fitted.thresholds)
    assert back.extra["conventions"] == "hansen"
    assert "tests" not in back.extra  # the tests live in the test document only


def test_summary_uses_the_fit_covariance(fitted, out):
    """std_errors, the summary and to_estimates report the covariance of the fit."""
    text = str(fitted)
    assert text == str(fitted.summary) and "Th-21" in text and "Triple" in text
    assert "Std. Err.: conventional" in text
    ref = out["triple"]["regime_dependent_coef_se_hetse"]
    np.testing.assert_allclose(fitted.std_errors.iloc[5:], [r[1] for r in ref], rtol=REL)
    est = fitted.to_estimates("triple", study="hansen_1999")
    assert [c.se for c in est.coefficients] == pytest.approx(fitted.std_errors.tolist())
    names = [line.split("|")[0].strip() for line in text.splitlines() if "CF1_regime" in line]
    assert names == ["CF1_regime0", "CF1_regime1", "CF1_regime2", "CF1_regime3"]
    html = fitted._repr_html_()
    assert html.count("<table") == 3 and "CF1_regime3" in html
