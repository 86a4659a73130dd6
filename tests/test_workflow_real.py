"""The real-data configurations run end to end from ../shared/data (WIOD 2013 + WDI).

The 18-country configuration (the paper's countries that WIOD covers, 2000–2011) produces Tables
1–3, the validation report and states the deviation from the paper's sample in the table notes.
The 40-country configuration, 1995–2011, runs too: changing the panel is a configuration edit only.
No run may ever schedule a download over files that exist.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run_snakemake

pytestmark = pytest.mark.slow


def snakemake(workdir: Path, root: Path, config: str, data: Path, *args: str):
    return run_snakemake(
        root, workdir, root / "config" / config, "--config", f"data_dir={data}", *args
    )


@pytest.fixture(scope="module")
def work(root, tmp_path_factory):
    work = tmp_path_factory.mktemp("real")
    (work / "data").mkdir()
    shutil.copy(root / "data" / "sources.csv", work / "data" / "sources.csv")
    return work


def test_qu_yang_on_wiod(work, root, shared_data):
    run = snakemake(work, root, "wiod2013_qu_yang.yaml", shared_data)
    assert run.returncode == 0, run.stderr[-4000:]
    out = work / "results" / "wiod2013_qu_yang"
    for table in ("table1", "table2", "table3"):
        text = (out / "tables" / "qu_yang_2023" / f"{table}.tex").read_text()
        assert "WIOD 2013 covers 18 of the paper's 21 countries" in text
    panel_audit = json.loads((out / "audit" / "country_panel.json").read_text())
    assert panel_audit["sample"]["rows"] == 18 * 12
    assert "Leontief" in panel_audit["variables"]["gvcp"]["formula"]
    report = (out / "validation" / "icio_validation.md").read_text()
    assert "WIOD 2016" in report
    master = (out / "tables" / "tables.tex").read_text()
    assert r"\input{qu_yang_2023/table4_vs_paper.tex}" in master
    assert "Table 5: needs sector value added" in master
    assert (out / "figures" / "qu_yang_2023" / "figure2.png").is_file()


def test_forty_countries_is_a_config_edit(work, root, shared_data):
    run = snakemake(work, root, "wiod2013_40.yaml", shared_data)
    assert run.returncode == 0, run.stderr[-4000:]
    assert "download_raw" not in run.stdout + run.stderr
    out = work / "results" / "wiod2013_40"
    audit = json.loads((out / "audit" / "country_panel.json").read_text())
    assert audit["sample"]["rows"] == 39 * 17  # Taiwan is not in WDI: its 17 rows are dropped
    assert {r["iso3"] for r in audit["variables"]["gr"]["rows_dropped"]} == {"TWN"}
    for table in ("table1", "table2", "table3"):
        assert (out / "tables" / "qu_yang_2023" / f"{table}.tex").is_file()


def test_missing_file_gets_a_download_job_and_existing_files_never_do(work, root, shared_data):
    partial = work / "partial_data"
    shutil.copytree(shared_data, partial)
    (partial / "wiod2013" / "wiot_2005.RData").unlink()
    run = snakemake(work, root, "wiod2013_qu_yang.yaml", partial, "--dry-run")
    text = run.stdout + run.stderr
    assert text.count("rule download_raw:") == 1
    assert "wiod2013/wiot_2005.RData" in text
