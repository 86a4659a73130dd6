"""Candidate thresholds of each convention set and the regimes they define (numpy only; the
conventions are described in ``gvcpanel.estimate.threshold.model``)."""

from __future__ import annotations

import numpy as np

from gvcpanel.errors import InputError


def hansen_grid(q: np.ndarray, qn: int = 400, trim: float = 0.01) -> np.ndarray:
    """Hansen's grid: dd[floor(sq * nd)] (1-based), sq = trim, trim + 1/qn, ..., 1 - trim.

    dd are the sorted unique values of q (nd of them); qn = 400 and trim = 0.01 give 393 points.
    """
    dd = np.unique(q)
    n_points = int(round(qn * (1 - 2 * trim))) + 1
    sq = trim + np.arange(n_points) * (1.0 / qn)
    return dd[np.floor(sq * len(dd)).astype(np.int64) - 1]


def standard_grid(q: np.ndarray, points: int | None = 400) -> np.ndarray:
    """At most ``points`` unique values of q at evenly spaced ranks (all of them if None or 0)."""
    dd = np.unique(q)
    if not points or points >= len(dd):
        return dd
    return dd[np.unique(np.floor(np.linspace(0, len(dd) - 1, points)).astype(np.int64))]


def xthreg_grid(q: np.ndarray, points: int = 400, trim: float = 0.01) -> np.ndarray:
    """dd[floor(sq * nd)] (1-based) at sq = linspace(trim, 1 - trim, points), dd the nd sorted
    unique values of q (the rule that reproduces xthreg's printed example)."""
    dd = np.unique(q)
    sq = np.linspace(trim, 1 - trim, points)
    return np.unique(dd[np.maximum(np.floor(sq * len(dd)).astype(np.int64) - 1, 0)])


def threshold_grid(
    q: np.ndarray, q_kept: np.ndarray, conventions: str, grid: int | None, trim: float
) -> np.ndarray:
    """The candidate thresholds of ``conventions`` (module docstring): ``q`` every observation's
    threshold value, ``q_kept`` those entering the regression, ``trim`` the first stage's."""
    if conventions == "hansen":
        if not grid:
            raise InputError("threshold", "grid = qn > 0 under conventions='hansen'", [grid])
        return hansen_grid(q, qn=int(grid), trim=trim)
    if conventions == "xthreg":
        if not grid:
            raise InputError("threshold", "grid > 0 under conventions='xthreg'", [grid])
        return xthreg_grid(q_kept, grid, trim)
    return standard_grid(q_kept, grid)


def regime_codes(q: np.ndarray, thresholds: np.ndarray, strict: bool) -> np.ndarray:
    """Regime index 0..K of each observation for sorted thresholds gamma_(1) < ... < gamma_(K).

    Regime 0 is q < gamma_(1) (strict) or q <= gamma_(1); regime k lies between gamma_(k) and
    gamma_(k+1).
    """
    return np.searchsorted(np.sort(thresholds), q, side="right" if strict else "left")


def below_counts(q: np.ndarray, grid: np.ndarray, strict: bool) -> np.ndarray:
    """Observations of ``q`` in the lower regime of each grid point: q < g (``strict``) or
    q <= g."""
    return np.searchsorted(np.sort(q), grid, side="left" if strict else "right")
