"""A regression table of one's own models, in the layout of pyfixest's ``etable`` or Stata's
``esttab``: one column per model, a coefficient row (with stars) and a statistic row beneath it
per term, then model rows (observations, R², fixed effects, SE type, thresholds).

Models are tidy :class:`~gvcpanel.estimate.tidy.Estimates` or any fit with ``to_estimates()``
(a two-way FE fit of :func:`gvcpanel.twoway`, a
:class:`~gvcpanel.estimate.threshold.ThresholdResults`); two-way FE and threshold models mix, the
regime slopes of a threshold model being rows of their own ("c1 (d1 ≤ γ₁)", with γ₁ of each
model in the thresholds row). The result is a :class:`~gvcpanel.report.table.Table`, so
``.to_latex()``, ``.to_html()``, ``.to_markdown()``, ``.to_csv(path)``, ``.to_excel(path)``,
``.to_docx(path)`` print it.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping, Sequence
from typing import Any

from gvcpanel.estimate.tidy import Coef, Estimates
from gvcpanel.report.cells import (
    EMPTY,
    STAR_LEVELS,
    STAR_NOTE,
    Cell,
    Number,
    Stat,
    Text,
    stars,
    tex,
)
from gvcpanel.report.table import Body, Column, Spanner, Table

#: The model rows shown by default, in this order (``thresholds`` only for threshold models).
MODEL_STATS = ("nobs", "r2", "thresholds", "effects", "se_type")
BENEATH = {
    "se": ("Standard errors in parentheses.", "()"),
    "t": ("t statistics in parentheses.", "()"),
    "p": ("p-values in parentheses.", "()"),
    "ci": ("95% confidence intervals in brackets.", "[]"),
}
_REGIME = re.compile(r"^(?P<variable>.+)_regime(?P<j>\d+)$")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
R2 = tex("$R^2$", "R²", "<i>R</i>²")


def tidy(result: Any, name: str) -> Estimates:
    """The tidy estimates of one model: ``result`` itself, or ``result.to_estimates()`` (given
    ``study=""`` and ``model=name`` where the method takes them)."""
    if isinstance(result, Estimates):
        return result
    method = getattr(result, "to_estimates", None)
    if method is None:
        raise TypeError(
            f"model {name}: a {type(result).__name__} is neither tidy Estimates nor has"
            " to_estimates() (as the fits of gvcpanel.twoway and gvcpanel.threshold have)"
        )
    accepted = inspect.signature(method).parameters
    return method(**{k: v for k, v in (("study", ""), ("model", name)) if k in accepted})


def covariance_note(est: Estimates) -> str:
    """How a model's standard errors were computed: the SE type and its small-sample
    convention (the one place a table reads them from the estimates)."""
    text = est.se_type or "not recorded"
    convention = est.se_convention.removeprefix(text).lstrip("; ")
    return f"{text} ({convention})" if convention else text


def _gamma(k: int) -> Text:
    return tex(rf"$\gamma_{{{k}}}$", f"γ{str(k).translate(_SUBSCRIPTS)}")


def regime_label(term: str, est: Estimates) -> Text | None:
    """``c1 (d1 ≤ γ₁)``, ``c1 (γ₁ < d1 ≤ γ₂)``, ``c1 (d1 > γ₂)`` for the regime slopes of a
    threshold model (strict lower regime ``<`` under Hansen's conventions); None otherwise."""
    match = _REGIME.match(term)
    regimes = est.extra.get("regime_variables") or []
    if match is None or match["variable"] not in regimes:
        return None
    j, k = int(match["j"]), len(est.extra.get("thresholds") or [])
    q = Text(str(est.extra.get("threshold_variable", "q")))
    hansen = est.extra.get("conventions") == "hansen"
    below = tex(r" $<$ ", " < ") if hansen else tex(r" $\leq$ ", " ≤ ")
    above = tex(r" $\geq$ ", " ≥ ") if hansen else tex(r" $>$ ", " > ")
    if j == 0:
        condition = q + below + _gamma(1)
    elif j == k:
        condition = q + above + _gamma(k)
    else:
        condition = _gamma(j) + (tex(r" $\leq$ ", " ≤ ") if hansen else tex(r" $<$ ", " < "))
        condition = condition + q + below + _gamma(j + 1)
    return match["variable"] + " (" + condition + ")"


def _beneath(c: Coef, stat: str, digits: int) -> Stat:
    values = {"se": (c.se,), "t": (c.stat,), "p": (c.p,), "ci": (c.ci_lower, c.ci_upper)}
    return Stat(values[stat], digits, BENEATH[stat][1])


def _coefficient_rows(body: Body, ests: Sequence[Estimates], options: dict[str, Any]) -> None:
    rename, levels, digits = options["rename"], options["levels"], options["digits"]
    order = options["terms"] or list(
        dict.fromkeys(c.term for est in ests for c in est.coefficients)
    )
    for term in order:
        found = [next((c for c in est.coefficients if c.term == term), None) for est in ests]
        if all(c is None for c in found):
            raise KeyError(f"term {term!r} is in none of the models")
        owner = next(est for est, c in zip(ests, found, strict=True) if c is not None)
        label = rename.get(term) or regime_label(term, owner) or term
        coefs: list[Cell] = [
            EMPTY if c is None else Number(c.coef, digits, stars(c.p, levels)) for c in found
        ]
        beneath: list[Cell] = [
            EMPTY if c is None else _beneath(c, options["stat"], digits) for c in found
        ]
        body.add(label, *coefs)
        body.add("", *beneath)


def _model_rows(body: Body, ests: Sequence[Estimates], stats: Sequence[str], digits: int) -> None:
    for name in stats:
        if name == "nobs":
            body.add("Observations", *(Number(e.nobs, 0, thousands=True) for e in ests))
        elif name == "r2":
            body.add(R2, *(Number(e.r2, digits) for e in ests))
        elif name == "thresholds":
            found = [e.extra.get("thresholds") or [] for e in ests]
            if any(found):
                body.add("Thresholds", *(", ".join(f"{g:.4g}" for g in t) for t in found))
        elif name == "effects":
            for effect in dict.fromkeys(x for e in ests for x in e.effects):
                yes = ("Yes" if effect in e.effects else "No" for e in ests)
                body.add(f"{effect[:1].upper()}{effect[1:]} effects", *yes)
        elif name == "se_type":
            body.add("Standard errors", *(e.se_type for e in ests))
        else:
            raise ValueError(f"unknown model row {name!r}; known: {', '.join(MODEL_STATS)}")


def _spanners(groups: Sequence[str]) -> list[Spanner]:
    """A spanner over each run of adjacent models with the same group (blank: none)."""
    out, start = [], 0
    for j in range(1, len(groups) + 1):
        if j == len(groups) or groups[j] != groups[start]:
            if groups[start]:
                out.append(Spanner(groups[start], start + 1, j + 1))
            start = j
    return out


def _notes(ests: Sequence[Estimates], labels: Sequence[str], options: dict[str, Any]) -> list[Text]:
    notes = [Text(BENEATH[options["stat"]][0])]
    if options["levels"] == STAR_LEVELS:
        notes.append(STAR_NOTE)
    elif options["levels"]:
        legend = ", ".join(f"{s} p < {level:g}" for level, s in options["levels"])
        notes.append(Text(legend + "."))
    described = [covariance_note(e) for e in ests]
    if len(set(described)) == 1:
        notes.append(Text(f"Standard errors: {described[0]}."))
    else:
        by_model = "; ".join(f"{lab} {d}" for lab, d in zip(labels, described, strict=True))
        notes.append(Text(f"Standard errors: {by_model}."))
    return notes + [Text(n) for n in options["notes"]]


def regression_table(
    results: Sequence[Any],
    *,
    labels: Sequence[str] | None = None,
    groups: Sequence[str] | str | None = "dependent",
    stat: str = "se",
    digits: int = 3,
    stars: bool | Sequence[tuple[float, str]] = True,
    terms: Sequence[str] | None = None,
    rename: Mapping[str, str] | None = None,
    model_stats: Sequence[str] = MODEL_STATS,
    title: str = "Regression results",
    notes: Sequence[str] = (),
    label: str = "tab:regression",
) -> Table:
    """One column per model of ``results`` (tidy estimates or fits with ``to_estimates()``).

    ``labels``: column headings (default ``(1)``, ``(2)``, …); ``groups``: a spanner over adjacent
    models of one group, ``"dependent"`` (the dependent variables), a label per model, or None;
    ``stat`` beneath each coefficient: ``se``, ``t``, ``p`` or ``ci`` (95% interval); ``digits``
    decimals; ``stars``: True (*** 1%, ** 5%, * 10%), False, or (level, stars) pairs; ``terms``:
    the coefficient rows to show, in order (default: every term, in order of appearance);
    ``rename``: term → row label; ``model_stats``: the model rows (:data:`MODEL_STATS`);
    ``notes`` are added beneath the generated ones.
    """
    if stat not in BENEATH:
        raise ValueError(f"stat must be one of {', '.join(BENEATH)}, not {stat!r}")
    labels = list(labels or (f"({j})" for j in range(1, len(results) + 1)))
    if len(labels) != len(results):
        raise ValueError(f"{len(labels)} labels for {len(results)} models")
    ests = [tidy(r, name) for r, name in zip(results, labels, strict=True)]
    levels = STAR_LEVELS if stars is True else tuple(stars or ())
    options = {
        "stat": stat,
        "digits": digits,
        "levels": levels,
        "terms": list(terms or ()),
        "rename": dict(rename or {}),
        "notes": list(notes),
    }
    body = Body()
    _coefficient_rows(body, ests, options)
    body.rule()
    _model_rows(body, ests, model_stats, digits)
    if groups == "dependent":
        groups = [e.dependent for e in ests]
    elif isinstance(groups, str):
        raise ValueError(f"groups must be 'dependent', a label per model or None, not {groups!r}")
    return Table(
        title=title,
        columns=[Column("", "l"), *(Column(lab) for lab in labels)],
        spanners=_spanners(list(groups)) if groups else [],
        blocks=body.blocks,
        notes=_notes(ests, labels, options),
        label=label,
    )
