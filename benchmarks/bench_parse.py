"""Benchmark: the cost of a Snakemake call on the project once everything is up to date.

Paired rounds (``processes.paired``) of four whole processes, medians of CPU (user + system):

* ``snakemake --version`` (Snakemake's start-up alone);
* the floor: a no-op of a one-rule workflow with a parameter (Snakemake's start-up, parse, DAG
  and parameter check: Snakemake imports pandas for the check of ``params`` when pandas is
  installed, which every workflow with parameters pays);
* ``snakemake --cores 1`` on the project, a no-op rerun (nothing to be done);
* ``snakemake -n --cores 1`` on the project (a dry run).

The project's results must be up to date (``snakemake --cores 2`` first); the benchmark stops
otherwise. Ratios are given against ``--version`` (the target: no-op <= 1.5x) and the floor.

    python benchmarks/bench_parse.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from processes import ROOT, SNAKEMAKE, median, paired, run, table

MINIMAL = """rule all:
    input:
        "a.txt",


rule a:
    output:
        "a.txt",
    params:
        p=1,
    shell:
        "echo {params.p} > {output}"
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=7)
    args = p.parse_args()
    dry = subprocess.run(
        [SNAKEMAKE, "-n", "--cores", "1"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    if "Nothing to be done" not in dry.stdout + dry.stderr:
        raise SystemExit("the results are not up to date: run `snakemake --cores 2` first")
    with tempfile.TemporaryDirectory(prefix="gvcpanel-bench-") as tmp:
        floor = Path(tmp)
        (floor / "Snakefile").write_text(MINIMAL, encoding="utf-8")
        run([SNAKEMAKE, "--cores", "1", "-q", "-d", str(floor), "-s", str(floor / "Snakefile")])
        runs = paired(
            {
                "snakemake --version": [SNAKEMAKE, "--version"],
                "floor (1-rule no-op)": [
                    SNAKEMAKE,
                    "--cores",
                    "1",
                    "-d",
                    str(floor),
                    "-s",
                    str(floor / "Snakefile"),
                ],
                "no-op (--cores 1)": [SNAKEMAKE, "--cores", "1"],
                "dry run (-n)": [SNAKEMAKE, "-n", "--cores", "1"],
            },  # fmt: skip
            args.rounds,
            cwd=ROOT,
        )
    print(table(runs))
    version, base = median(runs["snakemake --version"]), median(runs["floor (1-rule no-op)"])
    for name in ("no-op (--cores 1)", "dry run (-n)"):
        cpu = median(runs[name])
        print(f"{name}: {cpu / version:.2f}x snakemake --version, {cpu / base:.2f}x the floor")


if __name__ == "__main__":
    main()
