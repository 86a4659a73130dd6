"""Parsing the workflow is cheap: once the coverage cache holds the raw inputs, a parse imports
none of the heavy libraries and reads no data file; the column names read without pandera
(``schemas.names``) are those of the schemas."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import COPY_IGNORE

from gvcpanel.schemas.firms import CleanFirmTable, RawFirmTable
from gvcpanel.schemas.names import (
    CLEAN_COLUMNS,
    COUNTRY_PANEL_KEYS,
    COUNTRY_PANEL_VARIABLES,
    RAW_COLUMNS,
)
from gvcpanel.schemas.panels import CountryPanel

#: Libraries that no parse of the workflow may import (each costs 0.1-1.3 CPU s to import).
HEAVY = (
    "pandas", "scipy", "statsmodels", "matplotlib", "pandera", "pyarrow", "duckdb", "openpyxl",
    "docx", "linearmodels", "pycountry",
)  # fmt: skip
PROBE = f"""
import sys
from snakemake.cli import main
sys.argv = ["snakemake", "--list-rules", "--quiet", "all"]
try:
    main()
except SystemExit as exc:
    if exc.code:
        raise
print("IMPORTED:", *[m for m in {HEAVY!r} if m in sys.modules])
"""


def _parse(project) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=project, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr
    line = next(s for s in run.stdout.splitlines() if s.startswith("IMPORTED:"))
    return line.split()[1:]


def _without_store(folder: str, names: list[str]) -> set[str]:
    return {*COPY_IGNORE(folder, names), *(n for n in names if n == ".gvcpanel")}


def test_a_parse_imports_no_heavy_library(root, tmp_path):
    project = tmp_path / "gvcpanel"
    shutil.copytree(root, project, ignore=_without_store)
    assert "pandas" in _parse(project)  # the first parse reads the raw inputs' coverage
    assert (project / ".gvcpanel" / "store" / "coverage").is_dir()
    assert _parse(project) == []


def test_the_column_names_are_the_schema_columns():
    assert tuple(CountryPanel.to_schema().columns) == (
        *COUNTRY_PANEL_KEYS,
        *COUNTRY_PANEL_VARIABLES,
    )
    assert tuple(RawFirmTable.to_schema().columns) == RAW_COLUMNS
    assert tuple(CleanFirmTable.to_schema().columns) == CLEAN_COLUMNS
