"""Plausibility screens of a firm extract at ingest, in DuckDB SQL (the panel may exceed memory).

Run by :func:`gvcpanel.sources.asif.ingest_firms` on its table ``flagged`` (one row per raw row,
``_drop`` NULL for the rows kept): the units screen on every row, before the cleaning rules can
hide a units error by dropping most rows; the other screens on the clean rows. Each stops the
ingest with a :class:`DataError` naming the extract, the check and the firm-years (or years).

- **Units**, per year: the median of each ratio of ``UNITS`` over the rows where it is defined
  (numerator ≥ 0, denominator > 0, both finite) lies in its band. On the simulator
  (``gvcpanel.papers.liu_2013.simulate``, 1998–2007) the medians are: employment 43–46 persons;
  output per employee 228–469 and K/L 75–76 thousand RMB per person; wage per employee 7.2–23
  thousand RMB; VA/output 0.27, intermediate inputs/output 0.73. Real ASIF medians are of the same
  order (employment about 100, output per employee 200–600). Every band lies a factor of at least 10
  beyond those medians (above, the shares VA/output and intermediate inputs/output are bounded at 1
  and 1.5, near their definitions), and a units error of 1000× (employment in thousands, money in
  RMB or million RMB) falls outside it. The medians are per year, so one year in other units is
  named.
- **Finite** values in every value column (±inf or NaN survive no cleaning rule otherwise).
- **Industry codes**: the two-digit division (``cic4 // 100``) is one of Liu's Table A1 (CIC 2002
  manufacturing, 13–43 without 38); no firm-year from the revision on carries a code that the
  concordance lists only as an old (pre-revision) code.
- **Group and span** (when given): the configured ownership group has firms; two years of the
  extract are ``span`` apart; the group's firms span at least n₂ + 2 four-digit industries (n₂
  two-digit ones), the minimum for eq. (63), whose constant, two-digit dummies, initial VR and
  training intensity vary only across four-digit industries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from gvcpanel.errors import DataError
from gvcpanel.schemas.asif_codes import MANUFACTURING_CIC2, REGISTRATION_RANGES
from gvcpanel.schemas.names import VALUE_COLUMNS

#: Units screen: name -> (numerator, denominator or None, low, high, unit, likely cause).
UNITS: dict[str, tuple[str, str | None, float, float, str, str]] = {
    "employment": ("employment", None, 1.0, 10_000.0, "persons",
                   "employment in thousands, not persons?"),
    "output per employee": ("output", "employment", 10.0, 20_000.0, "thousand RMB per person",
                            "output not in thousand RMB (RMB? million RMB?) or employment "
                            "not in persons?"),
    "value added / output": ("value_added", "output", 0.02, 1.0, "",
                             "value added and output in different units?"),
    "intermediate inputs / output": ("intermediate_inputs", "output", 0.05, 1.5, "",
                                     "intermediate inputs and output in different units?"),
    "fixed assets per employee": ("fixed_assets", "employment", 1.0, 20_000.0,
                                  "thousand RMB per person",
                                  "fixed assets not in thousand RMB?"),
    "wage per employee": ("wage_bill", "employment", 0.5, 1_000.0, "thousand RMB per person",
                          "wage bill not in thousand RMB?"),
}  # fmt: skip
CLEAN = "(SELECT *, cic4 // 100 AS cic2 FROM flagged WHERE _drop IS NULL)"


def _median(num: str, den: str | None) -> str:
    if den is None:
        return f"median({num}) FILTER (WHERE {num} > 0 AND isfinite({num}))"
    ok = f"{num} >= 0 AND {den} > 0 AND isfinite({num}) AND isfinite({den})"
    return f"median({num} / {den}) FILTER (WHERE {ok})"


def screen_units(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Per-year medians of the ``UNITS`` ratios over every row of ``flagged`` within the bands."""
    cols = ", ".join(_median(num, den) for num, den, *_ in UNITS.values())
    rows = con.execute(f"SELECT year, {cols} FROM flagged GROUP BY year ORDER BY year").fetchall()
    for k, (name, (_, _, lo, hi, unit, cause)) in enumerate(UNITS.items()):
        bad = [(int(r[0]), r[k + 1]) for r in rows if r[k + 1] is not None]
        bad = [(y, m) for y, m in bad if not lo <= m <= hi]
        if bad:
            shown = ", ".join(f"{y}: {m:.4g}" for y, m in bad[:5])
            raise DataError(
                path,
                f"plausible units: median {name} per year in [{lo:g}, {hi:g}] {unit}".rstrip(),
                [y for y, _ in bad],
                detail=f"median {name} {shown}: {cause}",
            )


def _row(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple:
    """The one row of an aggregate query."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise RuntimeError(f"an aggregate query returned no row: {sql}")
    return row


def screen_clean(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    revision_year: int,
    group: str | None = None,
    span: int | None = None,
) -> None:
    """Finite values and known industry codes; with ``group`` and ``span``, their presence."""
    if not _row(con, f"SELECT count(*) FROM {CLEAN}")[0]:
        return  # nothing kept: the ingest reports that itself
    _finite(con, path)
    _industry_codes(con, path, revision_year)
    if group is not None:
        _group_present(con, path, group)
    if span is not None:
        _span_present(con, path, span)
    if group is not None:
        _enough_industries(con, path, group)


def _firm_years(con: duckdb.DuckDBPyConnection, where: str) -> tuple[list[tuple], int]:
    """The first 10 (firm_id, year) of the clean rows where ``where`` holds, and their count."""
    keys = con.execute(
        f"SELECT firm_id, year FROM {CLEAN} WHERE {where} ORDER BY firm_id, year LIMIT 10"
    ).fetchall()
    return keys, _row(con, f"SELECT count(*) FROM {CLEAN} WHERE {where}")[0]


def _finite(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    where = " OR ".join(f"NOT isfinite({c})" for c in VALUE_COLUMNS)
    keys, n = _firm_years(con, where)
    if n:
        per_column = (f"count(*) FILTER (WHERE NOT isfinite({c}))" for c in VALUE_COLUMNS)
        counts = _row(con, f"SELECT {', '.join(per_column)} FROM {CLEAN}")
        which = ", ".join(f"{c} ({k})" for c, k in zip(VALUE_COLUMNS, counts, strict=True) if k)
        raise DataError(
            path,
            "finite values (no inf or NaN) in " + ", ".join(VALUE_COLUMNS),
            keys,
            detail=f"{n} firm-year(s) not finite: {which}; a division by zero in the extract? "
            "fix or remove these rows",
        )


def _industry_codes(con: duckdb.DuckDBPyConnection, path: Path, revision_year: int) -> None:
    known = MANUFACTURING_CIC2
    keys, n = _firm_years(con, f"cic2 NOT IN ({', '.join(map(str, known))})")
    if n:
        codes = con.execute(
            f"SELECT DISTINCT cic4 FROM {CLEAN} WHERE cic2 NOT IN "
            f"({', '.join(map(str, known))}) ORDER BY 1 LIMIT 10"
        ).fetchall()
        raise DataError(
            path,
            "four-digit industry codes in the two-digit industries of Liu's Table A1",
            keys,
            detail=f"{n} firm-year(s) with codes {', '.join(str(c[0]) for c in codes)}, whose "
            f"two-digit division is not one of {known[0]}-{known[-1]} (CIC 2002 manufacturing, "
            "no 38): a mistyped code or a firm outside manufacturing?",
        )
    old_only = (
        f"year >= {int(revision_year)} AND cic4 IN (SELECT old_cic4 FROM concordance) "
        "AND cic4 NOT IN (SELECT new_cic4 FROM concordance)"
    )
    keys, n = _firm_years(con, old_only)
    if n:
        raise DataError(
            path,
            f"codes of the {revision_year} classification from {revision_year} on",
            keys,
            detail=f"{n} firm-year(s) from {revision_year} carry a code that the concordance "
            "lists only as an old code: recode them to the new classification",
        )


def _group_present(con: duckdb.DuckDBPyConnection, path: Path, group: str) -> None:
    counts = dict(con.execute(f'SELECT "group", count(*) FROM {CLEAN} GROUP BY 1').fetchall())
    if not counts.get(group):
        lo, hi = REGISTRATION_RANGES[group]
        present = ", ".join(f"{g} ({n:,} firm-years)" for g, n in sorted(counts.items()))
        raise DataError(
            path,
            f"firms of the configured group '{group}' (liu_2013.group)",
            [group],
            detail=f"no firm-year left after cleaning has a registration code {lo}-{hi}; "
            f"groups present: {present}",
        )


def _span_present(con: duckdb.DuckDBPyConnection, path: Path, span: int) -> None:
    rows = con.execute(f"SELECT DISTINCT year FROM {CLEAN} ORDER BY 1").fetchall()
    years = [int(r[0]) for r in rows]
    if not set(years) & {y + span for y in years}:
        raise DataError(
            path,
            f"two years {span} apart (liu_2013.span = {span})",
            years,
            detail=f"the extract's years ({', '.join(map(str, years))}) cannot form a "
            f"span-{span} change (eqs 63, 64): set liu_2013.span or extend the extract",
        )


def _enough_industries(con: duckdb.DuckDBPyConnection, path: Path, group: str) -> None:
    n4, n2 = _row(
        con,
        f'SELECT count(DISTINCT cic4), count(DISTINCT cic2) FROM {CLEAN} WHERE "group" = ?',
        [group],
    )
    if n4 < n2 + 2:
        codes = con.execute(
            f'SELECT DISTINCT cic4 FROM {CLEAN} WHERE "group" = ? ORDER BY 1 LIMIT 10', [group]
        ).fetchall()
        raise DataError(
            path,
            f"enough four-digit industries of the {group} firms for eq. (63)",
            [c[0] for c in codes],
            detail=f"{n4} four-digit industr{'y' if n4 == 1 else 'ies'} in {n2} two-digit "
            f"one(s); the constant, {n2 - 1} two-digit dummies, initial VR and training "
            f"intensity vary only across four-digit industries, so eq. (63) needs at least "
            f"{n2 + 2}",
        )
