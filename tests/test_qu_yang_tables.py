"""Qu & Yang (2023) Tables 1-3, the vs-paper tables and the master document.

Inputs are synthetic tidy estimates built here; the assertions are about layout and formatting,
and the vs-paper cells are checked against the published numbers in ../shared/reference.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from html_table import parse_page
from table_files import assert_same_cells

from gvcpanel.errors import DataError
from gvcpanel.estimate.threshold import ThresholdTests
from gvcpanel.estimate.tidy import Coef, Estimates
from gvcpanel.papers import published
from gvcpanel.papers.qu_yang_2023 import table2 as qu_yang_table2
from gvcpanel.papers.qu_yang_2023 import tables as qu_yang
from gvcpanel.papers.qu_yang_2023 import vs_paper as qu_yang_vs_paper
from gvcpanel.report.master import compile_pdf, write_master
from gvcpanel.report.table import FORMATS, write

COUNTRIES = ["AUS", "AUT", "CHN", "DEU", "USA"]
SOURCE = "WIOD_2013 & WDI"
#: The data source and sample notes of the configuration, passed to the tables.
NOTES = {"data_source": SOURCE, "data_vintage": "2013 release", "sample_note": "NOR_CHE"}
# p values chosen to hit every star level: *** (<0.01), ** (<0.05), * (<0.1), none
P_VALUES = {"omega": 0.001, "mu": 0.03, "upsilon": 0.07, "gr": 0.4}
STARS = {"omega": "***", "mu": "**", "upsilon": "*", "gr": ""}


def _est(model: str, terms: list[str], r2: float, nobs: int, **sample: object) -> Estimates:
    coefs = [
        Coef(
            term=t,
            coef=-0.1 * (i + 1) - 0.01 * len(model),
            se=0.05,
            stat=-2.0 - i - 0.001 * len(model),
            p=P_VALUES.get(t.split("_")[0], 0.2),
            ci_lower=-1.0,
            ci_upper=0.0,
        )
        for i, t in enumerate(terms)
    ]
    return Estimates(
        study="qu_yang_2023",
        model=model,
        dependent="GVCP" if not model.startswith("eq18") else "change in GVCP",
        estimator="PanelOLS",
        coefficients=coefs,
        nobs=nobs,
        r2=r2,
        effects=["country", "year"],
        se_type="clustered by country",
        se_convention="G/(G-1) x (N-1)/(N-K)",
        sample={
            "countries": COUNTRIES,
            "years": [2000, 2011],
            "nobs": nobs,
            "standardize": "z-score over the estimation sample",
            **sample,
        },
        seed=20230104,
        versions={"gvcpanel": "0"},
    )


def table1_inputs() -> dict[str, Estimates]:
    base = ["omega", "mu", "upsilon", "gr"]
    return {
        "eq16": _est("eq16", base, 0.75, 60),
        "eq17": _est("eq17", [*base, "gdpp", "pop"], 0.77, 60),
        "eq18_2y": _est("eq18_2y", base, 0.47, 50, differences="overlapping"),
        "eq18_4y": _est("eq18_4y", base, 0.58, 40, differences="overlapping"),
    }


def table3_inputs() -> dict[str, Estimates]:
    out = {}
    for model, phi in (("eq19", 0.3454), ("eq20", 0.3785)):
        est = _est(model, list(qu_yang.TABLE3_TERMS[model]), 0.62, 60)
        out[model] = est.replace(extra=est.extra | {"thresholds": [phi]})
    return out


def table2_docs() -> dict[str, dict]:
    """The JSON form of two test documents."""

    def doc(regime: str, base: float) -> dict:
        tests = [
            {
                "k": k,
                "threshold": base + 0.1 * k,
                "ci95": [base + 0.1 * k - 0.01, base + 0.1 * k + 0.01],
                "sse": 10.0 - k,
                "F": 20.0 / k,
                "p": (0.004, 0.2, 0.06)[k - 1],
                "crit_10_5_1": [7.1, 9.2, 13.3],
            }
            for k in (1, 2, 3)
        ]
        return {
            "threshold_variable": "omega",
            "regime_variables": [regime],
            "conventions": "standard (<= lower regime)",
            "bootstrap": {"kind": "firm_block", "reps": 500, "seed": 7},
            "nobs": 60,
            "tests": tests,
        }

    return {"eq19": doc("mu", 0.2), "eq20": doc("upsilon", 0.25)}


def table2_inputs() -> dict[str, ThresholdTests]:
    return {
        m: ThresholdTests.from_dict(d, f"{m}_threshold_tests.json")
        for m, d in table2_docs().items()
    }


def rows(tex: str) -> list[list[str]]:
    """The body rows of a rendered table, as lists of cells."""
    body = tex.split("\\midrule\n", 1)[1].split("\\bottomrule")[0]
    return [
        [c.strip() for c in line.removesuffix(r" \\").split(" & ")]
        for line in body.splitlines()
        if line.endswith(r" \\")
    ]


def value(cell: str) -> float:
    return float(cell.replace("$", "").rstrip("*"))


def assert_well_formed(tex: str) -> None:
    """Balanced environments and braces, one booktabs frame per table, equal cell counts."""
    stack = []
    for kind, env in re.findall(r"\\(begin|end)\{(\w+)\}", tex):
        if kind == "begin":
            stack.append(env)
        else:
            assert stack.pop() == env
    assert not stack
    assert tex.count("{") - tex.count(r"\{") == tex.count("}") - tex.count(r"\}")
    assert tex.count(r"\toprule") == tex.count(r"\bottomrule") == 1
    assert tex.index(r"\toprule") < tex.index(r"\midrule") < tex.index(r"\bottomrule")
    header = tex.split("\\toprule\n", 1)[1].split("\n", 1)[0]
    widths = {len(r) for r in rows(tex)} | {header.count(" & ") + 1}
    assert len(widths) == 1


# ----------------------------------------------------------------------------- Table 1


def test_table1_layout():
    tex = qu_yang.table1(table1_inputs()).to_latex()
    assert_well_formed(tex)
    body = rows(tex)
    assert [r[0] for r in body] == [
        r"$\omega$", "", r"$\mu$", "", r"$\upsilon$", "", "$gr$", "",
        "Control variable", "$R^2$", "$N$",
    ]  # fmt: skip
    assert "Equation (16) & Equation (17)" in tex and "(4-year change)" in tex
    omega, omega_t = body[0], body[1]
    assert omega[1] == "$-0.1400$***"  # -0.1 - 0.01 * len("eq16")
    assert [c.endswith("***") for c in omega[1:]] == [True] * 4
    assert body[2][1].endswith("$**") and body[4][1].endswith("$*") and body[6][1].endswith("$")
    assert omega_t[1] == "($-2.0040$)"
    assert all(c.startswith("($") and c.endswith("$)") for c in omega_t[1:])
    assert body[8][1:] == ["No", "Yes", "No", "No"]
    assert body[9][1:] == ["0.7500", "0.7700", "0.4700", "0.5800"]
    assert body[10][1:] == ["60", "60", "50", "40"]


def test_table1_notes_state_sample_se_and_source_in_words():
    """A few lines in words (no variable codes); the rest in the details the report shows."""
    table = qu_yang.table1(table1_inputs(), NOTES)
    notes = table.to_latex().split(r"\begin{minipage}")[1]
    assert "Dependent variable: (16) GVCP; (17) GVCP; (18) 2-year change in GVCP" in notes
    assert "Sample: 5 countries. Years: 2000--2011." in notes
    assert "clustered by country (Stata's convention)" not in notes  # no convention in the input
    assert "Standard errors: clustered by country" in notes
    assert "z-score over the estimation sample" in notes
    assert "country and year fixed effects" in notes
    assert r"WIOD\_2013 \& WDI, vintage 2013 release" in notes
    assert r"NOR\_CHE." in notes
    assert "Within $R^2$" in notes and "$t$ values" in notes and "$p<0.01$" in notes
    assert sum(len(n.text) for n in table.notes) < 640  # about four lines of the page
    details = " ".join(d.text for d in table.details)
    assert "Countries: 5 (AUS, AUT, CHN, DEU, USA)." in details
    assert "clustered by country (G/(G-1) x (N-1)/(N-K))" in details
    assert "Equation (18) uses k-year differences: overlapping" in details
    assert "Seed: 20230104" in details
    html = table.to_html()
    assert '<div class="details">' in html and "Countries: 5 (AUS, AUT, CHN, DEU, USA)." in html


def test_labels_are_escaped():
    tex = qu_yang.table1(table1_inputs(), NOTES).to_latex()
    assert SOURCE not in tex and "NOR_CHE" not in tex
    assert re.search(r"(?<!\\)[&_%#]", tex.split(r"\begin{minipage}")[1].replace(" & ", "")) is None


def test_table1_notes_per_column_when_columns_differ():
    ests = table1_inputs()
    ests["eq17"] = ests["eq17"].replace(se_type="White", se_convention="")
    tex = qu_yang.table1(ests).to_latex()
    assert "Standard errors: (16) clustered by country" in tex and "; (17) White;" in tex


def test_table1_rejects_missing_model_and_term():
    ests = table1_inputs()
    del ests["eq17"]
    with pytest.raises(DataError, match=r"model present.*eq17"):
        qu_yang.table1(ests)
    ests = table1_inputs()
    ests["eq16"] = ests["eq16"].replace(coefficients=ests["eq16"].coefficients[1:])
    with pytest.raises(DataError, match=r"qu_yang_2023/eq16.*term present.*omega"):
        qu_yang.table1(ests)
    ests = table1_inputs()
    ests["eq16"] = ests["eq16"].replace(model="eq17")
    with pytest.raises(DataError, match="matches its key"):
        qu_yang.table1(ests)


def test_tables_are_deterministic():
    for build, inputs in (
        (qu_yang.table1, table1_inputs),
        (qu_yang_table2.table2, table2_inputs),
        (qu_yang.table3, table3_inputs),
    ):
        assert build(inputs()).to_latex() == build(inputs()).to_latex()


# ----------------------------------------------------------------------------- Tables 2 and 3


def test_table2_layout_and_stars():
    tex = qu_yang_table2.table2(table2_inputs()).to_latex()
    assert_well_formed(tex)
    body = rows(tex)
    assert [r[:2] for r in body] == [
        [r"$\mu$", "Single threshold"], ["", "Dual thresholds"], ["", "Triple thresholds"],
        [r"$\upsilon$", "Single threshold"], ["", "Dual thresholds"], ["", "Triple thresholds"],
    ]  # fmt: skip
    assert body[0][2:] == ["0.3000", "[0.2900, 0.3100]", "0.0040", "20.00***", "7.10, 9.20, 13.30"]
    assert body[1][4:6] == ["0.2000", "10.00**"] and body[2][4:6] == ["0.0600", "6.67"]
    assert "500 replications, residuals of whole countries drawn with replacement" in tex
    assert "firm_block" not in tex and "firm\\_block" not in tex
    details = " ".join(d.text for d in qu_yang_table2.table2(table2_inputs()).details)
    assert "firm_block bootstrap with 500 replications, seed 7; N = 60" in details
    assert r"Threshold variable $\omega$ (raw units)" in tex


def test_table2_stars_follow_the_printed_critical_values():
    """F above the printed 1% critical value gets *** even when the bootstrap p equals 0.01."""
    docs = table2_docs()
    docs["eq19"]["tests"][1] |= {"F": 17.7505, "p": 0.01, "crit_10_5_1": [11.63, 13.08, 16.459]}
    docs["eq19"]["tests"][2] |= {"F": 13.0, "p": 0.05, "crit_10_5_1": [11.63, 13.08, 16.459]}
    tests = {m: ThresholdTests.from_dict(d, f"{m}_threshold_tests.json") for m, d in docs.items()}
    for build in (qu_yang_table2.table2, qu_yang_table2.table2_vs_paper):
        tex = build(tests).to_latex()
        body = rows(tex)
        cells = [c for r in body for c in r]
        if "This run" in cells:  # vs paper: stars on this run's p value, from F and its crit
            ours = [r for r in body if r[2] == "This run"]
            assert ours[1][5] == "0.0100***" and ours[2][5] == "0.0500*"
        else:
            assert body[1][4:6] == ["0.0100", "17.75***"] and body[2][4:6] == ["0.0500", "13.00*"]
        assert "Stars on $F$ from the printed bootstrap critical values" in tex


def test_table2_vs_paper_prints_the_star_legend_once():
    tex = qu_yang_table2.table2_vs_paper(table2_inputs()).to_latex()
    assert tex.count("$p<0.01$") == 1


@pytest.mark.parametrize("m", [1, 2, 3])  # every max_thresholds the schema accepts
def test_table2_shows_the_thresholds_tested(m):
    tests = table2_inputs()
    for name, doc in tests.items():
        tests[name] = doc.replace(tests=doc.tests[:m])
    counts = ["Single threshold", "Dual thresholds", "Triple thresholds"][:m]
    for build in (qu_yang_table2.table2, qu_yang_table2.table2_vs_paper):
        tex = build(tests).to_latex()
        assert_well_formed(tex)
        shown = [r[1] for r in rows(tex) if r[1]]
        assert shown == counts * 2


def test_table2_rejects_wrong_shape():
    docs = table2_docs()
    del docs["eq20"]["bootstrap"]
    with pytest.raises(DataError, match=r"eq20_threshold_tests.json.*schema.*'bootstrap'"):
        ThresholdTests.from_dict(docs["eq20"], "eq20_threshold_tests.json")
    docs = table2_docs()
    del docs["eq19"]["tests"][2]["ci95"]
    with pytest.raises(DataError, match=r"tests/2: 'ci95' is a required property"):
        ThresholdTests.from_dict(docs["eq19"], "eq19_threshold_tests.json")
    docs = table2_docs()
    docs["eq19"]["tests"][1]["k"] = 3
    with pytest.raises(DataError, match=r"k = 1, 2, \.\.\. in order"):
        ThresholdTests.from_dict(docs["eq19"], "eq19_threshold_tests.json")
    tests = table2_inputs()
    for ks in ([], [1, 2, 3, 4]):
        tests = table2_inputs()
        by_k = {t.k: t for t in tests["eq19"].tests}
        tests["eq19"] = tests["eq19"].replace(
            tests=[by_k.get(k, replace(by_k[3], k=k)) for k in ks]
        )
        with pytest.raises(DataError, match=r"eq19_threshold_tests.json.*k = 1, \.\.\., m"):
            qu_yang_table2.table2(tests)
    tests = table2_inputs()
    first, *rest = tests["eq20"].tests
    tests["eq20"] = tests["eq20"].replace(tests=[replace(first, p=None), *rest])
    with pytest.raises(DataError, match=r"eq20_threshold_tests.json.*bootstrap p value.*k=1"):
        qu_yang_table2.table2(tests)


def test_table3_layout_and_threshold_labels():
    tex = qu_yang.table3(table3_inputs()).to_latex()
    assert_well_formed(tex)
    body = rows(tex)
    assert [r[0] for r in body] == [
        r"$\omega$", r"$\mu(\omega \leq 0.3454)$", r"$\mu(\omega > 0.3454)$", r"$\upsilon$",
        "$gr$", "$R^2$", "$N$",
    ]  # fmt: skip
    assert [r[2] for r in body][1:4] == [
        r"$\mu$", r"$\upsilon(\omega \leq 0.3785)$", r"$\upsilon(\omega > 0.3785)$",
    ]  # fmt: skip
    assert body[0][1] == "$-0.1400$*** ($-2.0040$)"
    assert body[5][1:4:2] == ["0.6200", "0.6200"] and body[6][1] == "60"


def test_table3_needs_one_threshold():
    ests = table3_inputs()
    ests["eq20"] = ests["eq20"].replace(extra=ests["eq20"].extra | {"thresholds": [0.2, 0.4]})
    with pytest.raises(DataError, match=r"eq20.*one threshold"):
        qu_yang.table3(ests)


# ----------------------------------------------------------------------------- vs paper


def test_published_copy_matches_reference(reference):
    copy, ref = published.load("qu_yang_2023"), reference["qu_yang_2023"]
    assert {k: v for k, v in copy.items() if k in ref} == ref
    # Tables 4 and 5 are transcribed by the project (checked against the paper's text in
    # test_qu_yang_exhibits.py); the reference file has no copy of them.
    assert set(copy) - set(ref) == {"table4", "table5"}
    with pytest.raises(DataError, match="published numbers exist.*no_such_study"):
        published.load("no_such_study")


def _cells(tex: str) -> dict[tuple[str, str], list[str]]:
    """(equation, variable) -> row of a vs-paper table (equation carried down blank cells)."""
    out, eq = {}, ""
    for row in rows(tex):
        eq = row[0] or eq
        out[(eq, row[1])] = row
    return out


def coef_t(cell: str) -> tuple[float, str, float]:
    """``$-0.5244$*** ($-5.8965$)`` -> (-0.5244, "***", -5.8965)."""
    coef, t = cell.split(" ")
    return value(coef), coef[coef.rindex("$") + 1 :], value(t.strip("()"))


def test_table1_vs_paper_cells_are_published_numbers(reference):
    ref = reference["qu_yang_2023"]["table1"]
    ests = table1_inputs()
    tex = qu_yang_vs_paper.table1_vs_paper(ests).to_latex()
    assert_well_formed(tex)
    cells = _cells(tex)
    for col, model in enumerate(ref["columns"]):
        eq = qu_yang.EQUATIONS[model]
        for term in ("omega", "mu", "upsilon", "gr"):
            row = cells[(eq, qu_yang.SYMBOLS[term].latex)]
            pub = ref[term][col]
            assert coef_t(row[2]) == (pub["coef"], pub["stars"], pub["stat"])
            ours = ests[model].coef(term)
            assert coef_t(row[3]) == (round(ours.coef, 4), STARS[term], round(ours.stat, 4))
            assert value(row[4]) == pytest.approx(ours.coef - pub["coef"], abs=1e-4)
        assert cells[(eq, "$R^2$")][2] == f"{ref['r2'][col]:.4f}"
        assert cells[(eq, "Control variable")][2:4] == [ref["controls"][col]] * 2
    sample = reference["qu_yang_2023"]["sample"]
    first, last = sample["years"]
    assert f"Paper sample: {len(sample['countries'])} countries, {first}--{last}" in tex


def test_table3_vs_paper_cells_are_published_numbers(reference):
    ref = reference["qu_yang_2023"]["table3_threshold_regressions"]
    tex = qu_yang_vs_paper.table3_vs_paper(table3_inputs()).to_latex()
    assert_well_formed(tex)
    cells = _cells(tex)
    labels = {
        "eq19": [r"$\omega$", r"$\mu(\omega \leq 0.3454)$", r"$\mu(\omega > 0.3454)$",
                 r"$\upsilon$", "$gr$"],
        "eq20": [r"$\omega$", r"$\mu$", r"$\upsilon(\omega \leq 0.3785)$",
                 r"$\upsilon(\omega > 0.3785)$", "$gr$"],
    }  # fmt: skip
    for model, block in ref.items():
        eq = qu_yang.EQUATIONS[model]
        published_rows = [v for k, v in block.items() if k != "r2"]
        for label, pub in zip(labels[model], published_rows, strict=True):
            assert coef_t(cells[(eq, label)][2]) == (pub["coef"], pub["stars"], pub["stat"])
        assert value(cells[(eq, "$R^2$")][2]) == block["r2"]
        phi = cells[(eq, r"Threshold $\varphi$")]
        regime = {"eq19": "mu", "eq20": "upsilon"}[model]
        published = reference["qu_yang_2023"]["table2_threshold_tests"][regime]["single"]
        assert value(phi[2]) == published["threshold"]


def test_table3_vs_paper_threshold_columns_are_paper_and_run(reference):
    """With this run's φ unlike the paper's, the paper column keeps the published φ."""
    inputs = table3_inputs()
    inputs["eq19"] = inputs["eq19"].replace(extra=inputs["eq19"].extra | {"thresholds": [0.3501]})
    cells = _cells(qu_yang_vs_paper.table3_vs_paper(inputs).to_latex())
    phi = cells[(qu_yang.EQUATIONS["eq19"], r"Threshold $\varphi$")]
    published = reference["qu_yang_2023"]["table2_threshold_tests"]["mu"]["single"]["threshold"]
    assert (value(phi[2]), value(phi[3])) == (published, 0.3501)


def test_table2_vs_paper_cells_are_published_numbers(reference):
    ref = reference["qu_yang_2023"]["table2_threshold_tests"]
    tests = table2_inputs()
    tex = qu_yang_table2.table2_vs_paper(tests).to_latex()
    assert_well_formed(tex)
    body = rows(tex)
    paper_rows = [r for r in body if r[2] == "Paper"]
    ours_rows = [r for r in body if r[2] == "This run"]
    expected = [ref[v][k] for v in ("mu", "upsilon") for k in ("single", "double", "triple")]
    assert len(paper_rows) == len(expected) == 6
    for row, pub in zip(paper_rows, expected, strict=True):
        assert value(row[3]) == pub["threshold"]
        assert [float(x) for x in row[4].strip("[]").split(", ")] == pub["ci95"]
        assert value(row[5]) == pub["p"]
    assert paper_rows[0][5] == "0.0340**" and paper_rows[3][5] == "0.0700*"
    ours = [t.to_dict() for m in ("eq19", "eq20") for t in tests[m].tests]
    for row, pub, test in zip(ours_rows, expected, ours, strict=True):
        assert value(row[3]) == round(test["threshold"], 4)
        assert value(row[6]) == pytest.approx(test["threshold"] - pub["threshold"], abs=1e-4)


# ----------------------------------------------------------------------------- master document


def _write_all(tables_dir: Path) -> list[Path]:
    texts = {
        "table1": qu_yang.table1(table1_inputs()).to_latex(),
        "table2": qu_yang_table2.table2(table2_inputs()).to_latex(),
        "table3": qu_yang.table3(table3_inputs()).to_latex(),
        "table1_vs_paper": qu_yang_vs_paper.table1_vs_paper(table1_inputs()).to_latex(),
        "table2_vs_paper": qu_yang_table2.table2_vs_paper(table2_inputs()).to_latex(),
        "table3_vs_paper": qu_yang_vs_paper.table3_vs_paper(table3_inputs()).to_latex(),
    }
    paths = []
    for name, text in texts.items():
        path = tables_dir / "qu_yang_2023" / f"{name}.tex"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        paths.append(path)
    return paths


def test_master_inputs_every_table_by_relative_path(tmp_path):
    paths = _write_all(tmp_path / "tables")
    out = tmp_path / "tables" / "tables.tex"
    write_master(paths, out)
    tex = out.read_text()
    inputs = re.findall(r"\\input\{([^}]*)\}", tex)
    assert inputs == [f"qu_yang_2023/{p.name}" for p in paths]
    assert tex.startswith(r"\documentclass") and tex.rstrip().endswith(r"\end{document}")
    assert r"\usepackage{booktabs}" in tex
    with pytest.raises(DataError, match="usable by"):
        write_master([tmp_path / "bad name.tex"], out)


def test_master_compiles_with_pdflatex(pdflatex, tmp_path):
    paths = _write_all(tmp_path / "tables")
    out = tmp_path / "tables" / "tables.tex"
    write_master(paths, out)
    pdf = compile_pdf(out)
    assert pdf == out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "qu_yang_2023",
        "tables.pdf",
        "tables.tex",
    ]


def test_compile_pdf_reports_latex_errors(pdflatex, tmp_path):
    bad = tmp_path / "bad.tex"
    bad.write_text("\\documentclass{article}\\begin{document}\\undefinedmacro\\end{document}\n")
    with pytest.raises(DataError, match="pdflatex compiles.*Undefined control sequence"):
        compile_pdf(bad)
    assert not bad.with_suffix(".pdf").exists()


def test_table2_notes_carry_the_samples_and_the_source_argument():
    sample = {"countries": ["AUS", "CHN"], "years": [2000, 2011]}
    source = {"data_source": "WIOD_2013", "data_vintage": "2013", "sample_note": "18 of 21"}
    notes = qu_yang_table2.source_notes([sample, sample], source)
    assert [n.latex for n in notes] == [
        "Sample: 2 countries (AUS, CHN), 2000--2011.",
        r"Data: WIOD\_2013, vintage 2013.",
        "18 of 21.",
    ]
    assert notes[0].text == "Sample: 2 countries (AUS, CHN), 2000–2011."
    tex = qu_yang_table2.table2(table2_inputs(), source).to_latex()
    assert r"Data: WIOD\_2013, vintage 2013. 18 of 21." in tex


# ----------------------------------------------------------------------------- HTML rendering

NUMBER_CELL = re.compile(r"^\(?\$?-?[\d.]+\$?\)?\**$")


@pytest.mark.parametrize(
    ("build", "inputs"),
    [
        (qu_yang.table1, table1_inputs),
        (qu_yang_vs_paper.table1_vs_paper, table1_inputs),
        (qu_yang_table2.table2, table2_inputs),
        (qu_yang_table2.table2_vs_paper, table2_inputs),
        (qu_yang.table3, table3_inputs),
        (qu_yang_vs_paper.table3_vs_paper, table3_inputs),
    ],
)
def test_html_shows_the_latex_cells(build, inputs):
    """The HTML page of a table has the LaTeX's body: every numeric cell with its stars (the
    LaTeX minus in math as U+2212), and the omega row label as the Greek letter."""
    table = build(inputs())
    tex_rows = rows(table.to_latex())
    page = parse_page(table.to_html())
    html_rows = [[text for text, _, _ in row] for row in page.body]
    assert len(html_rows) == len(tex_rows)
    for tex_row, html_row in zip(tex_rows, html_rows, strict=True):
        for tex_cell, html_cell in zip(tex_row, html_row, strict=True):
            if NUMBER_CELL.match(tex_cell):
                assert html_cell == tex_cell.replace("$", "").replace("-", "\u2212")
            if tex_cell == r"$\omega$":
                assert html_cell == "ω"
    assert not [c for row in html_rows for c in row if "$" in c or "\\" in c]  # no LaTeX left


@pytest.mark.parametrize(
    ("build", "inputs"),
    [
        (qu_yang.table1, table1_inputs),
        (qu_yang_vs_paper.table1_vs_paper, table1_inputs),
        (qu_yang_table2.table2, table2_inputs),
        (qu_yang_table2.table2_vs_paper, table2_inputs),
        (qu_yang.table3, table3_inputs),
        (qu_yang_vs_paper.table3_vs_paper, table3_inputs),
    ],
)
def test_every_format_shows_the_same_cells(build, inputs, tmp_path):
    """The six files of each table: HTML, CSV, Markdown, XLSX and DOCX read back to one grid,
    caption and notes, and the LaTeX's numbers are that grid's."""
    table = build(inputs(), NOTES)
    write(table, tmp_path / "t", FORMATS)
    shown = assert_same_cells(tmp_path / "t")
    assert shown.grid[len(table.heading_rows()) :] == [[c.text for c in r] for r in table.rows]
    assert "NOR_CHE." in shown.notes  # the notes argument, as text
