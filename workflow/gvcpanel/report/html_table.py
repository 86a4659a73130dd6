"""The HTML printer of :class:`~gvcpanel.report.table.Table`: a self-contained page (inline
style, no scripts or links), the one the Snakemake report shows for every table."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from gvcpanel.report.cells import MINUS, Cell, Text, is_number

if TYPE_CHECKING:
    from gvcpanel.report.table import Table

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
.details{max-width:60em;margin:1.5em auto 0;font-size:12px;line-height:1.4;color:#333}
.details h2{font-size:13px;margin:0 0 .3em}
.details p{margin:.2em 0}
"""


def cell_html(value: Cell) -> str:
    """A cell's HTML: text as :attr:`Text.html`, numbers with the minus sign U+2212."""
    if isinstance(value, Text):
        return value.html
    text = html.escape(value.text, quote=False)
    return text.replace("-", MINUS) if is_number(value) else text


def _lines(lines: tuple[Text, ...]) -> str:
    return "<br>".join(line.html for line in lines)


def _classes(table: Table) -> list[str]:
    return ["p" if c.width else c.align for c in table.columns]


def _head(table: Table) -> list[str]:
    """Heading rows: without spanners one row; with them, the spanners over their columns'
    headings and every other heading spanning both rows."""
    align = _classes(table)
    if not table.spanners:
        cells = [
            f'<th class="{a}">{_lines(c.heading)}</th>'
            for a, c in zip(align, table.columns, strict=True)
        ]
        return ["<tr>" + "".join(cells) + "</tr>"]
    top, bottom = [], []
    for j, column in enumerate(table.columns):
        spanner = table.spanner_of(j)
        if spanner is None:
            top.append(f'<th rowspan="2" class="{align[j]}">{_lines(column.heading)}</th>')
            continue
        if j == spanner.start:
            label = " ".join(line.html for line in spanner.label)
            top.append(f'<th colspan="{spanner.stop - j}" class="group c">{label}</th>')
        bottom.append(f'<th class="{align[j]}">{_lines(column.heading)}</th>')
    return ["<tr>" + "".join(top) + "</tr>", "<tr>" + "".join(bottom) + "</tr>"]


def to_html(table: Table) -> str:
    """The page: the caption "Table N: …", the heading rows, one ``<tbody>`` per block of rows
    (a rule between blocks), the notes beneath, one paragraph each, and the details under a
    heading of their own."""
    align = _classes(table)
    title = table.title.html
    caption = f"Table {table.number}: {title}" if table.number else title
    body = []
    for block in table.blocks:
        rows = [
            "<tr>"
            + "".join(
                f'<td class="{a}">{cell_html(c)}</td>' for a, c in zip(align, row, strict=True)
            )
            + "</tr>"
            for row in block
        ]
        body.append("<tbody>\n" + "\n".join(rows) + "\n</tbody>")
    notes = [f"<p>{n.html}</p>" for n in table.notes]
    details = [f"<p>{d.html}</p>" for d in table.details]
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html.escape(table.caption, quote=False)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        '<div class="wrap">',
        f'<table id="{html.escape(table.label)}">',
        f"<caption>{caption}</caption>",
        "<thead>",
        *_head(table),
        "</thead>",
        *body,
        "</table>",
        "</div>",
        *(['<div class="notes">', *notes, "</div>"] if notes else []),
        *(['<div class="details">', "<h2>Details</h2>", *details, "</div>"] if details else []),
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
