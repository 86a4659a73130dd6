"""A results summary as data (preamble lines, titled tables, footer lines), rendered as fixed-width
text (``str``) or HTML (``as_html``, used by notebooks through ``_repr_html_``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class SummaryTable:
    """A titled table of preformatted cells; the first column is the row label."""

    title: str
    header: list[str]
    rows: list[list[str]]

    def widths(self) -> list[int]:
        cells = [self.header, *self.rows]
        return [max(len(r[j]) if j < len(r) else 0 for r in cells) for j in range(len(self.header))]

    def as_text(self, min_width: int = 78) -> str:
        w = self.widths()
        w[1:] = [max(x, 9) for x in w[1:]]

        def line(cells: list[str]) -> str:
            rest = " ".join(f"{c:>{w[j + 1]}}" for j, c in enumerate(cells[1:]))
            return f"{cells[0]:>{w[0]}} | {rest}".rstrip()

        width = max(min_width, len(line(self.header)))
        rule = "-" * width
        return "\n".join([self.title, rule, line(self.header), rule, *map(line, self.rows), rule])

    def as_html(self) -> str:
        head = "".join(f"<th>{escape(c)}</th>" for c in self.header)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in self.rows
        )
        return (
            f'<table class="simpletable"><caption>{escape(self.title)}</caption>'
            f"<tr>{head}</tr>{body}</table>"
        )


@dataclass(frozen=True)
class Summary:
    """Preamble lines, tables and footer lines of a fitted model."""

    preamble: list[str]
    tables: list[SummaryTable]
    footer: list[str] = field(default_factory=list)

    def as_text(self) -> str:
        blocks = ["\n".join(self.preamble), *(t.as_text() for t in self.tables)]
        return "\n\n".join(blocks) + ("\n" + "\n".join(self.footer) if self.footer else "")

    def as_html(self) -> str:
        def para(lines: list[str]) -> str:
            return "".join(f"<p>{escape(x)}</p>" for x in lines)

        return para(self.preamble) + "".join(t.as_html() for t in self.tables) + para(self.footer)

    def __str__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        return self.as_html()
