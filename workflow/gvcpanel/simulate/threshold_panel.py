"""A threshold data-generating process with known parameters, for Monte Carlo checks.

    y_it = mu_i + lambda_t + beta x_it + sum_j r_ijt delta_{j,k} 1(q_it in regime k) + s_it e_it,

with q ~ U(0, 1), x and r standard normal (x correlated with mu_i), e ~ N(0, 1), s_it = 1 or, with
``heteroskedastic``, s_it = (0.5 + |r_i1t|) * sigma_i with entity scales sigma_i ~ U(0.5, 1.5).
Regimes split q at the sorted ``thresholds`` (lower regime q <= gamma). Each observation is
dropped with probability ``missing`` (every entity keeps at least two periods), so the panel is
unbalanced when ``missing`` > 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def simulate_threshold_panel(
    n_entities: int,
    n_periods: int,
    thresholds: tuple[float, ...],
    deltas: np.ndarray,
    beta: float = 1.0,
    missing: float = 0.0,
    time_effect_scale: float = 1.0,
    heteroskedastic: bool = False,
    seed: int = 0,
) -> pd.DataFrame:
    """Panel with columns entity, time, y, x, q, r1..rm; ``deltas`` is (regimes, m)."""
    rng = np.random.default_rng(seed)
    deltas = np.atleast_2d(np.asarray(deltas, dtype=float))
    if deltas.shape[0] != len(thresholds) + 1:
        deltas = deltas.T
    m = deltas.shape[1]
    n = n_entities * n_periods
    entity = np.repeat(np.arange(n_entities), n_periods)
    time = np.tile(np.arange(n_periods), n_entities)
    mu = rng.normal(size=n_entities)
    lam = time_effect_scale * rng.normal(size=n_periods)
    x = 0.5 * mu[entity] + rng.normal(size=n)
    r = rng.normal(size=(n, m))
    q = rng.random(n)
    regime = np.searchsorted(np.sort(np.asarray(thresholds)), q, side="left")
    scale = np.ones(n)
    if heteroskedastic:
        scale = (0.5 + np.abs(r[:, 0])) * rng.uniform(0.5, 1.5, n_entities)[entity]
    y = mu[entity] + lam[time] + beta * x + np.sum(r * deltas[regime], axis=1)
    y += scale * rng.normal(size=n)
    keep = rng.random(n) >= missing
    keep[np.flatnonzero(time < 2)] = True
    frame = pd.DataFrame({"entity": entity, "time": time, "y": y, "x": x, "q": q})
    for j in range(m):
        frame[f"r{j + 1}"] = r[:, j]
    return frame.loc[keep].reset_index(drop=True)
