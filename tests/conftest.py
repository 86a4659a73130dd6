"""Shared fixtures: the repository root and the read-only ``../shared`` material."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
