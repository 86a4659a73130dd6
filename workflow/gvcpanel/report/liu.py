"""Liu (2013) tables 1–8 and A1 in the paper's layouts, plus "paper vs. this run" versions.

Regression tables are rendered only from tidy :class:`~gvcpanel.estimate.tidy.Estimates`
(model names from :func:`gvcpanel.estimate.convergence.paper_specs`); Tables 1, 2 and A1 from the
summary frames of :mod:`gvcpanel.construct.liu_panel`. Published values come from the project copy
``published/liu_2013.json`` (transcribed from the paper). Coefficients show stars from this run's
p-values (*** 1%, ** 5%, * 10%) and the clustered SE in parentheses, as in the paper.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.estimate.tidy import Estimates
from gvcpanel.papers.liu_2013 import GROUP_HEADERS, GROUP_LABELS, GROUP_OPERATION
from gvcpanel.report.latex import STAR_NOTE, Table, coef_cell, escape, num, paren, write_table

PUBLISHED = Path(__file__).parent / "published" / "liu_2013.json"
TERM_LABELS = {
    "initial_vr": "Initial VR",
    "tau": r"Year Trend ($\tau$)",
    "wage_index": "Wage Index",
    "training": r"Training Intensity ($\beta$)",
    "kl": "Capital Intensity (K/L)",
    "const": "Constant",
}
DEP_LABELS = {
    "dvr": r"$\Delta$VR",
    "within": "Within-Subsidiary Margin",
    "cross": "Cross-Subsidiary Margin",
    "dvr_total": r"$\Delta$VR (all firms)",
}
TAU_TERMS = ("initial_vr", "tau", "training", "kl", "const")
WAGE_TERMS = ("initial_vr", "wage_index", "training", "kl", "const")
T7_TERMS = ("initial_vr", "tau", "training", "kl")
T7_YEARS = (1999, 2001, 2003, 2005)
DEPS = ("dvr", "within", "cross")
T345 = {3: ("table3_dVR", "dvr"), 4: ("table4_within", "within"), 5: ("table5_cross", "cross")}
T345_HEAD = [
    "(1) Full sample",
    "(2) Full sample",
    "(3) High K/L industries",
    "(4) Low K/L industries",
]
T1_STATS = (
    ("output_mean", "Output mean"),
    ("output_sd", "Output S.D."),
    ("output_share_pct", "Output share (\\%)"),
    ("va_mean", "Value added mean"),
    ("va_sd", "Value added S.D."),
    ("va_share_pct", "Value added share (\\%)"),
    ("vr_mean", "VR mean"),
    ("vr_sd", "VR S.D."),
    ("export_mean", "Export mean"),
    ("export_sd", "Export S.D."),
    ("export_share_pct", "Export share (\\%)"),
)
T2_STATS = tuple(
    (f"{v}_{s}", f"{label} {s.replace('sd', 'S.D.')}")
    for v, label in (("dvr", r"$\Delta$VR"), ("within", "Within"), ("cross", "Cross"))
    for s in ("mean", "sd")
)
CLUSTER_NOTE = (
    "Standard errors clustered by four-digit industry in parentheses (Stata's small-sample "
    r"factor $G/(G-1)\cdot(N-1)/(N-K)$, $K$ counting the two-digit dummies; $p$-values from "
    r"$t(G-1)$)."
)
LEVEL_NOTE = (
    r"The regression is at the level of (four-digit industry $\times$ year). "
    "Two-digit industry dummies are included."
)


@cache
def published() -> dict[str, Any]:
    """The published Liu (2013) values (project copy of the paper's tables)."""
    return json.loads(PUBLISHED.read_text())


def sig_digits(x: float | None, sig: int = 3) -> int:
    """Decimals that show ``sig`` significant digits of ``x`` (2 for 0 or missing, at most 6)."""
    if x is None or x == 0 or not math.isfinite(x):
        return 2
    return int(min(6, max(0, sig - 1 - math.floor(math.log10(abs(x))))))


def published_digits(x: float) -> int:
    """Decimals that show a transcribed value in full (at least three significant digits)."""
    exponent = Decimal(repr(x)).normalize().as_tuple().exponent
    return int(min(7, max(-int(exponent), sig_digits(x))))


def _fmt(x: float | None) -> str:
    return num(x, sig_digits(x))


def published_cells() -> dict[str, dict[str, Any]]:
    """Published coefficients by model name: ``{model: {term: {coef, se, stars}, nobs, r2}}``."""
    pub = published()
    out: dict[str, dict[str, Any]] = {}
    t35 = pub["tables3_5"]
    for k, (key, _) in T345.items():
        for j in range(4):
            cells = {t: t35[key][t][j] for t in TAU_TERMS}
            out[f"table{k}_col{j + 1}"] = {**cells, "nobs": t35["nobs"][j], "r2": t35[key]["r2"][j]}
    t6 = pub["table6_wage_index"]
    for j in range(6):
        cells = {t: t6[t][j] for t in WAGE_TERMS}
        out[f"table6_col{j + 1}"] = {**cells, "nobs": t6["nobs"], "r2": t6["r2"][j]}
    t7 = pub["table7_initial_years"]
    for year in T7_YEARS:
        for j, dep in enumerate(DEPS):
            cells = {t: t7[str(year)][t][j] for t in T7_TERMS}
            out[f"table7_{year}_{dep}"] = {**cells, "nobs": None, "r2": None}
    t8 = pub["table8_counter_groups"]
    for j in range(6):
        cells = {t: t8[t][j] for t in TAU_TERMS}
        out[f"table8_col{j + 1}"] = {**cells, "nobs": t8["nobs"][j], "r2": t8["r2"][j]}
    return out


def _models(estimates: Mapping[str, Estimates], names: Sequence[str]) -> list[Estimates]:
    missing = [n for n in names if n not in estimates]
    if missing:
        raise DataError("tidy estimates", "model present for table", missing)
    return [estimates[n] for n in names]


def _coef_rows(table: Table, models: Sequence[Estimates], terms: Sequence[str]) -> None:
    for term in terms:
        coefs, ses = [], []
        for m in models:
            try:
                c = m.coef(term)
            except KeyError:
                coefs.append("")
                ses.append("")
                continue
            coefs.append(coef_cell(c.coef, c.p, sig_digits(c.coef)))
            ses.append(paren(c.se, sig_digits(c.se)))
        table.add(TERM_LABELS[term], *coefs)
        table.add("", *ses)


def _stat_rows(table: Table, models: Sequence[Estimates]) -> None:
    table.add("Observations", *[f"{m.nobs:,}".replace(",", "{,}") for m in models])
    table.add("R-squared", *[num(m.r2, 3) for m in models])


def _end_years(models: Sequence[Estimates]) -> str:
    """End years of the changes from the files' samples, per initial year where they differ."""
    spans = {}
    for x in models:
        years = x.sample.get("years") or []
        if years:
            spans.setdefault(x.sample.get("initial_year"), (min(years), max(years)))
    if not spans:
        return ""
    if len(set(spans.values())) == 1:
        first, last = next(iter(spans.values()))
        return f"end years {first}--{last}"
    return "end years " + ", ".join(
        f"{first}--{last} (initial year {initial})" for initial, (first, last) in spans.items()
    )


def _notes(models: Sequence[Estimates], source: str, extra: Sequence[str] = ()) -> list[str]:
    m = models[0]
    groups = sorted({x.sample.get("group", "") for x in models})
    ends = _end_years(models)
    spans = sorted({k for x in models for k in x.sample.get("span", [])})
    length = "/".join(str(k) for k in spans) or "?"
    se = CLUSTER_NOTE if m.se_convention.startswith("CR1") else escape(m.se_convention)
    owners = " and ".join(GROUP_LABELS.get(g, g) for g in groups)
    return [
        *extra,
        LEVEL_NOTE,
        se,
        escape(f"Sample: {owners} firms; {ends}; {length}-year changes."),
        escape(f"Data: {source}."),
        STAR_NOTE,
    ]


def _regression_table(
    caption: str,
    label: str,
    header: Sequence[str],
    models: Sequence[Estimates],
    terms: Sequence[str],
    source: str,
    extra_notes: Sequence[str] = (),
    landscape: bool = False,
) -> Table:
    t = Table(caption, label, ["", *header], landscape=landscape, head_width="2.4cm")
    _coef_rows(t, models, terms)
    t.rule()
    _stat_rows(t, models)
    t.notes = _notes(models, source, extra_notes)
    return t


def table345(k: int, estimates: Mapping[str, Estimates], source: str) -> Table:
    """Tables 3 (ΔVR), 4 (within) and 5 (cross): full, + K/L, high and low K/L."""
    models = _models(estimates, [f"table{k}_col{j}" for j in range(1, 5)])
    operation = GROUP_OPERATION[models[0].sample["group"]]
    titles = {
        3: rf"$\Delta$VR of {operation}",
        4: rf"Within-Subsidiary Margin of $\Delta$VR, {operation}",
        5: rf"Cross-Subsidiary Margin of $\Delta$VR, {operation}",
    }
    note = f"Dependent variable: {DEP_LABELS[models[0].dependent]}."
    return _regression_table(
        f"Table {k}: {titles[k]}", f"tab:liu_table{k}", T345_HEAD, models, TAU_TERMS, source, [note]
    )


def table6(estimates: Mapping[str, Estimates], source: str) -> Table:
    """Table 6: ΔVR, within and cross with the wage-rate index instead of τ."""
    models = _models(estimates, [f"table6_col{j}" for j in range(1, 7)])
    header = [f"({j}) {DEP_LABELS[m.dependent]}" for j, m in enumerate(models, start=1)]
    return _regression_table(
        r"Table 6: $\Delta$VR, Within- and Cross-Subsidiary Margins, Wage-Rate Index Included",
        "tab:liu_table6",
        header,
        models,
        WAGE_TERMS,
        source,
        landscape=True,
    )


def table7(estimates: Mapping[str, Estimates], source: str) -> Table:
    """Table 7: column (2) specification with initial years 1999, 2001, 2003, 2005."""
    header = ["", *[DEP_LABELS[d] for d in DEPS] * 2]
    t = Table(
        r"Table 7: $\Delta$VR and the Two Margins, Various Initial Years",
        "tab:liu_table7",
        header,
        landscape=True,
        head_width="2.4cm",
    )
    all_models = []
    for pair in ((1999, 2001), (2003, 2005)):
        models = _models(estimates, [f"table7_{y}_{d}" for y in pair for d in DEPS])
        all_models += models
        t.add("Initial VR: year", *[str(y) for y in pair for _ in DEPS])
        t.rule()
        _coef_rows(t, models, T7_TERMS)
        _stat_rows(t, models)
        t.rule()
    t.rows.pop()
    t.notes = _notes(
        all_models, source, ["Specification is the same as column (2) in Tables 3--5."]
    )
    return t


def table8(estimates: Mapping[str, Estimates], source: str) -> Table:
    """Table 8: the counter-groups, domestic and HMT in the paper (column (2) specification)."""
    models = _models(estimates, [f"table8_col{j}" for j in range(1, 7)])
    header = [
        f"({j}) {GROUP_HEADERS[m.sample['group']]} {DEP_LABELS[m.dependent]}"
        for j, m in enumerate(models, start=1)
    ]
    groups = dict.fromkeys(m.sample["group"] for m in models)
    operations = " and ".join(GROUP_OPERATION[g] for g in groups)
    return _regression_table(
        rf"Table 8: $\Delta$VR and the Two Margins, {operations}",
        "tab:liu_table8",
        header,
        models,
        TAU_TERMS,
        source,
        landscape=True,
    )


def table1(summary: pd.DataFrame, source: str) -> Table:
    """Table 1: summary statistics of the multinational subsidiaries by year (million RMB)."""
    header = ["Year", *[label for _, label in T1_STATS]]
    t = Table(
        "Table 1: Summary Statistics of Multinational Subsidiaries",
        "tab:liu_table1",
        header,
        align="l" + "r" * len(T1_STATS),
        landscape=True,
        head_width="1.6cm",
    )
    for _, row in summary.iterrows():
        t.add(str(int(row["year"])), *[_fmt(row[c]) for c, _ in T1_STATS])
    t.notes = [
        "Nominal values in current RMB, unit 1 million; shares in the whole manufacturing "
        "sector of the data (all ownership groups). VR mean and S.D. across four-digit "
        "industries (eq. 62).",
        escape(f"Data: {source}."),
    ]
    return t


def table2(summary: pd.DataFrame, source: str) -> Table:
    """Table 2: mean and S.D. of ΔVR and its two margins across four-digit industries by year."""
    header = ["Year", *[label for _, label in T2_STATS]]
    t = Table(
        r"Table 2: Change in VR and the Two Margins, Four-digit Industries",
        "tab:liu_table2",
        header,
    )
    for _, row in summary.iterrows():
        t.add(str(int(row["year"])), *[num(row[c], 4) for c, _ in T2_STATS])
    t.notes = [
        "Changes over one year, continuing subsidiaries (eq. 64): "
        r"$\Delta$VR = within + cross.",
        escape(f"Data: {source}."),
    ]
    return t


def tablea1(summary: pd.DataFrame, source: str) -> Table:
    """Table A1: two-digit industries with K/L and training intensity."""
    t = Table(
        "Table A1: Description of Two-digit Industries",
        "tab:liu_tablea1",
        ["Code", "Description", "K/L (1,000 RMB per person)", "Training intensity"],
        align="lp{7.5cm}rr",
        long=True,
        head_width="2.6cm",
    )
    for _, row in summary.iterrows():
        t.add(
            str(int(row["cic2"])),
            escape(row["description"]),
            num(row["kl"], 2),
            num(row["training"], 5),
        )
    t.notes = [
        "Training intensity = training expense / output (ratio).",
        escape(f"Data: {source}."),
    ]
    return t


def _pub_cell(cell: Mapping[str, Any] | None) -> tuple[str, str]:
    if not cell:
        return "", ""
    coef, se = cell["coef"], cell["se"]
    return num(coef, published_digits(coef)) + cell["stars"], paren(se, published_digits(se))


def regression_vs_paper(
    title: str, label: str, models: Sequence[Estimates], terms: Sequence[str]
) -> Table:
    """Long "paper vs. this run" table: published coefficient (SE) beside this run's."""
    pub = published_cells()
    t = Table(
        f"{title} -- paper vs.\\ this run",
        label,
        ["Model", "Term", "Paper", "(SE)", "This run", "(SE)"],
    )
    for m in models:
        p = pub[m.model]
        for term in terms:
            if term not in p or p[term] is None:
                continue
            c = m.coef(term)
            t.add(
                escape(m.model),
                TERM_LABELS[term],
                *_pub_cell(p[term]),
                coef_cell(c.coef, c.p, sig_digits(c.coef)),
                paren(c.se, sig_digits(c.se)),
            )
        if p["nobs"] is not None:
            t.add(escape(m.model), "Observations", str(p["nobs"]), "", str(m.nobs), "")
            t.add(escape(m.model), "R-squared", num(p["r2"], 3), "", num(m.r2, 3), "")
        t.rule()
    t.rows.pop()
    t.notes = [
        "Paper: Liu (2013), transcribed; stars as published. This run: stars from this "
        "run's p-values. " + STAR_NOTE
    ]
    return t


def summary_vs_paper(
    title: str,
    label: str,
    summary: pd.DataFrame,
    key: str,
    stats: Sequence[tuple[str, str]],
    digits: int | None = None,
) -> Table:
    """Long "paper vs. this run" table for Tables 1 and 2 (by year and statistic).

    Numbers show ``digits`` decimals, or three significant digits when ``digits`` is None.
    """
    pub = published()[key]
    ours = summary.set_index("year")
    t = Table(f"{title} -- paper vs.\\ this run", label, ["Year", "Statistic", "Paper", "This run"])
    for i, year in enumerate(pub["years"]):
        for col, name in stats:
            mine = ours.loc[year, col] if year in ours.index else None
            cells = [pub[col][i], mine]
            paper = num(cells[0], digits or published_digits(cells[0]))
            t.add(str(year), name, paper, num(cells[1], digits) if digits else _fmt(cells[1]))
    t.notes = ["Paper: Liu (2013), transcribed."]
    return t


def tablea1_vs_paper(summary: pd.DataFrame) -> Table:
    """Table A1, paper vs. this run: K/L and training intensity per two-digit industry."""
    rows = published()["tableA1_two_digit"]["rows"]
    ours = summary.set_index("cic2")
    t = Table(
        "Table A1 -- paper vs.\\ this run",
        "tab:liu_tablea1_vs_paper",
        ["Code", "K/L paper", "K/L this run", "Training paper", "Training this run"],
    )
    for code, _, kl, training in rows:
        mine = ours.loc[code] if code in ours.index else None
        t.add(
            str(code),
            num(kl, 2),
            num(None if mine is None else mine["kl"], 2),
            num(training, 5),
            num(None if mine is None else mine["training"], 5),
        )
    t.notes = ["Paper: Liu (2013), Table A1, transcribed."]
    return t


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
        "table1_vs_paper": summary_vs_paper(
            "Table 1", "tab:liu_table1_vs_paper", table1_summary, "table1_summary", T1_STATS
        ),
        "table2": table2(table2_summary, source),
        "table2_vs_paper": summary_vs_paper(
            "Table 2", "tab:liu_table2_vs_paper", table2_summary, "table2_changes", T2_STATS, 4
        ),
        "tableA1": tablea1(tablea1_summary, source),
        "tableA1_vs_paper": tablea1_vs_paper(tablea1_summary),
    }
    for k in T345:
        out[f"table{k}"] = table345(k, estimates, source)
        models = _models(estimates, [f"table{k}_col{j}" for j in range(1, 5)])
        out[f"table{k}_vs_paper"] = regression_vs_paper(
            f"Table {k}", f"tab:liu_table{k}_vs_paper", models, TAU_TERMS
        )
    out["table6"] = table6(estimates, source)
    out["table6_vs_paper"] = regression_vs_paper(
        "Table 6",
        "tab:liu_table6_vs_paper",
        _models(estimates, [f"table6_col{j}" for j in range(1, 7)]),
        WAGE_TERMS,
    )
    out["table7"] = table7(estimates, source)
    out["table7_vs_paper"] = regression_vs_paper(
        "Table 7",
        "tab:liu_table7_vs_paper",
        _models(estimates, [f"table7_{y}_{d}" for y in T7_YEARS for d in DEPS]),
        T7_TERMS,
    )
    out["table8"] = table8(estimates, source)
    out["table8_vs_paper"] = regression_vs_paper(
        "Table 8",
        "tab:liu_table8_vs_paper",
        _models(estimates, [f"table8_col{j}" for j in range(1, 7)]),
        TAU_TERMS,
    )
    return out


def read_estimates(paths: Sequence[str | Path]) -> dict[str, Estimates]:
    """Tidy estimate files keyed by model name."""
    models = [Estimates.read(p) for p in paths]
    return {m.model: m for m in models}


def write_liu_tables(outdir: str | Path, tables: Mapping[str, Table]) -> list[Path]:
    """Write each table atomically under ``outdir`` (e.g. ``results/tables/liu_2013``) as
    ``<stem>.tex`` and ``<stem>.html`` (:func:`~gvcpanel.report.latex.write_table`)."""
    paths = []
    for stem, table in sorted(tables.items()):
        tex, page = Path(outdir) / f"{stem}.tex", Path(outdir) / f"{stem}.html"
        write_table(table, tex, page)
        paths += [tex, page]
    return paths
