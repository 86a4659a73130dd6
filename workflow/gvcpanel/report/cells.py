"""Typed table cells: text (with an optional LaTeX form), numbers with digits and significance
stars, statistics in parentheses or brackets, a coefficient beside its statistic, empty cells.

Every cell has two forms: ``text``, the plain Unicode text every format shows (CSV, Markdown,
XLSX, DOCX; HTML with the minus of numbers as U+2212), and ``latex``, the cell of the booktabs
table. Plain text is escaped for LaTeX; a :class:`Text` built with :func:`tex` carries its own
LaTeX (math, dashes, quotes), and ``+`` joins pieces of either kind (``"Values in parentheses
are " + tex("$t$", "t") + " values"``), so a note is written once and printed everywhere.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

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

#: Significance levels of the stars: *** 1%, ** 5%, * 10% (two-sided p-values).
STAR_LEVELS: tuple[tuple[float, str], ...] = ((0.01, "***"), (0.05, "**"), (0.10, "*"))
MINUS = "\u2212"  # the minus sign HTML prints in numbers


def escape(text: str) -> str:
    """Escape LaTeX special characters in plain text."""
    return "".join(_ESCAPES.get(ch, ch) for ch in str(text))


def stars(p: float | None, levels: tuple[tuple[float, str], ...] = STAR_LEVELS) -> str:
    """Significance stars for a two-sided p-value (*** 1%, ** 5%, * 10% by default)."""
    if p is None or math.isnan(p):
        return ""
    return next((s for level, s in levels if p < level), "")


def missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number_text(x: float | None, digits: int = 4, thousands: bool = False) -> str:
    """``x`` with ``digits`` decimals (``,`` between thousands if asked), no sign on a zero
    that rounds from below (``-0.00001`` → ``0.0000``); empty for missing."""
    if missing(x):
        return ""
    text = f"{x:,.{digits}f}" if thousands else f"{x:.{digits}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    return text


def num(x: float | None, digits: int = 4, thousands: bool = False) -> str:
    """The LaTeX of a number: negative numbers in math (``$-0.5244$``) for a proper minus sign,
    thousands separated by ``{,}``; empty for missing."""
    text = number_text(x, digits, thousands).replace(",", "{,}")
    return f"${text}$" if text.startswith("-") else text


@dataclass(frozen=True)
class Text:
    """Text; ``latex_form`` is its LaTeX (default: the text escaped) and ``html_form`` its HTML
    (default: the text escaped; e.g. math letters in ``<i>``, whose text content is ``text``);
    ``italic`` sets the whole cell in italics (block headings)."""

    text: str
    latex_form: str | None = None
    italic: bool = False
    html_form: str | None = None

    @property
    def latex(self) -> str:
        body = escape(self.text) if self.latex_form is None else self.latex_form
        return rf"\textit{{{body}}}" if self.italic else body

    @property
    def html(self) -> str:
        body = html.escape(self.text, quote=False) if self.html_form is None else self.html_form
        return f"<i>{body}</i>" if self.italic else body

    def __add__(self, other: Text | str) -> Text:
        other = as_text(other)
        return Text(
            self.text + other.text, self.latex + other.latex, html_form=self.html + other.html
        )

    def __radd__(self, other: str) -> Text:
        return as_text(other) + self


def tex(latex: str, text: str, html_form: str | None = None) -> Text:
    """A piece of text with its own LaTeX (and HTML) form, e.g. ``tex(r"$\\omega$", "ω")``."""
    return Text(text, latex, html_form=html_form)


def variable(name: str) -> Text:
    """A math variable: ``$gr$`` in LaTeX, ``<i>gr</i>`` in HTML, ``gr`` as text."""
    return Text(name, f"${name}$", html_form=f"<i>{html.escape(name, quote=False)}</i>")


def as_text(value: Text | str) -> Text:
    return value if isinstance(value, Text) else Text(str(value))


def bound_text(value: float, above: float | None = None, decimals: int = 4) -> str:
    """``value`` rounded up to ``decimals`` places (more while that reaches ``above``, the next
    value of the data): the label ``q ≤ text`` then holds for exactly the observations
    q ≤ ``value``, as a rule ``q ≤ φ`` placed them (rounding to nearest could fall below φ).
    Both are compared as the decimals they are written as (shortest ``repr``)."""
    exact = Decimal(repr(float(value)))
    for places in range(decimals, 18):
        text = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)
        if above is None or text < Decimal(repr(float(above))):
            return f"{text:f}"
    return repr(float(value))


def span(first: object, last: object) -> Text:
    """A range such as ``2000–2015`` (LaTeX ``2000--2015``)."""
    return tex(f"{first}--{last}", f"{first}–{last}")


#: The star legend of every table with stars.
STAR_NOTE = tex(
    r"*** $p<0.01$, ** $p<0.05$, * $p<0.1$.",
    "*** p < 0.01, ** p < 0.05, * p < 0.1.",
    "*** <i>p</i> &lt; 0.01, ** <i>p</i> &lt; 0.05, * <i>p</i> &lt; 0.1.",
)


def join(parts: Sequence[Text | str], sep: str = ", ") -> Text:
    """The pieces joined by ``sep`` (plain text), e.g. symbols in a note."""
    out = Text("")
    for i, part in enumerate(parts):
        out = out + (sep if i else "") + part
    return out


@dataclass(frozen=True)
class Number:
    """A number with ``digits`` decimals and optional significance ``stars``; ``thousands``
    separates thousands (``3,839``). A missing value is an empty cell."""

    value: float | None
    digits: int = 4
    stars: str = ""
    thousands: bool = False

    @property
    def text(self) -> str:
        body = number_text(self.value, self.digits, self.thousands)
        return body + self.stars if body else ""

    @property
    def latex(self) -> str:
        body = num(self.value, self.digits, self.thousands)
        return body + self.stars if body else ""

    @property
    def numeric(self) -> float | None:
        """The value as shown (rounded to its digits), for a numeric spreadsheet cell; None when
        the cell carries stars or nothing."""
        body = number_text(self.value, self.digits, self.thousands)
        if self.stars or not body:
            return None
        value = float(body.replace(",", ""))
        return int(value) if self.digits == 0 else value


def coef(value: float | None, p: float | None, digits: int = 4) -> Number:
    """A coefficient with the stars of its p-value."""
    return Number(value, digits, stars(p))


@dataclass(frozen=True)
class Stat:
    """Statistics beneath or beside a coefficient: one value in parentheses (SE, t), two in
    brackets (an interval), or a list without brackets (critical values), comma-separated."""

    values: tuple[float | None, ...]
    digits: int = 4
    brackets: str = "()"

    def __post_init__(self) -> None:
        if self.brackets not in ("()", "[]", ""):
            raise ValueError(f"brackets must be '()', '[]' or '', not {self.brackets!r}")

    def _form(self, fmt: Callable[[float | None, int], str]) -> str:
        if all(missing(v) for v in self.values):
            return ""
        body = ", ".join(fmt(v, self.digits) for v in self.values)
        return f"{self.brackets[:1]}{body}{self.brackets[1:]}"

    @property
    def text(self) -> str:
        return self._form(number_text)

    @property
    def latex(self) -> str:
        return self._form(num)


@dataclass(frozen=True)
class Coefficient:
    """A coefficient and its statistic in one cell, e.g. ``-0.5396*** (-3.1699)``."""

    coef: Number
    stat: Stat

    @property
    def text(self) -> str:
        return f"{self.coef.text} {self.stat.text}"

    @property
    def latex(self) -> str:
        return f"{self.coef.latex} {self.stat.latex}"


@dataclass(frozen=True)
class Empty:
    """An empty cell."""

    text: str = ""
    latex: str = ""


EMPTY = Empty()
Cell = Text | Number | Stat | Coefficient | Empty


def cell(value: Cell | str) -> Cell:
    """A cell from a cell or plain text (``""`` is the empty cell)."""
    if isinstance(value, str):
        return EMPTY if value == "" else Text(value)
    return value


def is_number(value: Cell) -> bool:
    """Numbers and statistics: the cells whose minus HTML prints as U+2212."""
    return isinstance(value, Number | Stat | Coefficient)
