"""LaTeX building blocks: escaping, stars and table structure."""

import pytest

from gvcpanel.report.latex import Table, coef_cell, escape, num, paren, stars


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
