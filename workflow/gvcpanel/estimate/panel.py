"""Two-way fixed-effects regressions with absorbed effects, returned as tidy estimates.

y_it = x_it'β + γ_i + η_t + ε_it (entity effects γ_i, time effects η_t), Qu & Yang eqs (16)–(18).
Both effects are absorbed, none is dummy-encoded. With E the N×G entity indicators, D the N×(T−1)
year indicators (first year dropped) and M_E = I − E(E'E)⁻¹E', every column z of [y X] is
entity-demeaned, z̃ = M_E z, and then purged of the entity-demeaned year dummies D̃ = M_E D,

    z̈ = z̃ − D̃ a_z,   a_z = (D̃'D̃)⁻¹ D̃'z̃,   D̃'D̃ = diag(n_t) − C' diag(1/n_i) C,

where C is the G×T entity-by-year count matrix, so only (T−1)×(T−1) systems are solved. By
Frisch–Waugh–Lovell, β̂ = (Ẍ'Ẍ)⁻¹Ẍ'ÿ and the residuals equal those of the least-squares dummy
variable regression of y on X, the year dummies and the entity dummies, as in Stata's
``xtreg y x i.year, fe``; the degrees-of-freedom conventions are Stata's, with the T−1 year
effects counted as that regression's year dummies. Only the slopes are reported.

Standard errors (``se``), with K slopes, T−1 year effects, G entities, N observations and the
residuals e = ÿ − Ẍβ̂: V = (Ẍ'Ẍ)⁻¹ Ω (Ẍ'Ẍ)⁻¹.

- ``clustered``: by entity, Ω = G/(G−1)·(N−1)/(N−P)·Σ_i s_i s_i', s_i = Σ_t ẍ_it e_it. The entity
  effects are nested in the clusters and not counted in P. Two conventions (``inference``):

  * ``stata`` (default), Stata's ``xtreg y x i.year, fe vce(cluster id)``: P = K + (T−1) + 1, the
    constant that ``xtreg, fe`` reports (_cons, the mean of the entity effects) counts, as in
    [XT] xtreg's Methods and formulas (N−1)/(N−K)·M/(M−1) with K the number of estimated
    coefficients including _cons; p-values and CIs from Student t with G−1 degrees of freedom.
  * ``linearmodels``, ``PanelOLS(...).fit(cov_type="clustered", debiased=True)`` on the regression
    with year dummies and no constant: P = K + (T−1); Student t with the residual degrees of
    freedom N−K−(T−1)−G.
- ``robust``: White HC0 scaled, Ω = N/(N−K−(T−1)−G)·Σ_it e_it² ẍ_it ẍ_it'.
- ``unadjusted``: homoskedastic, Ω = σ̂²·Ẍ'Ẍ, σ̂² = e'e/(N−K−(T−1)−G) (R plm's ``within``).

``robust`` and ``unadjusted`` use Student t with N−K−(T−1)−G degrees of freedom.

R²: within R² of the model with the year dummies, 1 − e'e/z̃_y'z̃_y; ``r2_overall`` (in
``extra``), 1 − u'u/y'y with u = y − Xβ̂ − Dâ (â = a_y − A_X β̂, the year-dummy coefficients): the
linearmodels ``rsquared_overall`` of that regression, which has no constant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from linearmodels.panel.utility import AbsorbingEffectError
from scipy import sparse, stats
from scipy.linalg import lstsq

from gvcpanel.estimate.tidy import Coef, Estimates

SE_TYPES: dict[str, str] = {
    "clustered": "clustered by country",
    "robust": "White HC0 with factor N/(N-K-(T-1)-G); p-values and CIs from t(N-K-(T-1)-G)",
    "unadjusted": "homoskedastic, s2 = e'e/(N-K-(T-1)-G); p-values and CIs from t(N-K-(T-1)-G)",
}
INFERENCE: dict[str, str] = {
    "stata": "small-sample factor G/(G-1)(N-1)/(N-K-(T-1)-1), K slopes, T-1 year dummies and the "
    "constant counted, p-values and CIs from t(G-1), as Stata's xtreg, fe vce(cluster) with "
    "year dummies",
    "linearmodels": "small-sample factor G/(G-1)(N-1)/(N-K-(T-1)), p-values and CIs from "
    "t(N-K-(T-1)-G), as linearmodels' PanelOLS (debiased) with year dummies",
}
ABSORBED_TOL = 1e-5
SE_LABELS = {
    "clustered": "clustered by country",
    "robust": "heteroskedasticity-robust (White)",
    "unadjusted": "conventional (homoskedastic)",
}


@dataclass(frozen=True)
class TwoWayFit:
    """Slopes of a fixed-effects regression with their covariance and fit statistics."""

    dependent: str
    params: pd.Series
    cov: pd.DataFrame
    resids: pd.Series
    nobs: int
    df_resid: int
    df_inference: int
    rsquared_within: float
    rsquared_overall: float
    time_effects: bool
    inference: str = "stata"

    @property
    def std_errors(self) -> pd.Series:
        return pd.Series(np.sqrt(np.diag(self.cov)), self.params.index, name="std_error")

    @property
    def tstats(self) -> pd.Series:
        return (self.params / self.std_errors).rename("tstat")

    @property
    def pvalues(self) -> pd.Series:
        """p = 2·(1 − F_t(|t|; df)), df = ``df_inference`` (G−1 or the residual df)."""
        return pd.Series(
            2 * stats.t.sf(np.abs(self.tstats), self.df_inference),
            self.params.index,
            name="pvalue",
        )

    def conf_int(self, level: float = 0.95) -> pd.DataFrame:
        """β̂ ± t_{(1+level)/2}(df)·SE, df = ``df_inference``."""
        q = stats.t.ppf([(1 - level) / 2, 1 - (1 - level) / 2], self.df_inference)
        ci = self.params.to_numpy()[:, None] + self.std_errors.to_numpy()[:, None] * q[None, :]
        return pd.DataFrame(ci, index=self.params.index, columns=["lower", "upper"])


def _sums(codes: np.ndarray, z: np.ndarray, size: int) -> np.ndarray:
    """Column sums of ``z`` within each group, size×ncol: M'z for the group indicators M."""
    return np.stack([np.bincount(codes, weights=col, minlength=size) for col in z.T], axis=1)


def _check_absorbed(xx: np.ndarray, norms: np.ndarray, names: Sequence[str]) -> None:
    """Raise if a regressor is absorbed by the effects or collinear with the regressors before it.

    With Ẍ'Ẍ = R'R (Cholesky), |R_jj| is the norm of column j of Ẍ left after the columns before
    it are removed; it is absorbed if that is below 1e-5 of its norm before the effects were
    absorbed (linearmodels' ``check_absorbed`` criterion).
    """
    try:
        left = np.abs(np.diag(np.linalg.cholesky(xx))) / norms
    except np.linalg.LinAlgError:
        left = np.zeros(len(names))
    absorbed = [name for name, size in zip(names, left, strict=True) if not size >= ABSORBED_TOL]
    if absorbed:
        raise AbsorbingEffectError(
            f"absorbed by the effects or collinear: {', '.join(absorbed)}; the model cannot be "
            "estimated"
        )


def fit_twoway(
    data: pd.DataFrame,
    dependent: str,
    regressors: Sequence[str],
    entity: str = "iso3",
    time: str = "year",
    se: str = "clustered",
    time_effects: bool = True,
    inference: str = "stata",
) -> TwoWayFit:
    """Fit ``dependent ~ regressors + entity effects (+ year effects)``; singletons are kept.

    ``inference`` is the small-sample convention of ``clustered`` SEs (``INFERENCE``).

    Rows with a missing value in any used column are dropped. Raises linearmodels'
    ``AbsorbingEffectError`` if the effects absorb a regressor or make the regressors collinear.
    """
    if se not in SE_TYPES:
        raise KeyError(f"se must be one of {sorted(SE_TYPES)}, not {se!r}")
    if inference not in INFERENCE:
        raise KeyError(f"inference must be one of {sorted(INFERENCE)}, not {inference!r}")
    cols = [dependent, *regressors]
    complete = data[cols].notna().all(axis=1)
    frame = data if complete.all() else data[complete]
    z = frame[cols].to_numpy(dtype=np.float64, copy=True)  # becomes z̈ in place
    n, k = z.shape[0], len(regressors)
    ent, _ = pd.factorize(frame[entity], sort=True)
    per, _ = pd.factorize(frame[time], sort=True)
    g, t = int(ent.max()) + 1, int(per.max()) + 1
    time_effects = time_effects and t > 1
    n_i = np.bincount(ent, minlength=g).astype(np.float64)
    means = _sums(ent, z, g) / n_i[:, None]
    y_e = z[:, 0] - means[ent, 0]
    y_within_ss, y_ss = float(y_e @ y_e), float(z[:, 0] @ z[:, 0])
    norms = np.linalg.norm(z[:, 1:], axis=0)

    n_year_effects = t - 1 if time_effects else 0
    coefs = np.zeros((t, k + 1))  # year-dummy coefficients a_z of every column, first year 0
    if time_effects:
        counts = sparse.coo_array((np.ones(n), (ent, per)), shape=(g, t)).tocsr()  # C
        gram = np.diag(np.bincount(per, minlength=t).astype(np.float64))
        gram -= (counts.T @ (counts / n_i[:, None])).toarray()
        cross = _sums(per, z, t) - counts.T @ means  # D̃'z̃ = D'z − C'(entity means)
        coefs[1:] = np.linalg.solve(gram[1:, 1:], cross[1:])
        means -= (counts @ coefs) / n_i[:, None]
    z -= means[ent]  # z̈ = z − m_z[i] − a_z[t] + (C a_z)_i / n_i
    z -= coefs[per]

    y, x = z[:, 0], z[:, 1:]
    xx = x.T @ x
    _check_absorbed(xx, norms, regressors)
    beta = lstsq(x, y, cond=max(x.shape) * np.finfo(np.float64).eps, lapack_driver="gelsy")[0]
    resid = y - x @ beta
    df_resid = n - k - n_year_effects - g
    df_inference = df_resid

    bread = np.linalg.inv(xx)
    if se == "clustered":  # the entity effects are nested in the clusters: not counted
        scores = _sums(ent, x * resid[:, None], g)  # Σ_t ẍ_it e_it of every entity, G×K
        n_params = k + n_year_effects + (1 if inference == "stata" else 0)
        meat = scores.T @ scores * g / (g - 1) * (n - 1) / (n - n_params)
        df_inference = g - 1 if inference == "stata" else df_resid
    elif se == "robust":
        meat = (x * resid[:, None] ** 2).T @ x * n / df_resid
    else:
        meat = xx * float(resid @ resid) / df_resid
    cov = bread @ meat @ bread

    u = resid + (means[:, 0] - means[:, 1:] @ beta)[ent]  # y − Xβ̂ − Dâ = e + entity effects
    names = list(regressors)
    return TwoWayFit(
        dependent=dependent,
        params=pd.Series(beta, names, name="parameter"),
        cov=pd.DataFrame((cov + cov.T) / 2, names, names),
        resids=pd.Series(resid, frame.index, name="residual"),
        nobs=n,
        df_resid=df_resid,
        df_inference=df_inference,
        rsquared_within=1 - float(resid @ resid) / y_within_ss,
        rsquared_overall=1 - float(u @ u) / y_ss,
        time_effects=time_effects,
        inference=inference,
    )


def to_estimates(
    res: TwoWayFit,
    study: str,
    model: str,
    se: str,
    terms: dict[str, str] | None = None,
    sample: dict[str, Any] | None = None,
    seed: int | None = None,
    extra: dict[str, Any] | None = None,
) -> Estimates:
    """Tidy estimates from a ``TwoWayFit``; ``terms`` renames regressors (column → term)."""
    terms = terms or {}
    ci = res.conf_int()
    se_, stat, p = res.std_errors, res.tstats, res.pvalues
    absorbed = "entity and year effects" if res.time_effects else "entity effects"
    coefs = [
        Coef(
            term=terms.get(name, name),
            coef=float(res.params[name]),
            se=float(se_[name]),
            stat=float(stat[name]),
            p=float(p[name]),
            ci_lower=float(ci.loc[name, "lower"]),
            ci_upper=float(ci.loc[name, "upper"]),
        )
        for name in res.params.index
    ]
    return Estimates(
        study=study,
        model=model,
        dependent=res.dependent,
        estimator=f"within, {absorbed} absorbed",
        coefficients=coefs,
        nobs=res.nobs,
        r2=res.rsquared_within,
        effects=["entity"] + (["time"] if res.time_effects else []),
        se_type=SE_LABELS[se],
        se_convention=INFERENCE[res.inference] if se == "clustered" else SE_TYPES[se],
        sample=dict(sample or {}),
        seed=seed,
        extra={
            "r2_overall": res.rsquared_overall,
            "df_resid": res.df_resid,
            "df_inference": res.df_inference,
        }
        | dict(extra or {}),
    )


def stata_clustered(coefs: Sequence[Coef], nobs: int, n_params: int, n_clusters: int) -> list[Coef]:
    """Restate entity-clustered rows computed with the factor G/(G−1)(N−1)/(N−P) in Stata's terms.

    Stata's ``xtreg, fe vce(cluster)`` also counts the constant: SE·√((N−P)/(N−P−1)), and takes
    p-values and 95% CIs from Student t with G−1 degrees of freedom (``INFERENCE["stata"]``).
    """
    scale = np.sqrt((nobs - n_params) / (nobs - n_params - 1))
    df = n_clusters - 1
    crit = float(stats.t.ppf(0.975, df))
    out = []
    for c in coefs:
        se = c.se * scale
        t = c.coef / se
        p = float(2 * stats.t.sf(abs(t), df))
        out.append(Coef(c.term, c.coef, se, t, p, c.coef - crit * se, c.coef + crit * se))
    return out
