"""Benchmark of the ICIO route on the WIOD 2013 tables (SPEC §8).

Prints the time to read one year's ``.RData`` file, to compute the country indicators of one year
(1435 × 1435; best of ``--repeat``), and to run all years end to end (read, indicators, identity
check), serially and with one process per year on ``--workers`` cores (as the workflow runs
years as separate jobs). Reading is dominated by bzip2 decompression of the ``.RData`` files.
Usage::

    python benchmarks/bench_icio.py [--data ../shared/data/wiod2013] [--year 2011] [--repeat 5]
                                    [--workers 2]

BLAS threads matter on a busy machine: compare with ``OPENBLAS_NUM_THREADS=1``.

``--size N`` instead times the accounting alone (reading is out of scope) for one synthetic year of
``N`` country-industry pairs, ``--countries`` countries (default 81: ``--size 3645`` is an OECD
ICIO 2023 year, 81 countries × 45 industries, 6 final-demand categories), on one core and one BLAS
thread, and reports the process's peak resident memory. Target: under 30 s and 4 GiB per year::

    python benchmarks/bench_icio.py --size 3645 [--countries 81] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from gvcpanel.construct.icio import country_indicators, year_indicators
from gvcpanel.sources.icio import ICIOTable
from gvcpanel.sources.oecd_icio import FINAL_CATEGORIES
from gvcpanel.sources.wiod import MANUFACTURING, read_wiod

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wiod2013"


def one_year(path: Path) -> pd.DataFrame:
    """Read one year and compute its indicators with the identity check (one workflow job)."""
    return year_indicators(read_wiod(path), MANUFACTURING, file=path)


def synthetic_icio(size: int, countries: int, seed: int = 1) -> tuple[ICIOTable, list[str]]:
    """A balanced, dense synthetic ICIO year of ``size`` = countries × industries rows.

    Input coefficients are positive with column sums between 0.3 and 0.7 and a home bias (about
    70% of a column's inputs come from the using country), final demand has every country's
    six categories, also home-biased; ``x = (I − A)⁻¹ f`` makes the table balanced. One country's
    last industry has no output at all (as for some country-industries of the OECD tables).
    Returns the table and its manufacturing industries (19 of 45, the share of the OECD list).
    """
    if size % countries:
        raise SystemExit(f"--size {size} is not a multiple of --countries {countries}")
    c, k, g = countries, size // countries, len(FINAL_CATEGORIES)
    rng = np.random.default_rng(seed)
    home = np.repeat(np.arange(c), k)
    A = rng.random((size, size))
    # weights per cell: a share s of a column from the home country's k rows, 1 - s from the rest
    A *= np.where(home[:, None] == home[None, :], 0.7 * (c - 1), 0.3)
    A *= rng.uniform(0.3, 0.7, size) / A.sum(axis=0)
    F = rng.random((size, c * g))
    F *= np.where(home[:, None] == np.repeat(np.arange(c), g)[None, :], 0.8 * (c - 1), 0.2)
    empty = size - 1
    A[empty, :] = A[:, empty] = F[empty, :] = 0.0
    x = np.linalg.solve(np.eye(size) - A, F.sum(axis=1))
    x[empty] = 0.0
    A *= x[None, :]
    industries = [f"I{j:02d}" for j in range(1, k + 1)]
    table = ICIOTable(
        2020, [f"C{i:02d}" for i in range(c)], industries, A, F, x, FINAL_CATEGORIES, "<synthetic>"
    )
    lo = min(5, k - 1)
    return table, industries[lo : lo + max(1, round(k * 19 / 45))]


def reset_peak_rss() -> None:
    """Reset the process's peak resident set size to the current one (Linux ``clear_refs``)."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def peak_rss_mib() -> float:
    """The process's peak resident set size since start or the last reset (VmHWM), MiB."""
    with open("/proc/self/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    return kib / 1024


def bench_size(size: int, countries: int, repeat: int) -> None:
    """Time :func:`country_indicators` + identities on one synthetic year; one core, one thread."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    with threadpool_limits(1):
        start = time.perf_counter()
        table, manufacturing = synthetic_icio(size, countries)
        build_s = time.perf_counter() - start
        table_mib = (table.Z.nbytes + table.F.nbytes + table.x.nbytes) / 2**20
        build_peak = peak_rss_mib()
        reset_peak_rss()
        held = peak_rss_mib()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            frame = year_indicators(table, manufacturing)
            times.append(time.perf_counter() - start)
    c, k = table.n_countries, table.n_industries
    print(f"synthetic ICIO year: {c} countries x {k} industries = {table.n} rows, "
          f"{len(FINAL_CATEGORIES)} final-demand categories; table {table_mib:.0f} MiB "
          f"(built in {build_s:.1f} s, not timed)")  # fmt: skip
    print(f"accounting one year (one core, one BLAS thread): best {min(times):.2f} s, "
          f"worst {max(times):.2f} s of {repeat}")  # fmt: skip
    print(f"peak RSS during the accounting: {peak_rss_mib():.0f} MiB (process, table included; "
          f"{held:.0f} MiB before it, {build_peak:.0f} MiB while building the table)")  # fmt: skip
    print(f"countries: {len(frame)}, identity DVA + FVA = E holds to 1e-9")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--year", type=int, default=2011)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--size", type=int, help="synthetic year of SIZE country-industries")
    parser.add_argument("--countries", type=int, default=81, help="countries of --size")
    args = parser.parse_args()
    if args.size:
        bench_size(args.size, args.countries, min(args.repeat, 3))
        return

    start = time.perf_counter()
    table = read_wiod(args.data / f"wiot_{args.year}.RData")
    read_s = time.perf_counter() - start
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        country_indicators(table, MANUFACTURING)
        times.append(time.perf_counter() - start)
    print(f"read one year ({args.year}, {table.n} x {table.n}): {read_s:.3f} s")
    median = sorted(times)[len(times) // 2]
    print(f"indicators one year: best {min(times):.3f} s, median {median:.3f} s")

    paths = sorted(args.data.glob("wiot_*.RData"))
    start = time.perf_counter()
    panel = pd.concat([one_year(p) for p in paths], ignore_index=True)
    total = time.perf_counter() - start
    print(f"all {len(paths)} years end to end (read + indicators + identities): {total:.2f} s")
    print(f"panel: {len(panel)} country-years, {panel['iso3'].nunique()} countries")

    start = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        frames = list(pool.map(one_year, paths))
    total = time.perf_counter() - start
    print(f"all {len(frames)} years, one process per year on {args.workers} workers: {total:.2f} s")


if __name__ == "__main__":
    main()
