"""Benchmark of the GVC decompositions (``gvcpanel decompose``): whole processes on one core.

Each case runs in a fresh Python process pinned to one core with one BLAS thread; the parent
reports its wall time (start to exit: interpreter, imports, reading, arithmetic, writing) and
peak resident memory (``ru_maxrss`` of the child), and the child the time of each stage:

- ``kww-wiod``: read all WIOD 2013 years, KWW's 9 terms of each, one CSV (target: < 5 s);
- ``read-wiod``: the reading alone (bzip2 decompression of the ``.RData`` files dominates it);
- ``wwz-wiod``: ``gvcpanel decompose wiot_2011.RData --method wwz --out …parquet`` (target:
  < 10 s and < 4 GiB);
- ``leontief-wiod``: the same with ``--method leontief`` (V̂BÊ, 2.06 million rows), as the rule
  ``icio_decomposition`` writes it for a year of ``country_panel.icio.decompositions``;
- ``kww-synthetic``, ``wwz-synthetic``: one synthetic year of ``--size`` rows (default 3645 = an
  OECD ICIO 2023 year, 81 countries × 45 industries; ``bench_icio.synthetic_icio``), written to
  Parquet; building the table is timed apart.

Usage::

    python benchmarks/bench_decompose.py [--data ../shared/data/wiod2013] [--repeat 3]
                                         [--cases kww-wiod wwz-wiod ...] [--size 3645]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = ("kww-wiod", "read-wiod", "wwz-wiod", "leontief-wiod", "kww-synthetic", "wwz-synthetic")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wiod2013"
ONE_THREAD = {v: "1" for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}


def _wiod_years(data: Path, out: Path, decompose: bool) -> dict[str, float]:
    import pandas as pd

    from gvcpanel.construct.kww import kww
    from gvcpanel.io import write_csv
    from gvcpanel.sources.wiod import read_wiod

    read_s = kww_s = 0.0
    frames = []
    for path in sorted(data.glob("wiot_*.RData")):
        start = time.perf_counter()
        table = read_wiod(path)
        read_s += time.perf_counter() - start
        if decompose:
            start = time.perf_counter()
            frames.append(kww(table).assign(year=table.year))
            kww_s += time.perf_counter() - start
    stages = {"years": len(sorted(data.glob("wiot_*.RData"))), "read_s": read_s}
    if decompose:
        start = time.perf_counter()
        write_csv(out / "kww.csv", pd.concat(frames, ignore_index=True))
        stages |= {"kww_s": kww_s, "write_s": time.perf_counter() - start}
    return stages


def _synthetic(method: str, size: int, countries: int, out: Path) -> dict[str, float]:
    from bench_icio import synthetic_icio

    from gvcpanel.construct.decompose import decompose
    from gvcpanel.io import write_parquet

    start = time.perf_counter()
    table, _ = synthetic_icio(size, countries)
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    frame = decompose(table, method)
    decompose_s = time.perf_counter() - start
    start = time.perf_counter()
    write_parquet(out / f"{method}.parquet", frame)
    write_s = time.perf_counter() - start
    return {"build_table_s": build_s, f"{method}_s": decompose_s, "write_s": write_s}


def child(case: str, args: argparse.Namespace, out: Path) -> dict[str, float]:
    """Run one case in this process; the time of each stage."""
    if case in ("kww-wiod", "read-wiod"):
        return _wiod_years(args.data, out, decompose=case == "kww-wiod")
    if case in ("wwz-wiod", "leontief-wiod"):
        from gvcpanel.construct.decompose import main

        method, table = case.split("-")[0], args.data / "wiot_2011.RData"
        target = out / f"{method}_2011.parquet"
        start = time.perf_counter()
        main([str(table), "--method", method, "--out", str(target)])
        seconds = time.perf_counter() - start
        return {"command_s": seconds, "file_MiB": round(target.stat().st_size / 2**20, 1)}
    return _synthetic(case.split("-")[0], args.size, args.countries, out)


def run_case(case: str, args: argparse.Namespace) -> tuple[float, float, dict[str, float]]:
    """Wall seconds, peak RSS (MiB) and the child's stages of one whole process."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, __file__, "--child", case, "--out", out, "--data", str(args.data)]
        cmd += ["--size", str(args.size), "--countries", str(args.countries)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=os.environ | ONE_THREAD, text=True)
        text = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"case {case} failed:\n{text}")
    return wall, usage.ru_maxrss / 1024, json.loads(text.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", nargs="+", choices=CASES, default=list(CASES))
    parser.add_argument("--size", type=int, default=3645, help="rows of the synthetic year")
    parser.add_argument("--countries", type=int, default=81, help="countries of --size")
    parser.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        print(json.dumps(child(args.child, args, args.out)))
        return
    print(f"whole processes, one core, one BLAS thread; best and worst of {args.repeat}")
    for case in args.cases:
        runs = [run_case(case, args) for _ in range(args.repeat)]
        wall = sorted(r[0] for r in runs)
        best = min(runs, key=lambda r: r[0])
        stages = ", ".join(
            f"{k} {v:.2f}" if k.endswith("_s") else f"{k} {v}" for k, v in best[2].items()
        )
        print(f"{case:14s} wall {wall[0]:6.2f} s (worst {wall[-1]:6.2f} s), "
              f"peak RSS {max(r[1] for r in runs):6.0f} MiB; best run: {stages}")  # fmt: skip


if __name__ == "__main__":
    main()
