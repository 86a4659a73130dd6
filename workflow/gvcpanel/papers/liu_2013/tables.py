"""Liu (2013) regression Tables 3-8 in the paper's layouts, with the labels, digits and
published values that the summary tables and the "paper vs. this run" tables
(:mod:`gvcpanel.papers.liu_2013.summary_tables`) share.

Regression tables are built only from tidy :class:`~gvcpanel.estimate.tidy.Estimates` (model names
from :func:`gvcpanel.papers.liu_2013.paper_specs`). Published values come from the
project copy ``papers/liu_2013/published.json`` (transcribed from the paper). Coefficients show
stars from this run's p-values (*** 1%, ** 5%, * 10%) and the clustered SE in parentheses, as in the
paper."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from gvcpanel.errors import DataError
from gvcpanel.estimate.tidy import Estimates
from gvcpanel.papers.liu_2013 import GROUP_HEADERS, GROUP_LABELS, GROUP_OPERATION
from gvcpanel.report.cells import EMPTY, STAR_NOTE, Cell, Number, Stat, Text, coef, join, span, tex
from gvcpanel.report.table import Body, Layout, Table, columns

PUBLISHED = Path(__file__).parent / "published.json"
DELTA_VR = tex(r"$\Delta$VR", "ΔVR")
TERM_LABELS = {
    "initial_vr": Text("Initial VR"),
    "tau": tex(r"Year Trend ($\tau$)", "Year Trend (τ)"),
    "wage_index": Text("Wage Index"),
    "training": tex(r"Training Intensity ($\beta$)", "Training Intensity (β)"),
    "kl": Text("Capital Intensity (K/L)"),
    "const": Text("Constant"),
}
DEP_LABELS = {
    "dvr": DELTA_VR,
    "within": Text("Within-Subsidiary Margin"),
    "cross": Text("Cross-Subsidiary Margin"),
    "dvr_total": DELTA_VR + " (all firms)",
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
    ("output_share_pct", "Output share (%)"),
    ("va_mean", "Value added mean"),
    ("va_sd", "Value added S.D."),
    ("va_share_pct", "Value added share (%)"),
    ("vr_mean", "VR mean"),
    ("vr_sd", "VR S.D."),
    ("export_mean", "Export mean"),
    ("export_sd", "Export S.D."),
    ("export_share_pct", "Export share (%)"),
)
T2_STATS = tuple(
    (f"{v}_{s}", label + f" {s.replace('sd', 'S.D.')}")
    for v, label in (("dvr", DELTA_VR), ("within", "Within"), ("cross", "Cross"))
    for s in ("mean", "sd")
)
CLUSTER_NOTE = tex(
    "Standard errors clustered by four-digit industry in parentheses (Stata's small-sample "
    r"factor $G/(G-1)\cdot(N-1)/(N-K)$, $K$ counting the two-digit dummies; $p$-values from "
    r"$t(G-1)$).",
    "Standard errors clustered by four-digit industry in parentheses (Stata's small-sample "
    "factor G/(G−1)·(N−1)/(N−K), K counting the two-digit dummies; p-values from t(G−1)).",
    "Standard errors clustered by four-digit industry in parentheses (Stata's small-sample "
    "factor <i>G</i>/(<i>G</i>−1)·(<i>N</i>−1)/(<i>N</i>−<i>K</i>), <i>K</i> counting the"
    " two-digit dummies; <i>p</i>-values from <i>t</i>(<i>G</i>−1)).",
)
CLUSTER_BRIEF = tex(
    "Standard errors clustered by four-digit industry in parentheses (Stata's convention; "
    r"$p$-values from $t(G-1)$).",
    "Standard errors clustered by four-digit industry in parentheses (Stata's convention; "
    "p-values from t(G−1)).",
    "Standard errors clustered by four-digit industry in parentheses (Stata's convention; "
    "<i>p</i>-values from <i>t</i>(<i>G</i>−1)).",
)
LEVEL_NOTE = tex(
    r"The regression is at the level of (four-digit industry $\times$ year). "
    "Two-digit industry dummies are included.",
    "The regression is at the level of (four-digit industry × year). "
    "Two-digit industry dummies are included.",
)
PAPER_VS_RUN = tex(r"Paper vs.\ this run", "Paper vs. this run")


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


def sig_number(x: float | None) -> Number:
    """A number with three significant digits."""
    return Number(x, sig_digits(x))


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


def models(estimates: Mapping[str, Estimates], names: Sequence[str]) -> list[Estimates]:
    missing = [n for n in names if n not in estimates]
    if missing:
        raise DataError("tidy estimates", "model present for table", missing)
    return [estimates[n] for n in names]


def coef_se(value: float, p: float | None, se: float) -> tuple[Number, Stat]:
    """A coefficient with stars and its SE in parentheses, three significant digits each."""
    return coef(value, p, sig_digits(value)), Stat((se,), sig_digits(se))


SCALE_NOTE = tex(
    r"Rows marked $\times 10^{k}$ show coefficients and standard errors multiplied by $10^{k}$.",
    "Rows marked ×10ᵏ show coefficients and standard errors multiplied by 10ᵏ.",
)
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def row_scale(values: Sequence[float]) -> int:
    """The power k of ten that brings a row of tiny coefficients (largest |value| below 10⁻³,
    whose three significant digits would need more than five decimals) into [1, 10); else 0."""
    top = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
    return 0 if top == 0 or top >= 1e-3 else -math.floor(math.log10(top))


def _scaled_label(name: str, k: int) -> Text:
    label = TERM_LABELS[name]
    return label + tex(rf" ($\times 10^{{{k}}}$)", f" (×10{str(k).translate(_SUPERSCRIPTS)})")


def _coef_rows(body: Body, ests: Sequence[Estimates], terms: Sequence[str]) -> bool:
    """A coefficient row and an SE row per term, three significant digits; a row of tiny
    coefficients scaled by :func:`row_scale` (its label says so), each of its coefficients with 2
    to 4 decimals (three significant digits where that fits). True if any row is scaled."""
    scaled = False
    for name in terms:
        found = [m.coef(name) if name in {c.term for c in m.coefficients} else None for m in ests]
        k = row_scale([c.coef for c in found if c is not None])
        coefs: list[Cell] = []
        ses: list[Cell] = []
        for c in found:
            if c is None:
                coefs.append(EMPTY)
                ses.append(EMPTY)
                continue
            value, se = c.coef * 10.0**k, c.se * 10.0**k
            digits = min(4, max(2, sig_digits(value))) if k else sig_digits(value)
            coefs.append(coef(value, c.p, digits))
            ses.append(Stat((se,), sig_digits(se)))
        body.add(_scaled_label(name, k) if k else TERM_LABELS[name], *coefs)
        body.add("", *ses)
        scaled = scaled or k > 0
    return scaled


def _stat_rows(body: Body, ests: Sequence[Estimates]) -> None:
    body.add("Observations", *[Number(m.nobs, 0, thousands=True) for m in ests])
    body.add("R-squared", *[Number(m.r2, 3) for m in ests])


def _end_years(ests: Sequence[Estimates]) -> Text:
    """End years of the changes from the files' samples, per initial year where they differ."""
    spans: dict[Any, tuple[Any, Any]] = {}
    for x in ests:
        years = x.sample.get("years") or []
        if years:
            spans.setdefault(x.sample.get("initial_year"), (min(years), max(years)))
    distinct = set(spans.values())
    if not distinct:
        return Text("")
    if len(distinct) == 1:
        return "end years " + span(*distinct.pop())
    by_initial = [span(*years) + f" (initial year {i})" for i, years in spans.items()]
    return "end years " + join(by_initial)


def notes(ests: Sequence[Estimates], source: str, extra: Sequence[Text | str] = ()) -> list[Text]:
    """Level and dummies, SE type, sample and data source, the star legend (after ``extra``)."""
    m = ests[0]
    groups = sorted({x.sample.get("group", "") for x in ests})
    spans = sorted({k for x in ests for k in x.sample.get("span", [])})
    length = "/".join(str(k) for k in spans) or "?"
    se = CLUSTER_BRIEF if m.se_convention.startswith("CR1") else Text(m.se_convention)
    owners = " and ".join(GROUP_LABELS.get(g, g) for g in groups)
    sample = f"Sample: {owners} firms; " + _end_years(ests) + f"; {length}-year changes."
    gone = sorted({k for x in ests for k in x.sample.get("left_out", [])})
    if gone:
        which = ", ".join(gone) if len(gone) <= 4 else f"{len(gone)}, listed in the estimates files"
        sample = sample + (
            " N leaves out the industry-years without a firm present at both ends of the change"
            f" (industry and end year: {which})."
        )
    return [
        *(Text(e) if isinstance(e, str) else e for e in extra),
        LEVEL_NOTE,
        se,
        sample,
        Text(f"Data: {source}."),
        STAR_NOTE,
    ]


def details(ests: Sequence[Estimates]) -> list[Text]:
    """What the notes leave out: the covariance formula of each convention used."""
    conventions = dict.fromkeys(m.se_convention for m in ests)
    return [CLUSTER_NOTE if c.startswith("CR1") else Text(c) for c in conventions if c]


def _regression_table(
    number: str,
    title: Text | str,
    header: Sequence[Text | str],
    ests: Sequence[Estimates],
    terms: Sequence[str],
    source: str,
    extra_notes: Sequence[Text | str] = (),
    landscape: bool = False,
) -> Table:
    body = Body()
    scaled = _coef_rows(body, ests, terms)
    body.rule()
    _stat_rows(body, ests)
    return Table(
        title=title,
        columns=columns(["", *header]),
        blocks=body.blocks,
        notes=notes(ests, source, [*extra_notes, *([SCALE_NOTE] if scaled else [])]),
        number=number,
        label=f"tab:liu_table{number}",
        details=details(ests),
        layout=Layout(landscape=landscape, head_width="2.4cm"),
    )


def table345(k: int, estimates: Mapping[str, Estimates], source: str) -> Table:
    """Tables 3 (ΔVR), 4 (within) and 5 (cross): full, + K/L, high and low K/L."""
    ests = models(estimates, [f"table{k}_col{j}" for j in range(1, 5)])
    operation = GROUP_OPERATION[ests[0].sample["group"]]
    titles = {
        3: DELTA_VR + f" of {operation}",
        4: "Within-Subsidiary Margin of " + DELTA_VR + f", {operation}",
        5: "Cross-Subsidiary Margin of " + DELTA_VR + f", {operation}",
    }
    note = "Dependent variable: " + DEP_LABELS[ests[0].dependent] + "."
    return _regression_table(str(k), titles[k], T345_HEAD, ests, TAU_TERMS, source, [note])


def table6(estimates: Mapping[str, Estimates], source: str) -> Table:
    """Table 6: ΔVR, within and cross with the wage-rate index instead of τ."""
    ests = models(estimates, [f"table6_col{j}" for j in range(1, 7)])
    header = [f"({j}) " + DEP_LABELS[m.dependent] for j, m in enumerate(ests, start=1)]
    title = DELTA_VR + ", Within- and Cross-Subsidiary Margins, Wage-Rate Index Included"
    return _regression_table("6", title, header, ests, WAGE_TERMS, source, landscape=True)


def table7(estimates: Mapping[str, Estimates], source: str) -> Table:
    """Table 7: column (2) specification with initial years 1999, 2001, 2003, 2005."""
    body = Body()
    all_models = []
    scaled = False
    for i, pair in enumerate(((1999, 2001), (2003, 2005))):
        ests = models(estimates, [f"table7_{y}_{d}" for y in pair for d in DEPS])
        all_models += ests
        if i:
            body.rule()
        body.add("Initial VR: year", *[str(y) for y in pair for _ in DEPS])
        body.rule()
        scaled = _coef_rows(body, ests, T7_TERMS) or scaled
        _stat_rows(body, ests)
    same = "Specification is the same as column (2) in Tables " + span(3, 5) + "."
    return Table(
        title=DELTA_VR + " and the Two Margins, Various Initial Years",
        columns=columns(["", *[DEP_LABELS[d] for d in DEPS] * 2]),
        blocks=body.blocks,
        notes=notes(all_models, source, [same, *([SCALE_NOTE] if scaled else [])]),
        number="7",
        label="tab:liu_table7",
        details=details(all_models),
        layout=Layout(landscape=True, head_width="2.4cm"),
    )


def table8(estimates: Mapping[str, Estimates], source: str) -> Table:
    """Table 8: the counter-groups, domestic and HMT in the paper (column (2) specification)."""
    ests = models(estimates, [f"table8_col{j}" for j in range(1, 7)])
    header = [
        f"({j}) {GROUP_HEADERS[m.sample['group']]} " + DEP_LABELS[m.dependent]
        for j, m in enumerate(ests, start=1)
    ]
    groups = dict.fromkeys(m.sample["group"] for m in ests)
    operations = " and ".join(GROUP_OPERATION[g] for g in groups)
    title = DELTA_VR + f" and the Two Margins, {operations}"
    return _regression_table("8", title, header, ests, TAU_TERMS, source, landscape=True)
