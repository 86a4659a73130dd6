"""Liu (2013) Tables 1, 2 and A1 (from the summary frames of
:mod:`gvcpanel.papers.liu_2013.industry_panel`), the "paper vs. this run" version of every
table, and all of them together (:func:`render_liu_tables`, written by :func:`write_liu_tables`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from gvcpanel.estimate.tidy import Estimates
from gvcpanel.papers.liu_2013.tables import (
    DELTA_VR,
    DEPS,
    PAPER_VS_RUN,
    T1_STATS,
    T2_STATS,
    T7_TERMS,
    T7_YEARS,
    T345,
    TAU_TERMS,
    TERM_LABELS,
    WAGE_TERMS,
    coef_se,
    models,
    published,
    published_cells,
    published_digits,
    sig_number,
    table6,
    table7,
    table8,
    table345,
)
from gvcpanel.report import table as tables
from gvcpanel.report.cells import EMPTY, STAR_NOTE, Cell, Number, Stat, Text
from gvcpanel.report.table import Body, Layout, Table, columns


def table1(summary: pd.DataFrame, source: str) -> Table:
    """Table 1: summary statistics of the multinational subsidiaries by year (million RMB)."""
    body = Body()
    for _, row in summary.iterrows():
        body.add(str(int(row["year"])), *[sig_number(row[c]) for c, _ in T1_STATS])
    return Table(
        title="Summary Statistics of Multinational Subsidiaries",
        columns=columns(["Year", *[label for _, label in T1_STATS]], "l" + "r" * len(T1_STATS)),
        blocks=body.blocks,
        notes=[
            "Nominal values in current RMB, unit 1 million; shares in the whole manufacturing "
            "sector of the data (all ownership groups). VR mean and S.D. across four-digit "
            "industries (eq. 62).",
            f"Data: {source}.",
        ],
        number="1",
        label="tab:liu_table1",
        layout=Layout(landscape=True, head_width="1.6cm"),
    )


def table2(summary: pd.DataFrame, source: str) -> Table:
    """Table 2: mean and S.D. of ΔVR and its two margins across four-digit industries by year."""
    body = Body()
    for _, row in summary.iterrows():
        body.add(str(int(row["year"])), *[Number(row[c], 4) for c, _ in T2_STATS])
    return Table(
        title="Change in VR and the Two Margins, Four-digit Industries",
        columns=columns(["Year", *[label for _, label in T2_STATS]]),
        blocks=body.blocks,
        notes=[
            "Changes over one year, continuing subsidiaries (eq. 64): "
            + DELTA_VR
            + " = within + cross.",
            f"Data: {source}.",
        ],
        number="2",
        label="tab:liu_table2",
    )


def tablea1(summary: pd.DataFrame, source: str) -> Table:
    """Table A1: two-digit industries with K/L and training intensity."""
    body = Body()
    for _, row in summary.iterrows():
        body.add(
            str(int(row["cic2"])),
            str(row["description"]),
            Number(row["kl"], 2),
            Number(row["training"], 5),
        )
    heads = ["Code", "Description", "K/L (1,000 RMB per person)", "Training intensity"]
    cols = columns(heads, "llrr")
    cols[1] = tables.Column("Description", "l", width="7.5cm")
    return Table(
        title="Description of Two-digit Industries",
        columns=cols,
        blocks=body.blocks,
        notes=["Training intensity = training expense / output (ratio).", f"Data: {source}."],
        number="A1",
        label="tab:liu_tablea1",
        layout=Layout(long=True, head_width="2.6cm"),
    )


def _pub_cells(cell: Mapping[str, Any] | None) -> tuple[Cell, Cell]:
    if not cell:
        return EMPTY, EMPTY
    value, se = cell["coef"], cell["se"]
    coef = Number(value, published_digits(value), cell["stars"])
    return coef, Stat((se,), published_digits(se))


def regression_vs_paper(number: str, ests: Sequence[Estimates], terms: Sequence[str]) -> Table:
    """Long "paper vs. this run" table: published coefficient (SE) beside this run's."""
    pub = published_cells()
    body = Body()
    for i, m in enumerate(ests):
        if i:
            body.rule()
        p = pub[m.model]
        for name in terms:
            if name not in p or p[name] is None:
                continue
            c = m.coef(name)
            body.add(m.model, TERM_LABELS[name], *_pub_cells(p[name]), *coef_se(c.coef, c.p, c.se))
        if p["nobs"] is not None:
            body.add(m.model, "Observations", Number(p["nobs"], 0), "", Number(m.nobs, 0), "")
            body.add(m.model, "R-squared", Number(p["r2"], 3), "", Number(m.r2, 3), "")
    return Table(
        title=PAPER_VS_RUN,
        columns=columns(["Model", "Term", "Paper", "(SE)", "This run", "(SE)"]),
        blocks=body.blocks,
        notes=[
            "Paper: Liu (2013), transcribed; stars as published. This run: stars from this "
            "run's p-values. " + STAR_NOTE
        ],
        number=number,
        label=f"tab:liu_table{number}_vs_paper",
    )


def summary_vs_paper(
    number: str,
    summary: pd.DataFrame,
    key: str,
    stats: Sequence[tuple[str, Text | str]],
    digits: int | None = None,
) -> Table:
    """Long "paper vs. this run" table for Tables 1 and 2 (by year and statistic).

    Numbers show ``digits`` decimals, or three significant digits when ``digits`` is None.
    """
    pub = published()[key]
    ours = summary.set_index("year")
    body = Body()
    for i, year in enumerate(pub["years"]):
        for col, name in stats:
            mine = ours.loc[year, col] if year in ours.index else None
            paper = pub[col][i]
            paper_cell = Number(paper, digits or published_digits(paper))
            body.add(
                str(year), name, paper_cell, Number(mine, digits) if digits else sig_number(mine)
            )
    return Table(
        title=PAPER_VS_RUN,
        columns=columns(["Year", "Statistic", "Paper", "This run"]),
        blocks=body.blocks,
        notes=["Paper: Liu (2013), transcribed."],
        number=number,
        label=f"tab:liu_table{number}_vs_paper",
    )


def tablea1_vs_paper(summary: pd.DataFrame) -> Table:
    """Table A1, paper vs. this run: K/L and training intensity per two-digit industry."""
    rows = published()["tableA1_two_digit"]["rows"]
    ours = summary.set_index("cic2")
    body = Body()
    for code, _, kl, training in rows:
        mine = ours.loc[code] if code in ours.index else None
        body.add(
            str(code),
            Number(kl, 2),
            Number(None if mine is None else mine["kl"], 2),
            Number(training, 5),
            Number(None if mine is None else mine["training"], 5),
        )
    heads = ["Code", "K/L paper", "K/L this run", "Training paper", "Training this run"]
    return Table(
        title=PAPER_VS_RUN,
        columns=columns(heads),
        blocks=body.blocks,
        notes=["Paper: Liu (2013), Table A1, transcribed."],
        number="A1",
        label="tab:liu_tablea1_vs_paper",
    )


def render_liu_tables(
    estimates: Mapping[str, Estimates],
    table1_summary: pd.DataFrame,
    table2_summary: pd.DataFrame,
    tablea1_summary: pd.DataFrame,
    source: str,
) -> dict[str, Table]:
    """All Liu tables and their ``_vs_paper`` versions, keyed by file stem (``table3`` …)."""
    out = {
        "table1": table1(table1_summary, source),
        "table1_vs_paper": summary_vs_paper("1", table1_summary, "table1_summary", T1_STATS),
        "table2": table2(table2_summary, source),
        "table2_vs_paper": summary_vs_paper("2", table2_summary, "table2_changes", T2_STATS, 4),
        "tableA1": tablea1(tablea1_summary, source),
        "tableA1_vs_paper": tablea1_vs_paper(tablea1_summary),
    }
    for k in T345:
        out[f"table{k}"] = table345(k, estimates, source)
        ests = models(estimates, [f"table{k}_col{j}" for j in range(1, 5)])
        out[f"table{k}_vs_paper"] = regression_vs_paper(str(k), ests, TAU_TERMS)
    out["table6"] = table6(estimates, source)
    out["table6_vs_paper"] = regression_vs_paper(
        "6", models(estimates, [f"table6_col{j}" for j in range(1, 7)]), WAGE_TERMS
    )
    out["table7"] = table7(estimates, source)
    out["table7_vs_paper"] = regression_vs_paper(
        "7", models(estimates, [f"table7_{y}_{d}" for y in T7_YEARS for d in DEPS]), T7_TERMS
    )
    out["table8"] = table8(estimates, source)
    out["table8_vs_paper"] = regression_vs_paper(
        "8", models(estimates, [f"table8_col{j}" for j in range(1, 7)]), TAU_TERMS
    )
    return out


def read_estimates(paths: Sequence[str | Path]) -> dict[str, Estimates]:
    """Tidy estimate files keyed by model name."""
    ests = [Estimates.read(p) for p in paths]
    return {m.model: m for m in ests}


def write_liu_tables(
    outdir: str | Path, liu: Mapping[str, Table], formats: Iterable[str] = tables.FORMATS
) -> list[Path]:
    """Write each table atomically under ``outdir`` (e.g. ``results/tables/liu_2013``) as
    ``<stem>.<format>`` for each of ``formats`` (:func:`gvcpanel.report.table.write`)."""
    formats = list(formats)
    out = Path(outdir)
    return [p for stem, t in sorted(liu.items()) for p in tables.write(t, out / stem, formats)]
