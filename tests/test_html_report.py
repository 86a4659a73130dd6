"""The one report to open: ``snakemake --report`` of the default run, loaded in headless
Chromium (Debian's ``chromium``, installed here via apt-get when absent, else skipped): it loads
without console errors and holds every table (as its HTML rendering), figure, validation report
and audit file; each table's page is a rendered ``<table>`` with the cells of its LaTeX."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from html_table import parse_page

from gvcpanel.publish import published_path

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


def table_pages(results: Path) -> list[Path]:
    """The HTML rendering beside every table's LaTeX (the master document excepted)."""
    tex = sorted(p for p in (results / "tables").rglob("*.tex") if p.name != "tables.tex")
    return [p.with_suffix(".html") for p in tex]


def expected_exhibits(results: Path) -> list[str]:
    """File names the report must show: every table, figure (PNG), validation and audit file."""
    tables = [p.name for p in table_pages(results)]
    figures = sorted(p.name for p in (results / "figures").rglob("*.png"))
    return [*tables, *figures, "report.md", "country_lineage.csv", "firm_cleaning.csv"]


def report_results(report: str) -> dict[str, dict]:
    """The report's results (path → entry with caption, MIME type and ``data_uri``)."""
    block = re.search(r'<script id="results">\s*var results = (.*?);\s*</script>', report, re.S)
    assert block is not None, "no results block in the report"
    return json.loads(block[1])


def page_of(entry: dict) -> str:
    """The page the report shows for a result (its base64 ``data:`` URI, decoded)."""
    head, _, data = entry["data_uri"].partition("base64,")
    assert head.startswith("data:text/html"), head
    return base64.b64decode(data).decode("utf-8")


def latex_row(tex: Path, label: str) -> list[str]:
    """The cells of the LaTeX body row starting with ``label``, as the HTML shows numbers
    (math dollars dropped, U+2212 for the minus)."""
    line = next(x for x in tex.read_text().splitlines() if x.startswith(f"{label} & "))
    cells = [c.strip() for c in line.removesuffix(r" \\").split(" & ")[1:]]
    return [c.replace("$", "").replace("-", "\u2212") for c in cells]


# the page the screenshot shows (opened as a click on it in the menu would)
SHOWN = "results/work/tables/qu_yang_2023/table1.html"  # the report shows the work area
OPEN_TABLE = """<script>
window.addEventListener("load", () => setTimeout(() => app.setView({
  navbarMode: "subcategory", category: "Qu and Yang (2023)", subcategory: "Tables",
  content: "html", contentPath: results[%(key)s].data_uri, resultPath: %(key)s
}), 300));
</script>
"""


def build_report(project: Path, folder: Path) -> Path:
    """``snakemake --report folder/report.html`` from the default run of ``project``."""
    html = folder / "report.html"
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--report", str(html)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return html


@pytest.mark.slow
def test_every_table_is_a_rendered_html_page(default_project, tmp_path):
    """In the report, each table is its HTML page (once; no LaTeX source beside it): a
    ``<table>`` captioned with the paper's table number, no LaTeX markup left in the cells, and
    the omega row of Qu and Yang's Table 1 and the initial-VR row of Liu's Table 3 with the
    numbers and stars of the LaTeX file of the same run."""
    results_dir = default_project / "results"
    html = build_report(default_project, tmp_path)
    results = report_results(html.read_text())
    pages = {str(p.relative_to(default_project)) for p in table_pages(results_dir)}
    shown = {published_path(k): k for k in results if k.startswith("results/work/tables/")}
    assert set(shown) == pages | {"results/tables/tables.tex"}
    for key in sorted(pages):
        page = parse_page(page_of(results[shown[key]]))
        number = re.search(r"table([A-Z]?\d+)", key)[1]
        assert page.caption.startswith(f"Table {number}: "), (key, page.caption)
        assert page.body and page.head, key
        assert not [c for row in page.body for c, _, _ in row if "$" in c or "\\" in c], key
    qy = parse_page(page_of(results[SHOWN]))
    omega = next(row for row in qy.body if row[0][0] == "ω")
    assert [c for c, _, _ in omega[1:]] == latex_row(
        results_dir / "tables/qu_yang_2023/table1.tex", r"$\omega$"
    )
    assert ("Equation (18)", "2", "1") in qy.head[0]  # the two eq (18) columns under one heading
    liu = parse_page(page_of(results["results/work/tables/liu_2013/table3.html"]))
    initial = next(row for row in liu.body if row[0][0] == "Initial VR")
    assert [c for c, _, _ in initial[1:]] == latex_row(
        results_dir / "tables/liu_2013/table3.tex", "Initial VR"
    )


@pytest.mark.slow
def test_report_in_headless_chromium(chromium, default_project, tmp_path):
    html = build_report(default_project, tmp_path)
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
    missing = [
        name for name in expected_exhibits(default_project / "results") if name not in dom.stdout
    ]
    assert missing == []
    for group in ("Qu and Yang (2023)", "Liu (2013)", "Data and validation"):
        assert group in dom.stdout
    assert "Replication of Qu and Yang (2023) and Liu (2013)" in dom.stdout  # the front page
    # a table's page as the report shows it: the report with Table 1 opened from its menu
    results = report_results(html.read_text())
    titles = {entry["labels"]["Exhibit"] for entry in results.values()}  # listed by title
    assert {"Table 1", "Table 3 vs. paper", "Table A1", "Figure 14", "Validation report"} <= titles
    table_page = tmp_path / "table1.html"
    table_page.write_text(page_of(results[SHOWN]))
    page = subprocess.run(
        [*base, f"--user-data-dir={tmp_path / 'profile2'}", "--dump-dom", table_page.as_uri()],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "<table" in page.stdout and "<caption>Table 1: " in page.stdout
    assert not [x for x in page.stderr.splitlines() if "CONSOLE" in x and "ERROR" in x]
    opened = tmp_path / "report_table1.html"
    report = html.read_text()
    end = report.rindex("</body>")  # the document's own (scripts hold the string too)
    opened.write_text(report[:end] + OPEN_TABLE % {"key": json.dumps(SHOWN)} + report[end:])
    for name, target in (("report.png", html), ("report_table1.png", opened)):
        shot = tmp_path / name
        subprocess.run(
            [*base, f"--user-data-dir={tmp_path / ('profile_' + name)}",
             "--window-size=1400,1000", f"--screenshot={shot}", target.as_uri()],
            capture_output=True, timeout=300, check=False,
        )  # fmt: skip
        assert shot.is_file() and shot.stat().st_size > 10_000
        print(f"screenshot: {shot}")
