"""Qu & Yang (2023) Tables 1 and 3 of the paper beside this run's: per equation and variable
the published "coefficient with stars (t)", this run's, and their difference.

``paper`` defaults to the packaged published numbers (:func:`gvcpanel.papers.published.load`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gvcpanel.errors import DataError
from gvcpanel.estimate.tidy import Coef, Estimates
from gvcpanel.papers import published
from gvcpanel.papers.qu_yang_2023 import EQUATIONS, STUDY, TABLE1_MODELS, THRESHOLD_MODELS
from gvcpanel.papers.qu_yang_2023.tables import (
    MINUS,
    PHI,
    R2,
    SYMBOLS,
    TABLE1_TERMS,
    TABLE3_TERMS,
    Source,
    T,
    brief_notes,
    checked,
    coef_t,
    common_notes,
    has_controls,
    regime_label,
    term,
    threshold,
)
from gvcpanel.report.cells import STAR_NOTE, Coefficient, Number, Stat, Text, span
from gvcpanel.report.table import Body, Table, columns


def _diff(ours: float | None, paper: float | None) -> Number:
    return Number(None if ours is None or paper is None else ours - paper)


def _add(body: Body, label: Text, first: str, c: Coef, paper: Mapping[str, Any]) -> None:
    """One row: published and replicated "coefficient with stars (t)", and their difference."""
    pub = Coefficient(Number(paper["coef"], stars=paper["stars"]), Stat((paper["stat"],)))
    body.add(first, label, pub, coef_t(c), _diff(c.coef, paper["coef"]))


def _vs_table(
    number: str, body: Body, notes: Sequence[Text], details: Sequence[Text] = ()
) -> Table:
    return Table(
        title="Paper vs. this run",
        columns=columns(["Equation", "Variable", "Paper", "This run", "Difference"], "llccc"),
        blocks=body.blocks,
        notes=[
            "Paper: published coefficient with its stars, " + T + " value in parentheses;"
            " this run: replicated coefficient with stars from its own p value and its "
            + T
            + " value; difference = this run "
            + MINUS
            + " paper. "
            + STAR_NOTE,
            *notes,
        ],  # fmt: skip
        number=number,
        label=f"tab:{STUDY}_table{number}_vs_paper",
        details=details,
    )


def _study(paper: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return published.load(STUDY) if paper is None else paper


def paper_sample(study: Mapping[str, Any]) -> Text:
    """The published sample, e.g. ``Paper sample: 21 countries, 2000–2015; <note>.``."""
    sample = study["sample"]
    text = f"Paper sample: {len(sample['countries'])} countries, " + span(*sample["years"])
    return text + (f"; {sample['note']}." if sample.get("note") else ".")


def table1_vs_paper(
    estimates: Mapping[str, Estimates],
    source: Source | None = None,
    paper: Mapping[str, Any] | None = None,
) -> Table:
    """Table 1 of the paper beside this run: coefficient, t and within R^2 per equation."""
    ests = checked(estimates, TABLE1_MODELS)
    study = _study(paper)
    pub = study["table1"]
    body = Body()
    for j, est in enumerate(ests):
        if j:
            body.rule()
        col = pub["columns"].index(est.model)
        for i, name in enumerate(TABLE1_TERMS):
            first = EQUATIONS[est.model] if i == 0 else ""
            _add(body, SYMBOLS[name], first, term(est, name), pub[name][col])
        controls = "Yes" if has_controls(est) else "No"
        body.add("", "Control variable", pub["controls"][col], controls, "")
        r2 = pub["r2"][col]
        body.add("", R2, Number(r2), Number(est.r2), _diff(est.r2, r2))
    src = source or {}
    notes = [paper_sample(study), *brief_notes(ests, src)]
    return _vs_table("1", body, notes, common_notes(ests, src))


def _published_term(block: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """The published row for ``name``; regime rows are keyed like ``mu_low (omega<=0.3454)``."""
    for key, value in block.items():
        if key.split(" ")[0] == name:
            return value
    raise DataError(f"published/{STUDY}.json", "published term present", [name])


def _published_threshold(block: Mapping[str, Any]) -> float:
    """The paper's threshold, read from its ``..._low (omega<=phi)`` row key."""
    key = next(k for k in block if "<=" in k)
    return float(key.split("<=")[1].rstrip(")"))


def table3_vs_paper(
    estimates: Mapping[str, Estimates],
    source: Source | None = None,
    paper: Mapping[str, Any] | None = None,
) -> Table:
    """Table 3 of the paper beside this run: threshold, slopes with t values and R^2."""
    ests = checked(estimates, THRESHOLD_MODELS)
    study = _study(paper)
    pub = study["table3_threshold_regressions"]
    body = Body()
    for j, est in enumerate(ests):
        if j:
            body.rule()
        block = pub[est.model]
        phi, phi_paper = threshold(est), _published_threshold(block)
        label = "Threshold " + PHI
        body.add(EQUATIONS[est.model], label, Number(phi_paper), Number(phi), _diff(phi, phi_paper))
        for name in TABLE3_TERMS[est.model]:
            c = term(est, name)
            row = regime_label(name, phi, est.extra.get("threshold_next"))
            _add(body, row, "", c, _published_term(block, name))
        body.add("", R2, Number(block["r2"]), Number(est.r2), _diff(est.r2, block["r2"]))
    notes = [
        paper_sample(study) + " Regime rows are labelled with this run's threshold " + PHI + ".",
        *brief_notes(ests, source or {}),
    ]
    return _vs_table("3", body, notes, common_notes(ests, source or {}))
