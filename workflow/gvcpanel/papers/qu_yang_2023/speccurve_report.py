"""Specification curve: which construction choice moves which estimate, and the replication report.

Reads the tidy rows of every specification (``gvcpanel.papers.qu_yang_2023.speccurve``):

- ``moves_most``: for every (model, term), the single departure from the baseline with the
  largest |coef − baseline coef|, also in baseline standard errors;
- ``curve_data`` / ``draw_curve``: estimates sorted by size with their 95% CI, the paper's value
  as a horizontal line, the GVCP measure of each specification in colour, and the choice matrix
  beneath (one row per ``dim=value`` departure, a mark where a specification makes it);
- ``measure_table``: the paper's coefficients (eq. 16 and the threshold model) under each GVCP
  measure, every other choice at the baseline;
- ``replication_markdown``: where this run agrees with the paper and where not, with evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from gvcpanel.construct.gvcp import LABELS  # noqa: E402
from gvcpanel.papers.qu_yang_2023 import agreement  # noqa: E402
from gvcpanel.papers.qu_yang_2023.speccurve import DIMENSIONS  # noqa: E402

#: (model, term, label) drawn in the figure and discussed in the report.
HEADLINES = (
    ("eq16", "omega", "eq. (16) ω"),
    ("eq16", "mu", "eq. (16) μ"),
    ("eq16", "upsilon", "eq. (16) υ"),
    ("eq16", "gr", "eq. (16) gr"),
    ("eq17", "omega", "eq. (17) ω"),
    ("threshold", "phi", "eq. (19) threshold φ"),
)
#: The dimension the figure colours and :func:`measure_table` reads.
MEASURE = "gvcp"
#: Terms of :func:`measure_table`: eq. (16)'s slopes and the threshold model's φ (its regime
#: slopes follow, in the order of the rows).
MEASURE_TERMS = (
    ("eq16", "omega", "eq. (16) ω"),
    ("eq16", "mu", "eq. (16) μ"),
    ("eq16", "upsilon", "eq. (16) υ"),
    ("eq16", "gr", "eq. (16) gr"),
    ("threshold", "phi", "eq. (19) φ"),
)


def paper_values(reference: Mapping[str, Any]) -> dict[tuple[str, str], float]:
    """The paper's estimates of the headline terms (Table 1 columns, Table 2's single φ); with
    :func:`agreement.paper_significance`, what :func:`replication_markdown` compares with."""
    t1 = reference["table1"]
    out = {}
    for model in ("eq16", "eq17"):
        j = t1["columns"].index(model)
        for term in ("omega", "mu", "upsilon", "gr"):
            out[(model, term)] = float(t1[term][j]["coef"])
    out[("threshold", "phi")] = float(
        reference["table2_threshold_tests"]["mu"]["single"]["threshold"]
    )
    return out


def moves_most(rows: pd.DataFrame, baseline: str = "s00") -> pd.DataFrame:
    """Per (model, term): the one-choice departure that moves the coefficient most.

    Columns: model, term, baseline, choice, coef, shift (coef − baseline), shift_in_se
    (shift / baseline SE; NaN without an SE), specs (number of one-choice departures compared).
    """
    base = rows[rows["spec"] == baseline].set_index(["model", "term"])
    single = rows[(rows["changed"] != "baseline") & ~rows["changed"].str.contains(";")]
    out = []
    for (model, term), grp in single.groupby(["model", "term"], sort=False):
        if (model, term) not in base.index:
            continue
        b = base.loc[(model, term)]
        shift = grp["coef"] - b["coef"]
        i = shift.abs().idxmax()
        se = b["se"]
        out.append(
            {
                "model": model,
                "term": term,
                "baseline": float(b["coef"]),
                "choice": grp.loc[i, "changed"],
                "coef": float(grp.loc[i, "coef"]),
                "shift": float(shift[i]),
                "shift_in_se": float(shift[i] / se) if se and np.isfinite(se) else np.nan,
                "specs": len(grp),
            }
        )
    return pd.DataFrame(out)


def curve_data(rows: pd.DataFrame, model: str, term: str) -> tuple[pd.DataFrame, list[str]]:
    """Estimates of one term sorted by coefficient (ties by spec id), and the choice labels.

    The frame has spec, coef, ci_lower, ci_upper, changed and one boolean column per choice
    label (True where the specification makes that departure from the baseline).
    """
    d = rows[(rows["model"] == model) & (rows["term"] == term)]
    d = d.sort_values(["coef", "spec"], kind="mergesort", ignore_index=True)
    made = d["changed"].map(lambda s: [] if s == "baseline" else s.split("; "))
    labels = sorted({x for m in made for x in m})
    for label in labels:
        d[label] = made.map(lambda m, label=label: label in m)
    keep = [MEASURE] if MEASURE in d.columns else []
    return d[["spec", "coef", "ci_lower", "ci_upper", "changed", *keep, *labels]], labels


#: Colours of the GVCP measures other than the baseline's (tab10 without the baseline's red and
#: the paper line's blue)
MEASURE_COLOURS = tuple(plt.get_cmap("tab10")(i) for i in (2, 4, 5, 6, 8, 9, 1, 7))


def measure_colours(rows: pd.DataFrame, baseline: str = "s00") -> dict[str, Any]:
    """A colour for every GVCP measure of ``rows`` other than the ``baseline`` specification's."""
    if MEASURE not in rows.columns:
        return {}
    base = rows.loc[rows["spec"] == baseline, MEASURE]
    others = sorted(set(rows[MEASURE]) - set(base))
    return dict(zip(others, MEASURE_COLOURS, strict=False))


def _mark_measures(ax: plt.Axes, d: pd.DataFrame, x: np.ndarray, colours: dict[str, Any]) -> None:
    """Colour the estimates of the specifications on another GVCP measure than the baseline."""
    for measure, colour in colours.items():
        on = (d[MEASURE] == measure).to_numpy()
        label = f"GVCP {LABELS.get(measure, measure)} ({measure})"
        ax.scatter(x[on], d["coef"].to_numpy(float)[on], s=16, zorder=3, color=colour, label=label)


def draw_curve(
    rows: pd.DataFrame, paper: Mapping[tuple[str, str], float], headlines=HEADLINES
) -> plt.Figure:
    """One column per headline term: sorted estimates with 95% CIs above, choice matrix below;
    the specifications on another GVCP measure than the baseline's in colour, above and below."""
    colours = measure_colours(rows)
    fig, axes = plt.subplots(
        2,
        len(headlines),
        figsize=(3.6 * len(headlines), 7.5),
        gridspec_kw={"height_ratios": [1.3, 1]},
        squeeze=False,
    )
    for j, (model, term, title) in enumerate(headlines):
        d, labels = curve_data(rows, model, term)
        x = np.arange(len(d))
        top, bottom = axes[0, j], axes[1, j]
        base = (d["changed"] == "baseline").to_numpy()
        y = d["coef"].to_numpy(dtype=float)
        err = np.vstack([y - d["ci_lower"].to_numpy(float), d["ci_upper"].to_numpy(float) - y])
        top.errorbar(x, y, yerr=err, fmt="o", ms=3, color="0.2", ecolor="0.6", lw=0.8)
        top.plot(x[base], y[base], "s", color="tab:red", ms=6, label="baseline")
        _mark_measures(top, d, x, colours)
        if (model, term) in paper:
            top.axhline(paper[(model, term)], color="tab:blue", ls="--", lw=1, label="paper")
        if term != "phi":
            top.axhline(0, color="0.5", lw=0.5)
        top.set_title(title, fontsize=9)
        top.set_xticks([])
        if j == 0:
            top.legend(fontsize=6, loc="best")
        for i, label in enumerate(labels):
            on = d[label].to_numpy()
            colour = colours.get(label.removeprefix(f"{MEASURE}="), "0.1")
            bottom.plot(x[on], np.full(on.sum(), i), "|", color=colour, ms=8, mew=1.5)
        bottom.set_yticks(range(len(labels)))
        bottom.set_yticklabels(labels if j == 0 else [""] * len(labels), fontsize=7)
        bottom.set_ylim(-0.5, len(labels) - 0.5)
        bottom.set_xlim(top.get_xlim())
        bottom.set_xlabel("specifications, sorted by estimate", fontsize=7)
        bottom.tick_params(axis="x", labelsize=6)
    fig.suptitle("Specification curve: Qu & Yang (2023) on WIOD 2013 (95% CIs)", fontsize=10)
    fig.tight_layout()
    return fig


def _fmt(x: float | None) -> str:
    return "n/a" if x is None or not np.isfinite(x) else f"{x:.3f}"


def _headline(
    title: str,
    model: str,
    term: str,
    d: pd.DataFrame,
    b: pd.Series,
    ref: tuple[float, bool] | None,
    mover: str,
) -> tuple[str, str, str]:
    """One headline estimate: the verdict of the baseline ``b`` against the paper's ``ref``
    (value, significant at 5%), the report's line (value, CI, the counts of distinct
    specifications ``d`` that agree, the range, the choice that moves it most) and its row of
    the evidence table."""
    lo, hi = _fmt(d["coef"].min()), _fmt(d["coef"].max())
    paper = _fmt(ref[0] if ref else None)
    row = f"| {title} | {paper} | {_fmt(b['coef'])} | {lo} | {hi} | {mover} |"
    interval = f"{_fmt(b['coef'])} [{_fmt(b['ci_lower'])}, {_fmt(b['ci_upper'])}]"
    if ref is None:
        return "differs", f"- **{title}**: baseline {interval}; no published value.", row
    if term == "phi":
        v = agreement.phi_verdict(b["ci_lower"], b["ci_upper"], b["p"], *ref)
        edge = "; **at the edge of its own LR interval**" if agreement.at_edge(b) else ""
    else:
        v = agreement.slope_verdict(b["coef"], b["ci_lower"], b["ci_upper"], *ref)
        edge = ""
    evidence = agreement.shares(agreement.comparable(d, model), term, *ref)
    line = (
        f"- **{title}**: paper {_fmt(ref[0])}; baseline {interval}{edge}; {v.text}; {evidence}; "
        f"range over specifications {lo} to {hi}; moved most by {mover}."
    )
    return v.kind, line, row


_GREEK = {"omega": "ω", "mu": "μ", "upsilon": "υ"}


def _interval(g: pd.DataFrame, key: tuple[str, str]) -> str:
    """``coef [ci_lower, ci_upper]`` of one (model, term) of one specification's rows."""
    if key not in g.index:
        return "n/a"
    r = g.loc[key]
    return f"{_fmt(r['coef'])} [{_fmt(r['ci_lower'])}, {_fmt(r['ci_upper'])}]"


def measure_table(
    rows: pd.DataFrame, paper: Mapping[tuple[str, str], float], baseline: str = "s00"
) -> list[str]:
    """How the paper's coefficients move with the GVCP measure (Markdown lines; none without
    the dimension): one row per measure (the baseline and every specification that departs from
    it in the measure only), coefficient [95% CI] of eq. (16)'s slopes, the threshold φ (LR
    interval) and the threshold model's regime slopes; then, per slope, the paper's sign count."""
    if MEASURE not in rows.columns:
        return []
    d = rows[(rows["spec"] == baseline) | rows["changed"].str.fullmatch(rf"{MEASURE}=[^;]+")]
    slopes = [t for t in dict.fromkeys(d.loc[d["model"] == "threshold", "term"]) if t != "phi"]
    terms = [*MEASURE_TERMS]
    for t in slopes:
        var, _, side = t.rpartition("_")
        terms.append(("threshold", t, f"eq. (19) {_GREEK.get(var, var)}, {side} regime"))
    lines = [
        "| GVCP measure | spec | " + " | ".join(label for *_, label in terms) + " |",
        "|---|---|" + "---|" * len(terms),
    ]
    for spec, g in d.groupby("spec", sort=True):
        g = g.set_index(["model", "term"])
        m = str(g[MEASURE].iloc[0])
        cells = " | ".join(_interval(g, (model, term)) for model, term, _ in terms)
        lines.append(f"| `{m}` {LABELS.get(m, '')} | {spec} | {cells} |")
    notes = []
    for model, term, label in terms:
        est = d[(d["model"] == model) & (d["term"] == term)]
        ref = paper.get((model, term))
        if ref is None or term == "phi" or est.empty:
            continue
        same = np.sign(est["coef"]) == np.sign(ref)
        sig = (est["ci_lower"] > 0) | (est["ci_upper"] < 0)
        notes.append(
            f"{label}: the paper's sign under {int(same.sum())} of {len(est)} measures (95% CI "
            f"excluding 0 under {int((same & sig).sum())} of them), the opposite sign with a CI "
            f"excluding 0 under {int((~same & sig).sum())}; from {_fmt(est['coef'].min())} to "
            f"{_fmt(est['coef'].max())}"
        )
    return [*lines, "", *(f"- {n}." for n in notes)]


#: Sections of the report by verdict (:mod:`gvcpanel.papers.qu_yang_2023.agreement`).
SECTIONS = {
    "agrees": "Where this run agrees with the paper (sign and significance at 5%)",
    "sign_only": "Same sign, different significance at 5% (for φ: the paper's value inside the "
    "interval, the test's significance differs)",
    "differs": "Where it does not",
}


#: How the report compares (:mod:`gvcpanel.papers.qu_yang_2023.agreement`).
RULES_NOTE = (
    "A slope agrees with the paper when it has the paper's sign and the same significance at "
    "5% (the paper's stars against this run's 95% CI); the threshold φ when the paper's value "
    "lies inside this run's 95% LR interval and the threshold test has the paper's "
    "significance at 5%. A φ at the edge of its own interval (a bound, or one grid candidate "
    "from one) is flagged: the interval is open on that side. Counts over specifications "
    "count distinct models; for the signs and significance of eqs (16) and (17), "
    "specifications that differ only in units (`standardize`) count once. Magnitudes are "
    "compared, not tested: the paper's sample (21 countries, 2000-2015) is not available in "
    "WIOD 2013."
)


def replication_markdown(
    rows: pd.DataFrame,
    moved: pd.DataFrame,
    paper: Mapping[tuple[str, str], tuple[float, bool]],
    specs: Sequence[Mapping[str, Any]],
    ci_note: str = "",
    baseline: str = "s00",
    headlines=HEADLINES,
) -> str:
    """The replication report: per headline estimate, its verdict against the paper (value, and
    significant at 5%) and the evidence, then what each choice can change (``specs``: the grid).

    Evidence: baseline value and CI (φ flagged at the edge of its interval), the counts of
    distinct specifications with the paper's sign, sign and significance, a CI excluding 0,
    the range over specifications, and the choice that moves the estimate most.
    """
    found: dict[str, list[str]] = {k: [] for k in SECTIONS}
    table: list[str] = []
    rows = rows[rows["spec"].isin(agreement.distinct_specs(rows))]
    for model, term, title in headlines:
        d = rows[(rows["model"] == model) & (rows["term"] == term)]
        m = moved[(moved["model"] == model) & (moved["term"] == term)]
        mover = f"{m.iloc[0]['choice']} (shift {m.iloc[0]['shift']:+.3f})" if len(m) else "n/a"
        kind, line, row = _headline(title, model, term, d, d[d["spec"] == baseline].iloc[0],
                                    paper.get((model, term)), mover)  # fmt: skip
        found[kind].append(line)
        table.append(row)
    sections = [
        x
        for kind, heading in SECTIONS.items()
        for x in (f"## {heading}", "", *(found[kind] or ["- none of the headline estimates"]), "")
    ]
    parts = [
        "# Replication of Qu & Yang (2023) on WIOD 2013: where it agrees and where not",
        "",
        f"Generated from {rows['spec'].nunique()} distinct specifications of a grid of "
        f"{len(specs)} (tidy rows in `speccurve/estimates.csv`, figure `speccurve/speccurve.png`, "
        "single-choice effects in `speccurve/moves_most.csv`).",
        "",
        grid_description(specs),
        "",
        *([ci_note, ""] if ci_note else []),
        RULES_NOTE,
        "",
        *sections,
        "## Evidence at a glance",
        "",
        "| estimate | paper | baseline | min over specs | max over specs | moved most by |",
        "|---|---|---|---|---|---|",
        *table,
        "",
        *agreement.design_section(specs),
        *_measure_section(rows, {k: v[0] for k, v in paper.items()}, baseline),
    ]
    return "\n".join(parts)


def _measure_section(
    rows: pd.DataFrame, paper: Mapping[tuple[str, str], float], baseline: str
) -> list[str]:
    """The report's section on the GVCP measure (none without the dimension)."""
    table = measure_table(rows, paper, baseline)
    if not table:
        return []
    return [
        "## How the estimates move with the GVCP measure",
        "",
        "Every other choice as in the baseline; coefficient [95% CI] (φ: the LR interval). The "
        "measures (`country_panel.icio.gvcp`, `gvcpanel.construct.gvcp`): `fva_dvx` = (FVA + "
        "DVX)/E from the Leontief accounting (UNCTAD-Eora's, the paper's), `kww` = (IV + FV)/E "
        "from Koopman, Wang and Wei's terms (IV = DVA_INTrex, FV = FVA_FIN + FVA_INT + FDC), and "
        "the backward (FVA/E; FV/E is the same number) and forward (DVX/E, IV/E) parts.",
        "",
        *table,
        "",
    ]


def grid_description(specs: Sequence[Mapping[str, Any]]) -> str:
    """One paragraph naming the baseline and every specification's departures (a design
    duplicate as ``= <id>``)."""
    base = specs[0]
    dims = ", ".join(f"{d} = {base[d]}" for d in DIMENSIONS)
    others = "; ".join(
        f"{s['id']}: {', '.join(s['changed'])}"
        + (f" (= {s['duplicate_of']})" if s.get("duplicate_of") else "")
        for s in specs[1:]
    )
    return f"Baseline (s00): {dims}. Departures: {others}."
