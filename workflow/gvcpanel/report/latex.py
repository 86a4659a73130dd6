"""The LaTeX printer of :class:`~gvcpanel.report.table.Table` (booktabs floats and longtables)
and the master document that inputs every table file."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from gvcpanel.report.cells import escape

if TYPE_CHECKING:
    from gvcpanel.report.table import Table

LONG_ROWS = 36  # tables with more body rows (rules counted) than this break across pages


def _heading(table: Table, j: int) -> str:
    """Column ``j``'s heading: its spanner's lines above its own in one ``\\shortstack``."""
    spanner = table.spanner_of(j)
    lines = [*(spanner.label if spanner else ()), *table.columns[j].heading]
    if len(lines) == 1:
        return lines[0].latex
    return r"\shortstack{" + r"\\".join(line.latex for line in lines) + "}"


def _head(table: Table) -> str:
    cells = [_heading(table, j) for j in range(len(table.columns))]
    width = table.layout.head_width
    if width:
        cells = [cells[0]] + [rf"\parbox[b]{{{width}}}{{\centering {c}}}" for c in cells[1:]]
    return " & ".join(cells) + r" \\"


def _body(table: Table) -> list[str]:
    lines = []
    for i, block in enumerate(table.blocks):
        if i:
            lines.append(r"\midrule")
        lines += [" & ".join(c.latex for c in row) + r" \\" for row in block]
    return lines


def _longtable(table: Table, align: str, numbering: list[str], head: str, notes: str) -> str:
    """The table as a ``longtable``: heading repeated on every page, notes beneath."""
    ncol, text = len(table.columns), table.title.latex
    lines = [
        r"\begingroup",
        *numbering,
        r"\footnotesize",
        rf"\begin{{longtable}}{{{align}}}",
        rf"\caption{{{text}}}\label{{{table.label}}} \\",
        r"\toprule",
        head,
        r"\midrule",
        r"\endfirsthead",
        rf"\multicolumn{{{ncol}}}{{l}}{{Table \thetable{{}} (continued)}} \\",
        r"\toprule",
        head,
        r"\midrule",
        r"\endhead",
        r"\bottomrule",
        r"\endlastfoot",
        *_body(table),
        r"\end{longtable}",
    ]
    if notes:
        lines.append(rf"\par\noindent {notes}\par")
    lines.append(r"\endgroup")
    return "\n".join(lines) + "\n"


def to_latex(table: Table) -> str:
    """A ``table`` float with ``\\caption``, ``\\label`` and the notes under the tabular
    (``landscape``: on a turned page), or a ``longtable`` that continues on the next page with
    its heading repeated (``long``, or more than ``LONG_ROWS`` rows); numbered as the paper
    (``\\thetable``) when the table has a number and ``layout.latex_number``."""
    layout = table.layout
    align = "".join(f"p{{{c.width}}}" if c.width else c.align for c in table.columns)
    numbered = table.number is not None and layout.latex_number
    numbering = [rf"\renewcommand{{\thetable}}{{{table.number}}}"] if numbered else []
    head = _head(table)
    notes = " ".join(n.latex for n in table.notes)
    if layout.long or len(table.rows) + len(table.blocks) - 1 > LONG_ROWS:
        return _longtable(table, align, numbering, head, notes)
    lines = [
        r"\begin{landscape}" if layout.landscape else None,
        r"\begin{table}[htbp]",
        *numbering,
        r"\centering",
        r"\small" if layout.landscape else None,
        rf"\caption{{{table.title.latex}}}",
        rf"\label{{{table.label}}}",
        rf"\begin{{tabular}}{{{align}}}",
        r"\toprule",
        head,
        r"\midrule",
        *_body(table),
        r"\bottomrule",
        r"\end{tabular}",
    ]
    if notes:
        lines.append(r"\par\smallskip")
        lines.append(r"\begin{minipage}{0.95\linewidth}\footnotesize " + notes + r"\end{minipage}")
    lines.append(r"\end{table}")
    if layout.landscape:
        lines.append(r"\end{landscape}")
    return "\n".join(line for line in lines if line is not None) + "\n"


_FILE_NUMBER = re.compile(r"table([A-Z]?\d+)(?:_vs_paper)?\.tex$")
PAPERS = (("qu_yang_2023", "Qu and Yang (2023)"), ("liu_2013", "Liu (2013)"))


def document(
    inputs: Sequence[str], title: str = "gvcpanel replication tables", notes: Sequence[str] = ()
) -> str:
    """A compilable master document that ``\\input``s each table file (paths relative to it),
    one per page, each page headed by its paper (a running head, so that no heading stands alone
    on the page before a landscape table; tables keep the papers' numbers); ``notes`` (plain
    text) are listed under the title."""
    parts, current = [], None
    for p in inputs:
        paper = next((name for key, name in PAPERS if key in p), None)
        if paper is not None and paper != current:
            parts.append(rf"\markright{{{paper}}}")
            current = paper
        number = _FILE_NUMBER.search(p)
        numbering = rf"\renewcommand{{\thetable}}{{{number[1]}}}" if number else ""
        parts.append(rf"{{{numbering}\input{{{p}}}}}" + "\n\\clearpage")
    body = "\n".join(parts)
    if notes:
        items = "\n".join(rf"\item {escape(n)}" for n in notes)
        body = f"\\begin{{itemize}}\n{items}\n\\end{{itemize}}\n\\clearpage\n{body}"
    return (
        "\\documentclass[11pt]{article}\n"
        "\\usepackage[margin=2.2cm]{geometry}\n"
        "\\usepackage{booktabs}\n"
        "\\usepackage{longtable}\n"
        "\\usepackage{pdflscape}\n"
        "\\usepackage{graphicx}\n"
        "\\usepackage[T1]{fontenc}\n"
        "\\usepackage{textcomp}\n"
        f"\\title{{{escape(title)}}}\n\\date{{}}\n"
        "\\pagestyle{myheadings}\n"
        "\\begin{document}\n\\maketitle\n"
        f"{body}\n"
        "\\end{document}\n"
    )
