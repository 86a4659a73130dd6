"""The Snakemake workflow end to end on a small configuration in a temporary directory.

Checks: the DAG runs from raw files to the tables; a re-run has nothing to do; touching one raw
input reruns only what depends on it; a corrupted raw input stops the run with a message naming the
file, the check and the keys, and leaves the previous results untouched.
"""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import run_snakemake
from table_files import assert_same_cells

from gvcpanel.config import merge
from gvcpanel.io import sha256

pytestmark = pytest.mark.slow

COUNTRIES = ["AUS", "CHN", "DEU", "FRA", "GBR", "JPN", "KOR", "USA"]
#: report.table_formats of this run: every format (the default leaves docx out)
FORMATS = ["tex", "html", "csv", "md", "xlsx", "docx"]


def snakemake(workdir: Path, root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_snakemake(root, workdir, workdir / "config.yaml", *args)


@pytest.fixture(scope="module")
def workdir(root, tmp_path_factory):
    work = tmp_path_factory.mktemp("workflow")
    shutil.copytree(root / "data", work / "data")
    cfg = yaml.safe_load((root / "config" / "config.yaml").read_text())
    cfg["country_panel"]["countries"] = COUNTRIES
    cfg["country_panel"]["years"] = [2000, 2010]
    cfg["liu_2013"] = {"firms": {"scale": 0.05}}  # a small firm panel keeps the test quick
    cfg["country_panel"]["strict_checksums"] = False  # the corrupted inputs reach their schemas
    cfg["report"] = {"table_formats": FORMATS}
    (work / "config.yaml").write_text(yaml.safe_dump(cfg, sort_keys=False))
    run = snakemake(work, root)
    assert run.returncode == 0, run.stderr[-4000:]
    return work


def test_outputs_exist(workdir):
    for rel in [
        "results/tables/qu_yang_2023/table1.tex",
        "results/tables/qu_yang_2023/table1_vs_paper.tex",
        "results/tables/qu_yang_2023/table2.tex",
        "results/tables/qu_yang_2023/table3.tex",
        "results/tables/liu_2013/table3.tex",
        "results/tables/liu_2013/tableA1_vs_paper.tex",
        "results/figures/liu_2013/figure17.pdf",
        "results/figures/liu_2013/theory/figure9.pdf",
        "results/figures/qu_yang_2023/lr_curves.png",
        "results/figures/qu_yang_2023/figure1.png",
        "results/figures/qu_yang_2023/figure2.pdf",
        "results/figures/qu_yang_2023/figure3.png",
        "results/tables/qu_yang_2023/table5.tex",
        "results/tables/qu_yang_2023/table5_vs_paper.tex",
        "results/audit/firm_cleaning.csv",
        "results/tables/tables.tex",
        "results/estimates/qu_yang_2023/eq16.json",
        "results/audit/country_panel.json",
        "results/audit/country_lineage.csv",
        "results/validation/report.md",
        "results/provenance.json",
    ]:
        assert (workdir / rel).is_file(), rel
    master = (workdir / "results/tables/tables.tex").read_text()
    assert r"\input{qu_yang_2023/table5.tex}" in master
    assert "qu_yang_2023/table4" not in master
    assert "Table 4: needs world input-output tables" in master


def test_every_table_in_every_format(workdir):
    """Each table the run publishes is written in every format of report.table_formats, and
    the formats read back to the same cells."""
    tables = workdir / "results/tables"
    tex = sorted(p for p in tables.rglob("*.tex") if p.name != "tables.tex")
    assert len(tex) == 26  # Qu & Yang Tables 1, 2, 3, 5 and Liu's 9, each with its vs-paper
    for path in tex:
        written = sorted(p.suffix for p in path.parent.glob(f"{path.stem}.*"))
        assert written == sorted(f".{f}" for f in FORMATS), path
        assert_same_cells(path.with_suffix(""))


def test_provenance_records_this_environment(workdir, root):
    record = json.loads((workdir / "results/provenance.json").read_text())
    assert record["packages"]["numpy"] == importlib.metadata.version("numpy")
    assert record["packages"]["snakemake"] == importlib.metadata.version("snakemake")
    for name in ("lock.txt", "lock-test.txt"):
        assert record["locks"][name]["sha256"] == sha256(root / "requirements" / name)


def test_rerun_does_nothing(workdir, root):
    run = snakemake(workdir, root, "--dry-run")
    assert run.returncode == 0
    assert "Nothing to be done" in run.stdout + run.stderr


def job_counts(output: str) -> dict[str, int]:
    """The ``Job stats`` table of a Snakemake dry run as {rule: count}."""
    counts, table = {}, output.split("Job stats:", 1)[-1].splitlines()
    for line in table[3:]:
        parts = line.split()
        if len(parts) != 2 or not parts[1].isdigit() or parts[0] == "total":
            break
        counts[parts[0]] = int(parts[1])
    return counts


def test_changed_input_reruns_only_dependents(workdir, root):
    """A revised raw file reruns its own ingest and what depends on it, nothing else.

    (Snakemake compares checksums, so a mere ``touch`` without a change in content reruns nothing.)
    """
    raw = workdir / "data/synthetic/country/oecd_tiva_industry.csv"
    good = raw.read_bytes()
    raw.write_bytes(good + b"\n")  # a trailing blank line: new content, same observations
    try:
        run = snakemake(workdir, root, "--dry-run")
        counts = job_counts(run.stdout + run.stderr)
        assert counts["ingest_country_input"] == 1
        assert counts["build_country_panel"] == 1
        assert counts["estimate_qu_yang_linear"] == 1  # one job fits the four linear models
        downstream = {
            "ingest_country_input", "build_country_panel", "validation_report",
            "estimate_qu_yang_linear", "estimate_qu_yang_threshold", "table_qu_yang_1",
            "table_qu_yang_2_3", "figure_qu_yang_lr_curves", "tables_master", "publish",
            "all", "figures_qu_yang_1_2",
        }  # fmt: skip
        assert set(counts) <= downstream  # nothing of the firm side, nothing upstream
    finally:
        raw.write_bytes(good)
    run = snakemake(workdir, root, "--dry-run")
    assert "Nothing to be done" in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"country_panel": {"label": "another label"}}, set()),
        (
            {"country_panel": {"sample_note": "a note"}},
            {"table_qu_yang_1", "table_qu_yang_2_3", "tables_master", "publish", "all"},
        ),
        (
            {"qu_yang_2023": {"threshold": {"reps": 19}}},
            {
                "estimate_qu_yang_threshold", "table_qu_yang_2_3", "figure_qu_yang_lr_curves",
                "tables_master", "publish", "all",
            },
        ),
    ],
)  # fmt: skip
def test_config_edit_reruns_only_its_readers(workdir, root, edit, expected):
    """Each rule declares the configuration values it reads: a footnote reaches only the table
    rules, the bootstrap settings only the threshold models, the label no rule."""
    path = workdir / "config.yaml"
    good = path.read_text()
    path.write_text(yaml.safe_dump(merge(yaml.safe_load(good), edit), sort_keys=False))
    try:
        run = snakemake(workdir, root, "--dry-run")
        assert run.returncode == 0, run.stderr[-4000:]
        assert set(job_counts(run.stdout + run.stderr)) == expected
    finally:
        path.write_text(good)


@pytest.mark.parametrize(
    ("name", "corrupt", "check", "key"),
    [
        ("unctad_eora_gvc.csv", "duplicate", "unique key", "(AUS, 2003)"),
        ("unctad_eora_gvc.csv", "text", "numeric type of 'DVA'", "(CHN, 2005)"),
    ],
)
def test_corrupt_input_stops_and_keeps_results(workdir, root, name, corrupt, check, key):
    raw = workdir / "data/synthetic/country" / name
    good = raw.read_bytes()
    table = workdir / "results/tables/qu_yang_2023/table1.tex"
    estimates = workdir / "results/estimates/qu_yang_2023/eq16.json"
    before = table.read_bytes(), estimates.read_bytes()
    lines = good.decode().splitlines(keepends=True)
    header = lines[0].rstrip().split(",")
    if corrupt == "duplicate":
        dup = next(line for line in lines if ",AUS,2003," in line)
        raw.write_text("".join(lines) + dup)
    else:
        col = header.index("DVA")
        out = []
        for line in lines:
            cells = line.rstrip("\n").split(",")
            if ",CHN,2005," in line:
                cells[col] = "n.a."
            out.append(",".join(cells) + "\n")
        raw.write_text("".join(out))
    try:
        run = snakemake(workdir, root)
        assert run.returncode != 0
        err = run.stdout + run.stderr
        assert name in err and check in err and key in err, err[-3000:]
        assert (table.read_bytes(), estimates.read_bytes()) == before
        assert (workdir / "results/work/validation/failures/gvc_accounts.csv").is_file()
    finally:
        raw.write_bytes(good)
    assert snakemake(workdir, root).returncode == 0
    assert table.read_bytes() == before[0]


def test_lint(workdir, root):
    run = snakemake(workdir, root, "--lint")
    assert run.returncode == 0, run.stdout + run.stderr


def test_rerun_gives_byte_identical_outputs(workdir, root):
    """Same inputs and seed: every table, estimate and figure is byte-identical after a rerun."""
    results = workdir / "results"
    kinds = ("tables/**/*.tex", "estimates/**/*.json", "estimates/**/*.csv", "figures/**/*.p*")
    before = {p: p.read_bytes() for k in kinds for p in results.glob(k)}
    assert len(before) > 60
    run = snakemake(workdir, root, "--forceall")
    assert run.returncode == 0, run.stderr[-3000:]
    after = {p: p.read_bytes() for k in kinds for p in results.glob(k)}
    assert after.keys() == before.keys()
    changed = [str(p.relative_to(results)) for p in before if before[p] != after[p]]
    assert not changed
