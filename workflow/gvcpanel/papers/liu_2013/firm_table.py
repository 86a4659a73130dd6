"""Access to the clean firm table of Liu (2013): one DuckDB view ``firms``, checked once.

The firm table (one row per firm-year, columns of the clean-table contract,
:class:`gvcpanel.schemas.firms.CleanFirmTable`) may be a pandas DataFrame or a Parquet file,
directory or glob: DuckDB scans either alike, so a dataset larger than memory streams through
the same SQL and only the (small) aggregated results are returned as pandas. A stage opens the
table once (:func:`open_firm_table`) and hands the open :class:`FirmTable` to every step, so the
input checks run once per job.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import duckdb
import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.papers.liu_2013 import OWNERSHIP_GROUPS

LEVELS = ("cic4", "cic2")
REQUIRED = ("firm_id", "year", "cic4", "cic2", "group", "output", "intermediate_inputs")
MAX_KEYS = 10


@dataclass
class FirmTable:
    """An open, checked firm table: DuckDB connection ``con`` with view ``firms``."""

    con: duckdb.DuckDBPyConnection
    label: str
    columns: frozenset[str]

    def require(self, columns: Sequence[str]) -> None:
        """Raise :class:`DataError` naming the table unless every one of ``columns`` is present."""
        missing = [c for c in columns if c not in self.columns]
        if missing:
            raise DataError(self.label, "required columns present", missing)

    def close(self) -> None:
        """Close the DuckDB connection."""
        self.con.close()

    def __enter__(self) -> FirmTable:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


Source: TypeAlias = FirmTable | pd.DataFrame | str | Path


def source_label(source: Source) -> str:
    """The name used for ``source`` in error messages."""
    if isinstance(source, FirmTable):
        return source.label
    return "<firm DataFrame>" if isinstance(source, pd.DataFrame) else str(source)


def open_firm_table(
    source: pd.DataFrame | str | Path,
    require: Sequence[str] = (),
    memory_limit: str | None = None,
) -> FirmTable:
    """Open ``source`` as view ``firms`` and run the input checks once.

    Checks (each failure raises :class:`DataError` naming the source, the check and firm-years):
    required columns (:data:`REQUIRED` and ``require``) present, ``output > 0`` and
    ``intermediate_inputs`` not missing, one row per (firm_id, year).
    """
    label = source_label(source)
    con = duckdb.connect()
    # One thread: DuckDB's parallel float sums depend on the thread schedule; summing in scan
    # order makes every aggregate, and so every table, bit-for-bit reproducible.
    con.execute("SET threads = 1")
    if memory_limit:  # beyond it DuckDB spills to disk: panels larger than memory stream
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"SET temp_directory = '{tempfile.gettempdir()}'")
    if isinstance(source, pd.DataFrame):
        con.register("firms_src", source)
        con.execute("CREATE VIEW firms AS SELECT * FROM firms_src")
    else:
        path = Path(source)
        pattern = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
        if not path.is_dir() and not any(ch in pattern for ch in "*?[") and not path.exists():
            con.close()
            raise DataError(label, "file exists", [label])
        quoted = pattern.replace("'", "''")
        con.execute(f"CREATE VIEW firms AS SELECT * FROM read_parquet('{quoted}')")
    table = FirmTable(con, label, frozenset(r[0] for r in con.execute("DESCRIBE firms").fetchall()))
    try:
        table.require((*REQUIRED, *require))
        checks = {
            "output > 0 and intermediate_inputs not missing": (
                "SELECT firm_id, year FROM firms WHERE output IS NULL OR NOT output > 0 "
                "OR intermediate_inputs IS NULL ORDER BY 1, 2"
            ),
            "unique key (firm_id, year)": (
                "SELECT firm_id, year FROM firms GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2"
            ),
        }
        for check, sql in checks.items():
            bad = con.execute(f"{sql} LIMIT {MAX_KEYS + 1}").fetchall()
            if bad:
                raise DataError(label, check, bad, max_keys=MAX_KEYS)
    except DataError:
        con.close()
        raise
    return table


def check_level(level: str) -> str:
    """``level`` if it is one of :data:`LEVELS`, else ValueError."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    return level


@contextmanager
def firm_view(
    source: Source, require: Sequence[str] = (), memory_limit: str | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with the checked firm table as view ``firms``.

    An open :class:`FirmTable` is used as it is (only ``require`` is checked; it stays open);
    any other source is opened with :func:`open_firm_table` and closed on exit.
    """
    if isinstance(source, FirmTable):
        source.require(require)
        yield source.con
        return
    with open_firm_table(source, require, memory_limit) as table:
        yield table.con


def check_groups(groups: Sequence[str]) -> None:
    """Raise ValueError unless every name in ``groups`` is an ownership group of the paper."""
    unknown = [g for g in groups if g not in OWNERSHIP_GROUPS]
    if unknown:
        raise ValueError(f"unknown groups {unknown}; expected a subset of {OWNERSHIP_GROUPS}")


def group_filter(groups: Sequence[str] | None) -> str:
    """SQL ``WHERE`` clause keeping the ownership ``groups`` (all when ``None``)."""
    if groups is None:
        return ""
    check_groups(groups)
    return 'WHERE "group" IN (' + ", ".join(f"'{g}'" for g in groups) + ")"
