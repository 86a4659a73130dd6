"""Benchmark: the default DAG from cold (no results, no Snakemake records, an empty store), CPU
seconds (user + system of Snakemake and every job) and wall time, with ``--cores 1`` and
``--cores 2``, on a copy of the project in a temporary folder; medians over ``--rounds``.

``--baseline DIR`` (e.g. a checkout of ``main``) runs the same cold DAG on that project in the
same rounds, with its own package first on ``PYTHONPATH``. Afterwards the per-job CPU of the last
run on the fewest cores is listed, largest first (from the ``resource`` usage that
``workflow/scripts/run_adapter.py`` reports in each job's log line ``gvcpanel: job CPU``).

    python benchmarks/bench_dag.py [--rounds 1] [--cores 1 2] [--baseline ../main]
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from pathlib import Path

from processes import ROOT, SNAKEMAKE, Run, median, run, table

IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "results", ".snakemake", ".gvcpanel", "*.egg-info", "__pycache__", ".*_cache"
)
JOB_CPU = re.compile(r"gvcpanel: job CPU ([\d.]+) s \(user ([\d.]+), system ([\d.]+)\)")


def cold_run(source: Path, cores: int) -> tuple[Run, dict[str, float]]:
    """One cold default run in a fresh copy of project ``source`` (its package imported), and
    each job's CPU (by log file)."""
    with tempfile.TemporaryDirectory(prefix="gvcpanel-dag-") as tmp:
        project = Path(tmp) / "gvcpanel"
        shutil.copytree(source, project, ignore=IGNORE)
        (project.parent / "shared").symlink_to(ROOT.parent / "shared")
        env = {"PYTHONPATH": str(project / "workflow")}
        result = run([SNAKEMAKE, "--cores", str(cores), "-q"], cwd=project, env=env)
        jobs = {}
        for log in sorted((project / "results" / "logs").rglob("*.log")):
            found = JOB_CPU.findall(log.read_text(encoding="utf-8", errors="replace"))
            if found:
                jobs[str(log.relative_to(project / "results" / "logs"))] = float(found[-1][0])
        return result, jobs


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    p.add_argument("--baseline", type=Path, help="another project to run alongside")
    args = p.parse_args()
    projects = {"": ROOT} | ({"baseline ": args.baseline} if args.baseline else {})
    runs: dict[str, list[Run]] = {f"{n}--cores {c}": [] for n in projects for c in args.cores}
    jobs: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, source in projects.items():
            for cores in args.cores:
                result, found = cold_run(source, cores)
                runs[f"{name}--cores {cores}"].append(result)
                jobs = found if not name and cores == min(args.cores) else jobs
    print(table(runs))
    total = sum(jobs.values())
    print(f"\n{len(jobs)} jobs, {total:.1f} CPU s in the jobs' own processes; largest first:")
    for name, cpu in sorted(jobs.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {cpu:6.2f}  {name}")
    for name, rs in runs.items():
        print(f"{name}: {median(rs):.1f} CPU s, {median(rs, 'wall'):.1f} s wall")


if __name__ == "__main__":
    main()
