"""Liu (2013) industry panel for eq. (63) and the summary statistics of Tables 1, 2 and A1.

All firm-level sums run in DuckDB SQL over the clean firm table (DataFrame or Parquet), so the
functions stream over data larger than memory and return small pandas frames.

Definitions (each per ownership group and industry):
- training intensity β_i = Σ training_expense / Σ output, pooled over all years (a ratio, as in
  Table A1, whose column is labelled "% points" but holds the ratio);
- capital intensity K/L = Σ fixed_assets / Σ employment in thousand RMB per person, per year
  (``kl``) and pooled over all years (``kl_mean``, used to split high vs. low K/L industries).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.papers.liu_2013 import PAPER_GROUP, read_table_a1
from gvcpanel.papers.liu_2013.decomposition import liu_decomposition
from gvcpanel.papers.liu_2013.firm_table import (
    Source,
    check_groups,
    check_level,
    firm_view,
    group_filter,
    open_firm_table,
)

#: Columns of Liu's Table A1 (two-digit CIC industries), in the published order.

MARGINS = ("dvr", "within", "cross", "entry", "exit", "dvr_total")
TABLE1_YEARS = (1998, 2001, 2004, 2007)
THOUSAND = 1000.0


def industry_panel(
    source: Source,
    span: int = 2,
    level: str = "cic4",
    groups: Sequence[str] | None = None,
    memory_limit: str | None = None,
) -> pd.DataFrame:
    """One row per group × industry × year: VR (eq. 62), K/L, β and the eq. (64) margins.

    Columns: ``group``, ``<level>``, ``year``, ``cic2`` (also for ``level='cic4'``),
    ``n_firms``, ``output``, ``vr``, ``kl``, ``kl_mean``, ``training`` and, for years t with
    data in t − ``span`` (= ``year0``), the changes ending in t (``dvr``, ``within``,
    ``cross``, ``entry``, ``exit``, ``dvr_total``;
    missing otherwise). ``memory_limit`` (e.g. ``"2GB"``) caps DuckDB's memory; beyond it DuckDB
    spills to disk, so a firm table larger than memory streams.
    """
    lvl = check_level(level)
    where = group_filter(groups)
    cic2 = " min(cic2) AS cic2," if lvl == "cic4" else ""
    sql = f"""
    WITH yearly AS (
        SELECT "group", {lvl}, year,{cic2} count(*) AS n_firms,
               sum(output) AS output,
               (sum(output) - sum(intermediate_inputs)) / sum(output) AS vr,
               sum(fixed_assets) / nullif(sum(employment), 0) AS kl
        FROM firms {where} GROUP BY ALL
    ),
    pooled AS (
        SELECT "group", {lvl},
               sum(fixed_assets) / nullif(sum(employment), 0) AS kl_mean,
               sum(training_expense) / sum(output) AS training
        FROM firms {where} GROUP BY ALL
    )
    SELECT y.*, p.kl_mean, p.training
    FROM yearly y JOIN pooled p USING ("group", {lvl})
    ORDER BY 1, 2, 3
    """
    with firm_view(source, ("fixed_assets", "employment", "training_expense"), memory_limit) as con:
        panel = con.execute(sql).df()
    changes = liu_decomposition(source, span, level, groups, memory_limit)
    keys = ["group", lvl, "year"]
    cols = [*keys, "year0", *MARGINS]
    return panel.merge(changes[cols], on=keys, how="left", validate="1:1")


def table1_summary(
    source: Source,
    years: Sequence[int] = TABLE1_YEARS,
    group: str = PAPER_GROUP,
    level: str = "cic4",
) -> pd.DataFrame:
    """Liu's Table 1: firm-level mean and SD of output, value added and exports (million RMB),
    the group's share (%) of all firms' totals, and mean/SD of industry VR (eq. 62) by year.

    SDs are sample SDs (n − 1). The share denominator is every firm in the table ("China's whole
    manufacturing sector" when the table holds all ownership groups).
    """
    check_groups([group])
    lvl = check_level(level)
    year_list = ", ".join(str(int(y)) for y in years)
    sql = f"""
    WITH g AS (SELECT * FROM firms WHERE "group" = ? AND year IN ({year_list})),
    firm_stats AS (
        SELECT year, count(*) AS n_firms,
               avg(output) / {THOUSAND} AS output_mean,
               stddev_samp(output) / {THOUSAND} AS output_sd,
               avg(value_added) / {THOUSAND} AS va_mean,
               stddev_samp(value_added) / {THOUSAND} AS va_sd,
               avg(exports) / {THOUSAND} AS export_mean,
               stddev_samp(exports) / {THOUSAND} AS export_sd,
               sum(output) AS y, sum(value_added) AS v, sum(exports) AS e
        FROM g GROUP BY year
    ),
    everyone AS (
        SELECT year, sum(output) AS y, sum(value_added) AS v, sum(exports) AS e
        FROM firms WHERE year IN ({year_list}) GROUP BY year
    ),
    ind AS (
        SELECT year, (sum(output) - sum(intermediate_inputs)) / sum(output) AS vr
        FROM g GROUP BY year, {lvl}
    ),
    vr AS (SELECT year, avg(vr) AS vr_mean, stddev_samp(vr) AS vr_sd FROM ind GROUP BY year)
    SELECT f.year, f.n_firms, f.output_mean, f.output_sd, 100 * f.y / a.y AS output_share_pct,
           f.va_mean, f.va_sd, 100 * f.v / a.v AS va_share_pct, vr.vr_mean, vr.vr_sd,
           f.export_mean, f.export_sd, 100 * f.e / nullif(a.e, 0) AS export_share_pct
    FROM firm_stats f JOIN everyone a USING (year) JOIN vr USING (year)
    ORDER BY year
    """
    with firm_view(source, ("value_added", "exports")) as con:
        out = con.execute(sql, [group]).df()
    return out


def table2_summary(changes: pd.DataFrame, group: str = PAPER_GROUP) -> pd.DataFrame:
    """Liu's Table 2: mean and SD (n − 1) across industries of ΔVR, within and cross, by end year.

    ``changes`` is :func:`~gvcpanel.papers.liu_2013.decomposition.liu_decomposition` output (Liu
    uses one-year changes here: years 1999–2007); industries without continuers are left out, so
    ``dvr = within + cross`` holds for every row."""
    d = changes[(changes["group"] == group) & (changes["n_cont"] > 0)]
    stats = d.groupby("year")[["dvr", "within", "cross"]].agg(["mean", "std"])
    stats.columns = [f"{v}_{'sd' if s == 'std' else s}" for v, s in stats.columns]
    stats["n_industries"] = d.groupby("year").size()
    return stats.reset_index()


def tablea1_summary(source: Source, names: pd.DataFrame, group: str = PAPER_GROUP) -> pd.DataFrame:
    """Liu's Table A1: per two-digit industry, K/L (thousand RMB per person) and training
    intensity (Σ training / Σ output), pooled over all years for ``group``.

    ``names`` holds the two-digit list (columns ``cic2``, ``description``); its order is kept.
    """
    check_groups([group])
    sql = """
        SELECT cic2, sum(fixed_assets) / nullif(sum(employment), 0) AS kl,
               sum(training_expense) / sum(output) AS training
        FROM firms WHERE "group" = ? GROUP BY cic2
    """
    with firm_view(source, ("fixed_assets", "employment", "training_expense")) as con:
        stats = con.execute(sql, [group]).df()
    return names[["cic2", "description"]].merge(stats, on="cic2", how="left")


def industry_tables(
    firms: Source, span: int, group: str, memory_limit: str | None = None
) -> dict[str, pd.DataFrame]:
    """The industry stage of Liu (2013) on one scan of the checked firm table.

    Returns ``panel`` (:func:`industry_panel`: eq. 62 VR, eq. 64 margins over ``span`` years),
    ``changes_1y`` and ``changes_span`` (:func:`liu_decomposition` over one year and, by
    two-digit industry, over the whole span of the panel) and the summaries ``table1``,
    ``table2`` and ``tableA1`` of ``group``.
    """
    require = ("fixed_assets", "employment", "training_expense", "value_added", "exports")
    with open_firm_table(firms, require, memory_limit) as table:
        panel = industry_panel(table, span=span)
        changes_1y = liu_decomposition(table, span=1)
        first, last = int(panel["year"].min()), int(panel["year"].max())
        return {
            "panel": panel,
            "changes_1y": changes_1y,
            "changes_span": liu_decomposition(table, span=last - first, level="cic2"),
            "table1": table1_summary(table, group=group),
            "table2": table2_summary(changes_1y, group=group),
            "tableA1": tablea1_summary(table, read_table_a1(), group=group),
        }


def read_wage_index(path: str | Path) -> pd.DataFrame:
    """The wage-rate index CSV (columns ``year``, ``wage_index``; one numeric row per year)."""
    try:
        df = pd.read_csv(path)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(path, "readable CSV", [], str(exc)) from exc
    missing = [c for c in ("year", "wage_index") if c not in df.columns]
    if missing:
        raise DataError(path, "required columns present", missing)
    dup = df.loc[df["year"].duplicated(keep=False), "year"]
    if len(dup):
        raise DataError(path, "unique key (year)", sorted(set(dup)))
    values = pd.to_numeric(df["wage_index"], errors="coerce")
    bad = df.loc[values.isna() | ~np.isfinite(values), "year"]
    if len(bad):
        raise DataError(path, "wage_index numeric and finite", list(bad))
    return pd.DataFrame({"year": df["year"].astype(int), "wage_index": values.astype(float)})
