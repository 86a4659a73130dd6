"""Qu & Yang (2023) Tables 1 and 3, with the labels, input checks and notes that Table 2
(:mod:`gvcpanel.papers.qu_yang_2023.table2`) and the "paper vs. this run" tables
(:mod:`gvcpanel.papers.qu_yang_2023.vs_paper`) share.

Tables are built only from tidy estimate files (:class:`~gvcpanel.estimate.tidy.Estimates`);
nothing is re-estimated here. The data source and sample notes (``data_source``,
``data_vintage``, ``sample_note`` of the configuration's country panel) are an argument. Layouts
follow the paper:

- Table 1: equations (16), (17) and (18) in 2- and 4-year changes; coefficient with stars, t value
  in parentheses below, control-variable row, within R^2 and N.
- Table 3: slopes of the single-threshold equations (19) and (20), "coef (t)" per cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gvcpanel.errors import DataError
from gvcpanel.estimate.tidy import Coef, Estimates
from gvcpanel.papers.qu_yang_2023 import (
    EQUATIONS,
    STUDY,
    TABLE1_MODELS,
    THRESHOLD_MODELS,
    THRESHOLD_REGIMES,
)
from gvcpanel.report.cells import (
    STAR_NOTE,
    Coefficient,
    Number,
    Stat,
    Text,
    as_text,
    bound_text,
    coef,
    span,
    tex,
    variable,
)
from gvcpanel.report.table import Body, Column, Layout, Spanner, Table, columns

#: The data source and sample notes of the country panel (configuration keys).
Source = Mapping[str, str]

SYMBOLS = {
    "omega": tex(r"$\omega$", "ω"),
    "mu": tex(r"$\mu$", "μ"),
    "upsilon": tex(r"$\upsilon$", "υ"),
    "gr": variable("gr"),
    "gdpp": variable("gdpp"),
    "pop": variable("pop"),
}
CONTROLS = ("gdpp", "pop")
TABLE1_TERMS = ("omega", "mu", "upsilon", "gr")
R2 = tex("$R^2$", "R²", "<i>R</i>²")
N = variable("N")
T = variable("t")
PHI = tex(r"$\varphi$", "φ")
MINUS = tex("$-$", "−")
T_NOTE = "Values in parentheses are " + T + " values; " + STAR_NOTE
#: Table 3's rows: Table 1's terms with the regime regressor split below/above the threshold.
TABLE3_TERMS = {
    model: tuple(
        t
        for term in TABLE1_TERMS
        for t in ((f"{term}_low", f"{term}_high") if term == r else (term,))
    )
    for model, r in THRESHOLD_REGIMES.items()
}


def symbol(name: str) -> Text:
    return SYMBOLS.get(name, Text(name))


# --------------------------------------------------------------------------- input checks


def checked(estimates: Mapping[str, Estimates], models: Sequence[str]) -> list[Estimates]:
    """The estimates of ``models`` in order; DataError if one is missing or mislabelled."""
    missing = [m for m in models if m not in estimates]
    if missing:
        raise DataError(f"{STUDY} estimates", "model present", missing)
    out = [estimates[m] for m in models]
    wrong = [m for m, est in zip(models, out, strict=True) if (est.study, est.model) != (STUDY, m)]
    if wrong:
        raise DataError(f"{STUDY} estimates", f"study is {STUDY} and model matches its key", wrong)
    return out


def term(est: Estimates, name: str) -> Coef:
    try:
        return est.coef(name)
    except KeyError:
        raise DataError(f"{est.study}/{est.model}", "term present", [name]) from None


def has_controls(est: Estimates) -> bool:
    return any(c.term in CONTROLS for c in est.coefficients)


def coef_t(c: Coef) -> Coefficient:
    """``coef*** (t)`` in one cell."""
    return Coefficient(coef(c.coef, c.p), Stat((c.stat,)))


# --------------------------------------------------------------------------- notes


def per_column(values: Mapping[str, Text | str], what: Text | str) -> Text:
    """``what: v.`` when every column agrees, else ``what: (16) v1; (17) v2.``."""
    distinct = list(dict.fromkeys(as_text(v) for v in values.values()))
    if len(distinct) == 1:
        return what + ": " + distinct[0] + "."
    parts = [EQUATIONS[m] + " " + as_text(v) for m, v in values.items()]
    out = as_text(what + ": ")
    for i, part in enumerate(parts):
        out = out + ("; " if i else "") + part
    return out + "."


def _countries_text(est: Estimates) -> str:
    countries = est.sample.get("countries") or []
    return f"{len(countries)} ({', '.join(countries)})"


def _years_text(est: Estimates) -> Text:
    years = est.sample.get("years") or []
    return span(*years) if len(years) == 2 else Text("not recorded")


def _se_text(est: Estimates) -> str:
    text = est.se_type or "not recorded"
    convention = est.se_convention.removeprefix(text).lstrip("; ")
    text += f" ({convention})" if convention else ""
    df = est.extra.get("df_inference")
    return text + (f", {df} degrees of freedom" if df is not None else "")


def data_note(source: Source) -> Text:
    """``Data: <source>, vintage <vintage>.`` of the country panel."""
    name = source.get("data_source") or "not recorded"
    return Text(f"Data: {name}, vintage {source.get('data_vintage') or 'not recorded'}.")


def sample_note(source: Source) -> list[Text]:
    """The configuration's note on the sample, ending in a full stop (none if not given)."""
    note = source.get("sample_note")
    return [Text(note if note.endswith(".") else f"{note}.")] if note else []


#: The dependent variable and the fixed effects in words, for the notes.
DEPENDENT_WORDS = {"gvcp": "GVC participation rate"}
EFFECT_WORDS = {"entity": "country", "iso3": "country", "time": "year"}


def _dependent_words(est: Estimates) -> str:
    return DEPENDENT_WORDS.get(est.dependent, est.dependent)


def _model_words(est: Estimates) -> str:
    """``z-score over the estimation sample; country and year fixed effects`` (the estimates'
    standardisation and effects)."""
    standardize = str(est.sample.get("standardize") or "none").split(";")[0]
    effects = " and ".join(EFFECT_WORDS.get(e, e) for e in est.effects)
    return f"{'raw units' if standardize == 'none' else standardize}; " + (
        f"{effects} fixed effects" if effects else "no fixed effects"
    )


def _se_words(est: Estimates) -> str:
    """``clustered by country (Stata's convention), p-values from t(20)``."""
    stata = " (Stata's convention)" if "Stata" in est.se_convention else ""
    df = est.extra.get("df_inference")
    return f"{est.se_type or 'not recorded'}{stata}" + (f", p-values from t({df})" if df else "")


def _sample_words(ests: Sequence[Estimates]) -> Text:
    """``Sample: 21 countries; (16), (17) 2000–2015, (18) 2-year 2002–2015.``: the count of
    countries (per column where they differ), the years with the columns that share them."""
    counts = {e.model: f"{len(e.sample.get('countries') or [])} countries" for e in ests}
    groups: dict[Text, list[str]] = {}
    for e in ests:
        groups.setdefault(_years_text(e), []).append(EQUATIONS[e.model])
    out = per_column(counts, "Sample")
    years = [", ".join(cols) + " " if len(groups) > 1 else "" for cols in groups.values()]
    text = out + " Years: "
    for i, (prefix, span_) in enumerate(zip(years, groups, strict=True)):
        text = text + ("; " if i else "") + prefix + span_
    return text + "."


def brief_notes(ests: Sequence[Estimates], source: Source) -> list[Text]:
    """The notes every Qu & Yang regression table prints, in words: the model (dependent
    variable, standardisation, effects), the standard errors, the sample and the data; the rest
    is in ``common_notes``, the table's details."""
    by = {est.model: est for est in ests}
    return [
        per_column({m: _dependent_words(e) for m, e in by.items()}, "Dependent variable")
        + " "
        + per_column({m: _model_words(e) for m, e in by.items()}, "Regressors"),
        per_column({m: _se_words(e) for m, e in by.items()}, "Standard errors"),
        _sample_words(ests) + " " + data_note(source),
        *sample_note(source),
    ]


def common_notes(ests: Sequence[Estimates], source: Source) -> list[Text]:
    """Sample, SE type, standardisation, effects, seed, data source and vintage."""
    by = {est.model: est for est in ests}
    return [
        per_column({m: e.dependent for m, e in by.items()}, "Dependent variable"),
        per_column({m: _countries_text(e) for m, e in by.items()}, "Countries"),
        per_column({m: _years_text(e) for m, e in by.items()}, "Years"),
        N + " is the number of country-year observations used.",
        per_column({m: _se_text(e) for m, e in by.items()}, "Standard errors"),
        per_column(
            {m: str(e.sample.get("standardize") or "none") for m, e in by.items()},
            "Standardisation",
        ),
        per_column({m: ", ".join(e.effects) or "none" for m, e in by.items()}, "Fixed effects"),
        per_column({m: e.estimator for m, e in by.items()}, "Estimator"),
        per_column({m: "none" if e.seed is None else str(e.seed) for m, e in by.items()}, "Seed"),
        data_note(source),
        *sample_note(source),
    ]


# --------------------------------------------------------------------------- Table 1


def _table1_notes(ests: Sequence[Estimates], source: Source) -> list[Text]:
    diffs = {
        e.model: str(e.sample.get("differences") or "not recorded")
        for e in ests
        if e.model.startswith("eq18")
    }
    notes = [
        R2 + " is the within " + R2 + " (after removing country and year effects).",
        "Control variables: log GDP per capita (" + SYMBOLS["gdpp"] + ") and log population ("
        + SYMBOLS["pop"] + ").",
        *common_notes(ests, source),
    ]  # fmt: skip
    if diffs:
        notes.append(per_column(diffs, "Equation (18) uses " + variable("k") + "-year differences"))
    return notes


def _table1_brief(ests: Sequence[Estimates], source: Source) -> list[Text]:
    """Table 1's notes in words: the legend, the model, the SEs, the sample and data."""
    controls = [EQUATIONS[e.model] for e in ests if has_controls(e)]
    added = (
        f" {', '.join(controls)} adds log GDP per capita and log population." if controls else ""
    )
    return [T_NOTE + " Within " + R2 + "." + added, *brief_notes(ests, source)]


def _table1_columns() -> tuple[list[Column], list[Spanner]]:
    """ "Equation (16)", "(17)", and "Equation (18)" over its 2- and 4-year change columns."""
    heads: list[str] = ["Variable"]
    spanners: list[tuple[str, int]] = []  # (equation, first column)
    for j, model in enumerate(TABLE1_MODELS, start=1):
        equation, _, change = EQUATIONS[model].partition(" ")
        heads.append(f"({change} change)" if change else f"Equation {equation}")
        if change and (not spanners or spanners[-1][0] != equation):
            spanners.append((equation, j))
    ends = [start for _, start in spanners[1:]] + [len(heads)]
    return columns(heads), [
        Spanner(f"Equation {eq}", start, end)
        for (eq, start), end in zip(spanners, ends, strict=True)
    ]


def table1(estimates: Mapping[str, Estimates], source: Source | None = None) -> Table:
    """Table 1: two-way FE regressions (16), (17) and (18) in 2- and 4-year changes."""
    ests = checked(estimates, TABLE1_MODELS)
    body = Body()
    for name in TABLE1_TERMS:
        rows = [term(e, name) for e in ests]
        body.add(SYMBOLS[name], *(coef(c.coef, c.p) for c in rows))
        body.add("", *(Stat((c.stat,)) for c in rows))
    body.rule()
    body.add("Control variable", *("Yes" if has_controls(e) else "No" for e in ests))
    body.add(R2, *(Number(e.r2) for e in ests))
    body.add(N, *(Number(e.nobs, 0) for e in ests))
    cols, spanners = _table1_columns()
    return Table(
        title="Regression results of equations (16)" + tex("--", "–") + "(18)",
        columns=cols,
        spanners=spanners,
        blocks=body.blocks,
        notes=_table1_brief(ests, source or {}),
        details=_table1_notes(ests, source or {}),
        number="1",
        label=f"tab:{STUDY}_table1",
        layout=Layout(latex_number=False),
    )


# --------------------------------------------------------------------------- Table 3


def threshold(est: Estimates) -> float:
    phi = est.extra.get("thresholds")
    if not isinstance(phi, list) or len(phi) != 1:
        raise DataError(f"{est.study}/{est.model}", "extra.thresholds holds one threshold", [phi])
    return float(phi[0])


def regime_label(name: str, phi: float, above: float | None = None) -> Text:
    """``mu_low`` -> ``μ(ω ≤ 0.3455)`` (LaTeX ``$\\mu(\\omega \\leq 0.3455)$``) for φ =
    0.34547…: φ rounded up (:func:`~gvcpanel.report.cells.bound_text`, ``above`` the next sample
    value of ω), so the label places the observation at φ in the lower regime as the fit did;
    plain terms -> their symbol."""
    base, _, regime = name.partition("_")
    if not regime:
        return SYMBOLS[name]
    op, sign = (r"\leq", "≤") if regime == "low" else (">", ">")
    sym, value = SYMBOLS[base], bound_text(phi, above)
    return tex(f"${sym.latex.strip('$')}(\\omega {op} {value})$", f"{sym.text}(ω {sign} {value})")


def table3(estimates: Mapping[str, Estimates], source: Source | None = None) -> Table:
    """Table 3: slope estimates of the single-threshold equations (19) and (20)."""
    ests = checked(estimates, THRESHOLD_MODELS)
    sides = []
    for est in ests:
        phi = threshold(est)
        cells: list[tuple[Text, Coefficient | Number]] = [
            (regime_label(name, phi, est.extra.get("threshold_next")), coef_t(term(est, name)))
            for name in TABLE3_TERMS[est.model]
        ]
        cells += [(R2, Number(est.r2)), (N, Number(est.nobs, 0))]
        sides.append(cells)
    body = Body()
    for i, ((l19, c19), (l20, c20)) in enumerate(zip(*sides, strict=True)):
        if i == len(sides[0]) - 2:
            body.rule()
        body.add(l19, c19, l20, c20)
    notes = [
        T_NOTE + " Within " + R2 + ". Threshold variable " + SYMBOLS["omega"]
        + " in raw units (a share), thresholds " + PHI + " from Table 2.",
        *brief_notes(ests, source or {}),
    ]  # fmt: skip
    return Table(
        title="Regression results of the threshold equations (19) and (20)",
        columns=columns(["Variable", "Equation (19)", "Variable", "Equation (20)"], "lclc"),
        blocks=body.blocks,
        notes=notes,
        details=common_notes(ests, source or {}),
        number="3",
        label=f"tab:{STUDY}_table3",
        layout=Layout(latex_number=False),
    )
