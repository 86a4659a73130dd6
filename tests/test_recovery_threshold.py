"""Recovery of the generating thresholds through the package's eqs (19) and (20).

On a large draw of the default country process (300 countries × 16 years, threshold effects in ω
on the μ and υ slopes at the paper's φ1 = 0.3454 and φ2 = 0.3785, Table 3 slopes), the project's
eq. (19)/(20) estimator (Hansen's model, standard conventions, year effects, every observed ω a
candidate) must cover the true threshold with its 95% LR confidence interval, and put the regime
slopes within 4 cluster SEs of the generating values. Each equation leaves the other regressor's
threshold out, as the paper does, so the slope check uses the regressor whose threshold is
modelled.
"""

from __future__ import annotations

import pytest

from gvcpanel.papers.qu_yang_2023.models import fit_threshold
from gvcpanel.papers.qu_yang_2023.simulate import simulate_country, synthetic_codes
from gvcpanel.papers.qu_yang_2023.simulate_dgp import CountryDGP

THRESHOLD = {
    "variable": "omega", "max_thresholds": 1, "bootstrap": "firm_block", "reps": 0,
    "conventions": "standard", "grid": 0, "trim": [0.05, 0.05, 0.05], "time_effects": True,
}  # fmt: skip
MODELS = {
    "eq19": ({"dependent": "gvcp", "regressors": ["omega", "upsilon", "gr"], "regime": "mu"},
             "mu", "mu_low (omega<=0.3454)", "mu_high (omega>0.3454)"),
    "eq20": ({"dependent": "gvcp", "regressors": ["omega", "mu", "gr"], "regime": "upsilon"},
             "upsilon", "upsilon_low (omega<=0.3785)", "upsilon_high (omega>0.3785)"),
}  # fmt: skip


@pytest.fixture(scope="module")
def panel():
    draw = simulate_country(CountryDGP(), synthetic_codes(300), seed=12)
    return draw.indicators()


@pytest.mark.parametrize("model", ["eq19", "eq20"])
def test_threshold_and_regime_slopes_recovered(panel, reference, model):
    spec, regime, low_key, high_key = MODELS[model]
    est, tests, _, _ = fit_threshold(
        panel, model, spec, THRESHOLD, {"standardize": "zscore", "inference": "stata"}, 1
    )
    published = reference["qu_yang_2023"]
    phi = published["table2_threshold_tests"][regime]["single"]["threshold"]
    lo, hi = tests.tests[0].ci95
    # Candidates are observed values of ω, so φ is covered when it splits the sample as a point
    # of the interval does: no observation lies between φ and the interval.
    omega = panel["omega"]
    gap = (omega > hi) & (omega <= phi) if phi > hi else (omega > phi) & (omega <= lo)
    assert not gap.any(), (model, phi, lo, hi, sorted(omega[gap])[:5])
    assert abs(est.extra["thresholds"][0] - phi) < 0.02
    slopes = published["table3_threshold_regressions"][model]
    for term, key in ((f"{regime}_low", low_key), (f"{regime}_high", high_key)):
        row = est.coef(term)
        assert abs(row.coef - slopes[key]["coef"]) < 4 * row.se, (term, row, slopes[key])
