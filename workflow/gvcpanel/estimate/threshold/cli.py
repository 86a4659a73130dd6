"""Command line: ``gvcpanel threshold`` — the panel threshold estimator on a CSV or Parquet panel.

Example (Hansen's model on Stata's xthreg example file)::

    python -m gvcpanel.estimate.threshold.cli data.csv --entity id --time year --y i \
        --x q1 q2 q3 d1 qd1 --regime-x c1 --q d1 --thresholds 3 --trim 0.01 0.01 0.05 \
        --reps 300 --seed 1 --json out.json

Prints the summary; ``--json`` writes {"tests": tests_table(), "estimates": tidy estimates}.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.io import write_json

from .bootstrap import KINDS
from .model import CONVENTIONS
from .panel import ThresholdPanel


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gvcpanel threshold",
        description="Fixed-effect panel threshold regression (Hansen 1999) with 1-3 thresholds.",
    )
    p.add_argument("data", type=Path, help="panel as .csv or .parquet")
    p.add_argument("--entity", required=True)
    p.add_argument("--time", required=True)
    p.add_argument("--y", required=True, help="dependent variable")
    p.add_argument("--x", nargs="*", default=[], help="regime-independent regressors")
    p.add_argument("--regime-x", nargs="+", required=True, help="regime-dependent regressors")
    p.add_argument("--q", required=True, help="threshold variable")
    p.add_argument("--thresholds", type=int, default=1, choices=(1, 2, 3))
    p.add_argument(
        "--grid",
        type=int,
        default=400,
        help="grid points (qn under hansen; 0 = every unique value under standard)",
    )
    p.add_argument("--trim", type=float, nargs="+", default=[0.01, 0.01, 0.05])
    p.add_argument("--reps", type=int, default=300, help="bootstrap replications per test")
    p.add_argument("--bootstrap", choices=KINDS, default="firm_block")
    p.add_argument("--conventions", choices=CONVENTIONS, default="standard")
    p.add_argument("--time-effects", action="store_true")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", type=Path, default=None, help="write tests table and estimates")
    return p


def read_panel(path: Path, columns: list[str]) -> pd.DataFrame:
    """Read the needed columns of a CSV or Parquet file; DataError if some are missing."""
    if not path.is_file():
        raise DataError(path, "file exists", [])
    parquet = path.suffix.lower() in {".parquet", ".pq"}
    frame = pd.read_parquet(path) if parquet else pd.read_csv(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(path, "required columns present", missing)
    return frame[columns]


def main(argv: list[str] | None = None) -> int:
    """Run the estimator; 0 on success, 2 on bad input (message on stderr)."""
    args = build_parser().parse_args(argv)
    cols = list(dict.fromkeys([args.entity, args.time, args.y, *args.x, *args.regime_x, args.q]))
    try:
        frame = read_panel(args.data, cols)
        model = ThresholdPanel(
            frame[args.y],
            frame[args.x] if args.x else None,
            frame[args.regime_x],
            frame[args.q],
            frame[args.entity],
            frame[args.time],
            conventions=args.conventions,
            time_effects=args.time_effects,
            grid=args.grid,
            trim=tuple(args.trim),
            source=str(args.data),
        )
        res = model.fit(args.thresholds, args.bootstrap, args.reps, args.seed)
    except (DataError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(res.summary)
    if args.json is not None:
        est = res.to_estimates("threshold", args.data.stem)
        write_json(args.json, {"tests": res.tests_table(), "estimates": est.to_dict()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
