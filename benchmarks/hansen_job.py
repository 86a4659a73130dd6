"""Hansen's (1999) triple-threshold job as one process: ``invest.dat`` read with numpy, three
thresholds estimated and tested with ``reps`` firm-block replications per test (Hansen's
conventions, grid 400 = 393 points, trims 0.01, 0.01, 0.05), the threshold tests written as JSON
(``ThresholdTests``) and {"thresholds", "F", "p"} printed.

The data go in as a mapping of arrays, so the job imports numpy and the package's estimator
modules only (no pandas, no scipy). ``--modules FILE`` writes the names of every module the job
imported; ``benchmarks/bench_hansen_job.py`` imports exactly those in a process of its own (the
job's import floor) and measures it against the whole job.

    python benchmarks/hansen_job.py [--data ../shared/data/hansen1999/invest.dat] [--out tests.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/hansen1999/invest.dat")
    p.add_argument("--reps", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, help="the threshold tests (JSON); default: none written")
    p.add_argument("--modules", type=Path, help="write the modules imported to this file")
    args = p.parse_args()

    from gvcpanel.estimate.threshold.panel import ThresholdPanel
    from gvcpanel.sources.hansen import hansen_invest_arrays

    model = ThresholdPanel(
        hansen_invest_arrays(args.data),
        y="I",
        x=["Q1", "Q2", "Q3", "D1", "QD1"],
        regime_x=["CF1"],
        q="D1",
        entity="firm",
        time="year",
        conventions="hansen",
    )
    res = model.fit(3, "firm_block", args.reps, seed=args.seed, progress=False)
    if args.out:
        res.tests_table(model="hansen1999", seed=args.seed).write(args.out)
    tests = {
        "thresholds": [t.threshold for t in res.tests],
        "F": [t.F for t in res.tests],
        "p": [t.p for t in res.tests],
    }
    json.dump(tests, sys.stdout)
    print()
    if args.modules:
        args.modules.write_text("\n".join(sorted(sys.modules)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
