"""Reading a table back from each file format in tests, into one shape: the displayed grid
(heading rows and body rows, every cell as text), the caption and the notes.

Each reader uses the format's own tools (csv, openpyxl, python-docx, an HTML parser, the pipe
table of Markdown); the spans of HTML headings and merged spreadsheet and Word cells are laid out
as the grid does (the label in the first spanned column, blanks beside and above it).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
from docx.oxml.ns import qn
from html_table import parse_page

#: The formats a reader exists for (LaTeX is compared with the baseline run byte for byte).
READABLE = ("html", "csv", "md", "xlsx", "docx")


@dataclass(frozen=True)
class Shown:
    grid: list[list[str]]
    caption: str
    notes: list[str]


def _split(rows: list[list[str]]) -> Shown:
    """Grid rows up to the first blank row; then the caption and the notes."""
    blank = next(i for i, row in enumerate(rows) if not any(row))
    footer = [row[0] for row in rows[blank + 1 :]]
    return Shown(rows[:blank], footer[0], footer[1:])


def read_csv(path: Path) -> Shown:
    with path.open(newline="", encoding="utf-8") as fh:
        return _split(list(csv.reader(fh)))


def _xlsx_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    fmt = cell.number_format
    digits = len(fmt.split(".")[1]) if "." in fmt else 0
    return f"{value:,.{digits}f}" if fmt.startswith("#,##0") else f"{value:.{digits}f}"


def read_xlsx(path: Path) -> Shown:
    ws = openpyxl.load_workbook(path).active
    return _split([[_xlsx_text(c) for c in row] for row in ws.iter_rows()])


_PIPE = re.compile(r"(?<!\\)\|")
_ESCAPED = re.compile(r"\\([\\*_|`])")


def _md_text(text: str) -> str:
    text = text.strip(" ")
    if len(text) > 2 and text.startswith("_") and text.endswith("_") and text[-2] != "\\":
        text = text[1:-1]  # an italic cell
    return _ESCAPED.sub(r"\1", text)


def read_md(path: Path) -> Shown:
    lines = path.read_text(encoding="utf-8").split("\n")
    caption = _md_text(lines[0].removeprefix("**").removesuffix("**"))
    first = next(i for i, ln in enumerate(lines) if ln.startswith("| "))
    last = max(i for i, ln in enumerate(lines) if ln.startswith("| "))
    rows = lines[first : last + 1]
    assert re.fullmatch(r"\|( :?---:? \|)+", rows[1]), rows[1]
    grid = [[_md_text(c) for c in _PIPE.split(r.strip()[1:-1])] for r in [rows[0], *rows[2:]]]
    after = lines[last + 1 :]
    return Shown(grid, caption, [_md_text(p) for p in after if p])


def read_html(path: Path) -> Shown:
    """The HTML page; numbers' minus sign U+2212 read as ``-``."""
    page = parse_page(path.read_text(encoding="utf-8"))
    ncol = sum(int(span) for _, span, _ in page.head[0])
    top, bottom, spanned = [""] * ncol, [""] * ncol, []
    col = 0
    for text, span, rows in page.head[0]:
        if len(page.head) == 1 or rows == "2":
            bottom[col] = text
        else:
            top[col] = text
            spanned += range(col, col + int(span))
        col += int(span)
    for j, (text, _, _) in zip(spanned, page.head[1] if len(page.head) == 2 else [], strict=True):
        bottom[j] = text
    heads = [top, bottom] if len(page.head) == 2 else [bottom]
    body = [[text.replace("\u2212", "-") for text, _, _ in row] for row in page.body]
    return Shown([*heads, *body], page.caption, page.notes)


def read_docx(path: Path) -> Shown:
    """The Word document: caption and notes are its paragraphs, the grid its one table (a merged
    cell's text in its first column)."""
    document = docx.Document(str(path))
    grid = []
    for tr in document.tables[0]._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
            width = int(span.get(qn("w:val"))) if span is not None else 1
            text = "\n".join(p.text for p in docx.table._Cell(tc, None).paragraphs)
            row += [text] + [""] * (width - 1)
        grid.append(row)
    paragraphs = [p.text for p in document.paragraphs]
    return Shown(grid, paragraphs[0], paragraphs[1:])


READERS = {"html": read_html, "csv": read_csv, "md": read_md, "xlsx": read_xlsx, "docx": read_docx}


def read(base: Path, fmt: str) -> Shown:
    """The table ``base.<fmt>`` as shown."""
    return READERS[fmt](Path(f"{base}.{fmt}"))


def latex_numbers(tex: str) -> list[list[str]]:
    """The body rows of a LaTeX table as the other formats show numbers: math dollars dropped,
    ``{,}`` as a comma (cells that are not numbers left as they are)."""
    if r"\endlastfoot" in tex:  # a longtable: the rows after its heading and foot
        body = tex.split("\\endlastfoot\n", 1)[1].split("\\end{longtable}")[0]
    else:
        body = tex.split("\\midrule\n", 1)[1].split("\\bottomrule")[0]
    rows = [ln.removesuffix(r" \\").split(" & ") for ln in body.splitlines() if ln.endswith(r" \\")]
    return [[c.replace("$", "").replace("{,}", ",") for c in row] for row in rows]


#: A LaTeX cell that is a number, statistic or coefficient (with stars), after latex_numbers.
NUMBER = re.compile(r"^[(\[]?-?[\d.,]+(, -?[\d.,]+)*[)\]]?\**( \(-?[\d.]+\))?$")


def assert_same_cells(base: Path, formats: Sequence[str] = READABLE) -> Shown:
    """Each of ``formats`` (with ``csv``) of the table at ``base`` shows the CSV's grid, caption
    and notes, and every number of the LaTeX body is the grid's cell; the CSV's reading."""
    shown = {fmt: read(base, fmt) for fmt in {"csv", *formats} & set(READABLE)}
    for fmt, table in shown.items():
        assert table == shown["csv"], (base, fmt)
    tex = latex_numbers(Path(f"{base}.tex").read_text(encoding="utf-8"))
    body = shown["csv"].grid[len(shown["csv"].grid) - len(tex) :]
    for tex_row, row in zip(tex, body, strict=True):
        for tex_cell, cell in zip(tex_row, row, strict=True):
            assert not NUMBER.match(tex_cell) or tex_cell == cell, (base, tex_cell, cell)
    return shown["csv"]
