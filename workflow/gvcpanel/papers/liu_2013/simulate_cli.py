"""Firm simulator command line: ``gvcpanel simulate-firms --seed 1 --out DIR``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from gvcpanel.papers.liu_2013.simulate import FirmDGP, write_firm_raw


def main(argv: Sequence[str] | None = None) -> int:
    """Simulate the ASIF-style raw firm files; print the paths written."""
    parser = argparse.ArgumentParser(prog="gvcpanel simulate-firms", description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = ASIF-sized (2.5M rows)")
    parser.add_argument("--seed", type=int, required=True, help="seed of the random generator")
    parser.add_argument("--out", required=True, help="output folder")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    for name, path in write_firm_raw(FirmDGP().scaled(args.scale), args.seed, args.out).items():
        print(f"{name}\t{path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
