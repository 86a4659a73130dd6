"""The compiled tables fit the page: pdflatex's log has no overfull box > 1 pt and no float
taller than the page; ``compile-tables`` refuses a layout that does not fit."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import system_tool

from gvcpanel.errors import DataError
from gvcpanel.report.latex import document
from gvcpanel.report.master import compile_pdf, layout_problems
from gvcpanel.report.table import Table, columns

LOG = """(./tables.tex
(./liu_2013/table6.tex
Overfull \\hbox (139.42612pt too wide) in paragraph at lines 8--27
Overfull \\hbox (0.5pt too wide) in paragraph at lines 30--31
)
(./liu_2013/tableA1.tex
LaTeX Warning: Float too large for page by 15.28967pt on input line 44.
"""


def test_layout_problems_name_file_size_and_lines():
    assert layout_problems(LOG) == [
        "liu_2013/table6.tex: overfull hbox 139.42612pt at lines 8--27",
        "liu_2013/tableA1.tex: float too large for the page by 15.28967pt at line 44",
    ]


def test_too_wide_table_is_refused(pdflatex, tmp_path):
    heads = ["", *[f"column heading {j}" for j in range(14)]]
    wide = Table("Wide", columns(heads), [[("row", *["0.123456"] * 14)]], number="9")
    (tmp_path / "wide.tex").write_text(wide.to_latex())
    (tmp_path / "tables.tex").write_text(document(["wide.tex"]))
    with pytest.raises(DataError, match=r"wide.tex: overfull hbox"):
        compile_pdf(tmp_path / "tables.tex")
    assert not (tmp_path / "tables.pdf").exists()


def test_default_tables_compile_within_the_page(pdflatex, default_project, tmp_path):
    """Every table the default run writes (results/tables), compiled as the user would."""
    tables = default_project / "results/tables"
    shutil.copytree(tables, tmp_path / "tables")
    pdf = compile_pdf(tmp_path / "tables" / "tables.tex")  # raises on any layout problem
    assert pdf is not None and pdf.stat().st_size > 0
    info = subprocess.run([system_tool("pdfinfo"), str(pdf)], capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    pages = int(next(ln.split()[-1] for ln in info.stdout.splitlines() if ln.startswith("Pages")))
    assert pages >= 27  # one page per table (27 default tables) plus the title page
    for page in range(2, pages + 1):  # no page holds a heading alone: each shows a table
        text = subprocess.run(
            [system_tool("pdftotext"), "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
        ).stdout
        assert "Table" in text and ("Qu and Yang (2023)" in text or "Liu (2013)" in text), page
