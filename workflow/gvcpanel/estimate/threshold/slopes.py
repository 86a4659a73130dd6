"""Slope estimates of the threshold model at given thresholds, with three covariance types.

With the regimes fixed, the model is a linear within regression (Hansen 1999, eq. 6-8) of T(y) on
T(x) and T(r 1(regime j)), j = 0..K (time dummies, if any, partialled out first — FWL). Covariances:

* ``unadjusted``: s^2 (X'X)^-1 with s^2 = e'e / (nobs - n - k - k_t), nobs = rows entering OLS,
  n = entities, k = slope coefficients, k_t = time dummies. Under ``hansen`` conventions
  nobs = n(T-1), which gives Hansen's e'e / (n(T-1) - n - k);
* ``white``: HC0, (X'X)^-1 X' diag(e^2) X (X'X)^-1 on the transformed data (Hansen's "White");
* ``cluster``: by entity, (X'X)^-1 (sum_i X_i'e_i e_i'X_i) (X'X)^-1 * G/(G-1) * (nobs-1)/(nobs-K)
  with K = k + k_t (Stata's convention for ``xtreg, fe vce(cluster)`` with year dummies: the
  entity effects, nested in the clusters, are not counted).

Under ``xthreg`` conventions (no time effects) the fit also carries xtreg's constant,
_cons = mean(y) - mean(X)' beta, with its conventional SE sqrt(s^2 / N + mean(X)' V mean(X)), V
the unadjusted covariance of beta (the constant of the regression of y - y_i. + y.. on
X - X_i. + X..).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import PanelDesign, regime_codes

COV_TYPES = ("unadjusted", "white", "cluster")


@dataclass
class SlopeFit:
    """OLS of the threshold model at fixed thresholds."""

    thresholds: list[float]
    names: list[str]
    params: np.ndarray
    cov: dict[str, np.ndarray]
    sse: float
    nobs: int
    df_resid: int
    r2_within: float
    regime_counts: list[int]
    cons: tuple[float, float] | None = None

    def std_errors(self, cov_type: str = "unadjusted") -> np.ndarray:
        return np.sqrt(np.diag(self.cov[cov_type]))


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
    """Coefficients, SSR and covariances of the model with the given thresholds."""
    raw, names = regressors(design, thresholds)
    x = design.within(raw)
    y = design.within(design.y)
    dummies = design.time_dummies()
    if dummies.shape[1]:
        qd, _ = np.linalg.qr(dummies)
        x = x - qd @ (qd.T @ x)
        y = y - qd @ (qd.T @ y)
    xtx_inv = np.linalg.inv(x.T @ x)
    beta = xtx_inv @ (x.T @ y)
    e = y - x @ beta
    sse = float(e @ e)
    nobs, k = x.shape
    n = design.n_entities
    df_resid = nobs - n - k - dummies.shape[1]
    xe = x * e[:, None]
    scores = np.add.reduceat(xe, np.flatnonzero(np.r_[True, np.diff(design.entity_used) != 0]))
    g = scores.shape[0]
    k_all = k + dummies.shape[1]
    adj = g / (g - 1) * (nobs - 1) / (nobs - k_all) if g > 1 else np.nan
    cov = {
        "unadjusted": sse / df_resid * xtx_inv,
        "white": xtx_inv @ (xe.T @ xe) @ xtx_inv,
        "cluster": adj * xtx_inv @ (scores.T @ scores) @ xtx_inv,
    }
    cons = None
    if design.conventions == "xthreg" and not dummies.shape[1]:
        xbar = raw.mean(axis=0)
        cons = (
            float(design.y.mean() - xbar @ beta),
            float(np.sqrt(sse / df_resid / nobs + xbar @ cov["unadjusted"] @ xbar)),
        )
    codes = regime_codes(design.q[design.keep], np.sort(thresholds), design.conventions == "hansen")
    return SlopeFit(
        thresholds=[float(t) for t in np.sort(thresholds)],
        names=names,
        params=beta,
        cov=cov,
        sse=sse,
        nobs=nobs,
        df_resid=df_resid,
        r2_within=1.0 - sse / float(y @ y),
        regime_counts=np.bincount(codes, minlength=len(thresholds) + 1).tolist(),
        cons=cons,
    )
