"""Sequential threshold estimation (Hansen 1999, sec. 5; Bai 1997): gamma_1; gamma_2 | gamma_1;
refinement gamma_1 | gamma_2; gamma_3 | (gamma_1, gamma_2) — vectorised across replications.

Admissible candidates given thresholds already fixed:

* ``hansen``: the stage-1 grid is already trimmed; for a fixed threshold r with
  nn = #(grid < r), 1-based grid indices i with nn - qn*trim < i <= nn + qn*trim are excluded.
* ``standard``: every regime must keep at least ``trim * N`` observations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .search import GridProjection


@dataclass
class Sequence:
    """Per replication (arrays of length B): grid indices and SSRs of each stage.

    ``ssr[0]`` = S0 (linear), ``ssr[1]`` = S1, ``ssr[2]`` = S2 (gamma_2 | gamma_1),
    ``ssr_refined`` = S(refined gamma_1, gamma_2), ``ssr[3]`` = S3 given the refined pair.
    ``curves`` keeps the SSR over the grid of every stage (keys 1, 2, "1r", 3).
    """

    index: dict[object, np.ndarray]
    ssr: dict[object, np.ndarray]
    curves: dict[object, np.ndarray]


@dataclass(frozen=True)
class Trimming:
    """The trimming rules of the module docstring over one grid.

    ``position`` places each grid point as a candidate and ``anchor`` as a threshold already
    fixed: the count of observations at or below it (``standard``, both the same), or its 1-based
    grid index and nn = #(grid < r) (``hansen``).
    """

    position: np.ndarray
    anchor: np.ndarray
    nobs: int
    qn: int
    hansen: bool

    @classmethod
    def of(
        cls, grid: np.ndarray, below_count: np.ndarray, nobs: int, hansen: bool, qn: int
    ) -> Trimming:
        """The rules over ``grid`` (sorted), ``below_count`` observations at or below each."""
        if hansen:
            index = np.arange(1, len(grid) + 1)
            return cls(index, np.searchsorted(grid, grid, side="left"), nobs, qn, True)
        count = below_count.astype(float)
        return cls(count, count, nobs, qn, False)

    def inside(self, trim: float) -> np.ndarray:
        """(grid,) candidates that leave at least ``trim * N`` observations on either side."""
        if self.hansen:  # the grid itself is trimmed
            return np.ones(len(self.position), dtype=bool)
        cnt, n = self.position, self.nobs
        return (cnt >= trim * n) & (n - cnt >= trim * n)

    def apart(self, candidate: np.ndarray, fixed: np.ndarray, trim: float) -> np.ndarray:
        """Whether grid points ``candidate`` may be chosen beside fixed grid points ``fixed``
        (index arrays, broadcast against each other)."""
        c, f = self.position[candidate], self.anchor[fixed]
        if self.hansen:
            return ~((c > f - self.qn * trim) & (c <= f + self.qn * trim))
        return np.abs(c - f) >= trim * self.nobs


def admissible(proj: GridProjection, fixed: np.ndarray, trim: float, qn: int) -> np.ndarray | None:
    """(B, grid) mask of admissible candidates given fixed grid indices (B, p)."""
    hansen = proj.design.conventions == "hansen"
    rule = Trimming.of(proj.grid, proj.below_count, proj.design.nobs, hansen, qn)
    if hansen and fixed.shape[1] == 0:
        return None
    ok = np.broadcast_to(rule.inside(trim), (fixed.shape[0], len(proj.grid))).copy()
    candidates = np.arange(len(proj.grid))[None, :]
    for j in range(fixed.shape[1]):
        ok &= rule.apart(candidates, fixed[:, j][:, None], trim)
    return ok


def _stage(
    proj: GridProjection,
    b: np.ndarray,
    ee: np.ndarray,
    fixed: np.ndarray,
    trim: float,
    qn: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    curve = proj.ssr(b, ee, fixed, admissible(proj, fixed, trim, qn))
    idx = np.argmin(curve, axis=1)
    return idx, curve[np.arange(len(idx)), idx], curve


def sequential(
    proj: GridProjection,
    b: np.ndarray,
    ee: np.ndarray,
    n_thresholds: int,
    trims: tuple[float, ...],
    qn: int,
    keep_curves: bool = False,
) -> Sequence:
    """Run the sequential searches up to ``n_thresholds`` (1-3) for every row of ``b``."""
    n_rep = b.shape[0]
    none = np.empty((n_rep, 0), dtype=np.int64)
    index: dict[object, np.ndarray] = {}
    ssr: dict[object, np.ndarray] = {0: ee}
    curves: dict[object, np.ndarray] = {}
    index[1], ssr[1], curves[1] = _stage(proj, b, ee, none, trims[0], qn)
    if n_thresholds >= 2:
        a1 = index[1][:, None]
        index[2], ssr[2], curves[2] = _stage(proj, b, ee, a1, trims[1], qn)
        a2 = index[2][:, None]
        index["1r"], ssr["1r"], curves["1r"] = _stage(proj, b, ee, a2, trims[1], qn)
    if n_thresholds >= 3:
        pair = np.column_stack([index["1r"], index[2]])
        index[3], ssr[3], curves[3] = _stage(proj, b, ee, pair, trims[2], qn)
    return Sequence(index=index, ssr=ssr, curves=curves if keep_curves else {})


def ssr_pair(seq: Sequence, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(S_{k-1}, S_k) of the test of k-1 against k thresholds (S2 after refinement for k = 3)."""
    if k == 3:
        return seq.ssr["1r"], seq.ssr[3]
    return seq.ssr[k - 1], seq.ssr[k]
