"""Qu & Yang (2023) symmetric N-country model: Leontief inverse and GVC participation (§4, §6.1).

Every country has one industry with value-added ratio υ; a share μ of its intermediate inputs is
domestic and the rest is bought evenly from the other N − 1 countries. The input coefficients are
``A_ii = μ(1 − υ)`` and ``A_ij = (1 − μ)(1 − υ)/(N − 1)``, and eq. (11) gives

    (I − A)⁻¹ = [υ(N − Nμ + Nμυ − υ)]⁻¹ · (diagonal 1 − μ + μυ + (N − 2)υ, off-diagonal
    (1 − υ)(1 − μ)),

so that ``V(I − A)⁻¹`` (V = υI) has diagonal ``R`` and off-diagonal ``T``:

    R = (1 − μ + μυ + (N − 2)υ) / (N − Nμ + Nμυ − υ),   T = (1 − υ)(1 − μ) / (N − Nμ + Nμυ − υ).

Eq. (13): ``GVCP_i = T·Σ_{j≠i} Ex_j / Ex_i + (N − 1)T``; §6.1 concludes ``GVCP_i ∝ T(N − 1)``, the
curve of Figure 3 (N = 7, 20, 50; υ = 0.33). With equal exports GVCP_i = 2(N − 1)T exactly.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def _check(mu: np.ndarray, upsilon: float, n: int) -> None:
    if n < 2:
        raise ValueError(f"the model needs N >= 2 countries, got {n}")
    if not 0 < upsilon < 1:
        raise ValueError(f"value-added ratio must be in (0, 1), got {upsilon}")
    if np.any((mu < 0) | (mu > 1)):
        raise ValueError("local share of intermediate inputs mu must be in [0, 1]")


def _denominator(mu: np.ndarray, upsilon: float, n: int) -> np.ndarray:
    """``N − Nμ + Nμυ − υ`` (> 0 for μ ∈ [0, 1], υ ∈ (0, 1), N ≥ 2)."""
    return n - n * mu + n * mu * upsilon - upsilon


def coefficient_r(mu: ArrayLike, upsilon: float, n: int) -> np.ndarray:
    """``R = (1 − μ + μυ + (N − 2)υ)/(N − Nμ + Nμυ − υ)``: own value added per unit of exports."""
    mu = np.asarray(mu, dtype=float)
    _check(mu, upsilon, n)
    return (1 - mu + mu * upsilon + (n - 2) * upsilon) / _denominator(mu, upsilon, n)


def coefficient_t(mu: ArrayLike, upsilon: float, n: int) -> np.ndarray:
    """``T = (1 − υ)(1 − μ)/(N − Nμ + Nμυ − υ)``: one partner's value added per unit of exports."""
    mu = np.asarray(mu, dtype=float)
    _check(mu, upsilon, n)
    return (1 - upsilon) * (1 - mu) / _denominator(mu, upsilon, n)


def participation_scale(mu: ArrayLike, upsilon: float, n: int) -> np.ndarray:
    """``T(N − 1)``, to which GVC participation is proportional in §6.1 (Figure 3)."""
    return (n - 1) * coefficient_t(mu, upsilon, n)


def input_coefficients(mu: float, upsilon: float, n: int) -> np.ndarray:
    """The model's N × N input-coefficient matrix ``A`` (diagonal μ(1 − υ), else
    (1 − μ)(1 − υ)/(N − 1)); its column sums are 1 − υ."""
    _check(np.asarray(mu, dtype=float), upsilon, n)
    off = (1 - mu) * (1 - upsilon) / (n - 1)
    return np.full((n, n), off) + np.eye(n) * (mu * (1 - upsilon) - off)
