"""Sums of squared residuals over the threshold grid by projections (no loop over grid points).

Let Z hold the transformed regime-independent regressors, the transformed regime regressors r
(linear part) and, with time effects, the transformed time dummies; M = I - Z(Z'Z)^-1 Z'. For grid
point g let W_g = M T(r 1(q below gamma_g)) (T = the transform). With e = M T(y), b_g = W_g'e and
the Gram matrix A = W'W, the SSR of the model with thresholds at grid points F and g is (FWL)

    S(g | F) = S_F - c_g' D_g^-1 c_g,   S_F = e'e - b_F' A_FF^-1 b_F,
    c_g = b_g - A_gF A_FF^-1 b_F,       D_g = A_gg - A_gF A_FF^-1 A_Fg,

so once W, A and b are built, every stage's search is array algebra, vectorised across bootstrap
replications (rows of b). For bootstrap draws y* = f + E* with f orthogonal to Z, the projected
cross-products need no projection of E*: b* = W'f + W'E* (W = MW) and
e*'e* = f'f + 2 f'E* + E*'E* - |Q'E*|^2 (Q an orthonormal basis of Z).
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import blas

from gvcpanel.errors import DataError

from .model import PanelDesign

TOL = 1e-10


class GridProjection:
    """Projected threshold columns W (obs x grid*m), their Gram matrix and the projected y."""

    def __init__(self, design: PanelDesign, grid: np.ndarray) -> None:
        self.design = design
        self.grid = np.asarray(grid, dtype=float)
        strict = design.conventions == "hansen"
        z = np.column_stack([design.within(design.x), design.within(design.r)])
        z = np.column_stack([z, design.time_dummies()])
        self.q_basis = _basis(z, design.source)
        self.e0 = self._project(design.within(design.y))
        below = design.q[:, None] < self.grid if strict else design.q[:, None] <= self.grid
        m = design.r.shape[1]
        raw = (below[:, :, None] * design.r[:, None, :]).reshape(len(design.q), -1)
        self.w = self._project(design.within(raw))
        self.m = m
        g = len(self.grid)
        self.gram = _gram(self.w).reshape(g, m, g, m)
        self.gram_diag = self.gram[np.arange(g), :, np.arange(g), :]
        self.b0 = self.cross(self.e0[None, :])
        q_used = design.q[design.keep]
        side = "left" if strict else "right"
        self.below_count = np.searchsorted(np.sort(q_used), self.grid, side=side)

    def _project(self, a: np.ndarray) -> np.ndarray:
        """M a: residuals of the columns of a on the regime-independent columns Z."""
        if self.q_basis.shape[1] == 0:
            return a
        return a - self.q_basis @ (self.q_basis.T @ a)

    def cross(self, e: np.ndarray) -> np.ndarray:
        """b = W'e as (B, grid, m) for rows e (B x obs); as W = MW, e need not be projected."""
        return (e @ self.w).reshape(e.shape[0], len(self.grid), self.m)

    def draws(self, fitted: np.ndarray, errors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(b*, e*'e*) of y* = fitted + errors (rows = replications); fitted must be M-projected."""
        b = self.cross(errors) + self.cross(fitted[None, :])
        qe = errors @ self.q_basis
        ee = (
            fitted @ fitted
            + 2.0 * (errors @ fitted)
            + np.einsum("ij,ij->i", errors, errors)
            - np.einsum("ij,ij->i", qe, qe)
        )
        return b, ee

    def ssr(
        self,
        b: np.ndarray,
        ee: np.ndarray,
        fixed: np.ndarray,
        allowed: np.ndarray | None = None,
    ) -> np.ndarray:
        """S(g | fixed) for every grid point g and replication: array (B, grid).

        ``b`` (B, grid, m) and ``ee`` (B,) come from the projected y; ``fixed`` (B, p) holds the
        grid indices of the thresholds held fixed (p = 0, 1 or 2); ``allowed`` (B, grid) masks
        admissible candidates (others, and degenerate ones, get +inf).
        """
        n_rep = b.shape[0]
        g, m = len(self.grid), self.m
        bg = b
        p = fixed.shape[1]
        if p == 0:
            s_f = ee.astype(float)
            c = bg
            d = np.broadcast_to(self.gram_diag, (n_rep, g, m, m))
        else:
            a_ff = self.gram[fixed[:, :, None], :, fixed[:, None, :], :]  # (B, p, p, m, m)
            a_ff = a_ff.transpose(0, 1, 3, 2, 4).reshape(n_rep, p * m, p * m)
            b_f = np.take_along_axis(bg, fixed[:, :, None], axis=1).reshape(n_rep, p * m)
            a_gf = self.gram[:, :, fixed, :]  # (G, m, B, p, m)
            a_gf = a_gf.transpose(2, 0, 1, 3, 4).reshape(n_rep, g, m, p * m)
            h = np.linalg.inv(a_ff)
            u = np.einsum("bij,bj->bi", h, b_f)
            s_f = ee - np.einsum("bi,bi->b", b_f, u)
            c = bg - np.einsum("bgmj,bj->bgm", a_gf, u)
            ah = np.einsum("bgmj,bjk->bgmk", a_gf, h)
            d = self.gram_diag[None] - np.einsum("bgmk,bgnk->bgmn", ah, a_gf)
        if m == 1:
            dd = d[..., 0, 0]
            ok = dd > TOL * np.maximum(self.gram_diag[None, :, 0, 0], TOL)
            gain = np.where(ok, c[..., 0] ** 2 / np.where(ok, dd, 1.0), 0.0)
        else:
            scale = np.prod(np.diagonal(self.gram_diag, axis1=1, axis2=2), axis=1)
            ok = np.linalg.det(d) > TOL * np.maximum(scale, TOL)[None, :]
            dsafe = np.where(ok[..., None, None], d, np.eye(m))
            gain = np.einsum("bgm,bgm->bg", c, np.linalg.solve(dsafe, c[..., None])[..., 0])
        out = s_f[:, None] - gain
        out[~ok] = np.inf
        if allowed is not None:
            out[~allowed] = np.inf
        return out

    def coefficients(self, fixed: np.ndarray) -> np.ndarray:
        """delta on the projected threshold columns at grid indices ``fixed`` (sample only)."""
        idx = (fixed[:, None] * self.m + np.arange(self.m)).ravel()
        a = self.w[:, idx]
        return np.linalg.solve(a.T @ a, a.T @ self.e0)

    def residuals(self, fixed: np.ndarray) -> np.ndarray:
        """Residuals of the sample model with thresholds at grid indices ``fixed``."""
        if len(fixed) == 0:
            return self.e0.copy()
        idx = (fixed[:, None] * self.m + np.arange(self.m)).ravel()
        return self.e0 - self.w[:, idx] @ self.coefficients(fixed)


def _gram(w: np.ndarray) -> np.ndarray:
    """W'W by a symmetric rank-k update (half the flops of a general product)."""
    upper = blas.dsyrk(1.0, np.asfortranarray(w), trans=1)
    return np.triu(upper) + np.triu(upper, 1).T


def _basis(z: np.ndarray, source: str) -> np.ndarray:
    """Orthonormal basis of the columns of z; DataError if they are collinear."""
    if z.shape[1] == 0:
        return z
    qmat, rmat = np.linalg.qr(z)
    diag = np.abs(np.diag(rmat))
    scale = np.linalg.norm(z, axis=0)
    bad = diag <= 1e-10 * np.maximum(scale, 1e-300)
    if bad.any():
        raise DataError(
            source,
            "full column rank of transformed regressors",
            [int(i) for i in np.flatnonzero(bad)],
            "a regressor is time-invariant or collinear with others (column positions shown)",
        )
    return qmat
