"""Every covariance object against linearmodels or statsmodels on the same regression (rtol 1e-10),
fitted with it or re-reported on another fit without refitting.

Regressions: the two-way within estimator on an unbalanced panel (linearmodels' ``PanelOLS`` with
entity effects and year dummies; statsmodels' OLS on the entity-demeaned data with the demeaned
year dummies and a constant, whose CR1 counts the constant as Stata's ``xtreg, fe`` does), the
threshold slopes at fixed thresholds and the OLS of the convergence regressions. Two-way
clustering with Stata's convention is checked against the Cameron–Gelbach–Miller formula written
out here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from linearmodels import PanelOLS

from gvcpanel.errors import InputError
from gvcpanel.estimate.covariance import (
    CONVENTIONS,
    COVARIANCES,
    DEFAULT_COV,
    Clustered,
    Layout,
    Robust,
    Unadjusted,
    covariance,
    from_config,
)
from gvcpanel.estimate.threshold import ThresholdPanel
from gvcpanel.estimate.twoway import twoway
from gvcpanel.papers.liu_2013.convergence import LAYOUT, ols

RTOL = 1e-10
COLS = {"y": "y", "x": ["x1", "x2"], "entity": "firm", "time": "year"}


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """50 firms in 1–12 of 12 years (gaps, singletons), a region per firm for clustering."""
    rng = np.random.default_rng(21)
    keys = [
        (f"f{i:02d}", int(t))
        for i in range(50)
        for t in sorted(rng.choice(np.arange(2000, 2012), rng.integers(1, 13), replace=False))
    ]
    d = pd.DataFrame(keys, columns=["firm", "year"])
    d["region"] = d["firm"].str[1:].astype(int) % 7
    d["x1"] = rng.standard_normal(len(d)) + 0.05 * (d["year"] - 2000)
    d["x2"] = rng.standard_normal(len(d)) * (1 + d["region"] / 3)
    d["q"] = rng.uniform(size=len(d))
    e = rng.standard_normal(len(d)) * (1 + np.abs(d["x2"]))
    d["y"] = d["x1"] - 0.5 * d["x2"] + 0.1 * (d["year"] - 2000) + e
    return d


def lsdv(d: pd.DataFrame, regressors: list[str], **fit) -> object:
    """PanelOLS with entity effects and T−1 year dummies (no constant), debiased."""
    frame = d.set_index(["firm", "year"])
    years = pd.get_dummies(frame.index.get_level_values("year"), drop_first=True, dtype=float)
    exog = pd.concat([frame[regressors], years.set_index(frame.index)], axis=1)
    exog.columns = exog.columns.astype(str)
    model = PanelOLS(frame["y"], exog, entity_effects=True, singletons=True)
    return model.fit(debiased=True, auto_df=True, **fit)


def demeaned_ols(d: pd.DataFrame, regressors: list[str]) -> sm.OLS:
    """OLS of entity-demeaned y on the demeaned regressors, demeaned year dummies and a constant:
    the within slopes with K = slopes + T−1 + 1 coefficients (Stata's count)."""
    years = pd.get_dummies(d["year"], drop_first=True, dtype=float).add_prefix("y")
    z = pd.concat([d[["y", *regressors]], years], axis=1)
    z = z - z.groupby(d["firm"]).transform("mean")
    exog = sm.add_constant(z.drop(columns="y"), has_constant="add")
    return sm.OLS(z["y"].to_numpy(), exog.to_numpy())


LM_FITS = {
    "unadjusted": (Unadjusted(), {"cov_type": "unadjusted"}),
    "robust": (Robust(), {"cov_type": "robust"}),
    "clustered": (
        Clustered(convention="linearmodels"),
        {"cov_type": "clustered", "cluster_entity": True, "group_debias": True},
    ),
    "two-way": (
        Clustered(by=("firm", "year"), convention="linearmodels"),
        {
            "cov_type": "clustered",
            "cluster_entity": True,
            "cluster_time": True,
            "group_debias": True,
        },
    ),
}


@pytest.mark.parametrize("name", sorted(LM_FITS))
def test_twoway_covariances_equal_linearmodels(panel, name):
    """Fitted with ``cov`` and re-reported from a fit with another covariance: the SEs, p-values
    and CIs of linearmodels' dummy regression; V equal to 1e-10."""
    cov, options = LM_FITS[name]
    ref = lsdv(panel, COLS["x"], **options)
    xs = COLS["x"]
    fitted = twoway(panel, **COLS, cov=cov)
    reported = twoway(panel, **COLS, cov=Unadjusted() if name != "unadjusted" else Robust())
    reported = reported.with_cov(cov)
    for res in (fitted, reported):
        np.testing.assert_allclose(res.vcov(), ref.cov.loc[xs, xs], rtol=RTOL)
        np.testing.assert_allclose(res.std_errors, ref.std_errors[xs], rtol=RTOL)
        np.testing.assert_allclose(res.pvalues, ref.pvalues[xs], rtol=RTOL)
        np.testing.assert_allclose(res.conf_int(), ref.conf_int().loc[xs], rtol=RTOL)
    np.testing.assert_array_equal(reported.params, fitted.params)  # not refitted


def test_twoway_vcov_of_another_covariance_without_refit(panel):
    res = twoway(panel, **COLS)
    ref = lsdv(panel, COLS["x"], cov_type="robust")
    np.testing.assert_allclose(res.vcov(Robust()), ref.cov.loc[COLS["x"], COLS["x"]], rtol=RTOL)
    np.testing.assert_allclose(res.vcov("robust"), res.vcov(Robust()), rtol=0)
    assert res.cov == Clustered()  # the fit's own covariance is unchanged


def test_twoway_stata_clustered_equals_cr1_counting_the_constant(panel):
    """Clustered() = statsmodels' CR1 on the entity-demeaned regression with a constant (P + 1
    coefficients, xtreg's _cons) with t(G − 1); HC0 = statsmodels' HC0."""
    res = twoway(panel, **COLS)
    ols_model = demeaned_ols(panel, COLS["x"])
    ref = ols_model.fit(cov_type="cluster", cov_kwds={"groups": panel["firm"]}, use_t=True)
    np.testing.assert_allclose(res.std_errors, ref.bse[1:3], rtol=RTOL)
    np.testing.assert_allclose(res.pvalues, ref.pvalues[1:3], rtol=RTOL)
    np.testing.assert_allclose(res.conf_int(), ref.conf_int()[1:3], rtol=RTOL)
    hc0 = ols_model.fit(cov_type="HC0").bse[1:3]
    np.testing.assert_allclose(res.with_cov(Robust(small_sample=False)).std_errors, hc0, rtol=RTOL)


def test_twoway_clustered_by_another_column(panel):
    """Clustered(by="region") on the fit: statsmodels' CR1 by region of the same regression."""
    res = twoway(panel, **COLS, cov=Clustered(by="region", label="region"))
    ref = demeaned_ols(panel, COLS["x"]).fit(
        cov_type="cluster", cov_kwds={"groups": panel["region"]}, use_t=True
    )
    np.testing.assert_allclose(res.std_errors, ref.bse[1:3], rtol=RTOL)
    assert res.df_inference == 6 and res.se_type == "clustered by region"


def test_two_way_stata_is_cameron_gelbach_miller_with_the_smaller_g(panel):
    """V = c (B S_firm B + B S_year B − B S_firm×year B), c = G/(G−1)(N−1)/(N−P−1) with
    G = min(G_firm, G_year), written out with pandas sums; t(G − 1)."""
    res = twoway(panel, **COLS, cov=Clustered(by=("firm", "year")))
    s = res.scores
    xe = pd.DataFrame(s.xe)
    meat = sum(
        sign * (lambda sums: sums.T @ sums)(xe.groupby(keys).sum().to_numpy())
        for sign, keys in (
            (1, panel["firm"]),
            (1, panel["year"]),
            (-1, [panel["firm"], panel["year"]]),
        )
    )
    g = min(panel["firm"].nunique(), panel["year"].nunique())
    n, p = len(panel), 2 + panel["year"].nunique() - 1 + 1
    v = s.bread @ meat @ s.bread * g / (g - 1) * (n - 1) / (n - p)
    np.testing.assert_allclose(res.vcov(), v, rtol=RTOL)
    assert res.df_inference == g - 1


@pytest.fixture(scope="module")
def threshold_fit(panel):
    model = ThresholdPanel(
        panel, y="y", x=["x1"], regime_x=["x2"], q="q", entity="firm", time="year",
        time_effects=True, grid=40, trim=(0.1, 0.1, 0.1),
    )  # fmt: skip
    return model, model.fit_at([0.5])


@pytest.mark.parametrize("name", ["unadjusted", "robust", "clustered"])
def test_threshold_slopes_equal_linearmodels(panel, threshold_fit, name):
    """At a fixed threshold the slope regression is a two-way dummy regression: every
    covariance equals linearmodels' on the regime columns (the singletons dropped)."""
    model, fit = threshold_fit
    cov, options = LM_FITS[name]
    d = panel[panel.groupby("firm")["firm"].transform("size") > 1]
    d = d.assign(x2_regime0=d["x2"] * (d["q"] <= 0.5), x2_regime1=d["x2"] * (d["q"] > 0.5))
    names = ["x1", "x2_regime0", "x2_regime1"]
    ref = lsdv(d, names, **options)
    np.testing.assert_allclose(fit.params, ref.params[names], rtol=1e-8)
    np.testing.assert_allclose(fit.vcov(cov), ref.cov.loc[names, names], rtol=1e-8)
    table = fit.table(cov)
    np.testing.assert_allclose(table["p"], ref.pvalues[names], rtol=1e-8)


def test_threshold_results_report_another_covariance_without_refit(panel):
    res = ThresholdPanel(
        panel, y="y", x=["x1"], regime_x=["x2"], q="q", entity="firm", time="year",
        time_effects=True, grid=40, trim=(0.1, 0.1, 0.1),
    ).fit(1, reps=0, cov=Unadjusted())  # fmt: skip
    other = res.with_cov(Clustered())
    assert other.tests is res.tests and other.fits is res.fits  # the same fit
    np.testing.assert_allclose(other.std_errors, np.sqrt(np.diag(res.vcov(Clustered()))), rtol=RTOL)
    assert other.to_estimates().se_type == "clustered by firm"
    assert res.to_estimates().se_type == "conventional"


OLS_REFS = {
    "unadjusted": (Unadjusted(), {}),
    "robust": (Robust(), {"cov_type": "HC1"}),
    "hc0": (Robust(small_sample=False), {"cov_type": "HC0"}),
    "clustered": (Clustered(by="region"), {"cov_type": "cluster"}),
}


@pytest.mark.parametrize("name", sorted(OLS_REFS))
def test_ols_covariances_equal_statsmodels(panel, name):
    """The convergence regressions' OLS (constant and dummies as columns): unadjusted, HC1, HC0
    and CR1 (Stata's convention, t(G − 1)) equal statsmodels'."""
    cov, options = OLS_REFS[name]
    dummies = pd.get_dummies(panel["year"], drop_first=True, dtype=float)
    x = np.column_stack([np.ones(len(panel)), panel[["x1", "x2"]], dummies])
    y = panel["y"].to_numpy()
    beta, scores = ols(y, x, panel, "firm")
    if name == "clustered":
        options = options | {"cov_kwds": {"groups": panel["region"]}, "use_t": True}
    ref = sm.OLS(y, x).fit(**options)
    np.testing.assert_allclose(beta, ref.params, rtol=RTOL)
    np.testing.assert_allclose(cov.vcov(scores), ref.cov_params(), rtol=RTOL)
    expected_df = 6 if name == "clustered" else ref.df_resid
    assert cov.df(scores) == expected_df


def test_descriptions_name_the_estimator_and_convention():
    assert Clustered(label="country").se_type() == "clustered by country"
    assert Clustered(label="4-digit industry").se_type(layout=LAYOUT) == (
        "cluster-robust by 4-digit industry"
    )
    assert Clustered().describe(LAYOUT).startswith("CR1: G/(G-1)*(N-1)/(N-K), K incl. two-digit")
    stata, lm = Clustered().describe(), Clustered(convention="linearmodels").describe()
    assert "t(G-1), as Stata's xtreg, fe vce(cluster) with year dummies" in stata
    assert "t(N-K-(T-1)-G), as linearmodels' PanelOLS (debiased)" in lm
    assert "(N-K-1), K slopes and the constant" in Clustered().describe(Layout(time_dummies=False))
    assert Clustered(by=("a", "b")).describe().startswith("two-way, V_a + V_b - V_ab")
    assert Unadjusted().se_type() == "conventional"
    assert Robust(small_sample=False).se_type() == "White (HC0)"
    assert "factor N/(N-K-(T-1)-G)" in Robust().describe()


def test_registry_and_default():
    assert sorted(COVARIANCES) == ["clustered", "robust", "unadjusted"]
    assert CONVENTIONS == ("stata", "linearmodels")
    assert Clustered(by=None, convention="stata") == DEFAULT_COV
    assert covariance("robust") == Robust()
    assert covariance("clustered", convention="linearmodels") == Clustered(
        convention="linearmodels"
    )
    assert from_config("unadjusted", "linearmodels") == Unadjusted()
    assert from_config("clustered", "linearmodels", label="country") == Clustered(
        convention="linearmodels", label="country"
    )
    for bad in (lambda: covariance("white"), lambda: Clustered(convention="sas")):
        with pytest.raises(InputError):
            bad()
    with pytest.raises(InputError, match="options of robust"):
        covariance("robust", convention="stata")


def test_unknown_cluster_column_is_an_input_error(panel):
    with pytest.raises(InputError, match="cluster column present.*county"):
        twoway(panel, **COLS, cov=Clustered(by="county"))
    res = twoway(panel, **COLS)
    with pytest.raises(InputError, match="county"):
        res.with_cov(Clustered(by="county"))


SE_WORDS = {"unadjusted", "robust", "clustered", "cluster", "white", "nonrobust", "HC0", "HC1"}
SE_WORDS |= {"conventional", "stata", "linearmodels"}


def _se_tables(path: Path) -> list[int]:
    """Lines of dict, list, tuple or set literals in ``path`` holding two or more SE words."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            items = [*node.keys, *node.values]
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            items = node.elts
        else:
            continue
        words = {i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)}
        if len(words & SE_WORDS) >= 2:
            lines.append(node.lineno)
    return lines


def test_no_se_string_table_outside_the_covariance_module(root):
    """The acceptance grep: the SE vocabulary is tabled once, in ``estimate/covariance.py``."""
    found = {
        str(path.relative_to(root)): lines
        for path in sorted((root / "workflow").rglob("*.py"))
        if path.name != "covariance.py" and (lines := _se_tables(path))
    }
    assert found == {}
