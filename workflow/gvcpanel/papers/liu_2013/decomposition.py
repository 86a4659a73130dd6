"""Liu's (2013) eq. (64) decomposition of ΔVR into within, cross, entry and exit margins.

:func:`liu_decomposition` — Liu (2013) eq. (64) on a firm table, in DuckDB SQL so it streams over
  Parquet datasets: for each industry × ownership group and each pair of years (t − k, t),

  - within = Σ_C ΔVR_j (λ_jt + λ_j,t−k)/2,  cross = Σ_C Δλ_j (VR_jt + VR_j,t−k)/2,

  where VR_j = (output − intermediate inputs)/output and λ_j is firm j's output share **among the
  continuers** of its industry-group. With these shares ``within + cross = VR^C_t − VR^C_{t−k}``,
  the change of the continuers' aggregate VR, exactly (Liu's Table 2 means satisfy it). Entrants
  and exiters close the gap to the whole industry's ΔVR (eq. 62):

  - entry = S^N_t (VR^N_t − VR^C_t) = VR_t − VR^C_t,
  - exit  = S^X_{t−k} (VR^C_{t−k} − VR^X_{t−k}) = VR^C_{t−k} − VR_{t−k},

  with S the output share of entrants (exiters) in the industry-group, so that
  ``within + cross + entry + exit = VR_t − VR_{t−k}``. The GR decomposition of the same industry
  ΔVR with shares among *all* firms (``P_t`` = eq. 62's VR) is returned beside it
  (``gr_within``, ``gr_between``, ``gr_entry``, ``gr_exit``).

A firm is a continuer of an industry-group when it is in the same industry and group in both
years; a firm that switches industry or group counts as an exiter of the old and an entrant of the
new one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from gvcpanel.papers.liu_2013.firm_table import Source, check_level, firm_view, group_filter

LIU_COLUMNS = (
    "dvr",
    "within",
    "cross",
    "entry",
    "exit",
    "dvr_total",
    "gr_within",
    "gr_between",
    "gr_entry",
    "gr_exit",
)


def liu_decomposition(
    source: Source,
    span: int = 1,
    level: str = "cic4",
    groups: Sequence[str] | None = None,
    memory_limit: str | None = None,
) -> pd.DataFrame:
    """Liu (2013) eq. (64) with entry/exit terms, per ``group`` × industry × end year ``year``.

    ``span`` is the length k of the change (1, 2, … or last − first year for the whole period);
    ``level`` the industry column (``cic4`` or ``cic2``). Columns: ``group``, ``<level>``,
    ``year`` (= t), ``year0`` (= t − k), ``dvr`` (= within + cross, continuers' ΔVR), ``within``,
    ``cross``, ``entry``, ``exit``, ``dvr_total`` (industry ΔVR, eq. 62), the GR terms
    ``gr_within``, ``gr_between``, ``gr_entry``, ``gr_exit``, ``vr0``/``vr1`` (industry VR in
    t − k, t), ``vr_c0``/``vr_c1`` (continuers' VR) and the counts ``n_cont``, ``n_entry``,
    ``n_exit``. Rows exist for every industry-group present in both years (an industry-group
    without continuers gets missing ``within``/``cross``/``dvr``).
    """
    if int(span) < 1:
        raise ValueError(f"span must be a positive number of years, got {span!r}")
    lvl = check_level(level)
    sql = _decomposition_sql(lvl, group_filter(groups), int(span))
    with firm_view(source, memory_limit=memory_limit) as con:
        out = con.execute(sql).df()
    out["dvr"] = out["within"] + out["cross"]
    has_c = out["n_cont"] > 0
    out["entry"] = np.where(has_c, out["vr1"] - out["vr_c1"], np.nan)
    out["exit"] = np.where(has_c, out["vr_c0"] - out["vr0"], np.nan)
    out["dvr_total"] = out["vr1"] - out["vr0"]
    for col in ("gr_within", "gr_between"):
        out[col] = out[col].fillna(0.0)
    cols = ["group", lvl, "year", "year0", *LIU_COLUMNS, "vr0", "vr1", "vr_c0", "vr_c1"]
    return out[[*cols, "n_cont", "n_entry", "n_exit"]]


def _decomposition_sql(lvl: str, where: str, span: int) -> str:
    """The query of eq. (64): industry totals in t and t - span (``pairs``), continuers (``c``,
    the same firm, industry and group in both years), their within, cross and GR terms."""
    return f"""
    WITH f AS (
        SELECT firm_id, year, {lvl} AS ind, "group" AS grp,
               output AS y, output - intermediate_inputs AS v
        FROM firms {where}
    ),
    tot AS (
        SELECT grp, ind, year, sum(y) AS Y, sum(v) AS V, count(*) AS n FROM f GROUP BY ALL
    ),
    pairs AS (
        SELECT a.grp, a.ind, a.year AS year, b.year AS year0,
               a.Y AS Y1, a.V AS V1, a.n AS n1, b.Y AS Y0, b.V AS V0, b.n AS n0
        FROM tot a JOIN tot b ON a.grp = b.grp AND a.ind = b.ind AND b.year = a.year - {span}
    ),
    c AS (
        SELECT f1.grp, f1.ind, f1.year, f0.y AS y0, f0.v AS v0, f1.y AS y1, f1.v AS v1
        FROM f f1 JOIN f f0
          ON f0.firm_id = f1.firm_id AND f0.year = f1.year - {span}
         AND f0.ind = f1.ind AND f0.grp = f1.grp
    ),
    ctot AS (
        SELECT grp, ind, year, sum(y0) AS YC0, sum(y1) AS YC1, sum(v0) AS VC0, sum(v1) AS VC1,
               count(*) AS n_cont
        FROM c GROUP BY ALL
    ),
    cterms AS (
        SELECT c.grp, c.ind, c.year,
          sum((c.v1 / c.y1 - c.v0 / c.y0) * (c.y1 / t.YC1 + c.y0 / t.YC0) / 2) AS within,
          sum((c.y1 / t.YC1 - c.y0 / t.YC0) * (c.v1 / c.y1 + c.v0 / c.y0) / 2) AS "cross",
          sum((c.v1 / c.y1 - c.v0 / c.y0) * (c.y1 / p.Y1 + c.y0 / p.Y0) / 2) AS gr_within,
          sum((c.y1 / p.Y1 - c.y0 / p.Y0)
              * ((c.v1 / c.y1 + c.v0 / c.y0) / 2 - (p.V1 / p.Y1 + p.V0 / p.Y0) / 2)) AS gr_between
        FROM c JOIN ctot t USING (grp, ind, year) JOIN pairs p USING (grp, ind, year)
        GROUP BY ALL
    )
    SELECT p.grp AS "group", p.ind AS {lvl}, p.year, p.year0,
           p.V0 / p.Y0 AS vr0, p.V1 / p.Y1 AS vr1,
           t.VC0 / t.YC0 AS vr_c0, t.VC1 / t.YC1 AS vr_c1,
           k.within, k."cross", k.gr_within, k.gr_between,
           (p.V1 - coalesce(t.VC1, 0)) / p.Y1
             - (p.Y1 - coalesce(t.YC1, 0)) / p.Y1 * (p.V1 / p.Y1 + p.V0 / p.Y0) / 2 AS gr_entry,
           -((p.V0 - coalesce(t.VC0, 0)) / p.Y0
             - (p.Y0 - coalesce(t.YC0, 0)) / p.Y0 * (p.V1 / p.Y1 + p.V0 / p.Y0) / 2) AS gr_exit,
           coalesce(t.n_cont, 0) AS n_cont, p.n1 - coalesce(t.n_cont, 0) AS n_entry,
           p.n0 - coalesce(t.n_cont, 0) AS n_exit
    FROM pairs p LEFT JOIN ctot t USING (grp, ind, year) LEFT JOIN cterms k USING (grp, ind, year)
    ORDER BY 1, 2, 3
    """
