"""Two-way FE through the project's wrapper on Grunfeld against R plm (reference/grunfeld.json)."""

import pandas as pd
import pytest

from gvcpanel.estimate.panel import fit_twoway, to_estimates


@pytest.fixture(scope="module")
def grunfeld10(shared_data):
    return pd.read_csv(shared_data / "grunfeld" / "grunfeld10.csv")


def test_twoway_fe_matches_plm(grunfeld10, reference):
    ref = reference["grunfeld"]["grunfeld10"]["twoways_within"]
    res = fit_twoway(grunfeld10, "invest", ["value", "capital"], "firm", "year", se="unadjusted")
    est = to_estimates(res, "validation", "grunfeld10", se="unadjusted")
    for term in ("value", "capital"):
        coef, se = ref[term]
        # plm prints 6 significant digits: compare to half a unit of the last printed digit.
        assert est.coef(term).coef == pytest.approx(coef, abs=5e-7)
        assert est.coef(term).se == pytest.approx(se, abs=5e-7)
    assert res.df_resid == ref["df_resid"]
    assert float(res.resids.pow(2).sum()) == pytest.approx(ref["rss"], rel=1e-7)


def test_oneway_fe_matches_plm(grunfeld10, reference):
    ref = reference["grunfeld"]["grunfeld10"]["oneway_within"]
    res = fit_twoway(
        grunfeld10,
        "invest",
        ["value", "capital"],
        "firm",
        "year",
        se="unadjusted",
        time_effects=False,
    )
    assert float(res.params["value"]) == pytest.approx(ref["value"][0], abs=5e-7)
    assert float(res.std_errors["capital"]) == pytest.approx(ref["capital"][1], abs=5e-7)


def test_twoway_fe_grunfeld11(shared_data, reference):
    ref = reference["grunfeld"]["grunfeld11_aer"]["twoways_within"]
    df = pd.read_csv(shared_data / "grunfeld" / "grunfeld11_aer.csv")
    res = fit_twoway(df, "invest", ["value", "capital"], "firm", "year", se="unadjusted")
    assert float(res.params["value"]) == pytest.approx(ref["value"][0], abs=5e-7)
    assert float(res.std_errors["value"]) == pytest.approx(ref["value"][1], abs=5e-7)


def test_clustered_se_convention(grunfeld10):
    """Clustered SE = sandwich with Stata's factor G/(G-1)(N-1)/(N-K-(T-1)), by hand."""
    import numpy as np

    res = fit_twoway(grunfeld10, "invest", ["value", "capital"], "firm", "year", se="clustered")
    d = grunfeld10.copy()
    cols = ["invest", "value", "capital"]
    d[cols] = d[cols] - d.groupby("firm")[cols].transform("mean")
    d[cols] = d[cols] - d.groupby("year")[cols].transform("mean")  # balanced: closed form
    x, y = d[["value", "capital"]].to_numpy(), d["invest"].to_numpy()
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    e = y - x @ beta
    xtx_inv = np.linalg.inv(x.T @ x)
    meat = sum(np.outer(s, s) for s in (x * e[:, None]).reshape(10, 20, 2).sum(axis=1))
    n, k, t, g = len(y), 2, d["year"].nunique(), 10
    factor = g / (g - 1) * (n - 1) / (n - k - (t - 1))
    se = np.sqrt(np.diag(xtx_inv @ meat @ xtx_inv) * factor)
    np.testing.assert_allclose(res.std_errors[["value", "capital"]].to_numpy(), se, rtol=1e-8)
