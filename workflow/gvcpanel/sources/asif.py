"""Ingest of ASIF-style firm-year Parquet files with DuckDB (streams panels larger than memory).

Order of operations: structural checks (readable file, required columns, column types, non-null
identifiers) → column-name mapping → firm-id links (new id → first id of the chain) → 2003
concordance (old 4-digit code → new, for years before the revision) → ownership group from the
registration code (codes outside every range are dropped and logged as
``unknown_registration_type``) → the units screen (``gvcpanel.sources.firm_screens``) → the
configured cleaning rules in their order, each applied to the rows surviving the previous ones →
validation of the clean table and its plausibility screens (finite values, known industry codes,
the configured group and span) → atomic rename. Every dropped row is counted in the audit table
(rule, year, rows_dropped) with zeros written explicitly.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pandera.errors
import pyarrow as pa
import pyarrow.parquet as pq

from gvcpanel.csvfile import read_csv_text
from gvcpanel.errors import DataError
from gvcpanel.io import atomic_path, format_float
from gvcpanel.schemas.asif_codes import REGISTRATION_RANGES, REVISION_YEAR
from gvcpanel.schemas.firms import CleanFirmTable, RawFirmTable, WageIndex
from gvcpanel.schemas.names import CLEAN_COLUMNS, ID_COLUMNS, KEY, RAW_COLUMNS
from gvcpanel.sources.firm_cleaning import (
    REGISTRATION_RULE,
    Rule,
    audit_table,
    flagged_sql,
    rule_stages,
    sql_str,
    updates,
    write_row_audit,
)
from gvcpanel.sources.firm_screens import screen_clean, screen_units
from gvcpanel.validate import validate

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did: rows in and out, the audit table, rows re-coded and re-linked."""

    raw_path: Path
    out_path: Path
    audit_path: Path
    rows_in: int
    rows_out: int
    audit: pd.DataFrame
    recoded_cic4: int
    relinked_ids: int
    seconds: float


def ingest_firms(
    raw_path: str | Path,
    out_path: str | Path,
    audit_path: str | Path,
    rules: Sequence[Mapping[str, Any]],
    column_map: Mapping[str, str] | None = None,
    concordance: str | Path | None = None,
    id_links: str | Path | None = None,
    *,
    rows_path: str | Path | None = None,
    registration_ranges: Mapping[str, tuple[int, int]] = REGISTRATION_RANGES,
    revision_year: int = REVISION_YEAR,
    memory_limit: str | None = None,
    threads: int | None = None,
    group: str | None = None,
    span: int | None = None,
) -> IngestReport:
    """Clean ``raw_path`` into the firm table at ``out_path`` and the audit CSV at ``audit_path``.

    ``column_map`` maps raw names to canonical ones; ``concordance`` is a CSV ``old_cic4,new_cic4``
    applied to years before ``revision_year``; ``id_links`` a CSV ``old_id,new_id,year`` (chains
    are followed to the first id). ``rules`` are dicts such as ``{"rule": "drop_missing",
    "columns": [...]}``, ``{"rule": "min_employment", "value": 8}`` or ``{"rule": "deduplicate",
    "keep": "first" | "largest_output"}`` (optional ``name`` to tell two rules apart); "first"
    means first in the raw file's row order. Raw columns outside the canonical set are ignored;
    an id link re-labels every row carrying ``new_id`` (its ``year`` is informational).
    ``rows_path`` (Parquet) receives the audit of every raw row (``firm_cleaning.write_row_audit``).
    ``memory_limit`` (e.g. ``"2GB"``) and ``threads`` are DuckDB settings; DuckDB spills to a
    private temporary directory beyond the limit. ``group`` and ``span`` (``liu_2013.group``,
    ``span``), when given, must be present in the clean table (``firm_screens.screen_clean``).
    """
    start = time.perf_counter()
    raw_path, out_path, audit_path = Path(raw_path), Path(out_path), Path(audit_path)
    LOG.info("firm ingest 1/5: columns and types of %s", raw_path)
    select = _structural_checks(raw_path, dict(column_map or {}))
    stages = rule_stages(rules)
    with tempfile.TemporaryDirectory(prefix="gvcpanel-duckdb-") as spill:
        con = duckdb.connect()
        try:
            con.execute("SET enable_progress_bar = false")
            con.execute(f"SET temp_directory = {sql_str(spill)}")
            if memory_limit:
                con.execute(f"SET memory_limit = {sql_str(memory_limit)}")
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            counts, audit = _ingest(
                con,
                raw_path,
                out_path,
                audit_path,
                select,
                stages,
                concordance,
                id_links,
                registration_ranges,
                revision_year,
                {"group": group, "span": span},
            )
            if rows_path is not None:
                LOG.info("firm ingest 5/5: the audit of every raw row")
                write_row_audit(con, rows_path)
        finally:
            con.close()
    rows_in = sum(r[2] for r in counts)
    if rows_in == 0:
        raise DataError(raw_path, "at least one firm-year in the extract", detail="0 rows read")
    return IngestReport(
        raw_path=raw_path,
        out_path=out_path,
        audit_path=audit_path,
        rows_in=rows_in,
        rows_out=rows_in - sum(r[2] for r in counts if r[1] is not None),
        audit=audit,
        recoded_cic4=sum(int(r[4] or 0) for r in counts),
        relinked_ids=sum(int(r[3] or 0) for r in counts),
        seconds=time.perf_counter() - start,
    )


def _ingest(
    con: duckdb.DuckDBPyConnection,
    raw_path: Path,
    out_path: Path,
    audit_path: Path,
    select: list[str],
    stages: list[Rule],
    concordance: str | Path | None,
    id_links: str | Path | None,
    ranges: Mapping[str, tuple[int, int]],
    revision_year: int,
    present: Mapping[str, Any],
) -> tuple[list[tuple], pd.DataFrame]:
    """Flag, audit, write and validate; returns the (year, rule, rows, relinked, recoded) counts."""
    con.register("concordance", _read_concordance(concordance))
    con.register("links", _read_links(id_links))
    src = _source_sql(parquet_files(raw_path))
    LOG.info("firm ingest 2/5: keys, identifier links and the %d concordance", revision_year)
    _check_keys(con, raw_path, src, select)
    n_lead = next((k for k, r in enumerate(stages) if r.keep is not None), len(stages))
    _run(con, raw_path, flagged_sql(src, select, ranges, revision_year, stages[:n_lead]))
    screen_units(con, raw_path)
    LOG.info("firm ingest 3/5: %d cleaning rules", len(stages))
    for update in updates(stages[n_lead:]):
        con.execute(update)
    counts = _run(con, raw_path, "SELECT year, _drop, count(*), sum(_relinked::INT), "
                  "sum(_recoded::INT) FROM flagged GROUP BY ALL").fetchall()  # fmt: skip
    audit = audit_table(counts, [REGISTRATION_RULE, *(r.name for r in stages)])
    cols = ", ".join(f'"{c}"' if c != "cic2" else "cic4 // 100 AS cic2" for c in CLEAN_COLUMNS)
    LOG.info("firm ingest 4/5: the clean table, its schema and plausibility screens")
    with atomic_path(out_path) as tmp_out, atomic_path(audit_path) as tmp_audit:
        _run(con, raw_path, f"COPY (SELECT {cols} FROM flagged WHERE _drop IS NULL "
             f"ORDER BY firm_id, year) TO {sql_str(tmp_out)} "
             "(FORMAT PARQUET, COMPRESSION zstd, ROW_GROUP_SIZE 250000)")  # fmt: skip
        kept = sum(r[2] for r in counts if r[1] is None)
        if kept == 0 and any(r[2] for r in counts):
            raise DataError(
                raw_path,
                "at least one firm-year left after cleaning",
                detail="every row was dropped; see the rules' counts in the log",
            )
        _validate_clean(con, tmp_out, raw_path)
        screen_clean(con, raw_path, revision_year, **present)
        audit.to_csv(tmp_audit, index=False, lineterminator="\n", float_format=format_float)
    return counts, audit


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _run(con: duckdb.DuckDBPyConnection, path: Path, sql: str) -> duckdb.DuckDBPyConnection:
    """Execute ``sql``; an unreadable (corrupt, truncated) file becomes a DataError."""
    try:
        return con.execute(sql)
    except (duckdb.IOException, duckdb.InvalidInputException) as err:
        raise DataError(path, "readable Parquet file", detail=str(err).splitlines()[0]) from err


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of ``path``: the file itself, or every ``*.parquet`` below a directory
    (a dataset written in parts), in sorted order — the order that defines "first" rows."""
    if path.is_dir():
        files = sorted(path.rglob("*.parquet"))
        if not files:
            raise DataError(path, "Parquet files in the dataset directory")
        return files
    return [path]


def _source_sql(files: Sequence[Path]) -> str:
    """One relation over all files with a global ``file_row_number`` (file order, then row)."""
    parts, offset = [], 0
    for f in files:
        parts.append(
            f"SELECT * REPLACE (file_row_number + {offset} AS file_row_number) "
            f"FROM read_parquet({sql_str(f)}, file_row_number = true)"
        )
        offset += pq.ParquetFile(f).metadata.num_rows
    return "(" + " UNION ALL ".join(parts) + ")"


def _structural_checks(path: Path, column_map: dict[str, str]) -> list[str]:
    """Readable file(s), required columns present once, integer identifiers, numeric values;
    every file of a dataset has the same columns and types.

    Returns the SELECT list that renames raw columns to canonical names and casts the types.
    """
    schemas = {}
    for f in parquet_files(path):
        try:
            schemas[f] = pq.read_schema(f)
        except (OSError, pa.ArrowException) as err:
            raise DataError(f, "readable Parquet file", detail=str(err)) from err
    schema = next(iter(schemas.values()))
    differ = [str(f) for f, s in schemas.items() if not s.equals(schema)]
    if differ:
        raise DataError(path, "same columns and types in every file of the dataset", differ)
    canonical: dict[str, str] = {}
    for name in schema.names:
        target = column_map.get(name, name)
        if target in canonical:
            raise DataError(path, "one raw column per canonical column", [target])
        canonical[target] = name
    missing = [c for c in RAW_COLUMNS if c not in canonical]
    if missing:
        raise DataError(path, "required columns", missing, detail=f"found {schema.names}")
    types = {c: schema.field(canonical[c]).type for c in RAW_COLUMNS}
    empty = pd.DataFrame({c: _empty_like(c, t) for c, t in types.items()})
    try:
        RawFirmTable.validate(empty, lazy=True)
    except pandera.errors.SchemaErrors as err:
        bad = sorted(set(err.failure_cases["column"]))
        raise DataError(
            path, "column types", [f"{c} ({types[c]})" for c in bad],
            detail="identifiers must be integers, values numeric",
        ) from err  # fmt: skip
    return [
        f"CAST({_ident(canonical[c])} AS {'BIGINT' if c in ID_COLUMNS else 'DOUBLE'}) AS {c}"
        for c in RAW_COLUMNS
    ]


def _empty_like(column: str, arrow_type: pa.DataType) -> pd.Series:
    """A zero-length Series of the numpy type a well-typed column would be read as."""
    if pa.types.is_integer(arrow_type):
        return pd.Series([], dtype="int64" if column in ID_COLUMNS else "float64")
    if pa.types.is_floating(arrow_type):
        return pd.Series([], dtype="float64")
    return pd.Series([], dtype=object)


def _check_keys(con: duckdb.DuckDBPyConnection, path: Path, src: str, select: list[str]) -> None:
    """Identifiers (firm_id, year, cic4, registration_type) must be non-null."""
    cond = " OR ".join(f"{c} IS NULL" for c in ID_COLUMNS)
    ids = ", ".join(select[: len(ID_COLUMNS)])
    bad = _run(
        con, path, f"SELECT file_row_number, firm_id, year FROM (SELECT file_row_number, {ids} "
        f"FROM {src}) WHERE {cond} ORDER BY file_row_number LIMIT 10",
    ).fetchall()  # fmt: skip
    if bad:
        raise DataError(
            path, "non-null identifiers " + ", ".join(ID_COLUMNS),
            [(f"row {r}", f, y) for r, f, y in bad],
        )  # fmt: skip


def _read_concordance(path: str | Path | None) -> pd.DataFrame:
    """Old → new 4-digit codes; each old code maps to one new code."""
    if path is None:
        return pd.DataFrame({c: pd.Series([], dtype="int64") for c in ("old_cic4", "new_cic4")})
    df = _read_small_csv(path, ["old_cic4", "new_cic4"])
    df = df.drop_duplicates()
    dup = df.loc[df["old_cic4"].duplicated(), "old_cic4"]
    if len(dup):
        raise DataError(path, "one new code per old code", dup.tolist())
    return df


def _read_links(path: str | Path | None) -> pd.DataFrame:
    """new_id → root id (first id of the chain old → new → newer …)."""
    if path is None:
        return pd.DataFrame({c: pd.Series([], dtype="int64") for c in ("new_id", "root_id")})
    df = _read_small_csv(path, ["old_id", "new_id", "year"])
    dup = df.loc[df["new_id"].duplicated(), "new_id"]
    if len(dup):
        raise DataError(path, "each new_id links from one old_id", dup.tolist())
    parent = dict(zip(df["new_id"], df["old_id"], strict=True))
    root = {}
    for new in parent:
        seen, cur = {new}, parent[new]
        while cur in parent:
            cur = parent[cur]
            if cur in seen:
                raise DataError(path, "no cycles in id links", sorted(seen))
            seen.add(cur)
        root[new] = cur
    return pd.DataFrame(
        {"new_id": np.array(list(root), dtype=np.int64),
         "root_id": np.array(list(root.values()), dtype=np.int64)}
    )  # fmt: skip


def _read_small_csv(path: str | Path, columns: list[str]) -> pd.DataFrame:
    """A small lookup CSV with integer ``columns`` (DataError otherwise)."""
    try:
        df = pd.read_csv(path)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataError(path, "readable CSV file", detail=str(err)) from err
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError(path, "required columns", missing)
    bad = [c for c in columns if not pd.api.types.is_integer_dtype(df[c])]
    if bad:
        raise DataError(path, "integer columns", bad)
    return df[columns].astype("int64")


def _validate_clean(con: duckdb.DuckDBPyConnection, tmp: Path, raw_path: Path) -> None:
    """Unique (firm_id, year) via DuckDB; the clean model one row group at a time.

    Errors name the user's extract ``raw_path`` (the keys are its firm-years after cleaning).
    """
    dup = con.execute(
        f"SELECT firm_id, year FROM read_parquet({sql_str(tmp)}) GROUP BY ALL "
        "HAVING count(*) > 1 ORDER BY ALL LIMIT 10"
    ).fetchall()
    if dup:
        raise DataError(
            raw_path,
            "unique key (firm_id, year) after cleaning",
            dup,
            detail="add a deduplicate rule",
        )
    schema = CleanFirmTable.to_schema()
    clean = pq.ParquetFile(tmp)
    for group in range(clean.num_row_groups):  # row groups: iter_batches keeps its buffers
        df = clean.read_row_group(group).to_pandas()
        try:
            schema.validate(df, lazy=True)
        except pandera.errors.SchemaErrors as err:
            fc = err.failure_cases
            bad = df.loc[df.index.isin(fc["index"].dropna()), list(KEY)].head(10)
            raise DataError(
                raw_path, "clean firm table: " + ", ".join(sorted(set(fc["check"].astype(str)))),
                list(bad.itertuples(index=False, name=None)),
                detail="add cleaning rules for these rows",
            ) from err  # fmt: skip


def check_wage_index(path: str | Path, years: Sequence[int] = ()) -> pd.DataFrame:
    """Validate the wage-index CSV (schema :class:`WageIndex`) and its coverage of ``years``."""
    df = validate(read_csv_text(path), WageIndex, path, keys=["year"])
    missing = sorted(set(years) - set(df["year"]))
    if missing:
        raise DataError(path, "a wage index for every year of the firm panel", missing)
    return df
