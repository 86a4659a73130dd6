"""Benchmark: Hansen's (1999) triple-threshold job (565 firms x 14 years, 393 grid points, 300
firm-block replications per test), three whole processes:

* the job, ``benchmarks/hansen_job.py`` (the package's estimator on arrays; threshold tests
  written as JSON);
* its import floor: a process that imports every module the job imported and does nothing else;
* the reference, ``benchmarks/hansen_numpy.py``: the same estimator in plain numpy, one
  least-squares fit per grid point, stage and replication (as Hansen's GAUSS program).

The job and its floor run in paired rounds (medians of CPU = user + system); the reference, slow,
runs ``--reference-rounds`` times (default once; 0: not at all). Its F statistics must equal the
job's (relative 1e-8) and its p-values too (the same draws). BLAS runs single-threaded
(``--threads``), so that CPU time is work, not idle threads.

    python benchmarks/bench_hansen_job.py [--rounds 7] [--reference-rounds 1] [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np
from processes import PYTHON, ROOT, median, paired, table

IMPORT_ALL = """import importlib, sys
for name in open(sys.argv[1]).read().split():
    try:
        importlib.import_module(name)
    except ImportError:
        pass
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--reference-rounds", type=int, default=1)
    p.add_argument("--threads", default="1", help="OPENBLAS/OMP/MKL threads of every process")
    p.add_argument("--reps", type=int, default=300)
    args = p.parse_args()
    env = {f"{lib}_NUM_THREADS": args.threads for lib in ("OPENBLAS", "OMP", "MKL")}
    job = [PYTHON, str(ROOT / "benchmarks/hansen_job.py"), "--reps", str(args.reps)]
    with tempfile.TemporaryDirectory(prefix="gvcpanel-bench-") as tmp:
        modules = Path(tmp) / "modules.txt"
        paired({"record": [*job, "--modules", str(modules)]}, 1, env=env)
        runs = paired(
            {"job": job, "import floor": [PYTHON, "-c", IMPORT_ALL, str(modules)]},
            args.rounds,
            env=env,
        )
    reference = [PYTHON, str(ROOT / "benchmarks/hansen_numpy.py"), "--reps", str(args.reps)]
    if args.reference_rounds:
        runs |= paired({"numpy reference": reference}, args.reference_rounds, env=env)
    print(table(runs))
    ours = json.loads(runs["job"][0].stdout)
    print(f"thresholds {ours['thresholds']}, F {np.round(ours['F'], 4).tolist()}, p {ours['p']}")
    job_cpu, floor = median(runs["job"]), median(runs["import floor"])
    print(f"imports: {floor / job_cpu:.0%} of the job's CPU ({floor:.3f} of {job_cpu:.3f} s)")
    if args.reference_rounds:
        ref = json.loads(runs["numpy reference"][0].stdout)
        np.testing.assert_allclose(ours["F"], ref["F"], rtol=1e-8)
        assert ours["p"] == ref["p"] and ours["thresholds"] == ref["thresholds"], (ours, ref)
        cpu = median(runs["numpy reference"])
        print(f"the numpy reference takes {cpu / job_cpu:.0f}x the CPU (same F and p-values)")


if __name__ == "__main__":
    main()
