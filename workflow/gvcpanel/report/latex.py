"""LaTeX building blocks for booktabs tables: escaping, stars, numbers, layout."""

from __future__ import annotations

import math
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
    under the tabular; cells are taken as LaTeX (escape plain text with :func:`escape`).
    """

    caption: str
    label: str
    header: Sequence[str]
    rows: list[Sequence[str] | None] = field(default_factory=list)
    notes: Sequence[str] = ()
    align: str = ""

    def add(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def rule(self) -> None:
        self.rows.append(None)

    def render(self) -> str:
        ncol = len(self.header)
        align = self.align or "l" + "c" * (ncol - 1)
        lines = [
            r"\begin{table}[htbp]",
            r"\centering",
            rf"\caption{{{self.caption}}}",
            rf"\label{{{self.label}}}",
            rf"\begin{{tabular}}{{{align}}}",
            r"\toprule",
            " & ".join(self.header) + r" \\",
            r"\midrule",
        ]
        for row in self.rows:
            if row is None:
                lines.append(r"\midrule")
                continue
            if len(row) != ncol:
                raise ValueError(f"table {self.label}: row has {len(row)} cells, header {ncol}")
            lines.append(" & ".join(row) + r" \\")
        lines += [r"\bottomrule", r"\end{tabular}"]
        if self.notes:
            lines.append(r"\par\smallskip")
            lines.append(
                r"\begin{minipage}{0.95\linewidth}\footnotesize "
                + " ".join(self.notes)
                + r"\end{minipage}"
            )
        lines.append(r"\end{table}")
        return "\n".join(lines) + "\n"


def document(
    inputs: Sequence[str], title: str = "gvcpanel replication tables", notes: Sequence[str] = ()
) -> str:
    """A compilable master document that ``\\input``s each table file (paths relative to it);
    ``notes`` (plain text) are listed under the title."""
    body = "\n".join(rf"\input{{{p}}}" + "\n\\clearpage" for p in inputs)
    if notes:
        items = "\n".join(rf"\item {escape(n)}" for n in notes)
        body = f"\\begin{{itemize}}\n{items}\n\\end{{itemize}}\n\\clearpage\n{body}"
    return (
        "\\documentclass[11pt]{article}\n"
        "\\usepackage[margin=2.2cm]{geometry}\n"
        "\\usepackage{booktabs}\n"
        "\\usepackage{graphicx}\n"
        "\\usepackage[T1]{fontenc}\n"
        "\\usepackage{textcomp}\n"
        f"\\title{{{escape(title)}}}\n\\date{{}}\n"
        "\\begin{document}\n\\maketitle\n"
        f"{body}\n"
        "\\end{document}\n"
    )
