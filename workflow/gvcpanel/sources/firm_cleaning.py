"""The cleaning rules of a firm extract, compiled to DuckDB SQL over the table ``flagged``.

``flagged`` holds one row per raw row (``_row``, its 0-based row across the extract's files): the
raw identifiers (``raw_firm_id``, ``raw_cic4``), the linked firm id (the first id of its chain of
identifier links) and the 2003-concordance code, the ownership group from the registration code,
the values, whether the row was relinked or recoded, and ``_drop``: the first rule that drops it
(``unknown_registration_type`` for codes outside every group, then the configured rules in order,
each seeing only the rows the earlier ones kept).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.io import atomic_path
from gvcpanel.schemas.names import VALUE_COLUMNS

REGISTRATION_RULE = "unknown_registration_type"


_COLUMN_RULES = {
    "drop_missing": "({c} IS NULL OR isnan({c}))",
    "drop_negative": "{c} < 0",
    "drop_nonpositive": "{c} <= 0",
}


#: Which row of a duplicated (firm_id, year) is kept: its raw row number.
_KEEP_ROW = {
    "first": "min(_row)",
    "largest_output": "arg_max(_row, (coalesce(output, '-inf'::DOUBLE), -_row))",
}


@dataclass(frozen=True)
class Rule:
    """A cleaning rule in SQL: a row condition, or (deduplicate) the aggregate of the kept row."""

    name: str
    cond: str | None
    keep: str | None = None


def rule_stages(rules: Sequence[Mapping[str, Any]]) -> list[Rule]:
    """Translate the configured cleaning rules (DataError for unknown or malformed ones)."""
    stages: list[Rule] = []
    for rule in rules:
        kind = rule.get("rule")
        name = str(rule.get("name", kind))
        if name in (REGISTRATION_RULE, *(r.name for r in stages)):
            raise DataError("cleaning rules", "unique rule names", [name], detail="set 'name'")
        stages.append(_parse_rule(kind, name, rule))
    return stages


def _parse_rule(kind: object, name: str, rule: Mapping[str, Any]) -> Rule:
    where = "cleaning rules"
    if kind == "deduplicate":
        keep = rule.get("keep", "first")
        if keep not in _KEEP_ROW:
            raise DataError(where, "deduplicate: keep is first or largest_output", [keep])
        return Rule(name, None, _KEEP_ROW[keep])
    if kind in _COLUMN_RULES:
        columns = list(rule.get("columns", VALUE_COLUMNS))
        unknown = [c for c in columns if c not in VALUE_COLUMNS]
        if unknown or not columns:
            raise DataError(where, f"{kind}: columns are value columns", unknown or [kind])
        return Rule(name, " OR ".join(_COLUMN_RULES[str(kind)].format(c=c) for c in columns))
    if kind == "va_exceeds_output":
        return Rule(name, "value_added > output")
    if kind == "min_employment":
        value = rule.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DataError(where, "min_employment: numeric 'value'", [value])
        return Rule(name, f"employment < {float(value)!r}")
    raise DataError(where, "known rule", [kind], detail=f"known: {_known_rules()}")


def _first_match(rules: Sequence[Rule]) -> str:
    """CASE naming the first rule whose condition holds (NULL conditions do not drop)."""
    whens = " ".join(f"WHEN ({r.cond}) THEN {sql_str(r.name)}" for r in rules)
    return f"CASE {whens} END"


def updates(rules: Sequence[Rule]) -> list[str]:
    """UPDATEs of ``flagged`` for the rules after the first deduplicate, in order.

    Consecutive row rules share one UPDATE; a row keeps the first rule that drops it and later
    rules see only the surviving rows.
    """
    out: list[str] = []
    run: list[Rule] = []
    for rule in [*rules, None]:
        if rule is not None and rule.keep is None:
            run.append(rule)
            continue
        if run:
            out.append(f"UPDATE flagged SET _drop = {_first_match(run)} WHERE _drop IS NULL AND "
                       f"({' OR '.join(f'({r.cond})' for r in run)})")  # fmt: skip
            run = []
        if rule is not None and rule.keep is not None:
            out.append(_DEDUP.replace("{keep}", rule.keep).replace("{name}", sql_str(rule.name)))
    return out


_DEDUP = (
    "UPDATE flagged SET _drop = {name} FROM (SELECT firm_id, year, {keep} AS _keep "
    "FROM flagged WHERE _drop IS NULL GROUP BY firm_id, year HAVING count(*) > 1) d "
    "WHERE flagged._drop IS NULL AND flagged.firm_id = d.firm_id AND flagged.year = d.year "
    "AND flagged._row <> d._keep"
)


def _known_rules() -> str:
    return ", ".join([*_COLUMN_RULES, "va_exceeds_output", "min_employment", "deduplicate"])


def flagged_sql(
    src: str,
    select: list[str],
    ranges: Mapping[str, tuple[int, int]],
    revision_year: int,
    leading: Sequence[Rule],
) -> str:
    """One row per raw row: canonical columns, group, and ``_drop``, the first rule dropping it.

    ``_drop`` covers the unknown registration codes and the ``leading`` row rules; rules from
    the first deduplicate on are applied by :func:`updates`.
    """
    group = " ".join(
        f"WHEN s.registration_type BETWEEN {int(lo)} AND {int(hi)} THEN {sql_str(g)}"
        for g, (lo, hi) in ranges.items()
    )
    before = f"s.year < {int(revision_year)}"
    values = ", ".join(f"s.{c}" for c in VALUE_COLUMNS)
    ctes = [
        f"src AS (SELECT file_row_number AS _row, {', '.join(select)} FROM {src})",
        "staged AS (SELECT s._row, s.firm_id AS raw_firm_id, s.cic4 AS raw_cic4, "
        "coalesce(l.root_id, s.firm_id) AS firm_id, s.year, "
        f"CASE WHEN {before} THEN coalesce(c.new_cic4, s.cic4) ELSE s.cic4 END AS cic4, "
        f'CASE {group} END AS "group", s.registration_type, {values}, '
        f"l.root_id IS NOT NULL AS _relinked, ({before} AND c.new_cic4 IS NOT NULL) AS _recoded "
        "FROM src s LEFT JOIN links l ON s.firm_id = l.new_id "
        "LEFT JOIN concordance c ON s.cic4 = c.old_cic4)",
    ]
    registration = Rule(REGISTRATION_RULE, '"group" IS NULL')
    drop = _first_match([registration, *leading])
    return (f"CREATE TEMP TABLE flagged AS WITH {', '.join(ctes)} "
            f"SELECT *, {drop} AS _drop FROM staged")  # fmt: skip


def audit_table(counts: list[tuple], rules: list[str]) -> pd.DataFrame:
    """Rows dropped by rule and year (zeros explicit), then totals by year and overall."""
    years = sorted({int(r[0]) for r in counts})
    dropped = pd.DataFrame(
        [(r[1], int(r[0]), int(r[2])) for r in counts if r[1] is not None],
        columns=["rule", "year", "rows_dropped"],
    )
    grid = pd.MultiIndex.from_product([rules, years], names=["rule", "year"])
    audit = (
        dropped.set_index(["rule", "year"])["rows_dropped"]
        .reindex(grid, fill_value=0)
        .reset_index()
    )
    by_year = audit.groupby("year", as_index=False)["rows_dropped"].sum().assign(rule="total")
    overall = pd.DataFrame(
        {"rule": ["total"], "year": [pd.NA], "rows_dropped": [audit.rows_dropped.sum()]}
    )
    out = pd.concat([audit, by_year[audit.columns], overall], ignore_index=True)
    return out.astype({"year": "Int64", "rows_dropped": "int64"})


def sql_str(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def write_row_audit(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """Every raw row of the extract and what the ingest did to it, as Parquet at ``path``:
    ``raw_row`` (1-based, across the extract's files in order), ``raw_firm_id``, ``firm_id``
    (after the identifier links), ``year``, ``raw_cic4``, ``cic4`` (after the 2003 concordance),
    ``group``, ``dropped_by`` (the rule that dropped the row; null if it was kept), ``recoded``
    and ``relinked``. Its ``dropped_by`` counts by rule and year are ``firm_cleaning.csv``."""
    with atomic_path(path) as tmp:
        con.execute(
            "COPY (SELECT _row + 1 AS raw_row, raw_firm_id, firm_id, year, raw_cic4, cic4, "
            '"group", _drop AS dropped_by, _recoded AS recoded, _relinked AS relinked '
            "FROM flagged "
            f"ORDER BY _row) TO {sql_str(tmp)} (FORMAT PARQUET, COMPRESSION zstd)"
        )
