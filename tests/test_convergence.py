"""Eq. (63) convergence regressions: recovery of known ψ, hand-computed cluster sandwich, specs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from gvcpanel.errors import DataError
from gvcpanel.papers.liu_2013 import paper_specs
from gvcpanel.papers.liu_2013.convergence import (
    estimation_sample,
    fit_all,
    fit_convergence,
    full_spec,
)
from gvcpanel.papers.liu_2013.tables import notes

PSI = {"initial_vr": -0.08, "training": 25.0, "tau": -0.0012, "kl": 40.0, "wage_index": -0.27}
KL_SCALE = 1e-6
SIGMA = 0.01


def simulated_panel(seed: int, n_ind: int = 240, n_cic2: int = 8, time: str = "tau"):
    """Industry panel 1998–2007 whose 2-year ΔVR (ending 2000–2007) follows eq. (63) exactly.

    Returns the panel, the wage index and the (unscaled) regressors used for ``y``.
    """
    rng = np.random.default_rng(seed)
    years = np.arange(1998, 2008)
    ind = np.repeat(np.arange(n_ind) + 1000, len(years))
    year = np.tile(years, n_ind)
    cic2 = ind % n_cic2 + 13
    alpha = rng.normal(0, 0.01, n_cic2)[cic2 - 13]
    vr = rng.uniform(0.1, 0.5, ind.size)
    training = rng.uniform(2e-4, 1e-3, n_ind)[ind - 1000]
    kl = rng.uniform(30, 250, ind.size)
    wage = pd.DataFrame({"year": years, "wage_index": 0.01 * (years - 1998) ** 1.3})
    tau = year - 1999
    vr0 = vr[(ind - 1000) * len(years)]
    trend = (
        PSI["tau"] * tau
        if time == "tau"
        else PSI["wage_index"] * wage.wage_index.to_numpy()[year - 1998]
    )
    y = (
        PSI["initial_vr"] * vr0
        + PSI["training"] * training
        + trend
        + PSI["kl"] * kl * KL_SCALE
        + alpha
        + rng.normal(0, SIGMA, ind.size)
    )
    y[year < 2000] = np.nan  # no 2-year change ending in 1998 or 1999
    within = 0.9 * y + rng.normal(0, SIGMA / 2, ind.size)
    panel = pd.DataFrame(
        {
            "group": "foreign",
            "cic4": ind,
            "year": year,
            "cic2": cic2,
            "vr": vr,
            "kl": kl,
            "training": training,
            "dvr": y,
            "within": within,
            "cross": y - within,
        }
    )
    panel["kl_mean"] = panel.groupby("cic4").kl.transform("mean")
    panel["year0"] = np.where(year >= 2000, year - 2, np.nan)
    return panel, wage


def true_se(sample: pd.DataFrame, terms: list[str]) -> pd.Series:
    """Sampling SD of OLS under the simulated (homoskedastic, known σ) errors: σ²(X'X)⁻¹."""
    dummies = pd.get_dummies(sample.cic2, drop_first=True, dtype=float)
    x = np.column_stack([np.ones(len(sample)), sample[terms].to_numpy(float), dummies])
    cov = SIGMA**2 * np.linalg.inv(x.T @ x)
    return pd.Series(np.sqrt(np.diag(cov))[1 : 1 + len(terms)], index=terms)


@pytest.mark.parametrize("time", ["tau", "wage_index"])
def test_recovers_known_psi(time):
    panel, wage = simulated_panel(1, time=time)
    spec = {"name": "sim", "controls": ["kl"], "time": time, "kl_scale": KL_SCALE}
    est = fit_convergence(panel, spec, wage)
    sample = estimation_sample(panel, spec, wage)
    terms = ["initial_vr", time, "training", "kl"]
    se = true_se(sample, terms)
    assert est.nobs == 240 * 8
    assert est.sample["span"] == [2] and est.sample["years"] == [2000, 2007]
    for term in terms:
        # 4 sampling SDs: a false failure has probability < 1e-4 per coefficient
        assert abs(est.coef(term).coef - PSI[term]) < 4 * se[term], term
        assert est.coef(term).se == pytest.approx(se[term], rel=0.35), term  # CR1 ≈ true SD


def test_margins_add_up_linearly():
    """OLS is linear in y: with dvr = within + cross every coefficient adds up exactly."""
    panel, _ = simulated_panel(2)
    fits = fit_all(
        panel, [{"name": d, "dependent": d, "controls": ["kl"]} for d in ("dvr", "within", "cross")]
    )
    dvr, within, cross = fits
    for term in ("initial_vr", "tau", "training", "kl", "const"):
        assert dvr.coef(term).coef == pytest.approx(
            within.coef(term).coef + cross.coef(term).coef, abs=1e-12
        )


def test_cluster_se_equals_hand_sandwich():
    rng = np.random.default_rng(5)
    rows = []
    for i, c2 in zip(range(6), [13, 13, 13, 14, 14, 14], strict=True):
        tr = rng.uniform(1e-4, 1e-3)
        for year in (1998, 1999, 2000, 2001):
            rows.append(
                (
                    "foreign",
                    2000 + i,
                    year,
                    c2,
                    rng.uniform(0.1, 0.5),
                    tr,
                    None if year == 1998 else rng.normal(0.01, 0.05),
                    50.0,
                    50.0,
                )
            )
    cols = ["group", "cic4", "year", "cic2", "vr", "training", "dvr", "kl", "kl_mean"]
    panel = pd.DataFrame(rows, columns=cols)
    est = fit_convergence(panel, {"name": "tiny"})
    d = estimation_sample(panel, {"name": "tiny"})
    terms = ["initial_vr", "tau", "training"]
    x = np.column_stack([np.ones(len(d)), d[terms], (d.cic2 == 14).astype(float)])
    y = d.dvr.to_numpy(float)
    bread = np.linalg.inv(x.T @ x)
    beta = bread @ x.T @ y
    u = y - x @ beta
    meat = np.zeros((x.shape[1], x.shape[1]))
    for g in d.cic4.unique():
        score = x[(d.cic4 == g).to_numpy()].T @ u[(d.cic4 == g).to_numpy()]
        meat += np.outer(score, score)
    n, k, g = len(y), x.shape[1], d.cic4.nunique()
    v = g / (g - 1) * (n - 1) / (n - k) * bread @ meat @ bread
    for j, term in enumerate(terms, start=1):
        assert est.coef(term).coef == pytest.approx(beta[j], rel=1e-10)
        assert est.coef(term).se == pytest.approx(np.sqrt(v[j, j]), rel=1e-10)
    # areg-style constant ȳ − x̄'ψ̂ = c + d̄·δ, SE from a'Va
    a = np.zeros(k)
    a[0], a[-1] = 1.0, x[:, -1].mean()
    assert est.coef("const").coef == pytest.approx(a @ beta, rel=1e-10)
    assert est.coef("const").se == pytest.approx(np.sqrt(a @ v @ a), rel=1e-10)
    # p-values from t(G − 1)
    from scipy import stats

    t = est.coef("tau").stat
    assert est.coef("tau").p == pytest.approx(2 * stats.t.sf(abs(t), g - 1), rel=1e-10)


def test_samples_and_initial_years():
    panel, _ = simulated_panel(3)
    base = {"controls": ["kl"]}
    allfit, high, low = fit_all(
        panel, [{"name": s, "sample": s, **base} for s in ("all", "high_kl", "low_kl")]
    )
    assert high.nobs + low.nobs == allfit.nobs and min(high.nobs, low.nobs) > 0
    s2005 = estimation_sample(panel, {"name": "t7", "initial_year": 2005, **base})
    assert sorted(s2005.year.unique()) == [2006, 2007]
    assert sorted(s2005.tau.unique()) == [1, 2]
    s1998 = estimation_sample(panel, {"name": "t3", **base})
    assert s1998.tau.min() == 1 and s1998.year.min() == 2000
    np.testing.assert_allclose(
        s2005.groupby("cic4").initial_vr.first(),
        panel[panel.year == 2005].set_index("cic4").vr.loc[s2005.cic4.unique()],
    )


def test_paper_specs_cover_tables_3_to_8():
    specs = {s["name"]: full_spec(s) for s in paper_specs()}
    assert len(specs) == len(paper_specs()) == 12 + 6 + 12 + 6
    for table, dep in ((3, "dvr"), (4, "within"), (5, "cross")):
        cols = [specs[f"table{table}_col{j}"] for j in range(1, 5)]
        assert [c["sample"] for c in cols] == ["all", "all", "high_kl", "low_kl"]
        assert [c["controls"] for c in cols] == [[], ["kl"], ["kl"], ["kl"]]
        assert {c["dependent"] for c in cols} == {dep}
    assert {specs[f"table6_col{j}"]["time"] for j in range(1, 7)} == {"wage_index"}
    assert {s["initial_year"] for n, s in specs.items() if n.startswith("table7")} == {
        1999,
        2001,
        2003,
        2005,
    }
    assert [specs[f"table8_col{j}"]["group"] for j in range(1, 7)] == ["domestic"] * 3 + ["hmt"] * 3


def hand_sample(panel: pd.DataFrame, wage: pd.DataFrame, spec: dict) -> pd.DataFrame:
    """Eq. (63)'s sample from the module doc's definitions, in plain pandas."""
    d = panel[panel.group == spec["group"]]
    vr0 = d[d.year == spec["initial_year"]].set_index("cic4").vr
    d = d[(d.year > spec["initial_year"]) & d[spec["dependent"]].notna() & d.cic4.isin(vr0.index)]
    d = d.assign(initial_vr=d.cic4.map(vr0), kl_scaled=d.kl * spec["kl_scale"])
    if spec["sample"] != "all":
        pooled = d.groupby("cic4").kl_mean.first()
        high = pooled.index[pooled > pooled.mean()]
        d = d[d.cic4.isin(high) == (spec["sample"] == "high_kl")]
    return d.assign(
        tau=d.year - d.year.min() + 1, wage_index=d.year.map(wage.set_index("year").wage_index)
    )


@pytest.mark.parametrize(
    "name", ["table3_col2", "table4_col3", "table6_col2", "table7_2001_cross", "table8_col1"]
)
def test_paper_specs_match_statsmodels_dummy_regression(name):
    """Slopes, CR1 SEs and N against statsmodels' formula OLS with ``C(cic2)`` dummies and
    clusters by industry (rtol 1e-8: the same least squares by another design matrix)."""
    panel, wage = simulated_panel(4)
    noise = np.random.default_rng(8).normal(0, SIGMA, len(panel))
    domestic = panel.assign(group="domestic", dvr=0.5 - panel.dvr.to_numpy() + noise)
    both = pd.concat([panel, domestic], ignore_index=True)
    spec = full_spec(next(s for s in paper_specs() if s["name"] == name))
    est = fit_convergence(both, spec, wage)
    d = hand_sample(both, wage, spec)
    terms = ["initial_vr", spec["time"], "training", *(["kl_scaled"] if spec["controls"] else [])]
    formula = f"{spec['dependent']} ~ {' + '.join(terms)} + C(cic2)"
    ref = smf.ols(formula, data=d).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(d.cic4)[0]}, use_t=True
    )
    assert est.nobs == int(ref.nobs) > 0
    for term in terms:
        ours = est.coef("kl" if term == "kl_scaled" else term)
        assert ours.coef == pytest.approx(ref.params[term], rel=1e-8, abs=1e-12), term
        assert ours.se == pytest.approx(ref.bse[term], rel=1e-8), term
    assert est.r2 == pytest.approx(ref.rsquared, rel=1e-8)


def test_bad_specs_and_inputs():
    panel, _ = simulated_panel(6, n_ind=30)
    with pytest.raises(ValueError, match="dependent"):
        fit_convergence(panel, {"name": "x", "dependent": "growth"})
    with pytest.raises(DataError, match="every end year covered"):
        fit_convergence(
            panel,
            {"name": "x", "time": "wage_index"},
            pd.DataFrame({"year": [2000], "wage_index": [1.0]}),
        )
    with pytest.raises(DataError, match="full-rank design"):
        fit_convergence(panel.assign(training=5e-4), {"name": "x"})  # β collinear with const
    with pytest.raises(DataError, match="non-empty sample"):
        fit_convergence(panel, {"name": "x", "group": "hmt"})


@pytest.mark.parametrize("group", ["foreign", "hmt", "domestic"])
def test_group_drives_the_regression_sample(group):
    """``liu_2013.group`` selects the firms of Tables 3–7 (Table 8 fits the two other groups):
    each fit's N equals the rows of that group's hand-built sample, and a group's fit differs
    from another group's on a panel where their ΔVR differ."""
    panel, wage = simulated_panel(5, n_ind=60)
    rng = np.random.default_rng(9)
    parts = [panel]
    for k, other in enumerate(("hmt", "domestic"), start=1):
        keep = rng.random(len(panel)) < 1 - 0.2 * k  # a different industry-year set per group
        part = panel[keep].assign(group=other, dvr=panel.dvr[keep] * (k + 1))
        parts.append(part)
    both = pd.concat(parts, ignore_index=True)
    specs = {s["name"]: full_spec(s) for s in paper_specs(group)}
    others = [g for g in ("foreign", "hmt", "domestic") if g != group]
    assert {s["group"] for n, s in specs.items() if not n.startswith("table8")} == {group}
    assert {specs[f"table8_col{j}"]["group"] for j in range(1, 7)} == set(others)
    for name in ("table3_col2", "table7_2001_dvr", "table8_col1", "table8_col4"):
        spec = specs[name]
        est = fit_convergence(both, spec, wage)
        assert est.sample["group"] == spec["group"]
        assert est.nobs == len(hand_sample(both, wage, spec)) > 0
    ours = fit_convergence(both, specs["table3_col1"], wage).coef("initial_vr").coef
    theirs = fit_convergence(both, {**specs["table3_col1"], "group": others[0]}, wage)
    assert ours != pytest.approx(theirs.coef("initial_vr").coef, rel=1e-3)


def test_paper_group_keeps_the_paper_table8_columns():
    """The paper's Table 8: domestic then HMT, three margins each (Liu 2013, Table 8)."""
    assert [full_spec(s)["group"] for s in paper_specs("foreign")[-6:]] == ["domestic"] * 3 + [
        "hmt"
    ] * 3
    with pytest.raises(ValueError, match="group must be one of"):
        paper_specs("all")


def test_industry_years_without_continuers_are_named_not_lost():
    """An industry-year whose change is undefined (no firm at both ends) is out of N and named
    in the estimates' sample, and Liu's note says so."""
    panel, _ = simulated_panel(5)
    gone = (panel.cic4 == 1007) & (panel.year == 2003)
    panel.loc[gone, ["dvr", "within", "cross"]] = np.nan
    full = fit_convergence(simulated_panel(5)[0], {"name": "t3"})
    est = fit_convergence(panel, {"name": "t3"})
    assert est.nobs == full.nobs - 1 and full.sample["left_out"] == []
    assert est.sample["left_out"] == ["1007 2003"]
    text = " ".join(n.text for n in notes([est], "synthetic"))
    assert "N leaves out the industry-years without a firm present at both ends" in text
    assert "1007 2003" in text
