"""Benchmark: Hansen's triple-threshold job (565 x 14 panel, 393-point grid, 300 firm-block
replications per test, sequential re-estimation in every replication).

Prints (1) the estimator wall time (model set-up + fit, median of --repeat runs), (2) the same job
processing one replication at a time (``chunk=1``: projections vectorised over the grid, loop over
replications) and (3) a brute-force loop-over-grid implementation (one OLS per grid point and
stage, per replication), timed on a few replications per test and extrapolated to 300; its
bootstrap statistics are checked against the fast path on the same draws.

``--scale`` instead times one single-threshold job (standard conventions, year effects, grid 400,
``--scale-reps`` firm-block replications, default none: the set-up and the sample fit) on
simulated balanced panels of N entities x T = 15 years, each N a whole process of its own
(``processes.run``: the data, the imports and the fit), and prints per N its CPU (user + system),
the system share, the peak RSS per observation (data included) and the growth exponents
d log(CPU) / d log(rows) and d log(RSS) / d log(rows) between successive sizes.

    python benchmarks/bench_threshold.py [--data ../shared/data/hansen1999/invest.dat]
    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_threshold.py --scale [--sizes 16000 64000 160000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from processes import run

from gvcpanel.estimate.threshold import ThresholdPanel
from gvcpanel.estimate.threshold.bootstrap import bootstrap_f, draw_errors
from gvcpanel.estimate.threshold.sequence import admissible
from gvcpanel.sources.hansen import hansen_invest_panel

ROOT = Path(__file__).resolve().parents[1]
X_COLS = ["Q1", "Q2", "Q3", "D1", "QD1"]


def model_of(df: pd.DataFrame) -> ThresholdPanel:
    return ThresholdPanel(
        df, y="I", x=X_COLS, regime_x=["CF1"], q="D1", entity="firm", time="year",
        conventions="hansen",
    )  # fmt: skip


def brute_ssr(y, z, cols, fixed, allowed) -> np.ndarray:
    """SSR at every grid point by a separate least-squares fit (the loop the package avoids)."""
    out = np.full(cols.shape[1], np.inf)
    for g in range(cols.shape[1]):
        if allowed is not None and not allowed[g]:
            continue
        x = np.column_stack([z, cols[:, list(fixed)], cols[:, g]])
        beta, _, rank, _ = np.linalg.lstsq(x, y, rcond=None)
        e = y - x @ beta
        out[g] = e @ e if rank == x.shape[1] else np.inf
    return out


def brute_f(model: ThresholdPanel, y: np.ndarray, k: int) -> float:
    """F_k of one replication by brute force, same sequence as the package."""
    d, proj = model.design, model.projection
    z = np.column_stack([d.within(d.x), d.within(d.r)])
    cols = d.within(d.r[:, :1] * (d.q[:, None] < model.grid))

    def stage(fixed, trim):
        mask = admissible(proj, np.array([fixed], dtype=np.int64).reshape(1, -1), trim, model.qn)
        curve = brute_ssr(y, z, cols, fixed, None if mask is None else mask[0])
        return int(np.argmin(curve)), float(np.min(curve))

    s0 = float(y @ y - y @ z @ np.linalg.lstsq(z, y, rcond=None)[0])
    a1, s1 = stage([], model.trims[0])
    if k == 1:
        return (s0 - s1) / (s1 / d.df_sigma)
    a2, s2 = stage([a1], model.trims[1])
    if k == 2:
        return (s1 - s2) / (s2 / d.df_sigma)
    a1r, s2r = stage([a2], model.trims[1])
    _, s3 = stage([a1r, a2], model.trims[2])
    return (s2r - s3) / (s3 / d.df_sigma)


def scale_panel(n_entities: int, periods: int = 15, seed: int = 0) -> pd.DataFrame:
    """Balanced panel y = mu_i + 0.5 x1 - 0.3 x2 + (1.0 if q <= 0.4 else 0.5) r + e, q ~ U(0, 1)."""
    rng = np.random.default_rng(seed)
    n = n_entities * periods
    mu = np.repeat(rng.normal(size=n_entities), periods)
    x1, x2, r, e = rng.normal(size=(4, n))
    q = rng.random(n)
    y = mu + 0.5 * x1 - 0.3 * x2 + np.where(q <= 0.4, 1.0, 0.5) * r + e
    return pd.DataFrame(
        {
            "entity": np.repeat(np.arange(n_entities), periods),
            "year": np.tile(np.arange(periods), n_entities),
            "y": y,
            "x1": x1,
            "x2": x2,
            "r": r,
            "q": q,
        }
    )


def scale_one(n_entities: int, reps: int) -> dict[str, float]:
    """One single-threshold fit on a simulated N x 15 panel: its rows and estimates."""
    df = scale_panel(n_entities)
    t0 = time.perf_counter()
    model = ThresholdPanel(
        df, y="y", x=["x1", "x2"], regime_x=["r"], q="q", entity="entity", time="year",
        time_effects=True,
    )  # fmt: skip
    res = model.fit(1, "firm_block", reps, seed=1, progress=False)
    return {
        "rows": len(df),
        "fit_wall_s": time.perf_counter() - t0,
        "threshold": res.tests[0].threshold,
        "F1": res.tests[0].F,
    }


def scale(sizes: list[int], reps: int) -> None:
    """Run ``scale_one`` for every N as a whole process and print the table and exponents."""
    print(f"one threshold, grid 400, T = 15, {reps} firm-block reps, year effects")
    print(
        f"{'N':>8} {'rows':>10} {'CPU s':>8} {'user s':>8} {'sys s':>7} {'sys %':>6} "
        f"{'peak RSS MiB':>13} {'KiB/obs':>8}"
    )
    rows: list[dict[str, float]] = []
    for n in sizes:
        proc = run([sys.executable, __file__, "--scale-one", str(n), "--scale-reps", str(reps)])
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row |= {"N": n, "cpu": proc.cpu, "sys": proc.sys, "rss_kib": proc.rss_kib}
        rows.append(row)
        print(
            f"{n:>8} {row['rows']:>10} {proc.cpu:>8.2f} {proc.user:>8.2f} {proc.sys:>7.2f} "
            f"{proc.sys / proc.cpu:>6.1%} {proc.rss_kib / 1024:>13.0f} "
            f"{proc.rss_kib / row['rows']:>8.3f}   (gamma {row['threshold']:.4f})",
            flush=True,
        )
    for a, b in zip(rows, rows[1:], strict=False):
        dn = np.log(b["rows"] / a["rows"])
        t_exp = np.log(b["cpu"] / a["cpu"]) / dn
        m_exp = np.log(b["rss_kib"] / a["rss_kib"]) / dn
        print(
            f"growth {a['rows']} -> {b['rows']} rows: CPU exponent {t_exp:.2f}, "
            f"RSS exponent {m_exp:.2f}"
        )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/hansen1999/invest.dat")
    p.add_argument("--reps", type=int, default=300)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--brute-reps", type=int, default=1, help="brute-force reps per test")
    p.add_argument("--scale", action="store_true", help="time and peak RSS against N")
    p.add_argument("--sizes", type=int, nargs="+", default=[16000, 64000, 160000])
    p.add_argument("--scale-reps", type=int, default=0, help="bootstrap reps of --scale")
    p.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.scale_one:
        print(json.dumps(scale_one(args.scale_one, args.scale_reps)))
        return
    if args.scale:
        scale(args.sizes, args.scale_reps)
        return

    df = hansen_invest_panel(args.data)
    times, cpu = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        res = model_of(df).fit(3, "firm_block", args.reps, seed=1, progress=False)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    fast = statistics.median(times)
    print(
        f"fast path: {fast:.3f} s wall (median of {args.repeat}; min {min(times):.3f} s; "
        f"CPU {statistics.median(cpu):.3f} s) for the triple-threshold job, "
        f"{args.reps} firm-block reps per test (set-up of the grid projections included)"
    )
    print("  p-values:", [round(t.p, 4) for t in res.tests])

    t0 = time.perf_counter()
    model_of(df).fit(3, "firm_block", args.reps, seed=1, progress=False, chunk=1)
    loop_reps = time.perf_counter() - t0
    print(f"loop over replications (chunk=1): {loop_reps:.2f} s  (ratio {loop_reps / fast:.0f}x)")

    if args.brute_reps < 1:
        return
    model = model_of(df)
    proj = model.projection
    d = model.design
    null_fixed = {1: np.empty(0, np.int64)}
    ref = model.fit(3, reps=0)
    g = {t: int(np.searchsorted(model.grid, v)) for t, v in enumerate(ref.thresholds, start=1)}
    null_fixed[2] = np.array([int(np.searchsorted(model.grid, ref.tests[0].threshold))])
    null_fixed[3] = np.array([g[1], g[2]])
    brute_time = 0.0
    for k in (1, 2, 3):
        resid = proj.residuals(null_fixed[k])
        fitted = proj.e0 - resid
        rng = np.random.default_rng(k)
        e = draw_errors(resid, d.entity_used, d.n_entities, "firm_block", args.brute_reps, rng)
        ystar = fitted[None, :] + e
        t0 = time.perf_counter()
        f_brute = [brute_f(model, ystar[j], k) for j in range(args.brute_reps)]
        brute_time += time.perf_counter() - t0
        f_fast = bootstrap_f(
            proj,
            null_fixed[k],
            k,
            "firm_block",
            args.brute_reps,
            np.random.default_rng(k),
            model.trims,
            model.qn,
            progress=False,
        )
        np.testing.assert_allclose(f_fast, f_brute, rtol=1e-8)
    per_rep = brute_time / (3 * args.brute_reps)
    brute_total = per_rep * 3 * args.reps
    print(
        f"brute force loop over grid: {per_rep:.2f} s per replication -> "
        f"{brute_total:.0f} s extrapolated to 3 x {args.reps} reps "
        f"(ratio {brute_total / fast:.0f}x); F* equal to the fast path (rtol 1e-8)"
    )


if __name__ == "__main__":
    main()
