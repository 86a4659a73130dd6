"""Two-way fixed-effects regressions (linearmodels ``PanelOLS``) returned as tidy estimates.

y_it = x_it'β + γ_i + η_t + ε_it (entity effects γ_i, time effects η_t), Qu & Yang eqs (16)–(18).
Standard errors (``se``):

- ``clustered``: clustered by entity; linearmodels with ``debiased=True, group_debias=True``, i.e.
  the small-sample factor G/(G−1)·(N−1)/(N−K−D) with K slopes and D = all absorbed effects
  (entities + periods − 1; N−K−D is the residual degrees of freedom). This counts the entity effects
  although they are nested in the clusters (Stata's ``xtreg, fe vce(cluster)`` does not), so it is
  the more conservative choice. p-values from Student t with N−K−D degrees of freedom.
- ``robust``: White heteroskedasticity-robust, HC0 scaled by N/(N−K−D).
- ``unadjusted``: homoskedastic, σ̂² = e'e/(N−K−D).
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
        "clustered by entity; small-sample factor G/(G-1)(N-1)/(N-K-D), D = absorbed entity "
        "and time effects; p-values from t(N-K-D)",
    ),
    "robust": ("robust", {}, "White HC0 with factor N/(N-K-D); p-values from t(N-K-D)"),
    "unadjusted": ("unadjusted", {}, "homoskedastic, s2 = e'e/(N-K-D); p-values from t(N-K-D)"),
}
SE_LABELS = {
    "clustered": "clustered by country",
    "robust": "heteroskedasticity-robust (White)",
    "unadjusted": "conventional (homoskedastic)",
}


def fit_twoway(
    data: pd.DataFrame,
    dependent: str,
    regressors: Sequence[str],
    entity: str = "iso3",
    time: str = "year",
    se: str = "clustered",
    time_effects: bool = True,
):
    """Fit ``dependent ~ regressors + entity effects (+ time effects)``; singletons are kept.

    Returns the linearmodels results object. Rows with a missing value in any used column are
    dropped (the caller records them).
    """
    cov_type, cov_kw, _ = SE_TYPES[se]
    frame = data.dropna(subset=[dependent, *regressors]).set_index([entity, time])
    model = PanelOLS(
        frame[dependent],
        frame[list(regressors)],
        entity_effects=True,
        time_effects=time_effects,
        singletons=True,
        drop_absorbed=False,
    )
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
    ]
    effects = ["entity"] + (["time"] if res.model.time_effects else [])
    return Estimates(
        study=study,
        model=model,
        dependent=str(res.model.dependent.vars[0]),
        estimator="linearmodels.PanelOLS (within, two-way)",
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
