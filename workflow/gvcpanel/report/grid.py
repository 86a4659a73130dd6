"""The displayed grid of a :class:`~gvcpanel.report.table.Table` as CSV, Markdown and a
pandas DataFrame.

CSV layout (stable; UTF-8, comma-separated, ``\\n`` line ends, quoted where needed):

1. the heading rows of :meth:`Table.heading_rows` — with spanners two rows: the spanners'
   labels in their first column (blank elsewhere), then the column headings;
2. the body rows, one line each, every cell as its text (numbers with their stars, statistics
   in their parentheses or brackets); the rules between blocks are not marked;
3. one blank line, then the caption ("Table N: title") and each note, one cell per line.

Markdown: the caption in bold, a pipe table (the first heading row as its header, a second
heading row as its first row, columns aligned as the table's), then each note as a paragraph;
``\\ * _ | ``` in cells are backslash-escaped, italic cells set in ``_…_``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from gvcpanel.io import write_text
from gvcpanel.report.cells import Cell, Text

if TYPE_CHECKING:
    from gvcpanel.report.table import Table

_MARKDOWN_SPECIALS = re.compile(r"([\\*_|`])")
_ALIGN_RULE = {"l": ":---", "c": ":---:", "r": "---:"}


def csv_rows(table: Table) -> list[list[str]]:
    """The rows of the CSV layout: grid, a blank row, caption and notes."""
    return [*table.grid(), [], [table.caption], *([n.text] for n in table.notes)]


def to_csv(table: Table) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(csv_rows(table))
    return out.getvalue()


def write_csv(table: Table, path: str | Path) -> None:
    write_text(path, to_csv(table))


def md_escape(text: str) -> str:
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def _md_cell(value: Cell) -> str:
    text = md_escape(value.text)
    return f"_{text}_" if isinstance(value, Text) and value.italic and text else text


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def to_markdown(table: Table) -> str:
    heads = [[md_escape(c) for c in row] for row in table.heading_rows()]
    body = [[_md_cell(c) for c in row] for row in table.rows]
    rule = [_ALIGN_RULE[c.align] for c in table.columns]
    lines = [
        f"**{md_escape(table.caption)}**",
        "",
        _md_row(heads[0]),
        _md_row(rule),
        *(_md_row(r) for r in [*heads[1:], *body]),
    ]
    for note in table.notes:
        lines += ["", md_escape(note.text)]
    return "\n".join(lines) + "\n"


def to_frame(table: Table) -> pd.DataFrame:
    """The body as text cells under the column headings (a two-level column index of spanner
    and heading when the table has spanners)."""
    heads = [c.text for c in table.columns]
    if table.spanners:
        groups = [(s.text if (s := table.spanner_of(j)) else "") for j in range(len(heads))]
        index = pd.MultiIndex.from_arrays([groups, heads])
    else:
        index = pd.Index(heads)
    return pd.DataFrame([[c.text for c in row] for row in table.rows], columns=index)
