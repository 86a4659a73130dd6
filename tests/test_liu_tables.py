"""Liu tables: the paper's rows and columns, escaping, published values from the project copy."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pandas as pd
import pytest
from liu_data import many_industry_firms
from table_files import assert_same_cells

from gvcpanel.errors import DataError
from gvcpanel.estimate.tidy import Coef, Estimates
from gvcpanel.papers.liu_2013 import paper_specs
from gvcpanel.papers.liu_2013 import summary_tables as liu_tables
from gvcpanel.papers.liu_2013 import tables as liu
from gvcpanel.papers.liu_2013.convergence import fit_all, regressors
from gvcpanel.papers.liu_2013.decomposition import liu_decomposition
from gvcpanel.papers.liu_2013.industry_panel import (
    industry_panel,
    table1_summary,
    table2_summary,
    tablea1_summary,
)
from gvcpanel.report.cells import num
from gvcpanel.report.latex import document
from gvcpanel.report.table import FORMATS, Table

SOURCE = "synthetic R&D_panel 100%"


def fake_estimates(group: str = "foreign") -> dict[str, Estimates]:
    """Tidy estimates for every paper spec with distinct, known numbers (rendering only)."""
    out = {}
    for i, spec in enumerate(paper_specs(group)):
        terms = [*regressors(spec), "const"]
        coefs = [
            Coef(t, -0.01 * (i + 1) - j, 0.001 * (j + 1), -3.0, 0.005 if j == 0 else 0.5, 0, 0)
            for j, t in enumerate(terms)
        ]
        out[spec["name"]] = Estimates(
            study="liu_2013",
            model=spec["name"],
            dependent=spec.get("dependent", "dvr"),
            estimator="OLS",
            coefficients=coefs,
            nobs=2000 + i,
            r2=0.0123,
            se_type="cluster",
            se_convention="CR1",
            seed=7,
            sample={"group": spec.get("group", "foreign"), "years": [2000, 2007], "span": [2]},
            versions={},
        )
    return out


def summaries() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    t1 = pd.DataFrame({"year": [1998, 2001, 2004, 2007]})
    for col, _ in liu.T1_STATS:
        t1[col] = 1.5
    t2 = pd.DataFrame({"year": range(1999, 2008)})
    for col, _ in liu.T2_STATS:
        t2[col] = 0.01
    a1 = pd.DataFrame(
        {
            "cic2": [13, 14],
            "description": ["Food & Farm_1", "Other"],
            "kl": [90.0, 80.0],
            "training": [3e-4, 4e-4],
        }
    )
    return t1, t2, a1


def latex(tables: dict[str, Table]) -> dict[str, str]:
    """The LaTeX of each table, keyed by its file name (``table3.tex``)."""
    return {f"{stem}.tex": t.to_latex() for stem, t in tables.items()}


@pytest.fixture(scope="module")
def tables() -> dict[str, str]:
    return latex(liu_tables.render_liu_tables(fake_estimates(), *summaries(), source=SOURCE))


def test_all_files_present(tables):
    stems = [
        "table1",
        "table2",
        "table3",
        "table4",
        "table5",
        "table6",
        "table7",
        "table8",
        "tableA1",
    ]
    assert set(tables) == {f"{s}{v}.tex" for s in stems for v in ("", "_vs_paper")}


def test_regression_layout(tables):
    t3 = tables["table3.tex"]
    labels = [
        "Initial VR",
        r"Year Trend ($\tau$)",
        r"Training Intensity ($\beta$)",
        "Capital Intensity (K/L)",
        "Constant",
        "Observations",
        "R-squared",
    ]
    positions = [t3.index("\n" + lab + " &") for lab in labels]
    assert positions == sorted(positions)
    assert (
        r"{\centering (3) High K/L industries} & "
        r"\parbox[b]{2.4cm}{\centering (4) Low K/L industries}" in t3
    )
    # the paper's own number, not LaTeX's running one; wide tables on a landscape page
    assert r"\renewcommand{\thetable}{3}" in t3 and r"\caption{$\Delta$VR of Multinational" in t3
    assert all(r"\begin{landscape}" in tables[f"table{k}.tex"] for k in (1, 6, 7, 8))
    assert r"\begin{longtable}" in tables["tableA1.tex"]
    # coefficient with stars from p, SE in parentheses, K/L empty in column (1)
    assert r"Initial VR & $-0.0100$*** & $-0.0200$*** & $-0.0300$*** & $-0.0400$***" in t3
    assert "& (0.00100) &" in t3
    assert "Capital Intensity (K/L) &  & $-3.02$ &" in t3
    assert "2{,}000 & 2{,}001" in t3
    assert r"Wage Index &" in tables["table6.tex"] and "Year Trend" not in tables["table6.tex"]
    assert "Initial VR: year & 2003 & 2003 & 2003 & 2005 & 2005 & 2005" in tables["table7.tex"]
    assert "Domestic" in tables["table8.tex"] and "HMT" in tables["table8.tex"]


def test_group_names_the_tables():
    """With ``liu_2013.group: domestic`` Tables 3-7 describe domestic firms and Table 8 the HMT
    and foreign counter-groups."""
    domestic = liu_tables.render_liu_tables(fake_estimates("domestic"), *summaries(), SOURCE)
    tables = latex(domestic)
    assert r"\caption{$\Delta$VR of Local Production}" in tables["table3.tex"]
    assert "Sample: domestic firms" in tables["table7.tex"]
    t8 = tables["table8.tex"]
    assert "HMT-Owned Operation and Multinational Operation" in t8
    assert "(1) HMT" in t8 and "(4) Foreign" in t8 and "Domestic" not in t8


def test_escaping_and_notes(tables):
    assert r"synthetic R\&D\_panel 100\%" in tables["table3.tex"]
    assert "clustered by four-digit industry" in tables["table3.tex"]
    assert "Sample: foreign-owned firms" in tables["table3.tex"]
    assert "SE convention" not in tables["table3.tex"]
    assert r"Food \& Farm\_1" in tables["tableA1.tex"]


def test_published_copy_is_the_reference(reference):
    assert liu.published() == reference["liu_2013"]
    assert json.loads(liu.PUBLISHED.read_text()) == reference["liu_2013"]


def test_vs_paper_values_come_from_published_copy(tables):
    cells = liu.published_cells()
    assert len(cells) == len(paper_specs())
    pub = liu.published()
    # spot values from the published tables, formatted as rendered
    assert pub["tables3_5"]["table3_dVR"]["initial_vr"][0]["coef"] == -0.076
    assert r"$-0.0760$***" in tables["table3_vs_paper.tex"]
    assert "(0.0144)" in tables["table3_vs_paper.tex"]
    # transcribed values are shown in full, as printed in the paper
    assert "23.32*** & (7.506)" in tables["table3_vs_paper.tex"]
    assert "$-0.000050$ & (0.000821)" in tables["table3_vs_paper.tex"]
    assert "0.0000254 & (0.000800)" in tables["table4_vs_paper.tex"]
    for model, terms in cells.items():
        table = "table7" if model.startswith("table7") else model.split("_")[0]
        text = tables[f"{table}_vs_paper.tex"]
        for term, cell in terms.items():
            if isinstance(cell, dict):
                coef = num(cell["coef"], liu.published_digits(cell["coef"])) + cell["stars"]
                assert coef in text, (model, term)
    assert "79.6" in tables["table1_vs_paper.tex"]
    assert "0.1303" in tables["table2_vs_paper.tex"]
    assert "91.67" in tables["tableA1_vs_paper.tex"]


def test_missing_model_raises_and_rendering_is_deterministic(tmp_path):
    est = fake_estimates()
    del est["table5_col3"]
    with pytest.raises(DataError, match="table5_col3"):
        liu_tables.render_liu_tables(est, *summaries(), source=SOURCE)
    a = liu_tables.render_liu_tables(fake_estimates(), *summaries(), source=SOURCE)
    paths = liu_tables.write_liu_tables(tmp_path, a, FORMATS)
    tex = [p for p in paths if p.suffix == ".tex"]
    assert [p.read_text() for p in tex] == [latex(a)[p.name] for p in tex]
    for page in (p for p in paths if p.suffix == ".html"):
        assert f'<table id="{a[page.stem].label}">' in page.read_text()
    for base in (p.with_suffix("") for p in tex):  # the same cells in every format
        shown = assert_same_cells(base)
        assert shown.grid[len(a[base.name].heading_rows()) :] == [
            [c.text for c in row] for row in a[base.name].rows
        ]
    b = liu_tables.render_liu_tables(fake_estimates(), *summaries(), source=SOURCE)
    assert latex(a) == latex(b)


def test_tables_render_from_estimate_files(tmp_path):
    est = fake_estimates()
    paths = []
    for name, m in est.items():
        m.write(tmp_path / f"{name}.json")
        paths.append(tmp_path / f"{name}.json")
    from_files = liu_tables.read_estimates(paths)
    assert liu.table345(4, from_files, SOURCE).to_latex() == liu.table345(4, est, SOURCE).to_latex()


def test_firm_table_to_tables_end_to_end(tmp_path):
    """Clean firm table → industry panel → all paper specs → every table, written to disk."""
    firms = many_industry_firms(4)
    panel = industry_panel(firms, span=2)
    years = np.arange(1998, 2008)
    wage = pd.DataFrame({"year": years, "wage_index": 0.01 * (years - 1998) ** 1.2})
    estimates = {e.model: e for e in fit_all(panel, paper_specs(), wage, seed=4)}
    names = pd.DataFrame({"cic2": range(13, 43), "description": "industry"})
    tables = liu_tables.render_liu_tables(
        estimates,
        table1_summary(firms),
        table2_summary(liu_decomposition(firms, span=1)),
        tablea1_summary(firms, names),
        source="random firm table",
    )
    paths = liu_tables.write_liu_tables(tmp_path, tables, ["tex", "html"])
    assert len(paths) == 36  # each table as .tex and .html
    tables = latex(tables)
    t3 = estimates["table3_col1"]
    assert f"{t3.nobs:,}".replace(",", "{,}") in tables["table3.tex"]
    assert "end years 2000--2007; 2-year changes" in tables["table3.tex"]
    # Table 7: each initial year y has changes ending in max(y + 1, first year + span)..last year
    first, last, span = int(firms["year"].min()), int(firms["year"].max()), 2
    for y in (1999, 2001, 2003, 2005):
        assert f"{max(y + 1, first + span)}--{last} (initial year {y})" in tables["table7.tex"]


def test_tables_compile_with_pdflatex(pdflatex, tables, tmp_path):
    for name, text in tables.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "all.tex").write_text(document(sorted(tables)))
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "all.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / "all.pdf").stat().st_size > 10_000


@pytest.mark.parametrize(
    ("values", "k"),
    [([3.9e-5, 1.05e-4, -3.7e-5], 4), ([2.86e-6, -7.62e-6], 6), ([0.002, 1e-6], 0), ([0.0], 0)],
)
def test_row_scale_brings_tiny_rows_into_one_to_ten(values, k):
    assert liu.row_scale(values) == k
    top = max(abs(v) for v in values)
    assert k == 0 or 1 <= top * 10**k < 10


def test_a_row_of_tiny_coefficients_is_scaled_and_says_so():
    """No 0.000000 or 0.000003: τ of 2.86·10⁻⁶ … 1.144·10⁻⁵ prints as 0.286 … 1.14 in a row
    marked ×10⁵ (the largest in [1, 10)), three significant digits per cell; the note explains."""
    ests = fake_estimates()
    for j in range(1, 5):
        est = ests[f"table5_col{j}"]
        rows = [
            Coef(**{**c.__dict__, "coef": 2.86e-6 * j, "se": 8.8e-6}) if c.term == "tau" else c
            for c in est.coefficients
        ]
        ests[f"table5_col{j}"] = est.replace(coefficients=rows)
    tex = liu.table345(5, ests, SOURCE).to_latex()
    assert r"Year Trend ($\tau$) ($\times 10^{5}$) & 0.286 & 0.572 & 0.858 & 1.14 \\" in tex
    assert "(0.880)" in tex and r"multiplied by $10^{k}$" in tex
    assert "0.000000" not in tex and "0.000003" not in tex
