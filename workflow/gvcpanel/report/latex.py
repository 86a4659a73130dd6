"""LaTeX building blocks for booktabs tables: escaping, stars, numbers, layout."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

STAR_LEVELS: tuple[tuple[float, str], ...] = ((0.01, "***"), (0.05, "**"), (0.10, "*"))
STAR_NOTE = r"*** $p<0.01$, ** $p<0.05$, * $p<0.1$."
# "Table 3: Title" or "Table 3 -- paper vs. this run": the paper's number and the caption text
_NUMBERED = re.compile(r"^Table (?P<number>[A-Z]?\d+)(?::\s*|\s+--\s+)(?P<text>.*)$", re.S)
# "Table 1 of Qu and Yang (2023) and this run": the published table beside this run's
_VS_PAPER = re.compile(r"^Table (?P<number>[A-Z]?\d+) of .+ and this run$", re.S)
LONG_ROWS = 36  # tables with more body rows than this break across pages (longtable)


def escape(text: str) -> str:
    """Escape LaTeX special characters in plain text."""
    return "".join(_ESCAPES.get(ch, ch) for ch in str(text))


def stars(p: float | None) -> str:
    """Significance stars for a two-sided p-value (*** 1%, ** 5%, * 10%)."""
    if p is None or math.isnan(p):
        return ""
    return next((s for level, s in STAR_LEVELS if p < level), "")


def num(x: float | None, digits: int = 4) -> str:
    """A number with ``digits`` decimals and a proper minus sign; empty for missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    text = f"{x:.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return f"${text}$" if text.startswith("-") else text


def coef_cell(coef: float | None, p: float | None, digits: int = 4) -> str:
    """Coefficient with significance stars, e.g. ``$-0.5244$***``."""
    if coef is None:
        return ""
    return num(coef, digits) + stars(p)


def paren(x: float | None, digits: int = 4) -> str:
    """A statistic in parentheses, e.g. ``($-5.8965$)``; empty for missing."""
    text = num(x, digits)
    return f"({text})" if text else ""


@dataclass
class Table:
    """A booktabs table: a header row, body rows (``None`` = midrule) and a note.

    ``render()`` gives a ``table`` float with ``\\caption``, ``\\label`` and the notes
    under the tabular; cells are taken as LaTeX (escape plain text with :func:`escape`). A
    caption "Table 3: …" is numbered 3 as in the paper (not by LaTeX's running counter);
    ``landscape`` turns the page (wide tables), ``head_width`` wraps each column heading in a
    box of that width, and a table marked ``long`` or of more than ``LONG_ROWS`` rows is a
    ``longtable`` that continues on the next page with its header repeated.
    """

    caption: str
    label: str
    header: Sequence[str]
    rows: list[Sequence[str] | None] = field(default_factory=list)
    notes: Sequence[str] = ()
    align: str = ""
    landscape: bool = False
    long: bool = False
    head_width: str = ""

    def add(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def rule(self) -> None:
        self.rows.append(None)

    def _caption(self) -> tuple[str | None, str]:
        vs_paper = _VS_PAPER.match(self.caption)
        if vs_paper is not None:
            return vs_paper["number"], "Paper vs. this run"
        match = _NUMBERED.match(self.caption)
        if match is None:
            return None, self.caption
        text = match["text"]
        return match["number"], text[:1].upper() + text[1:]

    def _body(self) -> list[str]:
        ncol = len(self.header)
        lines = []
        for row in self.rows:
            if row is None:
                lines.append(r"\midrule")
                continue
            if len(row) != ncol:
                raise ValueError(f"table {self.label}: row has {len(row)} cells, header {ncol}")
            lines.append(" & ".join(row) + r" \\")
        return lines

    def render(self) -> str:
        ncol = len(self.header)
        align = self.align or "l" + "c" * (ncol - 1)
        number, text = self._caption()
        numbering = [rf"\renewcommand{{\thetable}}{{{number}}}"] if number else []
        cells = list(self.header)
        if self.head_width:
            cells = [cells[0]] + [
                rf"\parbox[b]{{{self.head_width}}}{{\centering {c}}}" for c in cells[1:]
            ]
        head = " & ".join(cells) + r" \\"
        notes = " ".join(self.notes)
        if self.long or len(self.rows) > LONG_ROWS:
            lines = [
                r"\begingroup",
                *numbering,
                r"\footnotesize",
                rf"\begin{{longtable}}{{{align}}}",
                rf"\caption{{{text}}}\label{{{self.label}}} \\",
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
                *self._body(),
                r"\end{longtable}",
            ]
            if notes:
                lines.append(rf"\par\noindent {notes}\par")
            lines.append(r"\endgroup")
            return "\n".join(lines) + "\n"
        lines = [
            r"\begin{landscape}" if self.landscape else None,
            r"\begin{table}[htbp]",
            *numbering,
            r"\centering",
            r"\small" if self.landscape else None,
            rf"\caption{{{text}}}",
            rf"\label{{{self.label}}}",
            rf"\begin{{tabular}}{{{align}}}",
            r"\toprule",
            head,
            r"\midrule",
            *self._body(),
            r"\bottomrule",
            r"\end{tabular}",
        ]
        if notes:
            lines.append(r"\par\smallskip")
            lines.append(
                r"\begin{minipage}{0.95\linewidth}\footnotesize " + notes + r"\end{minipage}"
            )
        lines.append(r"\end{table}")
        if self.landscape:
            lines.append(r"\end{landscape}")
        return "\n".join(line for line in lines if line is not None) + "\n"


_FILE_NUMBER = re.compile(r"table([A-Z]?\d+)(?:_vs_paper)?\.tex$")
PAPERS = (("qu_yang_2023", "Qu and Yang (2023)"), ("liu_2013", "Liu (2013)"))


def document(
    inputs: Sequence[str], title: str = "gvcpanel replication tables", notes: Sequence[str] = ()
) -> str:
    """A compilable master document that ``\\input``s each table file (paths relative to it),
    under a heading per paper (tables keep the papers' numbers); ``notes`` (plain text) are
    listed under the title."""
    parts, current = [], None
    for p in inputs:
        paper = next((name for key, name in PAPERS if key in p), None)
        if paper is not None and paper != current:
            parts.append(rf"\section*{{{paper}}}")
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
        "\\begin{document}\n\\maketitle\n"
        f"{body}\n"
        "\\end{document}\n"
    )
