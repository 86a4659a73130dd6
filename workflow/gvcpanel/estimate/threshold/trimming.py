"""Trims the sequential search can always honour, known before any fit.

The search (``sequence``) picks gamma_1 among the stage-1 candidates, gamma_2 among the
candidates admissible beside gamma_1, refines gamma_1 beside gamma_2, then picks gamma_3 beside
both. Which candidate is picked depends on the data, and the bootstrap refits on new draws, so a
stage may meet any choice the earlier stages allow. :func:`dead_end` finds a choice after which a
stage has no admissible candidate, with the estimator's own rules (``Trimming``) on the grid the
estimator builds for ``nobs`` distinct threshold values (ties only remove candidates).

Each rule excludes a contiguous run of grid points around a fixed threshold, so for a pair fixed
at stage 3 it suffices to test the first and last candidates left beside one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .grid import below_counts, threshold_grid
from .sequence import Trimming


@dataclass(frozen=True)
class DeadEnd:
    """A stage (1-3) without an admissible candidate after thresholds fixed at ``fixed``: the
    count of observations at or below each (``standard``) or its grid index (``hansen``)."""

    stage: int
    fixed: tuple[int, ...]


def _rule(nobs: int, conventions: str, grid: int, trim: float) -> Trimming:
    q = np.arange(nobs, dtype=float)
    points = threshold_grid(q, q, conventions, grid, trim)
    strict = conventions == "hansen"
    return Trimming.of(points, below_counts(q, points, strict), nobs, strict, grid)


def _allowed(rule: Trimming, trim: float, fixed: np.ndarray) -> np.ndarray:
    """(len(fixed), grid): candidates admissible beside each one fixed grid point."""
    candidates = np.arange(len(rule.position))[None, :]
    return rule.inside(trim)[None, :] & rule.apart(candidates, fixed[:, None], trim)


def dead_end(
    nobs: int,
    trims: tuple[float, float, float],
    max_thresholds: int,
    conventions: str = "standard",
    grid: int = 400,
) -> DeadEnd | None:
    """The first stage that some admissible earlier choices leave without a candidate, or None
    when every stage up to ``max_thresholds`` always has one (see the module docstring)."""
    rule = _rule(nobs, conventions, grid, trims[0])
    size = len(rule.position)
    first = np.flatnonzero(rule.inside(trims[0]))
    if not len(first):
        return DeadEnd(1, ())
    if max_thresholds < 2:
        return None
    second = _allowed(rule, trims[1], first)
    if not second.any(axis=1).all():
        return DeadEnd(2, (int(rule.anchor[first[np.argmin(second.any(axis=1))]]),))
    chosen = np.flatnonzero(second.any(axis=0))
    refined = _allowed(rule, trims[1], chosen)  # gamma_1 refined beside each gamma_2
    if not refined.any(axis=1).all():
        return DeadEnd(2, (int(rule.anchor[chosen[np.argmin(refined.any(axis=1))]]),))
    if max_thresholds < 3:
        return None
    third = _allowed(rule, trims[2], chosen)  # beside gamma_2 alone
    left = third.any(axis=1, keepdims=True)  # (len(chosen), 1)
    lo = np.argmax(third, axis=1)
    hi = size - 1 - np.argmax(third[:, ::-1], axis=1)
    others = np.arange(size)[None, :]
    covered = ~rule.apart(lo[:, None], others, trims[2]) & ~rule.apart(
        hi[:, None], others, trims[2]
    )
    stuck = refined & (covered | ~left)
    if stuck.any():
        row, col = np.argwhere(stuck)[0]
        pair = sorted((int(rule.anchor[col]), int(rule.anchor[chosen[row]])))
        return DeadEnd(3, tuple(pair))
    return None


def largest_trim(
    nobs: int,
    trims: tuple[float, float, float],
    stage: int,
    conventions: str = "standard",
    grid: int = 400,
) -> float:
    """The largest trim of ``stage`` (to 0.001, the others as given) with which stages up to
    ``stage`` always have a candidate; 0 when none does."""
    lo, hi = 0, 500  # thousandths
    while lo < hi:
        mid = (lo + hi + 1) // 2
        trial = list(trims)
        trial[stage - 1] = mid / 1000
        end = dead_end(nobs, (trial[0], trial[1], trial[2]), stage, conventions, grid)
        lo, hi = (mid, hi) if end is None else (lo, mid - 1)
    return lo / 1000
