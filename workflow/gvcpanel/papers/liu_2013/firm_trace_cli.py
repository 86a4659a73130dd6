"""``gvcpanel trace-firms``: the raw firm-years behind a cell of Liu's tables."""

from __future__ import annotations

import argparse
from pathlib import Path

from gvcpanel.papers.liu_2013.firm_trace import cell_summary, trace_firm_years


def _years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gvcpanel trace-firms",
        description="List the raw rows of the firm extract behind industry x group x year cells "
        "(kept rows with their clean values, dropped rows with the rule that dropped them) and "
        "the cells' firm counts and VR, to compare with results/data/industry_panel.parquet.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--results", default="results", help="the results folder of the run")
    parser.add_argument("--group", help="ownership group: foreign, hmt or domestic")
    parser.add_argument("--cic4", type=int, help="four-digit industry")
    parser.add_argument("--cic2", type=int, help="two-digit industry")
    parser.add_argument("--years", type=_years, help="a year or a range, e.g. 1998-2000")
    parser.add_argument("--out", type=Path, help="write the rows here (.csv or .parquet)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    results = Path(args.results)
    rows = trace_firm_years(
        results / "audit/firm_rows.parquet",
        results / "data/firm_panel.parquet",
        group=args.group,
        cic4=args.cic4,
        cic2=args.cic2,
        years=args.years,
    )
    print(cell_summary(rows).to_string(index=False))
    dropped = rows["dropped_by"].value_counts()
    if len(dropped):
        print("\nrows dropped, by rule:\n" + dropped.to_string())
    if args.out is not None:
        if args.out.suffix == ".parquet":
            rows.to_parquet(args.out, index=False)
        else:
            rows.to_csv(args.out, index=False)
        print(f"\n{len(rows)} raw rows written to {args.out}")
    return 0
