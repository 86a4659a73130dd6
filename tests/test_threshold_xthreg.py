"""Compatibility with Stata's xthreg (Wang 2015) on its example file hansen1999_xthreg.csv.

SPEC section 7: at the partition d1 <= 0.01538 (usual within transform over all 14 periods, lower
regime q <= gamma) F1 = (S0 - S1) / (S1 / (NT - T)) is 35.2 as printed (one decimal). The
coefficient table is compared with ``reference["xthreg2015"]`` to the printed 7 decimals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gvcpanel.estimate.covariance import Unadjusted
from gvcpanel.estimate.threshold import ThresholdPanel

PARTITION = 0.01538
X_COLS = ["q1", "q2", "q3", "d1", "qd1"]


@pytest.fixture(scope="module")
def data(shared_data):
    return pd.read_csv(shared_data / "hansen1999" / "hansen1999_xthreg.csv")


@pytest.fixture(scope="module")
def model(data):
    return ThresholdPanel(data, y="i", x=X_COLS, regime_x=["c1"], q="d1", entity="id", time="year")


@pytest.fixture(scope="module")
def xthreg(reference):
    ref = reference.get("xthreg2015")
    if ref is None:
        pytest.skip("reference/xthreg2015.json not present in ../shared/reference")
    return ref["single"]


def test_f1_with_nt_minus_t_denominator(model, data):
    s0 = model.fit_at([]).sse
    s1 = model.fit_at([PARTITION]).sse
    nt, t = len(data), data["year"].nunique()
    f1 = (s0 - s1) / (s1 / (nt - t))
    assert abs(f1 - 35.2) <= 0.05


def test_coefficient_table(model, data, xthreg):
    fit = model.fit_at([PARTITION])
    assert fit.nobs == xthreg["nobs"]
    assert abs(fit.sse - xthreg["rss"]) <= 0.5e-4
    assert abs(fit.r2_within - xthreg["r2_within"]) <= 0.5e-4
    assert np.sqrt(fit.sse / fit.df_resid) == pytest.approx(xthreg["sigma_e"], rel=1e-6)
    se = fit.std_errors(Unadjusted())
    for name, coef, err in zip(fit.names, fit.params, se, strict=True):
        ref_coef, ref_se = xthreg["coef_se"][name]
        assert abs(coef - ref_coef) <= 0.5e-7, name
        assert abs(err - ref_se) <= 0.5e-7, name
    # xtreg's constant: mean of y minus the regressor means times the slopes
    raw = np.column_stack(
        [data[X_COLS].to_numpy()]
        + [data["c1"].to_numpy() * (data["d1"] <= PARTITION), data["c1"] * (data["d1"] > PARTITION)]
    )
    cons = data["i"].mean() - raw.mean(axis=0) @ fit.params
    assert abs(cons - xthreg["coef_se"]["_cons"][0]) <= 0.5e-7


def test_full_fit_runs_in_standard_mode(model, xthreg):
    res = model.fit(n_thresholds=1, bootstrap="firm_block", reps=20, seed=3)
    assert res.nobs == xthreg["nobs"]
    # xthreg's grid rule is undocumented: thresholds agree to the 3rd decimal
    assert abs(res.tests[0].threshold - xthreg["threshold"]) < 1e-3
    assert res.tests[0].ci95[0] <= xthreg["threshold"] <= res.tests[0].ci95[1]
