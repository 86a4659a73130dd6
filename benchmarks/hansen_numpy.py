"""Reference implementation of Hansen's (1999) triple-threshold job in plain numpy, as his GAUSS
program computes it: one least-squares fit (normal equations) per grid point, stage and
bootstrap replication.

The same estimator as ``gvcpanel`` under ``conventions="hansen"`` (``benchmarks/hansen_job.py``)
and written independently of it: the investment panel of ``invest.dat`` (565 firms, 1974-1987;
y = I, x = Q, Q^2, Q^3, D, QD, r = CF, q = D, all lagged), each firm's observations demeaned and
its last period dropped (n(T-1) rows), the grid dd[floor(sq * nd)] at sq = 0.01, 0.01 + 1/400,
..., 0.99 over the unique values dd of q, lower regime q < gamma; sequential estimation gamma_1,
gamma_2 | gamma_1, gamma_1 refined | gamma_2, gamma_3 | both, a candidate excluded when its
1-based grid index i has nn - 400 trim < i <= nn + 400 trim for a fixed threshold with nn grid
points below it (trims 0.01, 0.01, 0.05); F_k = (S_{k-1} - S_k) / (S_k / (n(T-1))); the bootstrap
of test k redraws the null (k-1 thresholds) model's residuals by whole firms (``default_rng(seed)``
shared by the three tests, one (reps x firms) draw of firm indices per test) and re-estimates
every stage. Prints {"thresholds", "F", "p"} as JSON.

    python benchmarks/hansen_numpy.py [--data ../shared/data/hansen1999/invest.dat] [--reps 300]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FIRMS, YEARS, QN, TRIMS = 565, 15, 400, (0.01, 0.01, 0.05)


def panel(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """y, x (5 columns), r and q, each (firms, T - 1) with T - 1 = 14 lagged years."""
    raw = np.loadtxt(path).reshape(FIRMS, YEARS, 4)
    inv, tq, cf, debt = (raw[:, :, j] for j in range(4))
    q1, d1 = tq[:, :-1], debt[:, :-1]
    x = np.stack([q1, q1**2, q1**3, d1, q1 * d1], axis=2)
    return inv[:, 1:], x, cf[:, :-1], d1


def within(a: np.ndarray) -> np.ndarray:
    """Demean each firm over its periods (axis 1) and drop the last period; rows firm-major."""
    out = (a - a.mean(axis=1, keepdims=True))[:, :-1]
    return out.reshape(-1, *a.shape[2:])


def grid_of(q: np.ndarray) -> np.ndarray:
    dd = np.unique(q)
    sq = TRIMS[0] + np.arange(int(round(QN * (1 - 2 * TRIMS[0]))) + 1) / QN
    return dd[np.floor(sq * len(dd)).astype(np.int64) - 1]


def ssr(y: np.ndarray, x: np.ndarray) -> float:
    """SSR of the least-squares fit of y on x (normal equations); inf when x'x is singular."""
    try:
        beta = np.linalg.solve(x.T @ x, x.T @ y)
    except np.linalg.LinAlgError:
        return np.inf
    e = y - x @ beta
    return float(e @ e)


class Model:
    """The transformed data and the threshold columns of every grid point."""

    def __init__(self, path: Path) -> None:
        y, x, r, q = panel(path)
        self.grid = grid_of(q)
        self.y = within(y)
        self.z = np.column_stack([within(x), within(r)])
        self.w = np.column_stack([within(r * (q < g)) for g in self.grid])
        self.nobs = len(self.y)
        self.below = np.searchsorted(self.grid, self.grid, side="left")  # nn of each point

    def allowed(self, g: int, fixed: list[int], trim: float) -> bool:
        i = g + 1
        return all(not (self.below[f] - QN * trim < i <= self.below[f] + QN * trim) for f in fixed)

    def stage(self, y: np.ndarray, fixed: list[int], trim: float) -> tuple[int, float]:
        """The grid point of least SSR beside the ``fixed`` ones, and that SSR."""
        base = np.column_stack([self.z, self.w[:, fixed]])
        best, best_ssr = 0, np.inf
        for g in range(len(self.grid)):
            if self.allowed(g, fixed, trim):
                s = ssr(y, np.column_stack([base, self.w[:, g]]))
                if s < best_ssr:
                    best, best_ssr = g, s
        return best, best_ssr

    def sequence(self, y: np.ndarray, k: int) -> dict[object, tuple[int, float]]:
        """Grid indices and SSRs of the stages up to ``k``; key 0 is the linear model."""
        out: dict[object, tuple[int, float]] = {0: (-1, ssr(y, self.z))}
        out[1] = self.stage(y, [], TRIMS[0])
        if k >= 2:
            out[2] = self.stage(y, [out[1][0]], TRIMS[1])
            out["1r"] = self.stage(y, [out[2][0]], TRIMS[1])
        if k >= 3:
            out[3] = self.stage(y, [out["1r"][0], out[2][0]], TRIMS[2])
        return out

    def f_stat(self, seq: dict[object, tuple[int, float]], k: int) -> float:
        s_null = seq["1r" if k == 3 else k - 1][1]
        return (s_null - seq[k][1]) / (seq[k][1] / self.nobs)

    def null_fit(self, fixed: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Fitted values and residuals of the model with thresholds at ``fixed``."""
        x = np.column_stack([self.z, self.w[:, fixed]])
        beta = np.linalg.lstsq(x, self.y, rcond=None)[0]
        return x @ beta, self.y - x @ beta


def run(path: Path, reps: int, seed: int) -> dict[str, list[float]]:
    model = Model(path)
    seq = model.sequence(model.y, 3)
    nulls = [[], [seq[1][0]], [seq["1r"][0], seq[2][0]]]
    rng = np.random.default_rng(seed)
    out: dict[str, list[float]] = {"thresholds": [], "F": [], "p": []}
    for k in (1, 2, 3):
        f = model.f_stat(seq, k)
        fitted, resid = model.null_fit(nulls[k - 1])
        draws = rng.integers(0, FIRMS, size=(reps, FIRMS))
        blocks = resid.reshape(FIRMS, -1)
        boot = []
        for j in range(reps):
            ystar = fitted + blocks[draws[j]].ravel()
            boot.append(model.f_stat(model.sequence(ystar, k), k))
        stats = np.nan_to_num(np.asarray(boot), nan=0.0, posinf=0.0, neginf=0.0)
        out["thresholds"].append(float(model.grid[seq[k][0]]))
        out["F"].append(float(f))
        out["p"].append(float(np.mean(stats > f)))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/hansen1999/invest.dat")
    p.add_argument("--reps", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    print(json.dumps(run(args.data, args.reps, args.seed)))


if __name__ == "__main__":
    main()
