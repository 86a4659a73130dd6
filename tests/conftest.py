"""Shared fixtures: the repository root and the read-only ``../shared`` material."""

from __future__ import annotations

import json
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
