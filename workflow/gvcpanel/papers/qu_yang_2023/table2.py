"""Qu & Yang (2023) Table 2 and its "paper vs. this run" companion: tests of one, two and three
thresholds in omega for the mu slope (eq. 19) and the upsilon slope (eq. 20), with threshold
value, 95% interval, bootstrap p value, F with stars and the critical values.

Built from the threshold-test documents (:class:`~gvcpanel.estimate.threshold.ThresholdTests`,
validated against their schema when read); the data source and sample notes are an argument.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gvcpanel.errors import DataError
from gvcpanel.estimate.threshold.tests_table import ThresholdTests
from gvcpanel.papers import published
from gvcpanel.papers.qu_yang_2023 import EQUATIONS, MAX_THRESHOLDS, STUDY, THRESHOLD_MODELS
from gvcpanel.papers.qu_yang_2023.tables import MINUS, Source, sample_note, symbol
from gvcpanel.report.cells import STAR_NOTE, Number, Stat, Text, coef, join, span, tex, variable
from gvcpanel.report.table import Body, Heading, Layout, Table, columns

THRESHOLD_COUNT = {1: "Single threshold", 2: "Dual thresholds", 3: "Triple thresholds"}
PUBLISHED_COUNT = {1: "single", 2: "double", 3: "triple"}
N_THRESHOLDS = ("Number of", "thresholds")
THRESHOLD_VALUE = ("Threshold", "value")
F = variable("F")


def check_tests(name: str, doc: ThresholdTests | None) -> dict[str, Any]:
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


def _interval(ci: Sequence[float]) -> Stat:
    return Stat((ci[0], ci[1]), brackets="[]")


def f_stars(test: Mapping[str, Any]) -> str:
    """Stars of a threshold test from its own critical values: F > c(10%) *, c(5%) **, c(1%) ***.

    Stars and the printed critical values use one convention (the bootstrap quantiles of the
    tests file), so an F above the printed 1% value always has ***; the bootstrap p value (share
    of F* at least F) is printed without stars, as it can equal the level exactly.
    """
    levels = zip(test["crit_10_5_1"], ("*", "**", "***"), strict=True)
    return next((s for c, s in reversed(list(levels)) if test["F"] > c), "")


def source_notes(
    sources: Sequence[Mapping[str, Any]], source: Source, names: bool = True
) -> list[Text]:
    """The samples of the test documents (their ``source`` blocks; the countries' codes with
    ``names``), then the data source and the sample note of the configuration, each once."""
    notes: list[Text] = []
    for src in sources:
        if src.get("countries") and src.get("years"):
            countries = src["countries"]
            listed = f" ({', '.join(countries)})" if names else ""
            notes.append(
                f"Sample: {len(countries)} countries{listed}, " + span(*src["years"]) + "."
            )
    if source.get("data_source"):
        vintage = source.get("data_vintage") or "not recorded"
        notes.append(Text(f"Data: {source['data_source']}, vintage {vintage}."))
    return list(dict.fromkeys([*notes, *sample_note(source)]))


def _table2_notes(docs: Sequence[tuple[str, dict[str, Any]]], source: Source) -> list[Text]:
    notes = [
        "P values and critical values from the bootstrap distribution of " + F + "; stars on "
        + F + " from the printed critical values: *** " + F + " above the 1%, ** above the 5%,"
        " * above the 10% critical value.",
        Text("Intervals are 95% confidence intervals from inverting the likelihood-ratio"
             " statistic."),
    ]  # fmt: skip
    for model, doc in docs:
        boot = doc["bootstrap"]
        nobs = doc["nobs"]
        notes.append(
            f"Equation {EQUATIONS[model]}: threshold variable "
            + symbol(doc["threshold_variable"])
            + " (raw units), regime variable "
            + symbol(doc["regime_variables"][0])
            + f"; {boot.get('kind', '')} bootstrap with {boot.get('reps')} replications,"
            f" seed {boot.get('seed')}; "
            + tex(f"$N = {nobs}$", f"N = {nobs}", f"<i>N</i> = {nobs}")
            + f"; conventions: {doc['conventions']}."
        )
    return notes + source_notes([doc.get("source", {}) for _, doc in docs], source)


#: The bootstrap schemes and the estimator's conventions in words, for the notes.
BOOTSTRAP_WORDS = {
    "firm_block": "residuals of whole countries drawn with replacement (Hansen's bootstrap)",
    "wild_rademacher": "wild bootstrap by country, Rademacher weights",
    "wild_mammen": "wild bootstrap by country, Mammen weights",
}
CONVENTION_WORDS = {"standard": "", "hansen": " under Hansen's program's conventions",
                    "xthreg": " under xthreg's conventions"}  # fmt: skip


def _table2_brief(docs: Sequence[tuple[str, dict[str, Any]]], source: Source) -> list[Text]:
    """Table 2's notes in words: what the stars and intervals are, the bootstrap, the samples."""
    boot = {
        (d["bootstrap"].get("kind"), d["bootstrap"].get("reps"), d["conventions"]) for _, d in docs
    }
    schemes = "; ".join(
        f"{reps} replications, {BOOTSTRAP_WORDS.get(kind, kind)}{CONVENTION_WORDS.get(conv, '')}"
        for kind, reps, conv in sorted(boot, key=str)
    )
    regimes = [
        symbol(d["regime_variables"][0]) + f" in ({EQUATIONS[m].strip('()')})" for m, d in docs
    ]
    regime_text = join(regimes)
    return [
        "Stars on " + F + " from the printed bootstrap critical values (*** above the 1%, ** the"
        " 5%, * the 10% value); intervals: 95%, from inverting the likelihood-ratio statistic.",
        "Threshold variable " + symbol(docs[0][1]["threshold_variable"]) + " (raw units); regime"
        " variable " + regime_text + f". Bootstrap: {schemes}.",
        *source_notes([doc.get("source", {}) for _, doc in docs], source, names=False),
    ]  # fmt: skip


def table2(tests: Mapping[str, ThresholdTests], source: Source | None = None) -> Table:
    """Table 2: tests of one, two and three thresholds (or the ``max_thresholds`` tested) for
    equations (19) and (20)."""
    docs = [(m, check_tests(m, tests.get(m))) for m in THRESHOLD_MODELS]
    body = Body()
    for i, (_, doc) in enumerate(docs):
        if i:
            body.rule()
        for test in doc["tests"]:
            body.add(
                symbol(doc["regime_variables"][0]) if test["k"] == 1 else "",
                THRESHOLD_COUNT[test["k"]],
                Number(test["threshold"]),
                _interval(test["ci95"]),
                Number(test["p"]),
                Number(test["F"], 2, f_stars(test)),
                Stat(tuple(test["crit_10_5_1"]), 2, brackets=""),
            )
    heads: list[Heading] = ["Variable", N_THRESHOLDS, THRESHOLD_VALUE, "Interval", "P value", F]
    return Table(
        title="Tests of the threshold effect",
        columns=columns([*heads, ("Critical values", "(10%, 5%, 1%)")], "llccccc"),
        blocks=body.blocks,
        notes=_table2_brief(docs, source or {}),
        details=_table2_notes(docs, source or {}),
        number="2",
        label=f"tab:{STUDY}_table2",
        layout=Layout(latex_number=False),
    )


def table2_vs_paper(
    tests: Mapping[str, ThresholdTests],
    source: Source | None = None,
    paper: Mapping[str, Any] | None = None,
) -> Table:
    """Table 2 of the paper beside this run: threshold, 95% interval and p value per test.

    ``paper`` defaults to the packaged published numbers (:func:`published.load`)."""
    docs = [(m, check_tests(m, tests.get(m))) for m in THRESHOLD_MODELS]
    pub = (published.load(STUDY) if paper is None else paper)["table2_threshold_tests"]
    body = Body()
    for i, (_, doc) in enumerate(docs):
        if i:
            body.rule()
        regime = doc["regime_variables"][0]
        if regime not in pub:
            raise DataError(f"published/{STUDY}.json", "regime variable published", [regime])
        for test in doc["tests"]:
            ref = pub[regime][PUBLISHED_COUNT[test["k"]]]
            first = symbol(regime) if test["k"] == 1 else ""
            count = THRESHOLD_COUNT[test["k"]]
            body.add(
                first,
                count,
                "Paper",
                Number(ref["threshold"]),
                _interval(ref["ci95"]),
                coef(ref["p"], ref["p"]),
                "",
            )
            diff = Number(test["threshold"] - ref["threshold"])
            ours = Number(test["p"], stars=f_stars(test))
            row = (Number(test["threshold"]), _interval(test["ci95"]), ours, diff)
            body.add("", "", "This run", *row)
    notes = [
        f"Paper: {pub['bootstrap_reps']} bootstrap replications, stars on its p values ("
        + STAR_NOTE + "). This run: stars from " + F + " against its bootstrap critical values"
        " (see below). Difference = this run's threshold " + MINUS + " the paper's.",
        *_table2_brief(docs, source or {}),
    ]  # fmt: skip
    heads = ["Variable", N_THRESHOLDS, "Source", THRESHOLD_VALUE, "Interval", "P value"]
    return Table(
        title="Paper vs. this run",
        columns=columns([*heads, "Difference"], "lllcccc"),
        blocks=body.blocks,
        notes=notes,
        details=_table2_notes(docs, source or {}),
        number="2",
        label=f"tab:{STUDY}_table2_vs_paper",
    )
