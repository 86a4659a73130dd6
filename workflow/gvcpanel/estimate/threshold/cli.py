"""Command line: ``gvcpanel threshold`` — the panel threshold estimator on a CSV or Parquet panel.

Example (Hansen's model on Stata's xthreg example file, reproducing xthreg's printed output)::

    gvcpanel threshold hansen1999_xthreg.csv --entity id --time year --y i \
        --x q1 q2 q3 d1 qd1 --regime-x c1 --q d1 --xthreg --reps 300 --seed 1 --json out.json

Prints the summary (its coefficient table uses the ``--cov-type`` standard errors, named in its
title); ``--json`` writes {"tests": the test document, "estimates": tidy estimates} with the
same standard errors.
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
from .panel import DEFAULT_REPS, DEFAULT_TRIMS, ThresholdPanel
from .slopes import COV_TYPES

XTHREG = {
    "conventions": "xthreg",
    "grid": 400,
    "trim": list(DEFAULT_TRIMS),
    "bootstrap": "firm_block",
    "cov_type": "unadjusted",
}


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows each option's default; required options are marked as such instead."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.required:
            return f"{action.help} (required)"
        return super()._get_help_string(action)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gvcpanel threshold",
        description="Fixed-effect panel threshold regression (Hansen 1999) with 1-3 thresholds: "
        "sequential threshold estimation, bootstrap F tests, LR confidence intervals and slopes.",
        formatter_class=HelpFormatter,
    )
    p.add_argument("data", type=Path, help="panel as .csv or .parquet")
    p.add_argument("--entity", required=True, help="entity (panel unit) column")
    p.add_argument("--time", required=True, help="time period column")
    p.add_argument("--y", required=True, help="dependent variable")
    p.add_argument("--x", nargs="*", default=[], help="regime-independent regressors")
    p.add_argument("--regime-x", nargs="+", required=True, help="regime-dependent regressors")
    p.add_argument("--q", required=True, help="threshold variable")
    p.add_argument(
        "--thresholds", type=int, default=1, choices=(1, 2, 3), help="thresholds to test"
    )
    p.add_argument(
        "--grid",
        type=int,
        default=400,
        help="grid points (qn under hansen; 0 = every unique value under standard)",
    )
    p.add_argument(
        "--trim",
        type=float,
        nargs="+",
        default=list(DEFAULT_TRIMS),
        help="trimming share of stages 1, 2, 3 (one value = all stages)",
    )
    p.add_argument("--reps", type=int, default=DEFAULT_REPS, help="bootstrap replications per test")
    p.add_argument("--bootstrap", choices=KINDS, default="firm_block", help="bootstrap kind")
    p.add_argument(
        "--conventions",
        choices=CONVENTIONS,
        default="standard",
        help="hansen: Hansen's program exactly; standard: usual within transform; "
        "xthreg: standard with xthreg's MSE = RSS/(NT-T) and grid",
    )
    p.add_argument(
        "--cov-type",
        choices=COV_TYPES,
        default="cluster",
        help="standard errors printed and stored: conventional, White HC0 or clustered by entity",
    )
    p.add_argument(
        "--time-effects", action="store_true", help="add time effects (standard conventions)"
    )
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    p.add_argument(
        "--json", type=Path, default=None, help="write the test document and the estimates here"
    )
    p.add_argument(
        "--xthreg",
        action="store_true",
        help="Stata xthreg's options and output (explicit options still win): "
        + ", ".join(f"--{k.replace('_', '-')} {v}" for k, v in XTHREG.items()),
    )
    return p


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse ``argv``; with ``--xthreg`` the ``XTHREG`` values replace the defaults."""
    parser = build_parser()
    known, _ = parser.parse_known_args(argv)
    if known.xthreg:
        parser.set_defaults(**XTHREG)
    return parser.parse_args(argv)


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
    args = parse_args(argv)
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
        res = model.fit(
            args.thresholds, args.bootstrap, args.reps, args.seed, cov_type=args.cov_type
        )
    except (DataError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(res)
    if args.json is not None:
        est = res.to_estimates("threshold", args.data.stem)
        tests = res.tests_table(model=args.data.stem, seed=args.seed)
        write_json(args.json, {"tests": tests.to_dict(), "estimates": est.to_dict()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
