"""Qu & Yang (2023) Tables 1-3 and their "paper vs. this run" companions, as LaTeX.

Tables are rendered only from tidy estimate files (:class:`~gvcpanel.estimate.tidy.Estimates`) and
the threshold-test documents (:class:`~gvcpanel.estimate.threshold.ThresholdTests`, validated
against their schema when read); nothing is re-estimated here. Layouts follow the paper:

- Table 1: equations (16), (17) and (18) in 2- and 4-year changes; coefficient with stars, t value
  in parentheses below, control-variable row, within R^2 and N.
- Table 2: tests of one, two and three thresholds in omega for the mu slope (eq. 19) and the
  upsilon slope (eq. 20): threshold value, 95% interval, bootstrap p value with stars.
- Table 3: slopes of the single-threshold equations (19) and (20), "coef (t)" per cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gvcpanel.errors import DataError
from gvcpanel.estimate.threshold import ThresholdTests
from gvcpanel.estimate.tidy import Coef, Estimates
from gvcpanel.papers.qu_yang_2023 import (
    EQUATIONS,
    MAX_THRESHOLDS,
    STUDY,
    TABLE1_MODELS,
    THRESHOLD_REGIMES,
)
from gvcpanel.papers.qu_yang_2023 import THRESHOLD_MODELS as TABLE2_MODELS
from gvcpanel.report import published
from gvcpanel.report.latex import STAR_NOTE, Table, coef_cell, escape, num, paren, stars

SYMBOLS = {
    "omega": r"$\omega$",
    "mu": r"$\mu$",
    "upsilon": r"$\upsilon$",
    "gr": r"$gr$",
    "gdpp": r"$gdpp$",
    "pop": r"$pop$",
}
CONTROLS = ("gdpp", "pop")

TABLE1_TERMS = ("omega", "mu", "upsilon", "gr")


def _table1_header(model: str) -> str:
    """Table 1's column head: "Equation (16)", or with the change length for eq. (18)."""
    equation, _, change = EQUATIONS[model].partition(" ")
    return (
        rf"\shortstack{{Equation {equation}\\({change} change)}}"
        if change
        else f"Equation {equation}"
    )


TABLE1_HEADER = {m: _table1_header(m) for m in TABLE1_MODELS}
#: Table 3's rows: Table 1's terms with the regime regressor split below/above the threshold.
TABLE3_TERMS = {
    model: tuple(
        t
        for term in TABLE1_TERMS
        for t in ((f"{term}_low", f"{term}_high") if term == r else (term,))
    )
    for model, r in THRESHOLD_REGIMES.items()
}
THRESHOLD_COUNT = {1: "Single threshold", 2: "Dual thresholds", 3: "Triple thresholds"}
PUBLISHED_COUNT = {1: "single", 2: "double", 3: "triple"}
N_THRESHOLDS = r"\shortstack{Number of\\thresholds}"
THRESHOLD_VALUE = r"\shortstack{Threshold\\value}"


# --------------------------------------------------------------------------- input checks


def _checked(estimates: Mapping[str, Estimates], models: Sequence[str]) -> list[Estimates]:
    """The estimates of ``models`` in order; DataError if one is missing or mislabelled."""
    missing = [m for m in models if m not in estimates]
    if missing:
        raise DataError(f"{STUDY} estimates", "model present", missing)
    out = [estimates[m] for m in models]
    wrong = [m for m, est in zip(models, out, strict=True) if (est.study, est.model) != (STUDY, m)]
    if wrong:
        raise DataError(f"{STUDY} estimates", f"study is {STUDY} and model matches its key", wrong)
    return out


def _coef(est: Estimates, term: str) -> Coef:
    try:
        return est.coef(term)
    except KeyError:
        raise DataError(f"{est.study}/{est.model}", "term present", [term]) from None


# --------------------------------------------------------------------------- notes


def _per_column(values: Mapping[str, str], what: str) -> str:
    """``what: v.`` when every column agrees, else ``what: (16) v1; (17) v2.``."""
    distinct = list(dict.fromkeys(values.values()))
    if len(distinct) == 1:
        return f"{what}: {distinct[0]}."
    return f"{what}: " + "; ".join(f"{EQUATIONS[m]} {v}" for m, v in values.items()) + "."


def _countries_text(est: Estimates) -> str:
    countries = est.sample.get("countries") or []
    return f"{len(countries)} ({escape(', '.join(countries))})"


def _years_text(est: Estimates) -> str:
    years = est.sample.get("years") or []
    return f"{years[0]}--{years[1]}" if len(years) == 2 else "not recorded"


def _se_text(est: Estimates) -> str:
    text = escape(est.se_type) or "not recorded"
    convention = escape(est.se_convention).removeprefix(text).lstrip("; ")
    text += f" ({convention})" if convention else ""
    df = est.extra.get("df_inference")
    return text + (f", {df} degrees of freedom" if df is not None else "")


def _extra_text(est: Estimates, key: str) -> str:
    return escape(str(est.extra.get(key) or "not recorded"))


def _common_notes(ests: Sequence[Estimates]) -> list[str]:
    """Sample, SE type, standardisation, effects, seed, data source and vintage, from the files."""
    by = {est.model: est for est in ests}
    notes = [
        _per_column({m: escape(e.dependent) for m, e in by.items()}, "Dependent variable"),
        _per_column({m: _countries_text(e) for m, e in by.items()}, "Countries"),
        _per_column({m: _years_text(e) for m, e in by.items()}, "Years"),
        "$N$ is the number of country-year observations used.",
        _per_column({m: _se_text(e) for m, e in by.items()}, "Standard errors"),
        _per_column(
            {m: escape(str(e.sample.get("standardize") or "none")) for m, e in by.items()},
            "Standardisation",
        ),
        _per_column(
            {m: escape(", ".join(e.effects)) or "none" for m, e in by.items()}, "Fixed effects"
        ),
        _per_column({m: escape(e.estimator) for m, e in by.items()}, "Estimator"),
        _per_column({m: "none" if e.seed is None else str(e.seed) for m, e in by.items()}, "Seed"),
        _per_column(
            {
                m: f"{_extra_text(e, 'data_source')}, vintage {_extra_text(e, 'data_vintage')}"
                for m, e in by.items()
            },
            "Data",
        ),
    ]
    sample_notes = [escape(e.extra["sample_note"]) for e in ests if e.extra.get("sample_note")]
    notes += [s if s.endswith(".") else f"{s}." for s in dict.fromkeys(sample_notes)]
    return notes


# --------------------------------------------------------------------------- Table 1


def _has_controls(est: Estimates) -> bool:
    return any(c.term in CONTROLS for c in est.coefficients)


def _table1_notes(ests: Sequence[Estimates]) -> list[str]:
    diffs = {
        e.model: escape(str(e.sample.get("differences") or "not recorded"))
        for e in ests
        if e.model.startswith("eq18")
    }
    notes = [
        f"Values in parentheses are $t$ values; {STAR_NOTE}",
        "$R^2$ is the within $R^2$ (after removing country and year effects).",
        "Control variables: log GDP per capita ($gdpp$) and log population ($pop$).",
    ]
    notes += _common_notes(ests)
    if diffs:
        notes.append(_per_column(diffs, "Equation (18) uses $k$-year differences"))
    return notes


def table1(estimates: Mapping[str, Estimates]) -> Table:
    """Table 1: two-way FE regressions (16), (17) and (18) in 2- and 4-year changes."""
    ests = _checked(estimates, TABLE1_MODELS)
    table = Table(
        caption="Regression results of equations (16)--(18)",
        label=f"tab:{STUDY}_table1",
        header=["Variable", *(TABLE1_HEADER[m] for m in TABLE1_MODELS)],
        notes=_table1_notes(ests),
    )
    for term in TABLE1_TERMS:
        rows = [_coef(e, term) for e in ests]
        table.add(SYMBOLS[term], *(coef_cell(c.coef, c.p) for c in rows))
        table.add("", *(paren(c.stat) for c in rows))
    table.rule()
    table.add("Control variable", *("Yes" if _has_controls(e) else "No" for e in ests))
    table.add("$R^2$", *(num(e.r2) for e in ests))
    table.add("$N$", *(str(e.nobs) for e in ests))
    return table


# --------------------------------------------------------------------------- Table 3


def _threshold(est: Estimates) -> float:
    phi = est.extra.get("thresholds")
    if not isinstance(phi, list) or len(phi) != 1:
        raise DataError(f"{est.study}/{est.model}", "extra.thresholds holds one threshold", [phi])
    return float(phi[0])


def _regime_label(term: str, phi: float) -> str:
    """``mu_low`` -> ``$\\mu(\\omega \\leq 0.3454)$``; plain terms -> their symbol."""
    base, _, regime = term.partition("_")
    if not regime:
        return SYMBOLS[term]
    op = r"\leq" if regime == "low" else ">"
    return f"${SYMBOLS[base].strip('$')}(\\omega {op} {phi:.4f})$"


def table3(estimates: Mapping[str, Estimates]) -> Table:
    """Table 3: slope estimates of the single-threshold equations (19) and (20)."""
    ests = _checked(estimates, TABLE2_MODELS)
    columns = []
    for est in ests:
        phi = _threshold(est)
        cells = []
        for term in TABLE3_TERMS[est.model]:
            c = _coef(est, term)
            cells.append((_regime_label(term, phi), f"{coef_cell(c.coef, c.p)} {paren(c.stat)}"))
        cells += [("$R^2$", num(est.r2)), ("$N$", str(est.nobs))]
        columns.append(cells)
    notes = [
        f"Values in parentheses are $t$ values; {STAR_NOTE}",
        "$R^2$ is the within $R^2$.",
        r"Threshold variable $\omega$ in raw units (a share); thresholds $\varphi$ from Table 2.",
        *_common_notes(ests),
    ]
    table = Table(
        caption="Regression results of the threshold equations (19) and (20)",
        label=f"tab:{STUDY}_table3",
        header=["Variable", "Equation (19)", "Variable", "Equation (20)"],
        align="lclc",
        notes=notes,
    )
    for i, ((l19, c19), (l20, c20)) in enumerate(zip(*columns, strict=True)):
        if i == len(columns[0]) - 2:
            table.rule()
        table.add(l19, c19, l20, c20)
    return table


# --------------------------------------------------------------------------- Table 2


def _check_tests(name: str, doc: ThresholdTests | None) -> dict[str, Any]:
    """The JSON form of a model's test document (validated on read, ``ThresholdTests``), after
    the checks of Table 2's layout: 1 to MAX_THRESHOLDS tests with bootstrap results, one
    regime variable."""
    file = f"{name}_threshold_tests.json"
    if not isinstance(doc, ThresholdTests):
        raise DataError(file, "threshold-test document present", [name])
    ks = [t.k for t in doc.tests]
    if not ks or len(ks) > MAX_THRESHOLDS:
        raise DataError(file, f"tests hold k = 1, ..., m (m <= {MAX_THRESHOLDS})", ks)
    unbooted = [f"k={t.k}" for t in doc.tests if t.p is None or t.crit_10_5_1 is None]
    if unbooted:
        raise DataError(file, "bootstrap p value and critical values present", unbooted)
    if len(doc.regime_variables) != 1:
        raise DataError(file, "one regime variable", doc.regime_variables)
    return doc.to_dict()


def _symbol(name: str) -> str:
    return SYMBOLS.get(name, escape(name))


def _interval(ci: Sequence[float]) -> str:
    return f"[{num(ci[0])}, {num(ci[1])}]"


def _p_cell(p: float) -> str:
    return num(p) + stars(p)


def _f_stars(test: Mapping[str, Any]) -> str:
    """Stars of a threshold test from its own critical values: F > c(10%) *, c(5%) **, c(1%) ***.

    Stars and the printed critical values use one convention (the bootstrap quantiles of the
    tests file), so an F above the printed 1% value always has ***; the bootstrap p value (share
    of F* at least F) is printed without stars, as it can equal the level exactly.
    """
    levels = zip(test["crit_10_5_1"], ("*", "**", "***"), strict=True)
    return next((s for c, s in reversed(list(levels)) if test["F"] > c), "")


def _f_cell(test: Mapping[str, Any]) -> str:
    return num(test["F"], 2) + _f_stars(test)


def _table2_notes(docs: Sequence[tuple[str, dict[str, Any]]]) -> list[str]:
    notes = [
        "P values and critical values from the bootstrap distribution of $F$; stars on $F$ from"
        " the printed critical values: *** $F$ above the 1\\%, ** above the 5\\%, * above the"
        " 10\\% critical value.",
        "Intervals are 95\\% confidence intervals from inverting the likelihood-ratio statistic.",
    ]
    for model, doc in docs:
        boot = doc["bootstrap"]
        notes.append(
            f"Equation {EQUATIONS[model]}: threshold variable {_symbol(doc['threshold_variable'])}"
            f" (raw units), regime variable {_symbol(doc['regime_variables'][0])};"
            f" {escape(str(boot.get('kind', '')))} bootstrap with {boot.get('reps')} replications,"
            f" seed {boot.get('seed')}; $N = {doc['nobs']}$;"
            f" conventions: {escape(doc['conventions'])}."
        )
    notes += _source_notes([doc.get("source", {}) for _, doc in docs])
    return notes


def _source_notes(sources: Sequence[Mapping[str, Any]]) -> list[str]:
    """Sample, data source and deviation notes of the optional ``source`` block, each once."""
    notes: list[str] = []
    for src in sources:
        if src.get("countries") and src.get("years"):
            first, last = src["years"]
            notes.append(
                f"Sample: {len(src['countries'])} countries "
                f"({escape(', '.join(src['countries']))}), {first}--{last}."
            )
        if src.get("data_source"):
            vintage = src.get("data_vintage") or "not recorded"
            notes.append(f"Data: {escape(src['data_source'])}, vintage {escape(vintage)}.")
        if src.get("sample_note"):
            text = escape(src["sample_note"])
            notes.append(text if text.endswith(".") else f"{text}.")
    return list(dict.fromkeys(notes))


def table2(tests: Mapping[str, ThresholdTests]) -> Table:
    """Table 2: tests of one, two and three thresholds (or the ``max_thresholds`` tested) for
    equations (19) and (20)."""
    docs = [(m, _check_tests(m, tests.get(m))) for m in TABLE2_MODELS]
    table = Table(
        caption="Tests of the threshold effect",
        label=f"tab:{STUDY}_table2",
        header=[
            "Variable",
            N_THRESHOLDS,
            THRESHOLD_VALUE,
            "Interval",
            "P value",
            "$F$",
            r"\shortstack{Critical values\\(10\%, 5\%, 1\%)}",
        ],
        align="llccccc",
        notes=_table2_notes(docs),
    )
    for i, (_, doc) in enumerate(docs):
        if i:
            table.rule()
        for test in doc["tests"]:
            table.add(
                _symbol(doc["regime_variables"][0]) if test["k"] == 1 else "",
                THRESHOLD_COUNT[test["k"]],
                num(test["threshold"]),
                _interval(test["ci95"]),
                num(test["p"]),
                _f_cell(test),
                ", ".join(num(c, 2) for c in test["crit_10_5_1"]),
            )
    return table


# --------------------------------------------------------------------------- vs paper


def _diff(ours: float | None, paper: float | None) -> str:
    return "" if ours is None or paper is None else num(ours - paper)


def _vs_rows(table: Table, label: str, first: str, coef: Coef, paper: Mapping[str, Any]) -> None:
    """One row: published and replicated "coefficient with stars (t)", and their difference."""
    table.add(
        first,
        label,
        f"{num(paper['coef'])}{paper['stars']} {paren(paper['stat'])}",
        f"{coef_cell(coef.coef, coef.p)} {paren(coef.stat)}",
        _diff(coef.coef, paper["coef"]),
    )


def _vs_table(caption: str, label: str, notes: Sequence[str]) -> Table:
    return Table(
        caption=caption,
        label=label,
        header=["Equation", "Variable", "Paper", "This run", "Difference"],
        align="llccc",
        notes=[
            "Paper: published coefficient with its stars, $t$ value in parentheses;"
            " this run: replicated coefficient with stars from its own p value and its $t$ value;"
            f" difference = this run $-$ paper. {STAR_NOTE}",
            *notes,
        ],
    )


def _study(paper: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return published.load(STUDY) if paper is None else paper


def _paper_sample(study: Mapping[str, Any]) -> str:
    """The published sample, e.g. ``Paper sample: 21 countries, 2000--2015; <note>.``."""
    sample = study["sample"]
    first, last = sample["years"]
    text = f"Paper sample: {len(sample['countries'])} countries, {first}--{last}"
    return text + (f"; {escape(sample['note'])}." if sample.get("note") else ".")


def table1_vs_paper(
    estimates: Mapping[str, Estimates], paper: Mapping[str, Any] | None = None
) -> Table:
    """Table 1 of the paper beside this run: coefficient, t and within R^2 per equation.

    ``paper`` defaults to the packaged published numbers (:func:`published.load`).
    """
    ests = _checked(estimates, TABLE1_MODELS)
    study = _study(paper)
    pub = study["table1"]
    table = _vs_table(
        "Table 1 of Qu and Yang (2023) and this run",
        f"tab:{STUDY}_table1_vs_paper",
        [_paper_sample(study), *_common_notes(ests)],
    )
    for j, est in enumerate(ests):
        if j:
            table.rule()
        col = pub["columns"].index(est.model)
        for i, term in enumerate(TABLE1_TERMS):
            first = EQUATIONS[est.model] if i == 0 else ""
            _vs_rows(table, SYMBOLS[term], first, _coef(est, term), pub[term][col])
        table.add(
            "",
            "Control variable",
            escape(pub["controls"][col]),
            "Yes" if _has_controls(est) else "No",
            "",
        )
        table.add("", "$R^2$", num(pub["r2"][col]), num(est.r2), _diff(est.r2, pub["r2"][col]))
    return table


def _published_term(block: Mapping[str, Any], term: str) -> Mapping[str, Any]:
    """The published row for ``term``; regime rows are keyed like ``mu_low (omega<=0.3454)``."""
    for key, value in block.items():
        if key.split(" ")[0] == term:
            return value
    raise DataError(f"published/{STUDY}.json", "published term present", [term])


def _published_threshold(block: Mapping[str, Any]) -> float:
    """The paper's threshold, read from its ``..._low (omega<=phi)`` row key."""
    key = next(k for k in block if "<=" in k)
    return float(key.split("<=")[1].rstrip(")"))


def table3_vs_paper(
    estimates: Mapping[str, Estimates], paper: Mapping[str, Any] | None = None
) -> Table:
    """Table 3 of the paper beside this run: threshold, slopes with t values and R^2."""
    ests = _checked(estimates, TABLE2_MODELS)
    study = _study(paper)
    pub = study["table3_threshold_regressions"]
    table = _vs_table(
        "Table 3 of Qu and Yang (2023) and this run",
        f"tab:{STUDY}_table3_vs_paper",
        [
            r"Regime rows are labelled with this run's threshold $\varphi$.",
            _paper_sample(study),
            *_common_notes(ests),
        ],
    )
    for j, est in enumerate(ests):
        if j:
            table.rule()
        block = pub[est.model]
        phi, phi_paper = _threshold(est), _published_threshold(block)
        table.add(
            EQUATIONS[est.model],
            r"Threshold $\varphi$",
            num(phi_paper),
            num(phi),
            _diff(phi, phi_paper),
        )
        for term in TABLE3_TERMS[est.model]:
            label = _regime_label(term, phi)
            _vs_rows(table, label, "", _coef(est, term), _published_term(block, term))
        table.add("", "$R^2$", num(block["r2"]), num(est.r2), _diff(est.r2, block["r2"]))
    return table


def table2_vs_paper(
    tests: Mapping[str, ThresholdTests], paper: Mapping[str, Any] | None = None
) -> Table:
    """Table 2 of the paper beside this run: threshold, 95% interval and p value per test."""
    docs = [(m, _check_tests(m, tests.get(m))) for m in TABLE2_MODELS]
    pub = _study(paper)["table2_threshold_tests"]
    table = Table(
        caption="Table 2 of Qu and Yang (2023) and this run",
        label=f"tab:{STUDY}_table2_vs_paper",
        header=[
            "Variable",
            N_THRESHOLDS,
            "Source",
            THRESHOLD_VALUE,
            "Interval",
            "P value",
            "Difference",
        ],
        align="lllcccc",
        notes=[
            f"Paper: {pub['bootstrap_reps']} bootstrap replications, stars on its p values"
            f" ({STAR_NOTE}). This run: stars from $F$ against its bootstrap critical values (see"
            " below). Difference = this run's threshold $-$ the paper's.",
            *_table2_notes(docs),
        ],
    )
    for i, (_, doc) in enumerate(docs):
        if i:
            table.rule()
        regime = doc["regime_variables"][0]
        if regime not in pub:
            raise DataError(f"published/{STUDY}.json", "regime variable published", [regime])
        for test in doc["tests"]:
            ref = pub[regime][PUBLISHED_COUNT[test["k"]]]
            first = _symbol(regime) if test["k"] == 1 else ""
            count = THRESHOLD_COUNT[test["k"]]
            table.add(
                first,
                count,
                "Paper",
                num(ref["threshold"]),
                _interval(ref["ci95"]),
                _p_cell(ref["p"]),
                "",
            )
            table.add(
                "",
                "",
                "This run",
                num(test["threshold"]),
                _interval(test["ci95"]),
                num(test["p"]) + _f_stars(test),
                _diff(test["threshold"], ref["threshold"]),
            )
    return table
