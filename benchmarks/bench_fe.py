"""Benchmark: two-way fixed effects, the project's wrapper vs plain linearmodels vs pyfixest.

Acceptance criterion (issue 14): on 1 M rows (50,000 entities × 20 years, 5 regressors,
entity-clustered SEs, one BLAS thread, paired runs) the project's ``gvcpanel.twoway`` +
``to_estimates`` takes ≤ 1.2× the CPU of a plain ``PanelOLS(entity_effects=True,
time_effects=True)`` fit and ≤ 1.5× pyfixest's ``feols(y ~ x | entity + year,
vcov={"CRV1": "entity"})``, with ≤ 1.5 GiB peak resident memory; ``--rows 10000000``
shows the growth.

    python benchmarks/bench_fe.py [--rows 1000000] [--years 20] [--regressors 5] [--repeat 3]
                                  [--contenders project panelols pyfixest] [--json PATH]

The panel is balanced: y_it = x_it'β + a_i + b_t + e_it, x_it correlated with a_i and b_t.
Each contender runs in a fresh process (``os.wait4`` gives that process's own peak RSS and CPU):
the process builds the panel from a fixed seed, warms up on a small panel (imports, JIT
compilation), then fits once. ``fit CPU`` is user+sys time of the fit (and reading the SEs);
``peak RSS`` is the whole process (interpreter, data, fit). A round runs every contender once,
in rotated order; the table shows medians over rounds and the median of the paired ratios.
pyfixest is an optional dependency of this benchmark only (``pip install -e ".[bench]"``); it is
skipped with a message when absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

SEED = 20230104
ONE_THREAD = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMBA_NUM_THREADS": "1",
    "RAYON_NUM_THREADS": "1",
}
TARGETS = {"panelols": 1.2, "pyfixest": 1.5}
TARGET_GIB = 1.5
CONTENDERS = ("project", "panelols", "pyfixest")


def simulate(rows: int, years: int, k: int, seed: int = SEED) -> pd.DataFrame:
    """Balanced panel of ``rows // years`` entities × ``years`` years with two-way effects."""
    rng = np.random.default_rng(seed)
    g = rows // years
    a = rng.standard_normal(g)
    b = rng.standard_normal(years)
    entity = np.repeat(np.arange(g), years)
    year = np.tile(np.arange(2000, 2000 + years), g)
    x = rng.standard_normal((g * years, k)) + 0.5 * (a[entity] + b[year - 2000])[:, None]
    beta = np.linspace(0.5, -0.5, k)
    y = x @ beta + a[entity] + b[year - 2000] + rng.standard_normal(g * years)
    data = pd.DataFrame(x, columns=[f"x{j + 1}" for j in range(k)])
    data.insert(0, "y", y)
    data.insert(0, "year", year)
    data.insert(0, "entity", entity)
    return data


def _project(data: pd.DataFrame, xs: list[str]) -> tuple[pd.Series, pd.Series]:
    from gvcpanel import twoway

    est = twoway(data, y="y", x=xs, entity="entity", time="year").to_estimates("fe")
    return (
        pd.Series({c.term: c.coef for c in est.coefficients}),
        pd.Series({c.term: c.se for c in est.coefficients}),
    )


def _panelols(data: pd.DataFrame, xs: list[str]) -> tuple[pd.Series, pd.Series]:
    from linearmodels import PanelOLS

    frame = data.set_index(["entity", "year"])
    model = PanelOLS(frame["y"], frame[xs], entity_effects=True, time_effects=True)
    res = model.fit(cov_type="clustered", cluster_entity=True)
    return res.params, res.std_errors


def _pyfixest(data: pd.DataFrame, xs: list[str]) -> tuple[pd.Series, pd.Series]:
    import pyfixest as pf

    fit = pf.feols(f"y ~ {' + '.join(xs)} | entity + year", data=data, vcov={"CRV1": "entity"})
    return fit.coef(), fit.se()


FITS: dict[str, Callable[[pd.DataFrame, list[str]], tuple[pd.Series, pd.Series]]] = {
    "project": _project,
    "panelols": _panelols,
    "pyfixest": _pyfixest,
}


def child(contender: str, rows: int, years: int, k: int) -> dict[str, Any]:
    """One measured fit in this process (run by the parent as ``--child``)."""
    xs = [f"x{j + 1}" for j in range(k)]
    fit = FITS[contender]
    fit(simulate(2_000, years, k, seed=SEED + 1), xs)  # warm-up: imports, JIT
    data = simulate(rows, years, k)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    params, se = fit(data, xs)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return {
        "cpu": cpu,
        "wall": wall,
        "params": [float(params[x]) for x in xs],
        "se": [float(se[x]) for x in xs],
    }


def run_child(contender: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run ``child`` in a fresh process; add that process's own peak RSS and CPU."""
    cmd = [sys.executable, __file__, "--child", contender, "--rows", str(args.rows)]
    cmd += ["--years", str(args.years), "--regressors", str(args.regressors)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=os.environ | ONE_THREAD, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{contender} failed with exit code {proc.returncode}")
    result = json.loads(out.splitlines()[-1])
    result["process_cpu"] = usage.ru_utime + usage.ru_stime
    result["peak_gib"] = usage.ru_maxrss / 2**20  # ru_maxrss is in KiB on Linux
    return result


def table(runs: dict[str, list[dict[str, Any]]], rows: int) -> str:
    """Markdown table: medians over rounds, paired CPU ratios, agreement with pyfixest."""
    names = list(runs)
    ref = runs.get("pyfixest", runs.get("panelols"))
    lines = [
        f"{rows:,} rows; medians of {len(runs[names[0]])} paired rounds",
        "",
        "| contender | fit CPU s | fit wall s | process CPU s | peak RSS GiB "
        "| × PanelOLS CPU | × pyfixest CPU | max rel. diff coef / SE |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in names:
        r = runs[name]
        cells = [
            name,
            f"{statistics.median(x['cpu'] for x in r):.2f}",
            f"{statistics.median(x['wall'] for x in r):.2f}",
            f"{statistics.median(x['process_cpu'] for x in r):.2f}",
            f"{statistics.median(x['peak_gib'] for x in r):.2f}",
        ]
        for other in ("panelols", "pyfixest"):
            if other in runs:
                ratio = statistics.median(
                    a["cpu"] / b["cpu"] for a, b in zip(r, runs[other], strict=True)
                )
                cells.append(f"{ratio:.2f}")
            else:
                cells.append("–")
        if ref is not None:
            diff = [
                max(abs(a / b - 1) for a, b in zip(r[0][key], ref[0][key], strict=True))
                for key in ("params", "se")
            ]
            cells.append(f"{diff[0]:.1e} / {diff[1]:.1e}")
        else:
            cells.append("–")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--regressors", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="paired rounds")
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    parser.add_argument("--json", type=Path, help="write the raw measurements here")
    parser.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(child(args.child, args.rows, args.years, args.regressors)))
        return

    contenders = list(args.contenders)
    if "pyfixest" in contenders and importlib.util.find_spec("pyfixest") is None:
        print('pyfixest is not installed (pip install -e ".[bench]"): skipped', file=sys.stderr)
        contenders.remove("pyfixest")
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in contenders}
    for i in range(args.repeat):
        order = contenders[i % len(contenders) :] + contenders[: i % len(contenders)]
        for name in order:
            runs[name].append(run_child(name, args))
            print(f"round {i + 1} {name}: {runs[name][-1]['cpu']:.2f} s CPU", file=sys.stderr)

    print(table(runs, args.rows))
    print(
        f"\ntargets: project ≤ {TARGETS['panelols']}× PanelOLS CPU, ≤ {TARGETS['pyfixest']}× "
        f"pyfixest CPU, ≤ {TARGET_GIB} GiB peak RSS"
    )
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2))


if __name__ == "__main__":
    main()
