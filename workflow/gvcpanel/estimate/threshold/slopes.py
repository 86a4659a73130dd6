"""Slope estimates of the threshold model at given thresholds, with any covariance.

With the regimes fixed, the model is a linear within regression (Hansen 1999, eq. 6-8) of T(y) on
T(x) and T(r 1(regime j)), j = 0..K (time dummies, if any, partialled out first — FWL). The fit
hands its pieces to the covariance objects of ``gvcpanel.estimate.covariance`` (``Scores``): the
residual degrees of freedom nobs - n - k - k_t (nobs = rows entering OLS, n = entities, k = slope
coefficients, k_t = time dummies; under ``hansen`` conventions nobs = n(T-1), which gives Hansen's
e'e / (n(T-1) - n - k)) and P = k + k_t regression coefficients. ``Unadjusted()`` and
``Robust(small_sample=False)`` are Hansen's OLS and White SEs; ``Clustered()`` is Stata's
``xtreg, fe vce(cluster)`` with year dummies, as xthreg's ``vce(cluster)``.

Under ``xthreg`` conventions (no time effects) the fit also carries xtreg's constant,
_cons = mean(y) - mean(X)' beta, with its conventional SE sqrt(s^2 / N + mean(X)' V mean(X)), V
the unadjusted covariance of beta (the constant of the regression of y - y_i. + y.. on
X - X_i. + X..).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from gvcpanel.estimate.covariance import Covariance, Layout, Scores, Unadjusted, coef_table

from .grid import regime_codes
from .model import PanelDesign

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, eq=False)
class SlopeFit:
    """OLS of the threshold model at fixed thresholds; covariances from ``scores``."""

    thresholds: tuple[float, ...]
    names: tuple[str, ...]
    params: np.ndarray
    scores: Scores
    sse: float
    r2_within: float
    regime_counts: tuple[int, ...]
    cons: tuple[float, float] | None = None

    @property
    def nobs(self) -> int:
        return self.scores.nobs

    @property
    def df_resid(self) -> int:
        return self.scores.df_resid

    def vcov(self, cov: Covariance) -> np.ndarray:
        return cov.vcov(self.scores)

    def std_errors(self, cov: Covariance) -> np.ndarray:
        return np.sqrt(np.diag(self.vcov(cov)))

    def table(self, cov: Covariance) -> pd.DataFrame:
        """coef, se, t, p, 95% CI under ``cov`` (``covariance.coef_table``)."""
        return coef_table(self.params, self.names, self.scores, cov)


def regressors(design: PanelDesign, thresholds: list[float]) -> tuple[np.ndarray, list[str]]:
    """Raw regressor matrix [x, r 1(regime 0), ..., r 1(regime K)] and its column names."""
    th = np.sort(np.asarray(thresholds, dtype=float))
    codes = regime_codes(design.q, th, strict=design.conventions == "hansen")
    cols = [design.x]
    names = list(design.names["x"])
    for j in range(len(th) + 1):
        cols.append(design.r * (codes == j)[:, None])
        names += [f"{r}_regime{j}" for r in design.names["r"]]
    return np.column_stack(cols), names


def fit_slopes(design: PanelDesign, thresholds: list[float]) -> SlopeFit:
    """Coefficients, SSR and covariance pieces of the model with the given thresholds."""
    raw, names = regressors(design, thresholds)
    x = design.within(raw)
    y = design.within(design.y)
    dummies = qd = design.dummy_basis
    if dummies.shape[1]:
        x = x - qd @ (qd.T @ x)
        y = y - qd @ (qd.T @ y)
    xtx_inv = np.linalg.inv(x.T @ x)
    beta = xtx_inv @ (x.T @ y)
    e = y - x @ beta
    sse = float(e @ e)
    nobs, k = x.shape
    scores = Scores(
        x=x,
        resid=e,
        bread=xtx_inv,
        df_resid=nobs - design.n_entities - k - dummies.shape[1],
        n_params=k + dummies.shape[1],
        groups=design.groups,
        entity=design.names["entity"],
        layout=Layout(absorbed=True, time_dummies=bool(dummies.shape[1])),
    )
    cons = None
    if design.conventions == "xthreg" and not dummies.shape[1]:
        xbar = raw.mean(axis=0)
        v = Unadjusted().vcov(scores)
        cons = (
            float(design.y.mean() - xbar @ beta),
            float(np.sqrt(sse / scores.df_resid / nobs + xbar @ v @ xbar)),
        )
    codes = regime_codes(design.q[design.keep], np.sort(thresholds), design.conventions == "hansen")
    return SlopeFit(
        thresholds=tuple(float(t) for t in np.sort(thresholds)),
        names=tuple(names),
        params=beta,
        scores=scores,
        sse=sse,
        r2_within=1.0 - sse / float(y @ y),
        regime_counts=tuple(np.bincount(codes, minlength=len(thresholds) + 1).tolist()),
        cons=cons,
    )
