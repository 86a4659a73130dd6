"""Two-way fixed-effects regressions (linearmodels ``PanelOLS``) returned as tidy estimates.

y_it = x_it'β + γ_i + η_t + ε_it (entity effects γ_i, time effects η_t), Qu & Yang eqs (16)–(18).
The entity effects are absorbed (within transformation); the time effects enter as year dummies,
as in Stata's ``xtreg y x i.year, fe``, so the degrees-of-freedom conventions are Stata's and the
R² is the within R² of the model with the year dummies. Only the slopes are reported.

Standard errors (``se``), with K slopes, T−1 year dummies, G entities and N observations:

- ``clustered``: clustered by entity, small-sample factor G/(G−1)·(N−1)/(N−K−(T−1)) (the entity
  effects are nested in the clusters and not counted, as in Stata's ``vce(cluster)``);
  p-values from Student t with N−K−(T−1)−G degrees of freedom (linearmodels' convention).
- ``robust``: White heteroskedasticity-robust, HC0 scaled by N/(N−K−(T−1)−G).
- ``unadjusted``: homoskedastic, σ̂² = e'e/(N−K−(T−1)−G) (R plm's ``within`` estimator).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from linearmodels import PanelOLS

from gvcpanel.estimate.tidy import Coef, Estimates

SE_TYPES: dict[str, tuple[str, dict[str, Any], str]] = {
    "clustered": (
        "clustered",
        {"cluster_entity": True, "group_debias": True},
        "clustered by country; small-sample factor G/(G-1)(N-1)/(N-K-(T-1)) as in Stata's "
        "xtreg, fe vce(cluster) with year dummies",
    ),
    "robust": ("robust", {}, "White HC0 with factor N/(N-K-(T-1)-G)"),
    "unadjusted": ("unadjusted", {}, "homoskedastic, s2 = e'e/(N-K-(T-1)-G)"),
}
SE_LABELS = {
    "clustered": "clustered by country",
    "robust": "heteroskedasticity-robust (White)",
    "unadjusted": "conventional (homoskedastic)",
}
DUMMY_PREFIX = "_year_"


def fit_twoway(
    data: pd.DataFrame,
    dependent: str,
    regressors: Sequence[str],
    entity: str = "iso3",
    time: str = "year",
    se: str = "clustered",
    time_effects: bool = True,
):
    """Fit ``dependent ~ regressors + entity effects (+ year dummies)``; singletons are kept.

    Returns the linearmodels results object (its parameters include the year dummies, named
    ``_year_<t>``). Rows with a missing value in any used column are dropped.
    """
    cov_type, cov_kw, _ = SE_TYPES[se]
    frame = data.dropna(subset=[dependent, *regressors]).set_index([entity, time])
    exog = frame[list(regressors)]
    if time_effects:
        years = frame.index.get_level_values(time)
        dummies = pd.get_dummies(years, prefix=DUMMY_PREFIX.rstrip("_"), drop_first=True)
        dummies.columns = [f"{DUMMY_PREFIX}{c.split('_')[-1]}" for c in dummies.columns]
        exog = pd.concat([exog, dummies.set_index(frame.index).astype(float)], axis=1)
    model = PanelOLS(frame[dependent], exog, entity_effects=True, singletons=True)
    return model.fit(cov_type=cov_type, debiased=True, auto_df=True, **cov_kw)


def to_estimates(
    res,
    study: str,
    model: str,
    se: str,
    terms: dict[str, str] | None = None,
    sample: dict[str, Any] | None = None,
    seed: int | None = None,
    extra: dict[str, Any] | None = None,
) -> Estimates:
    """Tidy estimates from a ``PanelOLS`` result; ``terms`` renames regressors (column → term)."""
    terms = terms or {}
    ci = res.conf_int()
    coefs = [
        Coef(
            term=terms.get(name, name),
            coef=float(res.params[name]),
            se=float(res.std_errors[name]),
            stat=float(res.tstats[name]),
            p=float(res.pvalues[name]),
            ci_lower=float(ci.loc[name, "lower"]),
            ci_upper=float(ci.loc[name, "upper"]),
        )
        for name in res.params.index
        if not name.startswith(DUMMY_PREFIX)
    ]
    has_years = any(name.startswith(DUMMY_PREFIX) for name in res.params.index)
    effects = ["entity"] + (["time"] if has_years else [])
    return Estimates(
        study=study,
        model=model,
        dependent=str(res.model.dependent.vars[0]),
        estimator="linearmodels.PanelOLS (within, year dummies)",
        coefficients=coefs,
        nobs=int(res.nobs),
        r2=float(res.rsquared_within),
        effects=effects,
        se_type=SE_LABELS[se],
        se_convention=SE_TYPES[se][2],
        sample=dict(sample or {}),
        seed=seed,
        extra={"r2_overall": float(res.rsquared_overall), "df_resid": int(res.df_resid)}
        | dict(extra or {}),
    )
