"""One neutral table and its printers: LaTeX, HTML, CSV, XLSX, Markdown and DOCX.

A :class:`Table` is data: a title, columns (heading lines, alignment, width), spanners (a
heading over adjacent columns, e.g. "Equation (18)" over the 2- and 4-year changes), blocks of
body rows of typed cells (:mod:`gvcpanel.report.cells`) with a rule between blocks, notes and
layout hints for LaTeX (landscape page, long table, heading width). Paper code and
:func:`~gvcpanel.report.regression.regression_table` build it; the printers only read it:

- ``to_latex()``: the booktabs float (or longtable) of :mod:`gvcpanel.report.latex`;
- ``to_html()``: a self-contained page (what the Snakemake report shows);
- ``to_markdown()``, ``to_csv(path)``, ``to_excel(path)``, ``to_docx(path)``, ``to_frame()``:
  the displayed grid (:meth:`Table.grid`).

:func:`write` writes one table in the formats asked for, beside each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gvcpanel.io import write_text
from gvcpanel.report.cells import Cell, Text, as_text, cell

if TYPE_CHECKING:
    import pandas as pd

#: Every format :func:`write` knows, as file suffixes.
FORMATS = ("tex", "html", "csv", "md", "xlsx", "docx")

Heading = Text | str | Sequence[Text | str]


def _lines(heading: Heading) -> tuple[Text, ...]:
    """The lines of a heading: one piece of text, or a sequence of lines."""
    if isinstance(heading, Text | str):
        return (as_text(heading),)
    return tuple(as_text(line) for line in heading)


@dataclass(frozen=True)
class Column:
    """A column: its heading (one or more lines), alignment ``l``, ``c`` or ``r`` and, for a
    column of wrapped text, its ``width`` (a LaTeX length, e.g. ``7.5cm``)."""

    heading: tuple[Text, ...]
    align: str = "c"
    width: str | None = None

    def __init__(self, heading: Heading, align: str = "c", width: str | None = None) -> None:
        if align not in ("l", "c", "r"):
            raise ValueError(f"column align must be 'l', 'c' or 'r', not {align!r}")
        object.__setattr__(self, "heading", _lines(heading))
        object.__setattr__(self, "align", align)
        object.__setattr__(self, "width", width)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.heading)


@dataclass(frozen=True)
class Spanner:
    """A heading over the columns ``start`` to ``stop - 1`` (one or more lines)."""

    label: tuple[Text, ...]
    start: int
    stop: int

    def __init__(self, label: Heading, start: int, stop: int) -> None:
        object.__setattr__(self, "label", _lines(label))
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "stop", stop)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.label)


@dataclass(frozen=True)
class Layout:
    """Hints for the LaTeX float: a landscape page; a ``long`` table (longtable, continued on
    the next page with its heading repeated); ``head_width`` boxes each heading but the first
    (e.g. ``2.4cm``); ``latex_number``: the LaTeX sets ``\\thetable`` to the table's number
    itself (else the master document that inputs it does)."""

    landscape: bool = False
    long: bool = False
    head_width: str | None = None
    latex_number: bool = True


def columns(headings: Sequence[Heading | Column], align: str | None = None) -> list[Column]:
    """Columns from headings (or columns, kept as they are), aligned by the letters of
    ``align`` (default: the first column left, the others centred)."""
    align = align or "l" + "c" * (len(headings) - 1)
    if len(align) != len(headings):
        raise ValueError(f"align {align!r} has {len(align)} letters for {len(headings)} columns")
    pairs = zip(headings, align, strict=True)
    return [h if isinstance(h, Column) else Column(h, a) for h, a in pairs]


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A table as data. ``blocks`` are the body rows between rules (a rule between blocks);
    ``number`` is the paper's table number ("3", "A1") or None. ``notes`` are what a reader of
    the table needs (a few lines, in words), printed in every format; ``details`` the rest
    (samples per column, the covariance formula, estimator, seed), printed by ``to_html`` (the
    form the report shows) under the notes."""

    title: Text
    columns: tuple[Column, ...]
    blocks: tuple[tuple[Row, ...], ...]
    notes: tuple[Text, ...] = ()
    spanners: tuple[Spanner, ...] = ()
    details: tuple[Text, ...] = ()
    number: str | None = None
    label: str = "tab:table"
    layout: Layout = Layout()

    def __init__(
        self,
        title: Text | str,
        columns: Sequence[Column],
        blocks: Sequence[Sequence[Sequence[Cell | str]]],
        notes: Sequence[Text | str] = (),
        spanners: Sequence[Spanner] = (),
        number: str | None = None,
        label: str = "tab:table",
        layout: Layout | None = None,
        details: Sequence[Text | str] = (),
    ) -> None:
        set_ = object.__setattr__
        set_(self, "title", as_text(title))
        set_(self, "columns", tuple(columns))
        set_(self, "blocks", tuple(tuple(tuple(cell(c) for c in row) for row in b) for b in blocks))
        set_(self, "notes", tuple(as_text(n) for n in notes))
        set_(self, "spanners", tuple(sorted(spanners, key=lambda s: s.start)))
        set_(self, "number", number)
        set_(self, "label", label)
        set_(self, "layout", layout or Layout())
        set_(self, "details", tuple(dict.fromkeys(as_text(d) for d in details)))
        self._check()

    def _check(self) -> None:
        ncol = len(self.columns)
        for block in self.blocks:
            if not block:
                raise ValueError(f"table {self.label}: a block without rows")
            for row in block:
                if len(row) != ncol:
                    raise ValueError(f"table {self.label}: row has {len(row)} cells, header {ncol}")
        end = 0
        for s in self.spanners:
            if not end <= s.start < s.stop <= ncol:
                raise ValueError(
                    f"table {self.label}: spanner {s.text!r} over columns {s.start}..{s.stop - 1}"
                    f" overlaps another or lies outside the {ncol} columns"
                )
            end = s.stop

    @property
    def caption(self) -> str:
        """``Table N: title`` (the title alone for a table without a number)."""
        return f"Table {self.number}: {self.title.text}" if self.number else self.title.text

    @property
    def rows(self) -> list[Row]:
        """The body rows of all blocks, in order."""
        return [row for block in self.blocks for row in block]

    def spanner_of(self, j: int) -> Spanner | None:
        return next((s for s in self.spanners if s.start <= j < s.stop), None)

    def heading_rows(self) -> list[list[str]]:
        """The heading rows of the displayed grid: with spanners, a first row with each
        spanner's label in its first column (blank elsewhere); then the column headings."""
        bottom = [c.text for c in self.columns]
        if not self.spanners:
            return [bottom]
        top = [""] * len(self.columns)
        for s in self.spanners:
            top[s.start] = s.text
        return [top, bottom]

    def grid(self) -> list[list[str]]:
        """The displayed grid: heading rows, then the body rows, every cell as its text."""
        return [*self.heading_rows(), *([c.text for c in row] for row in self.rows)]

    def to_latex(self) -> str:
        from gvcpanel.report.latex import to_latex

        return to_latex(self)

    def to_html(self) -> str:
        from gvcpanel.report.html_table import to_html

        return to_html(self)

    def to_markdown(self) -> str:
        from gvcpanel.report.grid import to_markdown

        return to_markdown(self)

    def to_csv(self, path: str | Path) -> None:
        from gvcpanel.report.grid import write_csv

        write_csv(self, path)

    def to_excel(self, path: str | Path) -> None:
        from gvcpanel.report.office import write_xlsx

        write_xlsx(self, path)

    def to_docx(self, path: str | Path) -> None:
        from gvcpanel.report.office import write_docx

        write_docx(self, path)

    def to_frame(self) -> pd.DataFrame:
        from gvcpanel.report.grid import to_frame

        return to_frame(self)


class Body:
    """Rows collected block by block for a :class:`Table`: ``add`` a row, ``rule`` to start
    the next block (a rule with no rows after it draws nothing)."""

    def __init__(self) -> None:
        self._blocks: list[list[Row]] = [[]]

    def add(self, *cells: Cell | str) -> None:
        self._blocks[-1].append(tuple(cell(c) for c in cells))

    def rule(self) -> None:
        self._blocks.append([])

    @property
    def blocks(self) -> list[list[Row]]:
        return [b for b in self._blocks if b]


def write(table: Table, base: str | Path, formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write ``table`` as ``base.<format>`` for each of ``formats`` (atomically); the paths."""
    formats = list(formats)
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown table formats {unknown}; known: {', '.join(FORMATS)}")
    writers: dict[str, Callable[[Path], None]] = {
        "tex": lambda p: write_text(p, table.to_latex()),
        "html": lambda p: write_text(p, table.to_html()),
        "md": lambda p: write_text(p, table.to_markdown()),
        "csv": table.to_csv,
        "xlsx": table.to_excel,
        "docx": table.to_docx,
    }
    paths = [Path(f"{base}.{fmt}") for fmt in formats]
    for fmt, path in zip(formats, paths, strict=True):
        writers[fmt](path)
    return paths
