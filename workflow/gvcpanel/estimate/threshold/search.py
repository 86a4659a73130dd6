"""Sums of squared residuals over the threshold grid by projections (no loop over grid points).

Let Z hold the transformed regime-independent regressors, the transformed regime regressors r
(linear part) and, with time effects, the transformed time dummies; M = I - QQ' with Q an
orthonormal basis of Z. For grid point g and regime regressor k let u_(g,k) = r_k 1(q below
gamma_g) (raw rows) and W_(g,k) = M T(u_(g,k)) (T = the transform, ``PanelDesign.within``). With
e = M T(y), b_g = W_g'e and the Gram matrix A = W'W, the SSR of the model with thresholds at grid
points F and g is (FWL)

    S(g | F) = S_F - c_g' D_g^-1 c_g,   S_F = e'e - b_F' A_FF^-1 b_F,
    c_g = b_g - A_gF A_FF^-1 b_F,       D_g = A_gg - A_gF A_FF^-1 A_Fg,

so once A and b are built, every stage's search is array algebra, vectorised across bootstrap
replications (rows of b).

Sufficient statistics instead of the (obs x grid) matrix W. The columns are nested: row i enters
u_(g,k) iff its bin j_i = #(grid points that q_i is not below) is <= g. As T(r_k) is a column of Z,
W_(g,k) = M T(ubar_(g,k)) also holds with the complement ubar_(g,k) = -r_k 1(j_i > g); it is used
for the grid points above g* (more than half the rows below), so that every column is built from
at most half the rows and little of it is projected away. For raw-row arrays v,

    ubar'v = Cbar L v,  (L v)_(k,j) = sum_{i: j_i = j} r_ik v_i,
    (Cbar s)_g = sum_{j <= g} s_j  (g < g*),   -sum_{j > g} s_j  (g >= g*),                (S1)

bin sums (a ``bincount`` per regressor and column) cumulated over the grid. With T'
the transpose of the transform (``PanelDesign.within_adjoint``):

    b = W'e = ubar' T'(M e)                                  (O(obs) per replication),   (S2)
    A_(.,h) = T(ubar)'M W_h = ubar' T'(W_h) - H'(Q'W_h),   H' = ubar' T'(Q),             (S3)

where (S3) forms W_h = M T(ubar_h) for ``block`` // (obs m) grid points h at a time (the term
H'(Q'W_h) removes what rounding leaves of W_h in the span of Z). Peak memory is therefore
O(obs (k + 1) + block) float64 (k = columns of Z; ``BLOCK`` = 2^24 elements = 128 MiB per
temporary array) instead of O(obs grid). For bootstrap draws y* = f + E* with f orthogonal to Z,
b* = W'f + W'E* and e*'e* = f'f + 2 f'E* + E*'E* - |Q'E*|^2.
"""

from __future__ import annotations

import numpy as np

from .grid import below_counts
from .model import PanelDesign

TOL = 1e-10
BLOCK = 2**24


class GridProjection:
    """Gram matrix A = W'W of the projected threshold columns and b = W'e of the projected y.

    W itself is never stored; ``block`` bounds the float64 elements of each (obs x columns)
    temporary: grid points per Gram block here, bootstrap replications per block in ``bootstrap``.
    """

    def __init__(self, design: PanelDesign, grid: np.ndarray, block: int = BLOCK) -> None:
        self.design = design
        self.grid = np.asarray(grid, dtype=float)
        self.block = int(block)
        strict = design.conventions == "hansen"
        self.q_basis = _basis(
            np.column_stack(
                [design.within(design.x), design.within(design.r), design.time_dummies()]
            )
        )
        self.e0 = self._project(design.within(design.y))
        self.m = m = design.r.shape[1]
        g, n = len(self.grid), len(design.q)
        self.bins = np.searchsorted(self.grid, design.q, side="right" if strict else "left")
        below = np.cumsum(np.bincount(self.bins, minlength=g + 1))[:g]
        self.split = int(np.searchsorted(below, n / 2, side="right"))
        self.gram = self._gram().reshape(g, m, g, m)
        self.gram_diag = self.gram[np.arange(g), :, np.arange(g), :]
        self.b0 = self.cross(self.e0[None, :])
        self.below_count = below_counts(design.q[design.keep], self.grid, strict)

    def _project(self, a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """M a: residuals of the columns of a on the regime-independent columns Z (into ``out``,
        of a's shape and C-contiguous, when given)."""
        if self.q_basis.shape[1] == 0:
            return a
        coef = self.q_basis.T @ a
        out = self.q_basis @ coef if out is None else np.matmul(self.q_basis, coef, out=out)
        return np.subtract(a, out, out=out)

    def _cumulate(self, v: np.ndarray) -> np.ndarray:
        """ubar'v for raw-row columns v (raw obs x c) by (S1): array (grid, m, c)."""
        cut = self.split
        s = self._bin_sums(v)
        lower = np.cumsum(s[:, :cut], axis=1)
        upper = -np.cumsum(s[:, :cut:-1], axis=1)[:, ::-1]
        return np.concatenate([lower, upper], axis=1).transpose(1, 0, 2)

    def _bin_sums(self, v: np.ndarray) -> np.ndarray:
        """(L v)_(k,j) of (S1) for raw-row columns v (raw obs x c): array (m, grid + 1, c), one
        ``bincount`` per regressor and column (each bin's rows added in row order)."""
        r, bins, size = self.design.r, self.bins, len(self.grid) + 1
        out = np.empty((self.m, size, v.shape[1]))
        weights = np.empty(len(bins))
        for k in range(self.m):
            for j in range(v.shape[1]):
                np.multiply(r[:, k], v[:, j], out=weights)
                out[k, :, j] = np.bincount(bins, weights=weights, minlength=size)
        return out

    def _raw(self, idx: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """ubar at grid indices ``idx``: raw obs x (len(idx) m), columns ordered (g, k); into
        ``out`` (C-contiguous) when given."""
        r = self.design.r
        idx = np.asarray(idx)[None, :]
        shape = (len(r), idx.shape[1])
        ind = np.empty(shape) if out is None or self.m > 1 else out.reshape(shape)
        np.less_equal(self.bins[:, None], idx, out=ind)
        ind -= idx >= self.split  # complement columns: 1(j <= g) - 1 = -1(j > g)
        if self.m == 1:
            ind *= r
            return ind
        if out is None:
            return (ind[:, :, None] * r[:, None, :]).reshape(len(r), -1)
        np.multiply(ind[:, :, None], r[:, None, :], out=out.reshape(len(r), -1, self.m))
        return out

    def _gram(self) -> np.ndarray:
        """A = W'W by (S3), ``block`` // (obs m) grid points at a time: (grid m, grid m)."""
        d = self.design
        g, m = len(self.grid), self.m
        q = self.q_basis
        h = self._cumulate(d.within_adjoint(q)).reshape(g * m, -1)
        a = np.empty((g * m, g * m))
        n, kept = len(d.q), d.nobs
        step = max(1, self.block // (n * m))
        # two block buffers, reused: ubar, then W = M T(ubar); T(ubar), then T'(W)
        first, second = np.empty(n * step * m), np.empty(n * step * m)
        for g0 in range(0, g, step):
            g1 = min(g0 + step, g)
            k = (g1 - g0) * m
            raw = self._raw(np.arange(g0, g1), out=first[: n * k].reshape(n, k))
            moved = d.within(raw, out=second[: kept * k].reshape(kept, k))
            w = self._project(moved, out=first[: kept * k].reshape(kept, k))
            adjoint = d.within_adjoint(w, out=second[: n * k].reshape(n, k))
            a[:, g0 * m : g1 * m] = self._cumulate(adjoint).reshape(g * m, -1) - h @ (q.T @ w)
        return (a + a.T) / 2

    def _cross_projected(self, u: np.ndarray) -> np.ndarray:
        """b = W'e by (S2) from u = M e (kept obs x B): array (B, grid, m)."""
        return self._cumulate(self.design.within_adjoint(u)).transpose(2, 0, 1)

    def cross(self, e: np.ndarray) -> np.ndarray:
        """b = W'e as (B, grid, m) for rows e (B x obs); e need not be projected (W = MW)."""
        return self._cross_projected(self._project(e.T))

    def draws(self, fitted: np.ndarray, errors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(b*, e*'e*) of y* = fitted + errors (rows = replications); fitted must be M-projected."""
        qe = errors @ self.q_basis
        u = errors.T - self.q_basis @ qe.T
        b = self._cross_projected(u) + self.cross(fitted[None, :])
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

    def columns(self, fixed: np.ndarray) -> np.ndarray:
        """W at grid indices ``fixed``: kept obs x (len(fixed) m)."""
        return self._project(self.design.within(self._raw(fixed)))

    def coefficients(self, fixed: np.ndarray) -> np.ndarray:
        """delta on the projected threshold columns at grid indices ``fixed`` (sample only)."""
        a = self.columns(fixed)
        return np.linalg.solve(a.T @ a, a.T @ self.e0)

    def residuals(self, fixed: np.ndarray) -> np.ndarray:
        """Residuals of the sample model with thresholds at grid indices ``fixed``."""
        if len(fixed) == 0:
            return self.e0.copy()
        return self.e0 - self.columns(fixed) @ self.coefficients(fixed)


def _basis(z: np.ndarray) -> np.ndarray:
    """Orthonormal basis of the columns of z (of full rank: ``PanelDesign.check_identified``)."""
    if z.shape[1] == 0:
        return z
    return np.linalg.qr(z)[0]
