"""The one report to open: ``snakemake --report`` of the default run, loaded in headless
Chromium (Debian's ``chromium``, installed here via apt-get when absent, else skipped): it loads
without console errors and holds every table, figure, validation report and audit file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=15000",
]


def _chromium() -> str | None:
    if shutil.which("chromium") is None and shutil.which("apt-get") is not None:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
            capture_output=True,
            check=False,
            timeout=1200,
        )
    return shutil.which("chromium")


def expected_exhibits() -> list[str]:
    """File names the report must show: every table, figure (PNG), validation and audit file."""
    tables = sorted(p.name for p in (RESULTS / "tables").rglob("*.tex"))
    figures = sorted(p.name for p in (RESULTS / "figures").rglob("*.png"))
    return [*tables, *figures, "report.md", "country_lineage.csv", "firm_cleaning.csv"]


@pytest.mark.slow
def test_report_in_headless_chromium(tmp_path):
    if not (RESULTS / "tables" / "tables.tex").is_file():
        pytest.skip("no default run in results/ (snakemake --cores all)")
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium absent and not installable with apt-get")
    html = tmp_path / "report.html"
    run = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "snakemake"), "--report", str(html)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    base = [chromium, *FLAGS]
    dom = subprocess.run(
        [*base, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", html.as_uri()],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert dom.returncode == 0, dom.stderr[-3000:]
    errors = [
        line
        for line in dom.stderr.splitlines()
        if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line)
    ]
    assert errors == []
    missing = [name for name in expected_exhibits() if name not in dom.stdout]
    assert missing == []
    for group in ("Qu and Yang (2023)", "Liu (2013)", "Data and validation"):
        assert group in dom.stdout
    shot = tmp_path / "report.png"
    subprocess.run(
        [*base, f"--user-data-dir={tmp_path / 'profile2'}", "--window-size=1400,1000",
         f"--screenshot={shot}", html.as_uri()],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    assert shot.is_file() and shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
