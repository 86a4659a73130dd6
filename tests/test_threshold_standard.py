"""Standard conventions on simulated unbalanced two-way panels with known thresholds, the fast SSR
path against direct OLS, two-way effects against linearmodels, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from linearmodels import PanelOLS

from gvcpanel.errors import DataError, InputError
from gvcpanel.estimate.covariance import Clustered, Robust, Unadjusted
from gvcpanel.estimate.threshold import ThresholdPanel
from gvcpanel.estimate.threshold.bootstrap import draw_errors
from gvcpanel.estimate.threshold.slopes import regressors
from gvcpanel.simulate.threshold_panel import simulate_threshold_panel

TRUE = (0.3, 0.7)


def make_model(df: pd.DataFrame, regime: list[str], **kw) -> ThresholdPanel:
    kw.setdefault("time_effects", True)
    kw.setdefault("trim", (0.05, 0.05, 0.05))
    cols = {"y": "y", "x": ["x"], "regime_x": regime, "q": "q", "entity": "entity", "time": "time"}
    return ThresholdPanel(df, **cols, **kw)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    deltas = np.array([[1.0], [2.0], [0.5]])
    return simulate_threshold_panel(
        400, 8, TRUE, deltas, missing=0.25, time_effect_scale=2.0, seed=11
    )


@pytest.fixture(scope="module")
def panel2() -> pd.DataFrame:
    deltas = np.array([[1.0, 0.0], [2.0, 1.0], [0.5, -0.5]])
    return simulate_threshold_panel(150, 6, TRUE, deltas, missing=0.3, heteroskedastic=True, seed=5)


def test_panel_is_unbalanced(panel):
    sizes = panel.groupby("entity").size()
    assert sizes.min() < sizes.max() == 8


def test_recovers_thresholds_and_slopes(panel):
    res = make_model(panel, ["r1"], grid=None).fit(
        2, bootstrap="wild_rademacher", reps=0, cov=Clustered(convention="linearmodels")
    )
    est = sorted(res.thresholds)
    cis = [ci for _, ci in sorted(zip(res.thresholds, res.ci95, strict=True))]
    for g, (lo, hi), truth in zip(est, cis, TRUE, strict=True):
        assert abs(g - truth) < 0.02
        assert lo <= truth <= hi
    se = res.std_errors
    truth = {"x": 1.0, "r1_regime0": 1.0, "r1_regime1": 2.0, "r1_regime2": 0.5}
    for name, value in truth.items():
        assert abs(res.params[name] - value) < 4 * se[name], name


@pytest.mark.parametrize("conventions", ["standard", "hansen"])
def test_fast_ssr_equals_direct_ols(panel2, conventions):
    """S(g | fixed) from the Gram algebra equals the OLS SSR at the same thresholds (1e-10)."""
    if conventions == "hansen":
        df = simulate_threshold_panel(120, 6, TRUE, np.array([[1.0, 0], [2, 1], [0.5, 0]]), seed=2)
        model = make_model(df, ["r1", "r2"], conventions="hansen", time_effects=False)
    else:
        model = make_model(panel2, ["r1", "r2"])
    proj = model.projection
    b, ee = proj.b0, np.array([proj.e0 @ proj.e0])
    grid = model.grid
    g_count = len(grid)
    picks = [g_count // 5, g_count // 2, (4 * g_count) // 5]
    for fixed in ([], [picks[0]], [picks[0], picks[2]]):
        curve = proj.ssr(b, ee, np.array([fixed], dtype=np.int64).reshape(1, len(fixed)))[0]
        for g in (g_count // 3, picks[1], g_count - g_count // 4):
            direct = model.fit_at([grid[i] for i in [*fixed, g]]).sse
            assert curve[g] == pytest.approx(direct, rel=1e-10)
    assert model.fit_at([]).sse == pytest.approx(float(ee[0]), rel=1e-10)


def test_two_way_effects_match_linearmodels_on_unbalanced_panel(panel2):
    model = make_model(panel2, ["r1", "r2"])
    fit = model.fit_at([0.3, 0.7])
    raw, names = regressors(model.design, [0.3, 0.7])
    idx = pd.MultiIndex.from_arrays(
        [model.design.entity, model.design.time], names=["entity", "time"]
    )
    exog = pd.DataFrame(raw, index=idx, columns=names)
    ref = PanelOLS(
        pd.Series(model.design.y, index=idx), exog, entity_effects=True, time_effects=True
    ).fit()
    np.testing.assert_allclose(fit.params, ref.params.to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(fit.std_errors(Unadjusted()), ref.std_errors.to_numpy(), rtol=1e-8)


@pytest.mark.parametrize("time_effects", [False, True])
def test_robust_and_cluster_se_match_dummy_regression(panel2, time_effects):
    """White HC0 and entity-clustered SEs equal those of OLS with explicit entity and time dummies
    (statsmodels, no correction) times the stated factor G/(G-1) (N-1)/(N-k-k_t) (FWL)."""
    model = make_model(panel2, ["r1", "r2"], time_effects=time_effects)
    fit = model.fit_at([0.3, 0.7])
    d = model.design
    raw, _ = regressors(d, [0.3, 0.7])
    dummies = [pd.get_dummies(d.entity).to_numpy(float)]
    if time_effects:
        dummies.append(pd.get_dummies(d.time).to_numpy(float)[:, 1:])
    full = np.column_stack([raw, *dummies])
    k, k_t = raw.shape[1], len(d.time_labels) - 1 if time_effects else 0
    ols = sm.OLS(d.y, full)
    hc0 = ols.fit(cov_type="HC0").bse[:k]
    cl = ols.fit(cov_type="cluster", cov_kwds={"groups": d.entity, "use_correction": False})
    g, n = d.n_entities, d.nobs
    factor = g / (g - 1) * (n - 1) / (n - k - k_t)
    np.testing.assert_allclose(fit.std_errors(Robust(small_sample=False)), hc0, rtol=1e-9)
    lm = fit.std_errors(Clustered(convention="linearmodels"))
    np.testing.assert_allclose(lm, np.sqrt(factor) * cl.bse[:k], rtol=1e-9)


def test_wild_bootstrap_size_small_monte_carlo():
    """No threshold effect: p-values of F1 should be roughly uniform (40 draws, generous band)."""
    p = []
    for draw in range(40):
        df = simulate_threshold_panel(
            60,
            6,
            (0.5,),
            np.array([[1.0], [1.0]]),
            missing=0.2,
            heteroskedastic=True,
            seed=1000 + draw,
        )
        model = make_model(df, ["r1"], grid=60, trim=(0.1, 0.1, 0.1))
        p.append(model.fit(1, bootstrap="wild_mammen", reps=99, seed=draw).tests[0].p)
    p = np.array(p)
    assert np.mean(p <= 0.05) <= 0.2
    assert 0.3 <= p.mean() <= 0.7


def test_wild_weights_are_per_entity():
    rng = np.random.default_rng(0)
    entity = np.repeat(np.arange(2000), 3)
    for kind in ("wild_rademacher", "wild_mammen"):
        e = draw_errors(np.ones(len(entity)), entity, 2000, kind, 50, rng)
        blocks = e.reshape(50, 2000, 3)
        assert (blocks == blocks[:, :, :1]).all()
        v = blocks[:, :, 0]
        assert abs(v.mean()) < 0.03 and abs((v**2).mean() - 1) < 0.03
        assert abs((v**3).mean() - (0.0 if kind == "wild_rademacher" else 1.0)) < 0.1


def test_bad_input(panel, panel2):
    dup = pd.concat([panel.iloc[:3], panel.iloc[:1]])
    with pytest.raises(DataError, match="unique key"):
        make_model(dup, ["r1"])
    nan = panel.copy()
    nan.loc[5, "y"] = np.nan
    with pytest.raises(DataError, match="finite values"):
        make_model(nan, ["r1"])
    with pytest.raises(DataError, match="balanced panel"):
        make_model(panel, ["r1"], conventions="hansen", time_effects=False)
    with pytest.raises(DataError, match="firm-block"):
        make_model(panel2, ["r1"]).fit(1, bootstrap="firm_block", reps=5)
    const = panel.assign(x=panel.entity * 1.0)
    with pytest.raises(InputError, match="regressors not absorbed by the entity and time .*: x"):
        make_model(const, ["r1"])


def test_trimming_that_leaves_no_candidate_is_an_error(panel):
    """With trim 0.45 no second threshold can leave 45% of the sample in each of three regimes."""
    with pytest.raises(ValueError, match="no admissible threshold"):
        make_model(panel, ["r1"], trim=(0.45, 0.45, 0.45)).fit(2, reps=0)
