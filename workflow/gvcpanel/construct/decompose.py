"""``gvcpanel decompose``: the Leontief, KWW or WWZ decomposition of one ICIO table to a file.

Example (the nine KWW terms of every WIOD country in 2011, decompr's column names)::

    gvcpanel decompose wiot_2011.RData --method kww --out kww_2011.csv

:func:`decompose` is the same in Python. Methods (formulas in the modules named):

- ``leontief``: value added by source country-industry in each flow of ``--post``: gross
  exports (default), gross output or final demand (:mod:`~gvcpanel.construct.icio_decomposition`);
- ``kww``: Koopman, Wang and Wei (2014), 9 terms per exporting country
  (:mod:`~gvcpanel.construct.kww`);
- ``wwz``: Wang, Wei and Zhu (2013), 16 terms per exporting country-industry and importing
  country (:mod:`~gvcpanel.construct.wwz`).

Rows whose uses differ from output (WIOD's discrepancy) are balanced by counting the gap as
domestic final demand (see ``icio_decomposition``). ``.parquet`` outputs are Parquet, anything
else CSV (12 significant digits).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from gvcpanel.construct.icio_decomposition import POSTS, leontief
from gvcpanel.construct.kww import kww
from gvcpanel.construct.wwz import wwz
from gvcpanel.errors import DataError
from gvcpanel.io import write_csv, write_parquet
from gvcpanel.sources.adapters import ADAPTERS, as_table
from gvcpanel.sources.icio import ICIOTable

METHODS = ("leontief", "kww", "wwz")


def decompose(
    source: ICIOTable | str | Path,
    method: str = "kww",
    post: str | None = None,
    adapter: str | None = None,
) -> pd.DataFrame:
    """The ``method`` decomposition of ``source`` (an :class:`ICIOTable` or a file ``adapter``
    reads; default by suffix). ``post`` (exports, output, final_demand; default exports) only
    applies to ``leontief``."""
    if method not in METHODS:
        raise DataError("<decompose>", f"method in {METHODS}", [method])
    if post is not None and method != "leontief":
        raise DataError("<decompose>", "post only with method leontief", [method])
    table = as_table(source, adapter)
    if method == "leontief":
        return leontief(table, post or "exports")
    return kww(table) if method == "kww" else wwz(table)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gvcpanel decompose",
        description="Decompose the flows of one inter-country input-output table by the origin "
        "of their value added: Leontief (post-multiplied by exports, output or final demand), "
        "Koopman-Wang-Wei (2014) 9 terms per country, Wang-Wei-Zhu (2013) 16 terms per "
        "exporting country-industry and importer; column names as R's decompr.",
    )
    p.add_argument("table", type=Path, help="one year: WIOD 2013 .RData or OECD ICIO .csv")
    p.add_argument("--method", choices=METHODS, required=True, help="decomposition")
    p.add_argument(
        "--adapter",
        choices=sorted(ADAPTERS),
        default=None,
        help="reader of the table (default: .RData -> wiod, .csv -> oecd_icio)",
    )
    p.add_argument(
        "--post", choices=POSTS, default=None, help="flow of --method leontief (default: exports)"
    )
    p.add_argument("--out", type=Path, required=True, help="output file, .csv or .parquet")
    return p


def main(argv: list[str] | None = None) -> int:
    """Decompose and write; 0 on success, 2 on bad input (message on stderr)."""
    args = build_parser().parse_args(argv)
    try:
        table = as_table(args.table, args.adapter)
        frame = decompose(table, args.method, args.post, args.adapter)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    (write_parquet if args.out.suffix.lower() == ".parquet" else write_csv)(args.out, frame)
    print(
        f"{args.method}: {len(frame)} rows from {args.table} ({table.year}; "
        f"{table.n_countries} countries x {table.n_industries} industries) -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
