"""The neutral table and its printers: typed cells, the displayed grid, and the HTML, CSV,
Markdown, XLSX and DOCX files of one table holding the same cells."""

from __future__ import annotations

import csv

import docx
import openpyxl
import pytest
from html_table import parse_page
from table_files import READABLE, read

from gvcpanel.report.cells import (
    STAR_NOTE,
    Coefficient,
    Number,
    Stat,
    Text,
    coef,
    span,
    tex,
    variable,
)
from gvcpanel.report.table import FORMATS, Body, Column, Spanner, Table, columns, write


def sample() -> Table:
    """A table with every kind of cell, a two-line heading, a spanner, two blocks and notes."""
    body = Body()
    body.add(tex(r"$\mu$", "μ"), coef(-0.59581, 0.001), Stat((0.12,)), Number(336, 0), "R&D | x_1")
    body.add(
        Text("Share in the market", italic=True),
        Coefficient(coef(0.5, 0.2), Stat((-2.0,))),
        Stat((0.1, 0.2), brackets="[]"),
        Number(3839, 0, thousands=True),
        "",
    )
    body.rule()
    body.add(variable("N"), Number(-0.00001), Stat((7.1, 9.2), 2, brackets=""), "", "n.a.")
    heads = ["Row", "paper", "run", ("N", "obs."), "Label"]
    return Table(
        title="Tests of " + tex(r"$\omega$", "ω") + " " + span(2000, 2011),
        columns=columns(heads, "lccrl"),
        spanners=[Spanner("Interm.", 1, 3)],
        blocks=body.blocks,
        notes=["A < B & C*.", STAR_NOTE],
        number="3",
        label="tab:t",
    )


GRID = [
    ["", "Interm.", "", "", ""],
    ["Row", "paper", "run", "N obs.", "Label"],
    ["μ", "-0.5958***", "(0.1200)", "336", "R&D | x_1"],
    ["Share in the market", "0.5000 (-2.0000)", "[0.1000, 0.2000]", "3,839", ""],
    ["N", "0.0000", "7.10, 9.20", "", "n.a."],
]
NOTES = ["A < B & C*.", "*** p < 0.01, ** p < 0.05, * p < 0.1."]


def test_cells_have_a_text_and_a_latex_form():
    assert coef(-0.5958, 0.001).text == "-0.5958***" and Number(-0.00001).text == "0.0000"
    assert Number(3839, 0, thousands=True).text == "3,839"
    assert Number(3839, 0, thousands=True).numeric == 3839 and coef(1, 0.001).numeric is None
    assert Number(0.123456, 3).numeric == 0.123
    note = "Values are " + variable("t") + " values; " + STAR_NOTE
    assert note.text == "Values are t values; *** p < 0.01, ** p < 0.05, * p < 0.1."
    assert note.latex == r"Values are $t$ values; *** $p<0.01$, ** $p<0.05$, * $p<0.1$."
    assert note.html.startswith("Values are <i>t</i> values; *** <i>p</i> &lt; 0.01")
    assert (Text("50% R&D") + span(1, 2)).latex == r"50\% R\&D1--2"
    assert Text("Share", italic=True).latex == r"\textit{Share}"
    with pytest.raises(ValueError, match="brackets"):
        Stat((1.0,), brackets="{}")


def test_grid_is_the_headings_then_the_body():
    table = sample()
    assert table.grid() == GRID
    assert table.caption == "Table 3: Tests of ω 2000–2011"
    frame = table.to_frame()
    assert list(frame.columns)[1] == ("Interm.", "paper") and frame.iloc[0, 1] == "-0.5958***"


def test_html_page_structure():
    text = sample().to_html()
    page = parse_page(text)
    assert text.startswith("<!DOCTYPE html>") and "<style>" in text and page.external == []
    assert page.caption == "Table 3: Tests of ω 2000–2011"
    assert page.head == [
        [("Row", "1", "2"), ("Interm.", "2", "1"), ("N obs.", "1", "2"), ("Label", "1", "2")],
        [("paper", "1", "1"), ("run", "1", "1")],
    ]
    assert "N<br>obs." in text and "<i>Share in the market</i>" in text and "<i>N</i>" in text
    first = [c for c, _, _ in page.body[0]]
    assert first == ["μ", "\u22120.5958***", "(0.1200)", "336", "R&D | x_1"]
    assert page.tbodies == 2  # a rule starts a new block
    assert page.notes == NOTES and "A &lt; B &amp; C*." in text


def test_csv_layout(tmp_path):
    sample().to_csv(tmp_path / "t.csv")
    with (tmp_path / "t.csv").open(newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [*GRID, [], ["Table 3: Tests of ω 2000–2011"], *([n] for n in NOTES)]


def test_markdown_escapes_and_aligns():
    text = sample().to_markdown()
    lines = text.splitlines()
    assert lines[0] == "**Table 3: Tests of ω 2000–2011**"
    assert lines[2:4] == ["|  | Interm. |  |  |  |", "| :--- | :---: | :---: | ---: | :--- |"]
    assert r"| μ | -0.5958\*\*\* | (0.1200) | 336 | R&D \| x\_1 |" in lines
    assert r"| _Share in the market_ | 0.5000 (-2.0000) |" in text


def test_xlsx_numbers_merged_spanners_and_notes(tmp_path):
    sample().to_excel(tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert [str(r) for r in ws.merged_cells.ranges] == ["B1:C1"]
    assert ws["B3"].value == "-0.5958***"  # stars: text
    assert (ws["D3"].value, ws["D3"].number_format) == (336, "0")
    assert (ws["D4"].value, ws["D4"].number_format) == (3839, "#,##0")
    assert (ws["B5"].value, ws["B5"].number_format) == (0.0, "0.0000")
    assert ws["A4"].font.italic and ws["A1"].value is None
    assert [ws.cell(r, 1).value for r in (7, 8, 9)] == ["Table 3: Tests of ω 2000–2011", *NOTES]


def test_docx_table_with_merged_spanner(tmp_path):
    sample().to_docx(tmp_path / "t.docx")
    document = docx.Document(str(tmp_path / "t.docx"))
    assert [p.text for p in document.paragraphs] == ["Table 3: Tests of ω 2000–2011", *NOTES]
    grid = document.tables[0]
    assert [c.text for c in grid.rows[0].cells] == ["", "Interm.", "Interm.", "", ""]
    assert grid.rows[0].cells[1]._tc is grid.rows[0].cells[2]._tc  # one merged cell
    assert grid.cell(3, 0).paragraphs[0].runs[0].italic


def test_every_format_shows_the_same_cells(tmp_path):
    paths = write(sample(), tmp_path / "t")
    assert [p.suffix for p in paths] == [f".{f}" for f in FORMATS]
    for fmt in READABLE:
        shown = read(tmp_path / "t", fmt)
        assert (shown.grid, shown.caption, shown.notes) == (
            GRID,
            "Table 3: Tests of ω 2000–2011",
            NOTES,
        ), fmt


def test_files_are_byte_identical_on_rewrite(tmp_path):
    write(sample(), tmp_path / "a")
    write(sample(), tmp_path / "b")
    for fmt in FORMATS:
        assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes(), fmt


def test_checks_of_the_model(tmp_path):
    with pytest.raises(ValueError, match="unknown table formats"):
        write(sample(), tmp_path / "t", ["tex", "pdf"])
    with pytest.raises(ValueError, match="a block without rows"):
        Table("t", columns(["a"]), [[("x",)], []])
    with pytest.raises(ValueError, match="align"):
        Column("a", "p")
    with pytest.raises(ValueError, match="letters"):
        columns(["a", "b"], "l")
