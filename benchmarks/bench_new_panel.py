"""Benchmark: a new WIOD country panel after another on the same tables (the input-output store).

In a fresh copy of the project (no results, an empty store), runs the 18-country configuration
``config/wiod2013_qu_yang.yaml`` and then the 25-country ``config/wiod2013_25.yaml``, each as a
whole process with ``--cores`` cores, and prints for each run its wall time and the number of
jobs of every rule that reads an input-output table (none may run for the second panel). A third
run times the 25-country panel without the specification curve (``speccurve.enabled: false``)::

    python benchmarks/bench_new_panel.py [--data ../shared/data] [--cores 2]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICIO_RULES = ("icio_year", "qu_yang_export_markets", "speccurve_icio_year")
IGNORE = shutil.ignore_patterns(".venv", ".git", "results", ".snakemake", ".gvcpanel", "*.egg-info")


def run(work: Path, cores: int, *args: str) -> tuple[float, Counter]:
    cmd = [sys.executable, "-m", "snakemake", "--cores", str(cores), *args]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    jobs = Counter(re.findall(r"^(?:local)?rule (\w+):", proc.stdout + proc.stderr, re.M))
    return seconds, jobs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    data = f"data_dir={Path(args.data).resolve()}"
    with tempfile.TemporaryDirectory(prefix="gvcpanel-bench-") as tmp:
        work = Path(tmp) / "gvcpanel"
        shutil.copytree(ROOT, work, ignore=IGNORE)
        (work / "nocurve.yaml").write_text(
            "base: config/wiod2013_25.yaml\nresults: results/wiod2013_25_nocurve\n"
            "speccurve: {enabled: false}\n"
        )
        runs = [
            ("18 countries, cold store", "config/wiod2013_qu_yang.yaml"),
            ("25 countries, same tables", "config/wiod2013_25.yaml"),
            ("25 countries, no curve", "nocurve.yaml"),
        ]
        for label, configfile in runs:
            config = ["--configfile", configfile, "--config", data]
            seconds, jobs = run(work, args.cores, *config)
            icio = {r: jobs.get(r, 0) for r in ICIO_RULES}
            print(f"{label:28s} {seconds:6.1f} s wall, {sum(jobs.values()):3d} jobs, {icio}")


if __name__ == "__main__":
    main()
