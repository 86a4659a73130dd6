"""The LaTeX printer: escaping, stars, numbers and the booktabs layouts of a table."""

import pytest

from gvcpanel.report.cells import STAR_NOTE, Number, Stat, coef, escape, num, stars, tex
from gvcpanel.report.latex import LONG_ROWS
from gvcpanel.report.table import Body, Column, Layout, Spanner, Table, columns


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
    assert num(3839, 0, thousands=True) == "3{,}839"
    assert coef(-0.5244, 0.0001).latex == "$-0.5244$***"
    assert Stat((-5.8965,)).latex == "($-5.8965$)"
    assert Stat((None,)).latex == "" and Number(None).latex == ""
    assert Stat((0.1, -0.2), brackets="[]").latex == "[0.1000, $-0.2000$]"
    assert Stat((7.1, 9.2), 2, brackets="").latex == "7.10, 9.20"


def _table(**kw) -> Table:
    body = Body()
    body.add(tex(r"$\omega$", "ω"), "1")
    body.rule()
    body.add("N", "2")
    return Table("Cap", columns(["", "(1)"]), body.blocks, notes=["Note.", STAR_NOTE], **kw)


def test_table_structure():
    text = _table(label="tab:x").to_latex()
    assert text.count(r"\toprule") == text.count(r"\bottomrule") == 1
    assert text.count(r"\midrule") == 2
    assert r"\begin{tabular}{lc}" in text
    assert r"\renewcommand{\thetable}" not in text
    assert text.endswith(
        r"\begin{minipage}{0.95\linewidth}\footnotesize Note. *** $p<0.01$, ** $p<0.05$,"
        " * $p<0.1$.\\end{minipage}\n\\end{table}\n"
    )
    with pytest.raises(ValueError, match="1 cells, header 2"):
        Table("c", columns(["a", "b"]), [[("x",)]], label="l")


def test_numbering_landscape_and_heading_boxes():
    text = _table(number="3", layout=Layout(landscape=True, head_width="2cm")).to_latex()
    start = "\\begin{landscape}\n\\begin{table}[htbp]\n\\renewcommand{\\thetable}{3}\n"
    assert text.startswith(start)
    assert r" & \parbox[b]{2cm}{\centering (1)} \\" in text and r"\small" in text
    assert text.rstrip().endswith(r"\end{landscape}")
    # the document that inputs the table numbers it
    assert r"\thetable" not in _table(number="3", layout=Layout(latex_number=False)).to_latex()


def test_long_tables_repeat_their_heading():
    body = Body()
    for i in range(LONG_ROWS + 1):
        body.add(str(i), Number(i, 0))
    text = Table("Long", columns(["a", "b"]), body.blocks, number="A1").to_latex()
    assert text.startswith("\\begingroup\n\\renewcommand{\\thetable}{A1}\n\\footnotesize")
    assert text.count("a & b \\\\") == 2 and r"\endhead" in text
    assert r"\caption{Long}\label{tab:table} \\" in text
    assert "\\begin{longtable}" in _table(layout=Layout(long=True)).to_latex()


def test_spanners_stack_over_their_columns_headings():
    cols = [Column("Row", "l", width="2cm"), Column("paper"), Column("run"), Column(("a", "b"))]
    table = Table("S", cols, [[("x", "1", "2", "3")]], spanners=[Spanner(("In", "term."), 1, 3)])
    text = table.to_latex()
    assert r"\begin{tabular}{p{2cm}ccc}" in text
    assert (
        r"Row & \shortstack{In\\term.\\paper} & \shortstack{In\\term.\\run} & \shortstack{a\\b} \\"
        in text
    )
    with pytest.raises(ValueError, match="overlaps another or lies outside"):
        Table("S", cols, [], spanners=[Spanner("a", 1, 3), Spanner("b", 2, 4)])
