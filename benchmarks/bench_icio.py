"""Benchmark of the ICIO route on the WIOD 2013 tables (SPEC §8).

Prints the time to read one year's ``.RData`` file, to compute the country indicators of one year
(1435 × 1435; best of ``--repeat``), and to run all years end to end (read, indicators, identity
check), serially and with one process per year on ``--workers`` cores (as the workflow runs
years as separate jobs). Reading is dominated by bzip2 decompression of the ``.RData`` files.
Usage::

    python benchmarks/bench_icio.py [--data ../shared/data/wiod2013] [--year 2011] [--repeat 5]
                                    [--workers 2]

BLAS threads matter on a busy machine: compare with ``OPENBLAS_NUM_THREADS=1``.
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from gvcpanel.construct.icio import check_identities, country_indicators, indicator_panel
from gvcpanel.sources.wiod import MANUFACTURING, read_wiod

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wiod2013"


def one_year(path: Path) -> pd.DataFrame:
    """Read one year and compute its indicators with the identity check (one workflow job)."""
    table = read_wiod(path)
    frame = country_indicators(table, MANUFACTURING)
    check_identities(frame, path)
    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--year", type=int, default=2011)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

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
    panel = indicator_panel((read_wiod(p) for p in paths), MANUFACTURING)
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
