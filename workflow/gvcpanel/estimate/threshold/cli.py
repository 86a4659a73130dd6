"""Command line: ``gvcpanel threshold`` — ``gvcpanel.threshold`` on a CSV or Parquet panel.

Example (Hansen's model on Stata's xthreg example file, reproducing xthreg's printed output)::

    gvcpanel threshold hansen1999_xthreg.csv --entity id --time year --y i \
        --x q1 q2 q3 d1 qd1 --regime-x c1 --q d1 --xthreg --reps 300 --seed 1 --json out.json

A thin shell over :func:`gvcpanel.estimate.threshold.api.threshold`: every option's default is
that function's (``DEFAULTS``, read from its signature). Prints the summary (its coefficient
table uses the ``--cov`` standard errors, named under it); ``--json`` writes {"tests": the test
document, "estimates": tidy estimates} with the same standard errors.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.estimate.covariance import (
    CONVENTIONS,
    COVARIANCES,
    Clustered,
    Covariance,
    Robust,
    Unadjusted,
    covariance,
)
from gvcpanel.io import write_json

from .api import threshold
from .bootstrap import KINDS
from .model import CONVENTIONS as MODEL_CONVENTIONS

DEFAULTS = {
    name: p.default
    for name, p in inspect.signature(threshold).parameters.items()
    if p.default is not inspect.Parameter.empty
}
DEFAULT_COV: Covariance = DEFAULTS["cov"]
XTHREG = {
    "conventions": "xthreg",
    "grid": 400,
    "trim": list(DEFAULTS["trim"]),
    "bootstrap": "firm_block",
    "cov": Unadjusted.name,
}


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows each option's default; required options are marked as such instead."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.required:
            return f"{action.help} (required)"
        return super()._get_help_string(action)


def build_parser() -> argparse.ArgumentParser:
    """``gvcpanel threshold``'s options: the data, the model, the covariance and the output."""
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
    add_model_options(p)
    add_cov_options(p)
    p.add_argument(
        "--time-effects", action="store_true", help="add time effects (standard conventions)"
    )
    p.add_argument("--seed", type=int, default=DEFAULTS["seed"], help="bootstrap seed")
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


def add_model_options(p: argparse.ArgumentParser) -> None:
    """The model's options: thresholds, grid, trimming, bootstrap and conventions."""
    p.add_argument(
        "--thresholds",
        type=int,
        default=DEFAULTS["thresholds"],
        choices=(1, 2, 3),
        help="thresholds to test",
    )
    p.add_argument(
        "--grid",
        type=int,
        default=DEFAULTS["grid"],
        help="grid points (qn under hansen; 0 = every unique value under standard)",
    )
    p.add_argument(
        "--trim",
        type=float,
        nargs="+",
        default=list(DEFAULTS["trim"]),
        help="trimming share of stages 1, 2, 3 (one value = all stages)",
    )
    p.add_argument(
        "--reps", type=int, default=DEFAULTS["reps"], help="bootstrap replications per test"
    )
    p.add_argument(
        "--bootstrap", choices=KINDS, default=DEFAULTS["bootstrap"], help="bootstrap kind"
    )
    p.add_argument(
        "--conventions",
        choices=MODEL_CONVENTIONS,
        default=DEFAULTS["conventions"],
        help="hansen: Hansen's program exactly; standard: usual within transform; "
        "xthreg: standard with xthreg's MSE = RSS/(NT-T) and grid",
    )


def add_cov_options(p: argparse.ArgumentParser) -> None:
    """``--cov``, ``--convention``, ``--cluster``, ``--no-small-sample`` (``cov_of``)."""
    p.add_argument(
        "--cov",
        choices=sorted(COVARIANCES),
        default=DEFAULT_COV.name,
        help="standard errors printed and stored: conventional, heteroskedasticity-robust or "
        "clustered (by --cluster)",
    )
    p.add_argument(
        "--convention",
        choices=CONVENTIONS,
        default=getattr(DEFAULT_COV, "convention", "stata"),
        help="small-sample convention of clustered SEs: stata = xtreg, fe vce(cluster), "
        "t(G-1); linearmodels = PanelOLS debiased, t(residual df)",
    )
    p.add_argument(
        "--cluster",
        nargs="+",
        default=None,
        help="one or two cluster columns of clustered SEs; none: the --entity column",
    )
    p.add_argument(
        "--no-small-sample",
        action="store_true",
        help="robust SEs without the factor N/(residual df): HC0, Hansen's White SEs",
    )


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


def cov_of(args: argparse.Namespace) -> Covariance:
    """The covariance of ``--cov``, ``--convention``, ``--cluster`` and ``--no-small-sample``."""
    if args.cov == Clustered.name:
        by = tuple(args.cluster) if args.cluster else None
        return Clustered(by=by, convention=args.convention)
    if args.cluster:
        raise ValueError(f"--cluster needs --cov clustered, not --cov {args.cov}")
    if args.cov == Robust.name:
        return Robust(small_sample=not args.no_small_sample)
    return covariance(args.cov)


def main(argv: list[str] | None = None) -> int:
    """Run the estimator; 0 on success, 2 on bad input (message on stderr)."""
    args = parse_args(argv)
    cols = [args.entity, args.time, args.y, *args.x, *args.regime_x, args.q, *(args.cluster or [])]
    try:
        cov = cov_of(args)
        res = threshold(
            read_panel(args.data, list(dict.fromkeys(cols))),
            y=args.y,
            x=args.x,
            regime_x=args.regime_x,
            q=args.q,
            entity=args.entity,
            time=args.time,
            thresholds=args.thresholds,
            reps=args.reps,
            bootstrap=args.bootstrap,
            seed=args.seed,
            conventions=args.conventions,
            cov=cov,
            time_effects=args.time_effects,
            grid=args.grid,
            trim=args.trim,
            source=str(args.data),
        )
    except (DataError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(res)
    if args.json is not None:
        est = res.to_estimates(args.data.stem, study="threshold")
        tests = res.tests_table(model=args.data.stem, seed=args.seed)
        write_json(args.json, {"tests": tests.to_dict(), "estimates": est.to_dict()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
