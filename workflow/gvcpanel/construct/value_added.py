"""Value-added ratios of Liu (2013), eq. (62), computed in DuckDB SQL over a clean firm table.

Industry VR by industry × year × ownership group:

    VR_{i,t} = (Σ_j output_j − Σ_j intermediate_inputs_j) / Σ_j output_j        (62)

over the group's firms j in industry i and year t; firm VR_j = (output_j − intermediate_j)/output_j
and output shares λ_j = output_j / Σ_{k in i,t,group} output_k. The firm table (one row per
firm-year, columns of the clean-table contract) may be a pandas DataFrame or a Parquet file,
directory or glob: DuckDB scans either alike, so a dataset larger than memory streams through
the same SQL and only the (small) aggregated result is returned as pandas.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.papers.liu_2013 import OWNERSHIP_GROUPS

Source = pd.DataFrame | str | Path
GROUPS = OWNERSHIP_GROUPS
LEVELS = ("cic4", "cic2")
REQUIRED = ("firm_id", "year", "cic4", "cic2", "group", "output", "intermediate_inputs")
MAX_KEYS = 10


def source_label(source: Source) -> str:
    """The name used for ``source`` in error messages."""
    return "<firm DataFrame>" if isinstance(source, pd.DataFrame) else str(source)


def firm_view(
    source: Source,
    level: str = "cic4",
    require: Sequence[str] = (),
    memory_limit: str | None = None,
) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A DuckDB connection with the firm table as view ``firms``, after the input checks.

    Checks (each failure raises :class:`DataError` naming the source, the check and firm-years):
    required columns (:data:`REQUIRED` and ``require``) present, ``output > 0`` and
    ``intermediate_inputs`` not missing, one row per (firm_id, year); ``level`` in :data:`LEVELS`.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
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
            raise DataError(label, "file exists", [label])
        quoted = pattern.replace("'", "''")
        con.execute(f"CREATE VIEW firms AS SELECT * FROM read_parquet('{quoted}')")
    columns = {row[0] for row in con.execute("DESCRIBE firms").fetchall()}
    missing = [c for c in (*REQUIRED, *require) if c not in columns]
    if missing:
        con.close()
        raise DataError(label, "required columns present", missing)
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
            con.close()
            raise DataError(label, check, bad, max_keys=MAX_KEYS)
    return con, level


def check_groups(groups: Sequence[str]) -> None:
    """Raise ValueError unless every name in ``groups`` is one of :data:`GROUPS`."""
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise ValueError(f"unknown groups {unknown}; expected a subset of {GROUPS}")


def group_filter(groups: Sequence[str] | None) -> str:
    """SQL ``WHERE`` clause keeping the ownership ``groups`` (all when ``None``)."""
    if groups is None:
        return ""
    check_groups(groups)
    return 'WHERE "group" IN (' + ", ".join(f"'{g}'" for g in groups) + ")"


def industry_vr(
    source: Source, level: str = "cic4", groups: Sequence[str] | None = None
) -> pd.DataFrame:
    """Industry VR (eq. 62) per ``group`` × ``level`` × ``year``.

    Columns: ``group``, ``<level>``, ``year``, ``cic2`` (for ``level='cic4'``: the industry's
    two-digit code), ``n_firms``, ``output``, ``intermediate_inputs``, ``vr``.
    """
    con, lvl = firm_view(source, level)
    cic2 = ", min(cic2) AS cic2" if lvl == "cic4" else ""
    sql = f"""
        SELECT "group", {lvl}, year{cic2}, count(*) AS n_firms,
               sum(output) AS output, sum(intermediate_inputs) AS intermediate_inputs,
               (sum(output) - sum(intermediate_inputs)) / sum(output) AS vr
        FROM firms {group_filter(groups)}
        GROUP BY "group", {lvl}, year ORDER BY 1, 2, 3
    """
    out = con.execute(sql).df()
    con.close()
    return out


def firm_vr(
    source: Source, level: str = "cic4", groups: Sequence[str] | None = None
) -> pd.DataFrame:
    """Firm VR_j and output share λ_j within its ``group`` × ``level`` × ``year``.

    Columns: ``firm_id``, ``year``, ``group``, ``<level>``, ``output``, ``vr``, ``lam``.
    """
    con, lvl = firm_view(source, level)
    sql = f"""
        SELECT firm_id, year, "group", {lvl}, output,
               (output - intermediate_inputs) / output AS vr,
               output / sum(output) OVER (PARTITION BY "group", {lvl}, year) AS lam
        FROM firms {group_filter(groups)}
        ORDER BY "group", {lvl}, year, firm_id
    """
    out = con.execute(sql).df()
    con.close()
    return out
