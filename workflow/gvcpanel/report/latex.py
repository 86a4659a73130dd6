"""LaTeX building blocks for booktabs tables: escaping, stars, numbers, layout; and the HTML
rendering of the same tables (:meth:`Table.to_html`) for the Snakemake report."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gvcpanel.io import write_text

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


# --------------------------------------------------------------------------- LaTeX -> HTML

#: Control words without arguments: Unicode text (math and text mode alike)
_WORDS = {
    "omega": "ω",
    "mu": "μ",
    "upsilon": "υ",
    "varphi": "φ",
    "tau": "τ",
    "beta": "β",
    "sigma": "σ",
    "Delta": "Δ",
    "sum": "∑",
    "leq": "≤",
    "times": "×",
    "cdot": "·",
    "quad": "\u2003",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
}
#: Control words with one argument: the HTML element around it (``shortstack``: lines)
_WRAPPERS = {"textit": "i", "shortstack": ""}
#: Control symbols: ``\\`` a line break, ``\ `` a space, ``\,`` a thin space, escaped specials
_CONTROL_SYMBOLS = {"\\": "<br>", " ": " ", ",": "\u2009"} | {c: html.escape(c) for c in "%&$#_{}"}
_RELATIONS = {"<", ">", "=", "≤"}
_TEXT_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", "\u00a0"))
_LETTERS = re.compile(r"[A-Za-z]+")


def latex_html(text: str, where: str = "table") -> str:
    """HTML of a LaTeX cell: math letters in italics, Greek and relations as Unicode, the minus
    sign U+2212, ``^``/``_`` as sup/sub, ``\\textit`` as ``<i>``, ``\\shortstack`` and ``\\\\`` as
    line breaks, ``--`` as an en dash; plain characters HTML-escaped (``<`` → ``&lt;``).

    A command without an HTML form raises ValueError naming ``where`` and the command.
    """
    out, _ = _convert(text, 0, math=False, where=where, close=None)
    return out


def _convert(text: str, i: int, math: bool, where: str, close: str | None) -> tuple[str, int]:
    """Convert ``text`` from ``i`` up to the closing ``close`` (``}`` or ``$``); the HTML and
    the position after the closing character."""
    out = []
    while i < len(text):
        ch = text[i]
        if ch == close:
            return "".join(out), i + 1
        if ch == "\\":
            piece, i = _command(text, i + 1, math, where)
        elif ch == "{":
            piece, i = _convert(text, i + 1, math, where, close="}")
        elif ch == "$" and not math:
            piece, i = _convert(text, i + 1, True, where, close="$")
        elif math:
            piece, i = _math_atom(text, i, where)
        else:
            piece, i = _text_char(text, i)
        out.append(piece)
    if close is not None:
        raise ValueError(f"{where}: unclosed {close!r} in LaTeX {text!r}")
    return "".join(out), i


def _command(text: str, i: int, math: bool, where: str) -> tuple[str, int]:
    """A control word or symbol starting at ``i`` (after the backslash)."""
    word = _LETTERS.match(text, i)
    if word is None:
        ch = text[i : i + 1]
        if ch not in _CONTROL_SYMBOLS:
            raise ValueError(f"{where}: no HTML rendering of LaTeX \\{ch} in {text!r}")
        return _CONTROL_SYMBOLS[ch], i + 1
    name, i = word[0], word.end()
    while i < len(text) and text[i] == " ":  # TeX skips spaces after a control word
        i += 1
    if name in _WORDS:
        symbol = _WORDS[name]
        return (f" {symbol} " if math and symbol in _RELATIONS else symbol), i
    if name in _WRAPPERS and text[i : i + 1] == "{":
        inner, i = _convert(text, i + 1, math, where, close="}")
        tag = _WRAPPERS[name]
        return (f"<{tag}>{inner}</{tag}>" if tag else inner), i
    raise ValueError(f"{where}: no HTML rendering of LaTeX \\{name} in {text!r}")


def _math_atom(text: str, i: int, where: str) -> tuple[str, int]:
    """One item of math mode: a run of letters (italic), a script, a sign or a character."""
    ch = text[i]
    letters = _LETTERS.match(text, i)
    if letters is not None:
        return f"<i>{letters[0]}</i>", letters.end()
    if ch in "^_":
        tag = "sup" if ch == "^" else "sub"
        j = i + 1
        if text[j : j + 1] == "{":
            inner, j = _convert(text, j + 1, True, where, close="}")
        elif text[j : j + 1] == "\\":
            inner, j = _command(text, j + 1, True, where)
        else:
            inner, j = _math_atom(text, j, where)
        return f"<{tag}>{inner}</{tag}>", j
    if ch.isspace():
        return "", i + 1
    if ch == "-":
        return "\u2212", i + 1
    if ch in _RELATIONS:
        return f" {html.escape(ch)} ", i + 1
    return html.escape(ch), i + 1


def _text_char(text: str, i: int) -> tuple[str, int]:
    """A character of text mode, with TeX's dashes, quotes and ties."""
    for tex, char in _TEXT_LIGATURES:
        if text.startswith(tex, i):
            return char, i + len(tex)
    return html.escape(text[i]), i + 1


def _head_lines(cell: str) -> list[str]:
    """The lines of a ``\\shortstack{a\\\\b}`` heading (one line for any other heading)."""
    stack = re.fullmatch(r"\\shortstack\{(?P<body>.*)\}", cell, re.S)
    return stack["body"].split("\\\\") if stack else [cell]


_CSS = """\
body{margin:1.5em;color:#111;background:#fff;\
font-family:"Latin Modern Roman","CMU Serif",Georgia,"Times New Roman",serif}
.wrap{overflow-x:auto}
table{border-collapse:collapse;margin:0 auto;font-size:15px;\
border-top:2px solid #000;border-bottom:2px solid #000}
caption{caption-side:top;padding:0 0 .6em;font-size:16px}
thead{border-bottom:1px solid #000}
tbody+tbody{border-top:1px solid #000}
th{font-weight:normal;padding:.3em .8em;vertical-align:bottom}
th.group{border-bottom:1px solid #000}
td{padding:.15em .8em;white-space:nowrap;vertical-align:top}
.l{text-align:left}.c{text-align:center}.r{text-align:right}
.p{text-align:left;white-space:normal;min-width:12em;max-width:28em}
.notes{max-width:60em;margin:1em auto 0;font-size:13px;line-height:1.45}
.notes p{margin:.3em 0}
"""


@dataclass
class Table:
    """A booktabs table: a header row, body rows (``None`` = midrule) and a note.

    ``render()`` gives a ``table`` float with ``\\caption``, ``\\label`` and the notes
    under the tabular; cells are taken as LaTeX (escape plain text with :func:`escape`). A
    caption "Table 3: …" is numbered 3 as in the paper (not by LaTeX's running counter);
    ``landscape`` turns the page (wide tables), ``head_width`` wraps each column heading in a
    box of that width, and a table marked ``long`` or of more than ``LONG_ROWS`` rows is a
    ``longtable`` that continues on the next page with its header repeated. ``to_html()`` gives
    the same cells, headings and notes as a self-contained HTML page (what the report shows).
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

    def _html_align(self) -> list[str]:
        """CSS class per column from the LaTeX column spec (``l``, ``c``, ``r``, ``p{w}``)."""
        specs = re.findall(r"p\{[^}]*\}|[lcr]", self.align or "l" + "c" * (len(self.header) - 1))
        return ["p" if spec.startswith("p") else spec for spec in specs]

    def _html_head(self, align: Sequence[str]) -> list[str]:
        """Header rows: adjacent ``\\shortstack`` headings sharing all but their last line are
        one spanning heading over the last lines (e.g. "Interm." over paper, run, diff.)."""
        where = f"table {self.label} header"
        lines = [_head_lines(cell) for cell in self.header]
        spans: list[tuple[int, int]] = []
        start = 0
        while start < len(lines):
            stop = start + 1
            while (
                len(lines[start]) > 1
                and stop < len(lines)
                and lines[stop][:-1] == lines[start][:-1]
            ):
                stop += 1
            spans.append((start, stop))
            start = stop
        if all(stop - start == 1 for start, stop in spans):
            cells = [
                f'<th class="{a}">{latex_html(c, where)}</th>'
                for a, c in zip(align, self.header, strict=True)
            ]
            return ["<tr>" + "".join(cells) + "</tr>"]
        top, bottom = [], []
        for start, stop in spans:
            if stop - start == 1:
                top.append(
                    f'<th rowspan="2" class="{align[start]}">'
                    f"{latex_html(self.header[start], where)}</th>"
                )
                continue
            group = " ".join(lines[start][:-1])
            top.append(
                f'<th colspan="{stop - start}" class="group c">{latex_html(group, where)}</th>'
            )
            bottom += [
                f'<th class="{align[j]}">{latex_html(lines[j][-1], where)}</th>'
                for j in range(start, stop)
            ]
        return ["<tr>" + "".join(top) + "</tr>", "<tr>" + "".join(bottom) + "</tr>"]

    def to_html(self, number: str | None = None) -> str:
        """A self-contained HTML page of the same table: caption "Table N: …" (``number`` when
        the caption carries none, as the master document numbers by file name), header rows,
        one ``<tbody>`` per block between midrules, the notes beneath; cells converted from
        LaTeX by :func:`latex_html`."""
        self._body()  # the row checks of the LaTeX rendering
        align = self._html_align()
        if len(align) != len(self.header):
            raise ValueError(
                f"table {self.label}: align {self.align!r} has {len(align)} columns,"
                f" header {len(self.header)}"
            )
        own, text = self._caption()
        number = own or number
        caption = latex_html(f"Table {number}: {text}" if number else text, self.label)
        blocks: list[list[str]] = [[]]
        for row in self.rows:
            if row is None:
                blocks.append([])
                continue
            cells = [
                f'<td class="{a}">{latex_html(c, f"table {self.label}")}</td>'
                for a, c in zip(align, row, strict=True)
            ]
            blocks[-1].append("<tr>" + "".join(cells) + "</tr>")
        body = ["<tbody>\n" + "\n".join(block) + "\n</tbody>" for block in blocks if block]
        notes = [f"<p>{latex_html(n, f'table {self.label} notes')}</p>" for n in self.notes]
        lines = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{re.sub(r'<[^>]+>', '', caption)}</title>",
            f"<style>\n{_CSS}</style>",
            "</head>",
            "<body>",
            '<div class="wrap">',
            f'<table id="{html.escape(self.label)}">',
            f"<caption>{caption}</caption>",
            "<thead>",
            *self._html_head(align),
            "</thead>",
            *body,
            "</table>",
            "</div>",
            *(['<div class="notes">', *notes, "</div>"] if notes else []),
            "</body>",
            "</html>",
        ]
        return "\n".join(lines) + "\n"


_FILE_NUMBER = re.compile(r"table([A-Z]?\d+)(?:_vs_paper)?\.tex$")
PAPERS = (("qu_yang_2023", "Qu and Yang (2023)"), ("liu_2013", "Liu (2013)"))


def write_table(table: Table, tex: str | Path, html_page: str | Path) -> None:
    """Write one table as LaTeX (:meth:`Table.render`) and as HTML (:meth:`Table.to_html`),
    the HTML numbered from the file name (``table3.tex`` → Table 3) as the master document is."""
    number = _FILE_NUMBER.search(Path(tex).name)
    write_text(tex, table.render())
    write_text(html_page, table.to_html(number[1] if number else None))


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
