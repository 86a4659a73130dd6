"""Shared fixtures: the repository root and the read-only ``../shared`` material."""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gvcpanel.config import load_yaml, merge

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip with a reason when it is absent."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path} (real public data used for validation)")
    return path


@pytest.fixture(scope="session")
def reference() -> dict[str, dict]:
    """Published reference numbers from ``../shared/reference/*.json``, keyed by file stem."""
    path = SHARED / "reference"
    if not path.is_dir():
        pytest.skip(f"shared reference numbers not found at {path}")
    return {p.stem: json.loads(p.read_text()) for p in sorted(path.glob("*.json"))}


def run_snakemake(
    root: Path, workdir: Path, configfile: Path, *args: str, timeout: int = 1800
) -> subprocess.CompletedProcess:
    """Run the project's workflow in ``workdir`` with ``configfile`` on two cores."""
    cmd = [
        sys.executable, "-m", "snakemake", "-s", str(root / "Snakefile"),
        "--directory", str(workdir), "--configfile", str(configfile), "--cores", "2", *args,
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


# ------------------------------------------------------------------ system tools and a default run

#: Debian packages that provide the system tools the README's promised checks need.
TOOLS = {
    "pdflatex": ["texlive-latex-recommended", "texlive-latex-extra"],
    "chromium": ["chromium"],
    "pdfinfo": ["poppler-utils"],
    "pdftotext": ["poppler-utils"],
    "dot": ["graphviz"],
}
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _apt_install(packages: list[str]) -> None:
    """Install Debian packages non-interactively; refresh the package lists when that fails."""
    cmd = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    kw = dict(capture_output=True, check=False, timeout=1800, env=env)
    if subprocess.run(cmd, **kw).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], **kw)
        subprocess.run(cmd, **kw)


def system_tool(name: str) -> str:
    """The path of system tool ``name``, installed with apt-get when absent and possible.

    Where it cannot be had, the test skips with the reason on a developer's machine and fails
    under ``CI=true``: a capability the README promises is always tested in CI.
    """
    if shutil.which(name) is None and shutil.which("apt-get") is not None:
        _apt_install(TOOLS[name])
    path = shutil.which(name)
    if path is None:
        reason = f"{name} absent and not installable (apt-get install {' '.join(TOOLS[name])})"
        if IN_CI:
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def pdflatex() -> str:
    return system_tool("pdflatex")


@pytest.fixture(scope="session")
def chromium() -> str:
    return system_tool("chromium")


COPY_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "results", ".snakemake", "*.egg-info", "__pycache__", ".*_cache"
)


@pytest.fixture(scope="session")
def default_project(tmp_path_factory) -> Path:
    """A copy of the project after one good default run (``snakemake --cores 2``), built here so
    that the tests which read a default run's results never depend on a run left in ``results/``.
    Tests may run failing cases in it but must leave its published results as they found them."""
    work = tmp_path_factory.mktemp("project") / "gvcpanel"
    shutil.copytree(ROOT, work, ignore=COPY_IGNORE)
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "-q"],
        capture_output=True,
        text=True,
        cwd=work,
        timeout=1800,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    return work


# ------------------------------------------------------- failing cases run on the default project

PUBLISHED_NAMES = (
    "tables", "estimates", "figures", "report", "speccurve", "decompositions", "audit",
    "validation", "data", "provenance.json",
)  # fmt: skip


def published_hash(project: Path) -> str:
    """One sha256 over the sorted ``sha256  path`` list of every published file of ``project``
    (``results/tables``, ``estimates``, ``figures``, ``audit``, ``validation``, ``data``, ...)."""
    files = []
    for name in PUBLISHED_NAMES:
        top = project / "results" / name
        files += [top] if top.is_file() else list(top.rglob("*"))
    lines = sorted(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(project)}"
        for p in files
        if p.is_file()
    )
    assert lines, "no published results"
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def snakemake(
    project: Path, *args: str, env: dict[str, str] | None = None, memory: int | None = None
):
    """Snakemake on one core in ``project``, in its own session (so that a run killed on purpose
    takes only its own processes with it); ``memory`` caps its address space (bytes)."""
    cmd = [sys.executable, "-m", "snakemake", "--cores", "1", "--directory", str(project), *args]

    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        cwd=project,
        timeout=900,
        env=os.environ | (env or {}),
        start_new_session=True,
        preexec_fn=limit,
    )


@pytest.fixture(scope="session")
def project(default_project: Path) -> Path:
    """The default project with a snapshot of its work area and Snakemake records, to put back
    what a failing case's jobs removed."""
    for saved, what in (("snapshot", "results/work"), ("metadata", ".snakemake/metadata")):
        shutil.rmtree(default_project.parent / saved, ignore_errors=True)
        shutil.copytree(default_project / what, default_project.parent / saved)
    return default_project


def restore(project: Path) -> None:
    """Put back the working outputs a failed job removed and their Snakemake records (as new
    files: a work file may share its inode with a published one)."""
    for saved, into in (("snapshot", "results/work"), ("metadata", ".snakemake/metadata")):
        snapshot = project.parent / saved
        for src in snapshot.rglob("*"):
            dst = project / into / src.relative_to(snapshot)
            if src.is_file() and (not dst.is_file() or not filecmp.cmp(src, dst)):
                dst.unlink(missing_ok=True)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)


@pytest.fixture
def good(project: Path):
    """The published hash before a case; after it, the inputs and working outputs restored."""
    saved = {
        p: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in (project / "data").rglob("*")
        if p.is_file()
    }
    before = published_hash(project)
    yield before
    for extra in (project / "data").rglob("*"):
        if extra.is_file() and extra not in saved:
            extra.unlink()
    for p, (content, mtime) in saved.items():
        if not p.is_file() or p.read_bytes() != content:
            p.write_bytes(content)
            os.utime(p, ns=(mtime, mtime))  # as before the case: nothing to re-run
    restore(project)


# ------------------------------------------------------- a small run of the input-output route


def small_icio_config(data: Path) -> dict:
    """WIOD 2013, 2004-2011, a two-specification curve, two bootstrap shards per threshold
    model, a small firm panel with the firm-level threshold model."""
    cfg = merge(load_yaml(ROOT / "config/defaults.yaml"), load_yaml(ROOT / "config/config.yaml"))
    wiod = load_yaml(ROOT / "config/wiod2013_qu_yang.yaml")
    cfg["country_panel"] = wiod["country_panel"] | {"years": [2004, 2011]}
    cfg["data_dir"] = str(data)
    cfg["qu_yang_2023"] = merge(cfg["qu_yang_2023"], wiod["qu_yang_2023"])
    cfg["qu_yang_2023"]["threshold"] |= {"reps": 19, "shards": 2, "max_thresholds": 1}
    cfg["qu_yang_2023"]["table4"]["years"] = [2009, 2011]
    cfg["qu_yang_2023"].pop("table5", None)  # WIOD has no sector costs
    baseline = cfg["speccurve"]["baseline"] | {"years": "2004-2011"}
    cfg["speccurve"] |= {
        "enabled": True, "reps": 9, "grid": 20, "baseline": baseline,
        "variations": {"years": ["2009-2011"]}, "combinations": [],
    }  # fmt: skip
    cfg["liu_2013"]["firms"]["scale"] = 0.05
    cfg["liu_2013"]["threshold_model"] |= {"enabled": True, "reps": 9, "grid": 50, "shards": 2}
    return cfg


@pytest.fixture(scope="session")
def icio_project(tmp_path_factory) -> Path:
    """A copy of the project after one run of :func:`small_icio_config` on the real WIOD 2013
    tables (skipped when ../shared/data has none)."""
    data = SHARED / "data"
    if not (data / "wiod2013").is_dir():
        pytest.skip(f"WIOD 2013 tables not found at {data / 'wiod2013'}")
    work = tmp_path_factory.mktemp("icio_project") / "gvcpanel"
    shutil.copytree(ROOT, work, ignore=COPY_IGNORE)
    config = yaml.safe_dump(small_icio_config(data), sort_keys=False)
    (work / "config/config.yaml").write_text(config)
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "-q"],
        capture_output=True, text=True, cwd=work, timeout=1800,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-4000:]
    return work
