"""Command line for the synthetic country data: ``gvcpanel simulate-country --out DIR``."""

from __future__ import annotations

import argparse
import sys

from gvcpanel.papers.qu_yang_2023.simulate import (
    DEFAULT_SEED,
    DEFAULT_YEARS,
    PAPER_COUNTRIES,
    simulate_country,
    synthetic_codes,
)
from gvcpanel.papers.qu_yang_2023.simulate_dgp import CountryDGP
from gvcpanel.papers.qu_yang_2023.simulate_files import write_country_raw


def _years(text: str) -> tuple[int, ...]:
    """'2000-2015' (inclusive range) or '2000,2001,2005'."""
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
            return tuple(range(first, last + 1))
        return tuple(int(part) for part in text.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"bad years {text!r}: use 2000-2015 or 2000,2001") from exc


def _countries(text: str) -> list[str]:
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gvcpanel simulate-country",
        description="Write the synthetic country panel (Qu & Yang 2023 DGP) in raw layouts.",
    )
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--countries",
        type=_countries,
        default=list(PAPER_COUNTRIES),
        help="comma-separated iso3 codes (default: the paper's 21 countries)",
    )
    who.add_argument(
        "--n-countries", type=int, help="draw N countries with synthetic codes (QMA, QMB, ...)"
    )
    parser.add_argument(
        "--years",
        type=_years,
        default=DEFAULT_YEARS,
        help="2000-2015 (inclusive) or a comma list (default 2000-2015)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument(
        "--linear",
        action="store_true",
        help="linear slopes of Table 1 eq (16) instead of the threshold effects of Table 3",
    )
    parser.add_argument("--out", required=True, help="output directory")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Draw and write the raw files; print one line per file. Returns the exit status."""
    args = build_parser().parse_args(argv)
    countries = synthetic_codes(args.n_countries) if args.n_countries else args.countries
    dgp = CountryDGP(threshold_effects=not args.linear)
    try:
        draw = simulate_country(dgp, countries=countries, years=args.years, seed=args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in write_country_raw(draw, args.out).values():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
