"""Two-way FE through the project's wrapper on Grunfeld against R plm (reference/grunfeld.json)."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from gvcpanel.errors import InputError
from gvcpanel.estimate.covariance import Clustered, Robust, Unadjusted
from gvcpanel.estimate.twoway import twoway

LM = {
    "clustered": Clustered(convention="linearmodels"),
    "robust": Robust(),
    "unadjusted": Unadjusted(),
}
GRUNFELD = {"y": "invest", "x": ["value", "capital"], "entity": "firm", "time": "year"}


@pytest.fixture(scope="module")
def grunfeld10(shared_data):
    return pd.read_csv(shared_data / "grunfeld" / "grunfeld10.csv")


def test_twoway_fe_matches_plm(grunfeld10, reference):
    ref = reference["grunfeld"]["grunfeld10"]["twoways_within"]
    res = twoway(grunfeld10, **GRUNFELD, cov=Unadjusted())
    est = res.to_estimates("grunfeld10", study="validation")
    for term in ("value", "capital"):
        coef, se = ref[term]
        # plm prints 6 significant digits: compare to half a unit of the last printed digit.
        assert est.coef(term).coef == pytest.approx(coef, abs=5e-7)
        assert est.coef(term).se == pytest.approx(se, abs=5e-7)
    assert res.df_resid == ref["df_resid"]
    assert float(res.resids.pow(2).sum()) == pytest.approx(ref["rss"], rel=1e-7)


def test_oneway_fe_matches_plm(grunfeld10, reference):
    ref = reference["grunfeld"]["grunfeld10"]["oneway_within"]
    res = twoway(grunfeld10, **GRUNFELD, cov=Unadjusted(), time_effects=False)
    assert float(res.params["value"]) == pytest.approx(ref["value"][0], abs=5e-7)
    assert float(res.std_errors["capital"]) == pytest.approx(ref["capital"][1], abs=5e-7)


def test_twoway_fe_grunfeld11(shared_data, reference):
    ref = reference["grunfeld"]["grunfeld11_aer"]["twoways_within"]
    df = pd.read_csv(shared_data / "grunfeld" / "grunfeld11_aer.csv")
    res = twoway(df, **GRUNFELD, cov=Unadjusted())
    assert float(res.params["value"]) == pytest.approx(ref["value"][0], abs=5e-7)
    assert float(res.std_errors["value"]) == pytest.approx(ref["value"][1], abs=5e-7)


@pytest.mark.parametrize("inference", ["stata", "linearmodels"])
def test_clustered_se_convention(grunfeld10, inference):
    """Clustered SE = sandwich with G/(G-1)(N-1)/(N-P), by hand: P = K + (T-1) + 1 and t(G-1)
    under ``stata`` (xtreg, fe counts its constant), P = K + (T-1) and t(N-K-(T-1)-G) under
    ``linearmodels``."""
    res = twoway(grunfeld10, **GRUNFELD, cov=Clustered(convention=inference))
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
    p = k + (t - 1) + (1 if inference == "stata" else 0)
    se = np.sqrt(np.diag(xtx_inv @ meat @ xtx_inv) * g / (g - 1) * (n - 1) / (n - p))
    np.testing.assert_allclose(res.std_errors[["value", "capital"]].to_numpy(), se, rtol=1e-8)
    df = g - 1 if inference == "stata" else n - k - (t - 1) - g
    tstat = beta / se
    np.testing.assert_allclose(res.pvalues.to_numpy(), 2 * stats.t.sf(np.abs(tstat), df), rtol=1e-8)
    half = stats.t.ppf(0.975, df) * se
    np.testing.assert_allclose(
        res.conf_int().to_numpy(), np.c_[beta - half, beta + half], rtol=1e-8
    )


def _unbalanced_panel() -> pd.DataFrame:
    """60 entities, each observed in 1–14 of 15 years (singletons and gaps), two regressors."""
    rng = np.random.default_rng(14)
    keys = [
        (f"e{i:02d}", int(year))
        for i in range(60)
        for year in sorted(rng.choice(np.arange(1990, 2005), rng.integers(1, 15), replace=False))
    ]
    d = pd.DataFrame(keys, columns=["iso3", "year"])
    d["x1"] = rng.standard_normal(len(d)) + 0.05 * (d["year"] - 1990)
    d["x2"] = rng.standard_normal(len(d)) + d["iso3"].str[1:].astype(int) / 30
    d["y"] = d["x1"] - 0.5 * d["x2"] + 0.1 * (d["year"] - 1990) + rng.standard_normal(len(d))
    return d


def _lsdv(data, dependent, regressors, entity, time, se):
    """The dummy-encoded formulation: PanelOLS with entity effects and T−1 year dummies."""
    from linearmodels import PanelOLS

    frame = data.set_index([entity, time])
    years = frame.index.get_level_values(time)
    dummies = pd.get_dummies(years, prefix="_year", drop_first=True).astype(float)
    exog = pd.concat([frame[regressors], dummies.set_index(frame.index)], axis=1)
    cov = {"cluster_entity": True, "group_debias": True} if se == "clustered" else {}
    return PanelOLS(frame[dependent], exog, entity_effects=True, singletons=True).fit(
        cov_type=se, debiased=True, auto_df=True, **cov
    )


@pytest.mark.parametrize("se", ["clustered", "robust", "unadjusted"])
@pytest.mark.parametrize("panel", ["grunfeld10", "unbalanced"])
def test_absorbed_year_effects_equal_year_dummies(panel, se, request):
    """Frisch–Waugh–Lovell: absorbing the year effects gives the dummy regression's numbers."""
    if panel == "grunfeld10":
        data, args = request.getfixturevalue("grunfeld10"), ("invest", ["value", "capital"])
        keys = ("firm", "year")
    else:
        data, args, keys = _unbalanced_panel(), ("y", ["x1", "x2"]), ("iso3", "year")
    xs = args[1]
    ref = _lsdv(data, *args, *keys, se)
    res = twoway(data, y=args[0], x=xs, entity=keys[0], time=keys[1], cov=LM[se])
    for ours, theirs in [
        (res.params, ref.params[xs]),
        (res.std_errors, ref.std_errors[xs]),
        (res.tstats, ref.tstats[xs]),
        (res.pvalues, ref.pvalues[xs]),
        (res.conf_int(), ref.conf_int().loc[xs]),
    ]:
        np.testing.assert_allclose(np.asarray(ours), np.asarray(theirs), rtol=1e-10)
    np.testing.assert_allclose(res.resids.to_numpy(), ref.resids.to_numpy(), rtol=0, atol=1e-10)
    assert (res.nobs, res.df_resid) == (ref.nobs, ref.df_resid)
    assert res.rsquared_within == pytest.approx(ref.rsquared_within, rel=1e-10)
    est = res.to_estimates(panel, study="validation")
    assert est.r2 == pytest.approx(ref.rsquared_within, rel=1e-10)
    assert est.extra["r2_overall"] == pytest.approx(ref.rsquared_overall, rel=1e-10)
    assert est.extra["df_resid"] == ref.df_resid
    assert est.effects == ("entity", "time")


@pytest.mark.parametrize(
    "column",
    [
        lambda d: d["year"] - 1935,  # spanned by the year effects
        lambda d: d.groupby("firm")["value"].transform("mean"),  # spanned by the entity effects
        lambda d: d["value"] - 3 * d["capital"],  # collinear with the other regressors
    ],
)
def test_absorbed_regressor_is_an_error(grunfeld10, column):
    d = grunfeld10.assign(extra=column(grunfeld10))
    with pytest.raises(InputError, match="extra"):
        twoway(d, **(GRUNFELD | {"x": ["value", "capital", "extra"]}))
