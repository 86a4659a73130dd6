"""The tables of one default run (``snakemake --cores 2``), as published: every table exists in
each format of the default ``report.table_formats``, and all of them show the same cells."""

from __future__ import annotations

import pytest
from table_files import assert_same_cells

from gvcpanel.config import load_yaml

pytestmark = pytest.mark.slow


def test_every_table_in_the_default_formats_with_the_same_cells(default_project):
    formats = load_yaml(default_project / "config/defaults.yaml")["report"]["table_formats"]
    assert "docx" not in formats  # optional: test_workflow.py runs it
    tables = default_project / "results/tables"
    tex = sorted(p for p in tables.rglob("*.tex") if p.name != "tables.tex")
    assert len(tex) == 26  # Qu & Yang Tables 1, 2, 3, 5 and Liu's 9, each with its vs-paper
    for path in tex:
        written = sorted(p.suffix for p in path.parent.glob(f"{path.stem}.*"))
        assert written == sorted(f".{f}" for f in formats), path
        shown = assert_same_cells(path.with_suffix(""), formats)
        assert shown.caption.startswith("Table "), path
