"""The XLSX (openpyxl) and DOCX (python-docx) printers of :class:`~gvcpanel.report.table.Table`.

Both show the displayed grid (:meth:`Table.grid`) with the spanners merged over their columns,
booktabs rules (above and below the headings, between blocks, at the end) and the caption and
notes: in the workbook below the grid after a blank row (as in the CSV), in the document the
caption above the table and each note as a paragraph beneath. Workbook cells of numbers without
stars are numeric, rounded to the digits shown and formatted with them (``0.0000``, ``#,##0``);
every other cell is its text. Files are byte-identical for equal tables (fixed document dates
and archive timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gvcpanel.io import atomic_path
from gvcpanel.report.cells import Cell, Number, Text

if TYPE_CHECKING:
    from docx.table import Table as DocxTable
    from docx.table import _Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from gvcpanel.report.table import Table

#: The date written into every document's properties (files stay byte-identical).
DOCUMENT_DATE = dt.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_PARAGRAPH_ALIGN = {
    "l": WD_ALIGN_PARAGRAPH.LEFT,
    "c": WD_ALIGN_PARAGRAPH.CENTER,
    "r": WD_ALIGN_PARAGRAPH.RIGHT,
}
_XLSX_ALIGN = {"l": "left", "c": "center", "r": "right"}


def _fixed_dates(core: bytes) -> bytes:
    """``docProps/core.xml`` with its created and modified dates set to ``DOCUMENT_DATE``
    (openpyxl stamps the time of saving)."""
    stamp = DOCUMENT_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    for tag in (b"dcterms:created", b"dcterms:modified"):
        if b"<" + tag in core:
            start = core.index(b">", core.index(b"<" + tag)) + 1
            core = core[:start] + stamp + core[core.index(b"</" + tag, start) :]
    return core


def _stable_zip(data: bytes, path: str | Path) -> None:
    """Write the archive ``data`` to ``path`` (atomically) with fixed member timestamps and
    document dates."""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        atomic_path(path) as tmp,
        zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _fixed_dates(content)
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            out.writestr(member, content)


def number_format(value: Number) -> str:
    """The spreadsheet format that shows a number as the table does."""
    if value.thousands:
        return "#,##0" + ("." + "0" * value.digits if value.digits else "")
    return "0." + "0" * value.digits if value.digits else "0"


# --------------------------------------------------------------------------- XLSX


def _xlsx_value(value: Cell) -> tuple[float | str | None, str | None]:
    """The worksheet value of a cell and its number format (None for text)."""
    if isinstance(value, Number) and value.numeric is not None:
        return value.numeric, number_format(value)
    return (value.text or None), None


def _xlsx_rules(ws: Worksheet, table: Table, heads: int) -> None:
    """Booktabs rules as cell borders: thick above and below the table, thin under the
    headings (and under the spanners' labels) and between blocks."""
    ncol = len(table.columns)
    thick, thin = Side(style="medium"), Side(style="thin")
    last = heads + len(table.rows)
    edges: dict[tuple[int, int], dict[str, Side]] = {}
    for j in range(1, ncol + 1):
        edges.setdefault((1, j), {})["top"] = thick
        edges.setdefault((heads, j), {})["bottom"] = thin
        edges.setdefault((last, j), {})["bottom"] = thick
    if heads == 2:
        for s in table.spanners:
            for j in range(s.start + 1, s.stop + 1):
                edges.setdefault((1, j), {})["bottom"] = thin
    row = heads
    for block in table.blocks[:-1]:
        row += len(block)
        for j in range(1, ncol + 1):
            edges.setdefault((row, j), {})["bottom"] = thin
    for (r, j), sides in edges.items():
        ws.cell(r, j).border = Border(**sides)


def write_xlsx(table: Table, path: str | Path) -> None:
    """One worksheet: the grid from A1, the spanners merged, the caption and notes below."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"Table {table.number}" if table.number else "Table"
    heads = table.heading_rows()
    for i, row in enumerate(heads, start=1):
        for j, text in enumerate(row, start=1):
            c = ws.cell(i, j, text or None)
            c.font = Font(bold=True)
            c.alignment = Alignment(horizontal=_XLSX_ALIGN[table.columns[j - 1].align])
    for s in table.spanners:
        ws.merge_cells(start_row=1, start_column=s.start + 1, end_row=1, end_column=s.stop)
        ws.cell(1, s.start + 1).alignment = Alignment(horizontal="center")
    for i, body in enumerate(table.rows, start=len(heads) + 1):
        for j, value in enumerate(body, start=1):
            content, fmt = _xlsx_value(value)
            c = ws.cell(i, j, content)
            if fmt is not None:
                c.number_format = fmt
            c.alignment = Alignment(horizontal=_XLSX_ALIGN[table.columns[j - 1].align])
            if isinstance(value, Text) and value.italic:
                c.font = Font(italic=True)
    _xlsx_rules(ws, table, len(heads))
    first = len(heads) + len(table.rows) + 2
    ws.cell(first, 1, table.caption).font = Font(bold=True)
    for i, note in enumerate(table.notes, start=first + 1):
        ws.cell(i, 1, note.text)
    for j, column in enumerate(table.columns, start=1):
        width = max([len(column.text), *(len(row[j - 1].text) for row in table.rows)])
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(8, width + 2))
    wb.properties.creator = "gvcpanel"
    wb.properties.created = DOCUMENT_DATE
    buffer = io.BytesIO()
    wb.save(buffer)
    _stable_zip(buffer.getvalue(), path)


# --------------------------------------------------------------------------- DOCX


def _border(cell: _Cell, edges: dict[str, int]) -> None:
    """Single borders of the given widths (eighths of a point) on the cell's edges."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    for edge, size in edges.items():
        for old in borders.findall(qn(f"w:{edge}")):
            borders.remove(old)
        element = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", str(size)), ("space", "0")):
            element.set(qn(f"w:{key}"), value)
        if edge == "top":
            borders.insert(0, element)  # the schema's order: top before bottom
        else:
            borders.append(element)


def _docx_rules(grid: DocxTable, table: Table, heads: int) -> None:
    ncol, last = len(table.columns), heads + len(table.rows) - 1
    breaks, row = [], heads - 1
    for block in table.blocks[:-1]:
        row += len(block)
        breaks.append(row)
    for j in range(ncol):
        _border(grid.cell(0, j), {"top": 12})
        _border(grid.cell(heads - 1, j), {"bottom": 6})
        for r in breaks:
            _border(grid.cell(r, j), {"bottom": 4})
        _border(grid.cell(last, j), {"bottom": 12})


def _set(cell: _Cell, text: str, align: str, bold: bool = False, italic: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = _PARAGRAPH_ALIGN[align]
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None


def write_docx(table: Table, path: str | Path) -> None:
    """A Word document: the caption, the table (spanners merged) and the notes beneath; on a
    landscape page when the table's layout asks for one."""
    doc = Document()
    if table.layout.landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_paragraph(table.caption, style="Caption")
    heads = table.heading_rows()
    grid = doc.add_table(rows=len(heads) + len(table.rows), cols=len(table.columns))
    for s in table.spanners:
        grid.cell(0, s.start).merge(grid.cell(0, s.stop - 1))
    for i, row in enumerate(heads):
        for j, text in enumerate(row):
            spanner = table.spanner_of(j) if i == 0 and len(heads) == 2 else None
            if spanner is None or j == spanner.start:
                align = "c" if spanner else table.columns[j].align
                _set(grid.cell(i, j), text, align, bold=True)
    for i, body in enumerate(table.rows, start=len(heads)):
        for j, value in enumerate(body):
            italic = isinstance(value, Text) and value.italic
            _set(grid.cell(i, j), value.text, table.columns[j].align, italic=italic)
    _docx_rules(grid, table, len(heads))
    for note in table.notes:
        doc.add_paragraph().add_run(note.text).font.size = Pt(9)
    props = doc.core_properties
    props.author, props.comments = "gvcpanel", ""
    buffer = io.BytesIO()
    doc.save(buffer)
    _stable_zip(buffer.getvalue(), path)
