"""LaTeX building blocks: escaping, stars and table structure."""

import pytest
from html_table import parse_page

from gvcpanel.report.latex import (
    STAR_NOTE,
    Table,
    coef_cell,
    escape,
    latex_html,
    num,
    paren,
    stars,
    write_table,
)


def test_escape_specials():
    assert escape("R&D_share 50% #1 $x$ {a} ~^\\") == (
        r"R\&D\_share 50\% \#1 \$x\$ \{a\} \textasciitilde{}\textasciicircum{}\textbackslash{}"
    )


@pytest.mark.parametrize(
    ("p", "expected"), [(0.001, "***"), (0.0099, "***"), (0.03, "**"), (0.07, "*"), (0.2, "")]
)
def test_stars(p, expected):
    assert stars(p) == expected


def test_numbers():
    assert num(-0.52441) == "$-0.5244$"
    assert num(-0.00001) == "0.0000"
    assert coef_cell(-0.5244, 0.0001) == "$-0.5244$***"
    assert paren(-5.8965) == "($-5.8965$)"
    assert paren(None) == ""


def test_table_structure():
    t = Table("Cap", "tab:x", ["", "(1)"], notes=["Note."])
    t.add(r"$\omega$", "1")
    t.rule()
    t.add("N", "2")
    text = t.render()
    assert text.count(r"\toprule") == text.count(r"\bottomrule") == 1
    assert text.count(r"\midrule") == 2
    assert r"\begin{tabular}{lc}" in text
    with pytest.raises(ValueError, match="1 cells, header 2"):
        Table("c", "l", ["a", "b"], rows=[["x"]]).render()


# ----------------------------------------------------------------------------- HTML rendering


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        (r"$\omega$", "ω"),
        (r"$-0.46$**", "\u22120.46**"),
        (r"($-2.4909$)", "(\u22122.4909)"),
        (r"$\Delta$VR", "ΔVR"),
        (r"$R^2$", "<i>R</i><sup>2</sup>"),
        (r"$gdpp$", "<i>gdpp</i>"),
        (r"$\mu(\omega \leq 0.3448)$", "μ(ω ≤ 0.3448)"),
        (r"$p<0.01$", "<i>p</i> &lt; 0.01"),
        (r"$\sum_s \sigma_s^2$", "∑<sub><i>s</i></sub>σ<sub><i>s</i></sub><sup>2</sup>"),
        (r"\textit{Share in the market}", "<i>Share in the market</i>"),
        (r"\shortstack{Equation (18)\\(2-year change)}", "Equation (18)<br>(2-year change)"),
        ("2000--2011", "2000\u20132011"),
        ("``labor-intensive''", "\u201clabor-intensive\u201d"),
        (r"\quad this run", "\u2003this run"),
        (r"paper vs.\ this run", "paper vs. this run"),
        ("1{,}234", "1,234"),
        (escape("R&D <b> 50% x_1 {a}"), "R&amp;D &lt;b&gt; 50% x_1 {a}"),
        (r"5\% & 1\%", "5% &amp; 1%"),
    ],
)
def test_latex_html(tex, expected):
    assert latex_html(tex) == expected


def test_latex_html_refuses_unknown_commands():
    with pytest.raises(ValueError, match=r"tab:x: no HTML rendering of LaTeX \\hspace"):
        latex_html(r"a\hspace{1cm}b", "tab:x")
    with pytest.raises(ValueError, match="unclosed"):
        latex_html(r"$\omega", "tab:x")


def test_to_html_structure_header_groups_and_notes():
    t = Table(
        r"Table 3: Tests of $\omega$ -- shares",
        "tab:t",
        [
            "Row",
            r"\shortstack{Interm.\\paper}",
            r"\shortstack{Interm.\\run}",
            r"\shortstack{N\\obs.}",
        ],
        notes=["A < B & C.", STAR_NOTE],
    )
    t.add(r"$\mu$", "$-0.5958$***", "(0.12)", "336")
    t.rule()
    t.add(r"\textit{R\&D}", "", "", "")
    text = t.to_html()
    page = parse_page(text)
    assert text.startswith("<!DOCTYPE html>") and "<style>" in text and page.external == []
    assert page.caption == "Table 3: Tests of ω – shares"
    # "Interm." spans its two columns; the other headings span both header rows
    assert page.head == [
        [("Row", "1", "2"), ("Interm.", "2", "1"), ("Nobs.", "1", "2")],
        [("paper", "1", "1"), ("run", "1", "1")],
    ]
    assert [[c[0] for c in row] for row in page.body] == [
        ["μ", "\u22120.5958***", "(0.12)", "336"],
        ["R&D", "", "", ""],
    ]
    assert page.tbodies == 2  # the midrule starts a new block
    assert page.notes == ["A < B & C.", "*** p < 0.01, ** p < 0.05, * p < 0.1."]
    assert "A &lt; B &amp; C." in text


def test_to_html_number_from_outside_and_row_checks():
    t = Table("Regression results", "tab:r", ["", "(1)"], rows=[["$N$", "12"]])
    assert parse_page(t.to_html("1")).caption == "Table 1: Regression results"
    assert parse_page(t.to_html()).caption == "Regression results"
    own = Table("Table 2 of Qu and Yang (2023) and this run", "tab:v", ["a", "b"])
    assert parse_page(own.to_html("9")).caption == "Table 2: Paper vs. this run"
    with pytest.raises(ValueError, match="1 cells, header 2"):
        Table("c", "l", ["a", "b"], rows=[["x"]]).to_html()


def test_write_table_writes_latex_and_numbered_html(tmp_path):
    t = Table("Regression results", "tab:r", ["", "(1)"], rows=[[r"$\omega$", "$-0.46$**"]])
    write_table(t, tmp_path / "table1_vs_paper.tex", tmp_path / "table1_vs_paper.html")
    assert (tmp_path / "table1_vs_paper.tex").read_text() == t.render()
    page = parse_page((tmp_path / "table1_vs_paper.html").read_text())
    assert page.caption == "Table 1: Regression results"
    assert page.body == [[("ω", "1", "1"), ("\u22120.46**", "1", "1")]]
