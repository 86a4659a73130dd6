"""Benchmark: Liu (2013) firm side, raw ASIF-scale file → all Liu tables, and a 10× panel.

Acceptance criterion (issue 4): the raw ASIF-scale file gives all Liu tables in under 60 s on 2
cores, peak memory reported; a panel 10× larger passes through the streaming (DuckDB) path within
memory, time and memory reported.

    python benchmarks/bench_liu.py [--workdir DIR] [--seed 20230104] [--copies 10]
                                   [--memory 2GB] [--skip-large] [--json PATH]

The package functions run in the order of the Snakemake rules (``rules/*.smk``, ``if LIU:``
blocks) and their adapters in ``workflow/scripts/``; files pass between stages as between rules:

1. ``simulate_firms`` — ``write_firm_raw(FirmDGP(), seed, dir)`` (reported, not part of the total);
2. ``ingest_firms`` (the shipped cleaning rules, 2003 concordance, id links, 2 DuckDB threads);
   ``liu_industry_panel`` — ``industry_tables(span=2)`` (industry panel, one-year and whole-span
   two-digit decompositions, Tables 1, 2, A1 summaries on one scan of the clean table);
   ``estimate_liu`` — ``fit_all(panel, paper_specs(), wage index)``; ``tables_liu`` —
   ``render_liu_tables``; ``figures_liu`` — ``liu_figures`` (Figures 14–17). The total of these is
   the "raw file → all Liu tables" time;
3. the large panel: ``--copies`` id-shifted copies of the raw panel written row group by row
   group into a Parquet dataset (one file per copy) that ``ingest_firms`` reads directly with
   DuckDB ``memory_limit=--memory``, then ``industry_panel(span=2)`` and
   ``liu_decomposition(span=1)`` on the clean table.

Every stage runs in a fresh spawned process, so its peak resident memory (``ru_maxrss``) is its
own; BLAS/OpenMP pools are limited to one thread there. ``seconds`` is the work inside the
process, ``wall`` adds interpreter start and imports (what a Snakemake job also pays).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ID_OFFSET = 100_000_000  # each copy of the panel gets its own firm-id block
THREADS = 2  # DuckDB threads (the ingest rule's ``threads: 2``)
SPAN = 2  # config/config.yaml liu_2013.span
GROUP = "foreign"  # config/config.yaml liu_2013.group
ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 60.0
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

Steps = dict[str, float]


def shipped_cleaning_rules() -> list[dict[str, Any]]:
    """The cleaning rules of the shipped configuration (``liu_2013.cleaning``), validated."""
    from gvcpanel.config import load_yaml, validate_config

    config = load_yaml(ROOT / "config" / "config.yaml")
    return validate_config(config, ROOT / "schemas" / "config.schema.yaml")["liu_2013"]["cleaning"]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def _timed(steps: Steps, name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    steps[name] = time.perf_counter() - start


def _measured(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run ``fn`` in this (child) process with one BLAS thread; add time, CPU and peak RSS."""
    from threadpoolctl import threadpool_limits

    start_mb = _peak_mb()
    cpu0, start = _cpu_seconds(), time.perf_counter()
    with threadpool_limits(limits=1):
        out = fn(*args)
    out.update(
        seconds=time.perf_counter() - start,
        cpu_seconds=_cpu_seconds() - cpu0,
        peak_mb=_peak_mb(),
        start_mb=start_mb,
    )
    return out


def _in_child(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """``fn(*args)`` in a fresh spawned interpreter; ``wall`` includes its start-up."""
    start = time.perf_counter()
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        out = pool.submit(_measured, fn, *args).result()
    out["wall"] = time.perf_counter() - start
    return out


# --- stages (each runs in its own process) -------------------------------------------------------


def simulate(raw: Path, seed: int) -> dict[str, Any]:
    """Rule ``simulate_firms``."""
    import pyarrow.parquet as pq

    from gvcpanel.papers.liu_2013.simulate import FirmDGP, write_firm_raw

    steps: Steps = {}
    with _timed(steps, "write_firm_raw"):
        paths = write_firm_raw(FirmDGP(), seed, raw)
    return {"steps": steps, "rows": pq.ParquetFile(paths["firms"]).metadata.num_rows}


def ingest(firms: Path, raw: Path, out: Path, audit: Path, memory: str | None) -> dict[str, Any]:
    """Rule ``ingest_firms``."""
    from gvcpanel.sources.asif import ingest_firms

    steps: Steps = {}
    with _timed(steps, "ingest_firms"):
        report = ingest_firms(
            firms, out, audit, shipped_cleaning_rules(),
            concordance=raw / "cic_concordance_2003.csv", id_links=raw / "firm_id_links.csv",
            memory_limit=memory, threads=THREADS,
        )  # fmt: skip
    return {"steps": steps, "rows_in": report.rows_in, "rows_out": report.rows_out,
            "memory_limit": memory}  # fmt: skip


def liu_industry_panel(firms: Path, data: Path, est: Path) -> dict[str, Any]:
    """Rule ``liu_industry_panel``: panel, 1-year and whole-span changes, Tables 1, 2, A1."""
    from gvcpanel.io import write_frames
    from gvcpanel.papers.liu_2013.industry_panel import industry_tables

    steps: Steps = {}
    with _timed(steps, "industry_tables(span=2)"):
        frames = industry_tables(firms, span=SPAN, group=GROUP)
    outputs = {
        "panel": data / "industry_panel.parquet",
        "changes_1y": data / "industry_changes_1y.parquet",
        "changes_span": data / "industry_changes_whole_span.parquet",
        "table1": est / "summary_table1.csv",
        "table2": est / "summary_table2.csv",
        "tableA1": est / "summary_tableA1.csv",
    }
    with _timed(steps, "write panel, changes and summaries"):
        write_frames(frames, outputs)
    return {"steps": steps, "panel_rows": len(frames["panel"])}


def estimate_liu(data: Path, raw: Path, est: Path, seed: int) -> dict[str, Any]:
    """Rule ``estimate_liu``: the 36 eq. (63) regressions, one estimates file each."""
    import pandas as pd

    from gvcpanel.papers.liu_2013 import paper_specs
    from gvcpanel.papers.liu_2013.convergence import fit_all
    from gvcpanel.papers.liu_2013.industry_panel import read_wage_index

    steps: Steps = {}
    panel_path = data / "industry_panel.parquet"
    with _timed(steps, "fit_all(paper_specs)"):
        fits = fit_all(pd.read_parquet(panel_path), paper_specs(),
                       read_wage_index(raw / "wage_index.csv"), seed=seed,
                       source=str(panel_path))  # fmt: skip
    with _timed(steps, "write estimates"):
        for fit in fits:
            fit.write(est / f"{fit.model}.json")
    return {"steps": steps, "models": len(fits)}


def tables_liu(est: Path, tables: Path, source: str) -> dict[str, Any]:
    """Rule ``tables_liu``: Tables 1–8 and A1 with their paper-vs-run versions."""
    import pandas as pd

    from gvcpanel.papers.liu_2013 import paper_specs
    from gvcpanel.papers.liu_2013.tables import read_estimates, render_liu_tables, write_liu_tables

    steps: Steps = {}
    with _timed(steps, "render_liu_tables"):
        rendered = render_liu_tables(
            read_estimates([est / f"{spec['name']}.json" for spec in paper_specs()]),
            pd.read_csv(est / "summary_table1.csv"),
            pd.read_csv(est / "summary_table2.csv"),
            pd.read_csv(est / "summary_tableA1.csv"),
            source,
        )
        written = write_liu_tables(tables, rendered)
    return {"steps": steps, "tables": len(written)}


def figures_liu(data: Path, figures: Path) -> dict[str, Any]:
    """Rule ``figures_liu``: Figures 14–17 (PNG and PDF)."""
    import pandas as pd

    from gvcpanel.papers.liu_2013.figures import liu_figures

    steps: Steps = {}
    with _timed(steps, "figures 14-17"):
        liu_figures(
            pd.read_parquet(data / "industry_panel.parquet"),
            pd.read_parquet(data / "industry_changes_whole_span.parquet"),
            figures,
            group=GROUP,
        )
    return {"steps": steps}


def write_copies(raw: Path, big: Path, copies: int) -> dict[str, Any]:
    """``copies`` id-shifted copies of the raw panel as a Parquet dataset (one file per copy),
    written one row group at a time; id links shifted alike, concordance copied."""
    import pandas as pd
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    steps: Steps = {}
    dataset = big / "asif_firms"
    dataset.mkdir(parents=True, exist_ok=True)
    with _timed(steps, "write Parquet dataset"):
        src = pq.ParquetFile(raw / "asif_firms.parquet")
        col = src.schema_arrow.get_field_index("firm_id")
        for k in range(copies):
            part = dataset / f"part-{k:03d}.parquet"
            with pq.ParquetWriter(part, src.schema_arrow, compression="zstd") as writer:
                for i in range(src.num_row_groups):
                    rg = src.read_row_group(i)
                    ids = pc.add(rg.column(col), k * ID_OFFSET)
                    writer.write_table(rg.set_column(col, "firm_id", ids))
        links = pd.read_csv(raw / "firm_id_links.csv")
        ids = links[["old_id", "new_id"]]
        shifted = [links.assign(**(ids + k * ID_OFFSET)) for k in range(copies)]
        pd.concat(shifted).to_csv(big / "firm_id_links.csv", index=False)
        shutil.copyfile(raw / "cic_concordance_2003.csv", big / "cic_concordance_2003.csv")
    rows = sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(dataset.glob("*.parquet")))
    return {"steps": steps, "rows": rows, "files": copies}


def construct_big(clean: Path, memory: str | None) -> dict[str, Any]:
    """``industry_panel(span=2)`` and ``liu_decomposition(span=1)`` on the large clean table."""
    from gvcpanel.papers.liu_2013.decomposition import liu_decomposition
    from gvcpanel.papers.liu_2013.industry_panel import industry_panel

    steps: Steps = {}
    with _timed(steps, "industry_panel(span=2)"):
        panel = industry_panel(clean, span=SPAN, memory_limit=memory)
    with _timed(steps, "liu_decomposition(span=1)"):
        changes = liu_decomposition(clean, span=1, memory_limit=memory)
    return {"steps": steps, "panel_rows": len(panel), "changes_rows": len(changes),
            "memory_limit": memory}  # fmt: skip


# --- driver --------------------------------------------------------------------------------------


def _run(results: dict[str, Any], name: str, fn: Callable[..., dict[str, Any]], *args: Any) -> dict:
    print(f"… {name}", flush=True)
    results[name] = out = _in_child(fn, *args)
    print(f"  {out['wall']:.1f} s, peak {out['peak_mb']:.0f} MB", flush=True)
    return out


def main_pipeline(wd: Path, seed: int, results: dict[str, Any]) -> dict[str, Any]:
    raw, data, est = wd / "raw" / "asif", wd / "data", wd / "estimates" / "liu_2013"
    firms = data / "firm_panel.parquet"
    _run(results, "simulate_firms", simulate, raw, seed)
    stages = {
        "ingest_firms": (ingest, raw / "asif_firms.parquet", raw, firms,
                         wd / "audit" / "firm_cleaning.csv", None),
        "liu_industry_panel": (liu_industry_panel, firms, data, est),
        "estimate_liu": (estimate_liu, data, raw, est, seed),
        "tables_liu": (tables_liu, est, wd / "tables" / "liu_2013",
                       f"gvcpanel synthetic ASIF-style firm panel (seed {seed}, scale 1.0)"),
        "figures_liu": (figures_liu, data, wd / "figures" / "liu_2013"),
    }  # fmt: skip
    for name, (fn, *args) in stages.items():
        _run(results, name, fn, *args)
    picked = [results[n] for n in stages]
    return {
        "seconds": sum(r["seconds"] for r in picked),
        "wall": sum(r["wall"] for r in picked),
        "peak_mb": max(r["peak_mb"] for r in picked),
        "target_seconds": TARGET_SECONDS,
    }


def large_panel(wd: Path, copies: int, memory: str, results: dict[str, Any]) -> dict[str, Any]:
    big, clean = wd / "big", wd / "big" / "data"
    _run(results, "large:write_dataset", write_copies, wd / "raw" / "asif", big, copies)
    _run(results, "large:ingest_firms", ingest, big / "asif_firms", big,
         clean / "firm_panel" / "part-0.parquet", big / "audit.csv", memory)  # fmt: skip
    _run(results, "large:industry_panel", construct_big, clean / "firm_panel", memory)
    picked = [results["large:ingest_firms"], results["large:industry_panel"]]
    return {
        "rows": results["large:ingest_firms"]["rows_in"],
        "seconds": sum(r["seconds"] for r in picked),
        "wall": sum(r["wall"] for r in picked),
        "peak_mb": max(r["peak_mb"] for r in picked),
    }


def _table(results: dict[str, Any]) -> str:
    lines = [f"{'stage / step':<58}{'seconds':>9}{'wall s':>9}{'peak MB':>9}", "-" * 85]
    for name, r in results.items():
        if not isinstance(r, dict) or "steps" not in r:
            continue
        lines.append(f"{name:<58}{r['seconds']:9.1f}{r['wall']:9.1f}{r['peak_mb']:9.0f}")
        for step, sec in r["steps"].items():
            lines.append(f"    {step:<54}{sec:9.1f}")
    lines.append("-" * 85)
    for key, label in (("total", "raw file → all Liu tables (ingest … figures)"),
                       ("large_total", "10× panel: ingest + industry panel")):  # fmt: skip
        if key in results:
            t = results[key]
            lines.append(f"{label:<58}{t['seconds']:9.1f}{t['wall']:9.1f}{t['peak_mb']:9.0f}")
    lines.append("notes:")
    standard = {"steps", "seconds", "cpu_seconds", "peak_mb", "start_mb", "wall"}
    for name, r in results.items():
        extra = {k: v for k, v in r.items() if k not in standard} if isinstance(r, dict) else {}
        if extra and name not in ("total", "large_total"):
            lines.append(f"  {name}: " + "; ".join(f"{k} = {v}" for k, v in extra.items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workdir", type=Path, help="default: a temporary directory, removed")
    parser.add_argument("--seed", type=int, default=20230104)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--memory", default="2GB", help="DuckDB memory_limit, large-panel ingest")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    os.environ.update(ONE_THREAD)  # inherited by the spawned stage processes
    import duckdb
    import pandas as pd
    import pyarrow

    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "ram_gb": round(os.sysconf("SC_PAGE_SIZE")
                                    * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                    "duckdb": duckdb.__version__, "pyarrow": pyarrow.__version__,
                    "pandas": pd.__version__},
        "options": {"seed": args.seed, "copies": args.copies, "memory": args.memory},
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-liu-") as tmp:
        wd = args.workdir or Path(tmp)
        results["total"] = main_pipeline(wd, args.seed, results)
        if not args.skip_large:
            results["large_total"] = large_panel(wd, args.copies, args.memory, results)
    table = _table(results)
    print(table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({**results, "table": table.splitlines()}, indent=2) + "\n")


if __name__ == "__main__":
    main()
