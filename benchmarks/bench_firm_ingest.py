"""Benchmark: ASIF-scale firm simulation and DuckDB ingest, and a 10× panel under a memory limit.

Each stage runs in a fresh process so that its peak resident memory (``ru_maxrss``) is its own.

    python benchmarks/bench_firm_ingest.py --workdir /tmp/firm-bench [--copies 10] [--memory 2GB]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from gvcpanel.simulate.firms import FirmDGP, write_firm_raw
from gvcpanel.sources.asif import DEFAULT_RULES, ingest_firms

ID_OFFSET = 100_000_000  # each copy of the panel gets its own firm-id block


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _simulate(workdir: Path, seed: int) -> dict:
    start = time.perf_counter()
    paths = write_firm_raw(FirmDGP(), seed, workdir / "asif")
    rows = pq.ParquetFile(paths["firms"]).metadata.num_rows
    return {"rows": rows, "seconds": time.perf_counter() - start, "cpu_seconds": _cpu_seconds(),
            "peak_mb": _peak_mb()}  # fmt: skip


def _ingest(raw: Path, sim: Path, out: Path, memory: str | None, threads: int | None) -> dict:
    start = time.perf_counter()
    report = ingest_firms(
        raw, out / "firms.parquet", out / "audit.csv", DEFAULT_RULES,
        concordance=sim / "cic_concordance_2003.csv", id_links=sim / "firm_id_links.csv",
        memory_limit=memory, threads=threads,
    )  # fmt: skip
    return {
        "rows_in": report.rows_in,
        "rows_out": report.rows_out,
        "seconds": time.perf_counter() - start,
        "cpu_seconds": _cpu_seconds(),
        "peak_mb": _peak_mb(),
    }


def _write_copies(sim: Path, target: Path, links_out: Path, copies: int) -> dict:
    """``copies`` id-shifted copies of the ASIF-scale panel, written row group by row group."""
    start = time.perf_counter()
    src = pq.ParquetFile(sim / "asif_firms.parquet")
    with pq.ParquetWriter(target, src.schema_arrow, compression="snappy") as writer:
        for k in range(copies):
            for i in range(src.num_row_groups):
                rg = src.read_row_group(i)
                ids = pa.compute.add(rg.column("firm_id"), k * ID_OFFSET)
                writer.write_table(rg.set_column(0, "firm_id", ids))
    links = pd.read_csv(sim / "firm_id_links.csv")
    shift = [links.assign(old_id=links.old_id + k * ID_OFFSET, new_id=links.new_id + k * ID_OFFSET)
             for k in range(copies)]  # fmt: skip
    pd.concat(shift).to_csv(links_out, index=False)
    rows = pq.ParquetFile(target).metadata.num_rows
    return {"rows": rows, "seconds": time.perf_counter() - start, "cpu_seconds": _cpu_seconds(),
            "peak_mb": _peak_mb()}  # fmt: skip


def _in_child(fn, *args) -> dict:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(fn, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--memory", default="2GB", help="DuckDB memory_limit for the large panel")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    wd = args.workdir
    sim = wd / "asif"
    results = {"simulate_asif": _in_child(_simulate, wd, args.seed)}
    print(json.dumps(results, indent=2), flush=True)
    results["ingest_asif"] = _in_child(_ingest, sim / "asif_firms.parquet", sim, wd / "clean",
                                       None, args.threads)  # fmt: skip
    print(json.dumps(results["ingest_asif"], indent=2), flush=True)
    big = wd / "big"
    big.mkdir(parents=True, exist_ok=True)
    (big / "cic_concordance_2003.csv").write_bytes((sim / "cic_concordance_2003.csv").read_bytes())
    results["write_big"] = _in_child(_write_copies, sim, big / "asif_firms.parquet",
                                     big / "firm_id_links.csv", args.copies)  # fmt: skip
    print(json.dumps(results["write_big"], indent=2), flush=True)
    results["ingest_big"] = _in_child(_ingest, big / "asif_firms.parquet", big, wd / "clean_big",
                                      args.memory, args.threads)  # fmt: skip
    results["ingest_big"]["memory_limit"] = args.memory
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
