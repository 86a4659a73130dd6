"""Two-way fixed-effects regressions with absorbed effects: ``gvcpanel.twoway``.

y_it = x_it'β + γ_i + η_t + ε_it (entity effects γ_i, time effects η_t), Qu & Yang eqs (16)–(18).
Both effects are absorbed, none is dummy-encoded. With E the N×G entity indicators, D the N×(T−1)
year indicators (first year dropped) and M_E = I − E(E'E)⁻¹E', every column z of [y X] is
entity-demeaned, z̃ = M_E z, and then purged of the entity-demeaned year dummies D̃ = M_E D,

    z̈ = z̃ − D̃ a_z,   a_z = (D̃'D̃)⁻¹ D̃'z̃,   D̃'D̃ = diag(n_t) − C' diag(1/n_i) C,

where C is the G×T entity-by-year count matrix, so only (T−1)×(T−1) systems are solved. By
Frisch–Waugh–Lovell, β̂ = (Ẍ'Ẍ)⁻¹Ẍ'ÿ and the residuals equal those of the least-squares dummy
variable regression of y on X, the year dummies and the entity dummies, as in Stata's
``xtreg y x i.year, fe``. Only the slopes are reported.

Standard errors come from a covariance object (``gvcpanel.estimate.covariance``) chosen at fit
time, with K slopes, T−1 year effects, G entities and N observations: the residual degrees of
freedom are N−K−(T−1)−G and the regression's coefficients P = K + (T−1) (the entity effects,
nested in entity clusters, are not counted; Stata's convention adds xtreg's _cons). ``Unadjusted``
reproduces R plm's ``within``, ``Clustered(convention="linearmodels")`` PanelOLS with year
dummies, ``Clustered()`` Stata's ``xtreg y x i.year, fe vce(cluster id)``.

R²: within R² of the model with the year dummies, 1 − e'e/z̃_y'z̃_y; ``rsquared_overall``,
1 − u'u/y'y with u = y − Xβ̂ − Dâ (â = a_y − A_X β̂, the year-dummy coefficients): the
linearmodels ``rsquared_overall`` of that regression, which has no constant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.linalg import lstsq

from gvcpanel.estimate.covariance import (
    DEFAULT_COV,
    Covariance,
    Layout,
    Scores,
    coef_table,
    covariance,
)
from gvcpanel.estimate.inputs import check_absorbed, group_codes, model_frame
from gvcpanel.estimate.summary import Summary, SummaryTable
from gvcpanel.estimate.tidy import Estimates, coef_rows


@dataclass(frozen=True, eq=False)
class TwoWayResults:
    """Slopes of a two-way fixed-effects regression with the covariance ``cov`` chosen at fit
    time; ``with_cov`` reports another covariance of the same fit, ``vcov`` gives V of any."""

    dependent: str
    params: pd.Series
    scores: Scores
    cov: Covariance
    resids: pd.Series
    n_entities: int
    n_periods: int
    rsquared_within: float
    rsquared_overall: float
    time_effects: bool
    entity: str
    time: str

    @property
    def nobs(self) -> int:
        return self.scores.nobs

    @property
    def df_resid(self) -> int:
        return self.scores.df_resid

    @property
    def df_inference(self) -> int:
        """Degrees of freedom of the t statistics under ``cov`` (G−1 or the residual df)."""
        return self.cov.df(self.scores)

    @cached_property
    def table(self) -> pd.DataFrame:
        """coef, se, t, p, ci_lower, ci_upper (95%) under ``cov``."""
        return coef_table(self.params.to_numpy(), self.params.index, self.scores, self.cov)

    @property
    def std_errors(self) -> pd.Series:
        return self.table["se"].rename("std_error")

    @property
    def tstats(self) -> pd.Series:
        return self.table["t"].rename("tstat")

    @property
    def pvalues(self) -> pd.Series:
        """p = 2·(1 − F_t(|t|; df)), df = ``df_inference``."""
        return self.table["p"].rename("pvalue")

    def conf_int(self, level: float = 0.95) -> pd.DataFrame:
        """β̂ ± t_{(1+level)/2}(df)·SE, df = ``df_inference``."""
        table = coef_table(self.params.to_numpy(), self.params.index, self.scores, self.cov, level)
        return table[["ci_lower", "ci_upper"]].set_axis(["lower", "upper"], axis=1)

    def vcov(self, cov: Covariance | str | None = None) -> pd.DataFrame:
        """V of the slopes under ``cov`` (default: the fit's), without refitting."""
        names = self.params.index
        v = covariance(cov or self.cov).vcov(self.scores)
        return pd.DataFrame(v, names, names)

    def with_cov(self, cov: Covariance | str) -> TwoWayResults:
        """The same fit reporting ``cov`` everywhere (SEs, tests, summary, ``to_estimates``)."""
        out = replace(self, cov=covariance(cov))
        _ = out.table  # a bad cluster column fails here, not at first use
        return out

    @property
    def se_type(self) -> str:
        return self.cov.se_type(self.entity, self.scores.layout)

    @cached_property
    def summary(self) -> Summary:
        """Printout: sample, the coefficient table and the standard errors' formula."""
        effects = "entity and time" if self.time_effects else "entity"
        rows = [
            [str(name), f"{r.coef:.7g}", f"{r.se:.7g}", f"{r.t:.2f}", f"{r.p:.3f}"]
            + [f"{r.ci_lower:.7g}", f"{r.ci_upper:.7g}"]
            for name, r in self.table.iterrows()
        ]
        return Summary(
            preamble=[
                f"Two-way fixed effects (within), {effects} effects absorbed",
                f"Dependent: {self.dependent}   entity: {self.entity}   time: {self.time}",
                f"Observations = {self.nobs}   entities = {self.n_entities}   "
                f"periods = {self.n_periods}   R-sq within = {self.rsquared_within:.4f}",
            ],
            tables=[
                SummaryTable(
                    f"Coefficients (df = {self.df_inference}):",
                    ["", "Coef.", "Std. Err.", "t", "P>|t|", "[95% Conf.", "Interval]"],
                    rows,
                )
            ],
            footer=[f"Std. Err.: {self.se_type} ({self.cov.describe(self.scores.layout)})"],
        )

    def __str__(self) -> str:
        return str(self.summary)

    def _repr_html_(self) -> str:
        return self.summary.as_html()

    def to_estimates(
        self,
        model: str = "twoway",
        *,
        study: str = "",
        terms: Mapping[str, str] | None = None,
        sample: Mapping[str, Any] | None = None,
        seed: int | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> Estimates:
        """Tidy estimates under ``cov``; ``terms`` renames regressors (column → term),
        ``sample`` replaces the default ``{"entities", "nobs"}``, ``extra`` adds to
        ``{"r2_overall", "df_resid", "df_inference"}``."""
        absorbed = "entity and year effects" if self.time_effects else "entity effects"
        return Estimates(
            study=study,
            model=model,
            dependent=self.dependent,
            estimator=f"within, {absorbed} absorbed",
            coefficients=coef_rows(self.table, terms),
            nobs=self.nobs,
            r2=self.rsquared_within,
            effects=("entity", "time") if self.time_effects else ("entity",),
            se_type=self.se_type,
            se_convention=self.cov.describe(self.scores.layout),
            sample=dict(sample) if sample is not None else self._default_sample(),
            seed=seed,
            extra={
                "r2_overall": self.rsquared_overall,
                "df_resid": self.df_resid,
                "df_inference": self.df_inference,
            }
            | dict(extra or {}),
        )

    def _default_sample(self) -> dict[str, int]:
        return {"entities": self.n_entities, "nobs": self.nobs}


def _sums(codes: np.ndarray, z: np.ndarray, size: int) -> np.ndarray:
    """Column sums of ``z`` within each group, size×ncol: M'z for the group indicators M."""
    return np.stack([np.bincount(codes, weights=col, minlength=size) for col in z.T], axis=1)


def _demean(
    z: np.ndarray, ent: np.ndarray, per: np.ndarray, time_effects: bool
) -> tuple[np.ndarray, np.ndarray, float]:
    """z̈ of the module docstring, in place, the entity means net of the year effects and
    z̃_y'z̃_y (the within R²'s denominator)."""
    n = z.shape[0]
    g, t = int(ent.max()) + 1, int(per.max()) + 1
    n_i = np.bincount(ent, minlength=g).astype(np.float64)
    means = _sums(ent, z, g) / n_i[:, None]
    y_e = z[:, 0] - means[ent, 0]
    coefs = np.zeros((t, z.shape[1]))  # year-dummy coefficients a_z of every column, first 0
    if time_effects:
        counts = sparse.coo_array((np.ones(n), (ent, per)), shape=(g, t)).tocsr()  # C
        gram = np.diag(np.bincount(per, minlength=t).astype(np.float64))
        gram -= (counts.T @ (counts / n_i[:, None])).toarray()
        cross = _sums(per, z, t) - counts.T @ means  # D̃'z̃ = D'z − C'(entity means)
        coefs[1:] = np.linalg.solve(gram[1:, 1:], cross[1:])
        means -= (counts @ coefs) / n_i[:, None]
    z -= means[ent]  # z̈ = z − m_z[i] − a_z[t] + (C a_z)_i / n_i
    z -= coefs[per]
    return z, means, float(y_e @ y_e)


def _slopes(
    x: np.ndarray, y: np.ndarray, norms: np.ndarray, names: Sequence[str], effects: str, source: str
) -> tuple[np.ndarray, np.ndarray]:
    """β̂ = (Ẍ'Ẍ)⁻¹Ẍ'ÿ (least squares, after ``check_absorbed``) and Ẍ'Ẍ."""
    xx = x.T @ x
    check_absorbed(xx, norms, names, effects, source)
    beta = lstsq(x, y, cond=max(x.shape) * np.finfo(np.float64).eps, lapack_driver="gelsy")[0]
    return beta, xx


def twoway(
    data: pd.DataFrame,
    *,
    y: str,
    x: Sequence[str],
    entity: str,
    time: str,
    cov: Covariance | str = DEFAULT_COV,
    time_effects: bool = True,
    source: str = "data",
) -> TwoWayResults:
    """The within estimator of ``y`` on the columns ``x`` with ``entity`` and (``time_effects``,
    default True) ``time`` effects absorbed; singleton entities are kept.

    ``cov`` (default ``Clustered()``: by entity, Stata's convention) is the covariance the
    results report; a name of ``COVARIANCES`` (``"unadjusted"``, ``"robust"``, ``"clustered"``)
    also works. ``entity``, ``time`` and the variables are columns (or index levels) of ``data``.
    Raises ``InputError`` naming the columns or rows for a missing or non-numeric column, a
    missing value, or a regressor the effects absorb.
    """
    cov = covariance(cov)
    x = list(x)
    frame = model_frame(data, [y, *x], [entity, time], source)
    z = frame[[y, *x]].to_numpy(dtype=np.float64, copy=True)  # becomes z̈ in place
    n, k = z.shape[0], len(x)
    ent, _ = pd.factorize(frame[entity], sort=True)
    per, _ = pd.factorize(frame[time], sort=True)
    g, t = int(ent.max()) + 1, int(per.max()) + 1
    time_effects = time_effects and t > 1
    y_ss, norms = float(z[:, 0] @ z[:, 0]), np.linalg.norm(z[:, 1:], axis=0)
    z, means, y_within_ss = _demean(z, ent, per, time_effects)
    yd, xd = z[:, 0], z[:, 1:]
    effects = "entity and time effects" if time_effects else "entity effects"
    beta, xx = _slopes(xd, yd, norms, x, effects, source)
    resid = yd - xd @ beta
    n_year_effects = t - 1 if time_effects else 0
    scores = Scores(
        x=xd,
        resid=resid,
        bread=np.linalg.inv(xx),
        df_resid=n - k - n_year_effects - g,
        n_params=k + n_year_effects,
        groups=lambda column: group_codes(data, column, source=source),
        entity=entity,
        layout=Layout(absorbed=True, time_dummies=time_effects),
    )
    u = resid + (means[:, 0] - means[:, 1:] @ beta)[ent]  # y − Xβ̂ − Dâ = e + entity effects
    res = TwoWayResults(
        dependent=y,
        params=pd.Series(beta, x, name="parameter"),
        scores=scores,
        cov=cov,
        resids=pd.Series(resid, data.index, name="residual"),
        n_entities=g,
        n_periods=t,
        rsquared_within=1 - float(resid @ resid) / y_within_ss,
        rsquared_overall=1 - float(u @ u) / y_ss,
        time_effects=time_effects,
        entity=entity,
        time=time,
    )
    _ = res.table  # a bad cluster column fails here
    return res
