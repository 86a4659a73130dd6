"""Lint, format and type checks: ruff and mypy (Python), snakefmt and ``snakemake --lint`` (the
workflow)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOW = ["Snakefile", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "rules").glob("*.smk"))]


def run(*command: str) -> subprocess.CompletedProcess:
    """Run ``command`` in the project folder, output captured."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "workflow")}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["snakefmt", "--check", *WORKFLOW],
    ],
    ids=["ruff check", "ruff format", "snakefmt"],
)
def test_linters_pass(command):
    done = run(str(BIN / command[0]), *command[1:])
    assert done.returncode == 0, done.stdout + done.stderr


def test_snakemake_lint_finds_nothing():
    done = run(str(BIN / "snakemake"), "--lint", "--cores", "1")
    assert done.returncode == 0, done.stdout + done.stderr


def test_snakefmt_check_fails_on_an_unformatted_rule(tmp_path):
    smk = tmp_path / "bad.smk"
    smk.write_text('rule a:\n    output: "x"\n    shell: "touch {output}"\n', encoding="utf-8")
    assert run(str(BIN / "snakefmt"), "--check", str(smk)).returncode != 0


def test_mypy_finds_no_errors():
    """The package type-checks with the settings of ``[tool.mypy]`` in pyproject.toml."""
    done = run(str(BIN / "mypy"), "--no-incremental")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_mypy_fails_on_a_type_error(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('def half(x: int) -> int:\n    return x / 2\n\n\nhalf("2")\n', encoding="utf-8")
    done = run(str(BIN / "mypy"), "--no-incremental", "--config-file", "pyproject.toml", str(bad))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[return-value]" in done.stdout and "[arg-type]" in done.stdout
