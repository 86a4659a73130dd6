"""Every command of the README's ``bash`` blocks, run on a fresh copy of the repository.

The copy holds the tracked files only (as a clone would), with the real data the README says to
get linked from ``../shared/data`` into ``data/raw/`` (``wiod2013/``, ``wdi/``; the optional WIOD
2016 cross-check file is left out, so its skip is exercised). The environment is built by the
Quick start's install commands, verbatim. Each command runs as written, in the README's order
(the default run of Quick start line 1 makes the results that later commands read), except: the
runs on the real WIOD tables are dry runs (``-n``; each takes minutes) unless
``GVCPANEL_README_FULL=1``; the test suite itself is only collected (``--collect-only``), not run
from inside itself; commands that need a cluster, the network or minutes of benchmarking are
skipped with the reason. System tools a command needs (Graphviz's ``dot``) are installed first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import system_tool

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
FULL = os.environ.get("GVCPANEL_README_FULL") == "1"
SKIP = {
    r"\[cluster\]|--profile profiles/slurm|-m cluster": "needs a Slurm cluster",
    r"refresh_lock\.sh|check_latest\.sh": "resolves the newest releases from the package index",
    r"benchmarks/": "a benchmark (minutes); performance is measured in benchmarks/, not tests",
    r"mkdocs serve": "serves the documentation until stopped (tests/test_docs.py builds it)",
}
#: Commands that run for minutes: dry runs unless GVCPANEL_README_FULL=1
LONG = r"--configfile config/wiod2013_"


def readme_commands() -> list[str]:
    """Command lines of the README's bash blocks (continuations joined, comments dropped)."""
    text = (ROOT / "README.md").read_text()
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            if line and not line.startswith("#"):
                commands.append(re.sub(r"\s+", " ", line))
    return commands


def _as_run(command: str) -> str:
    """The command as the test runs it: dry runs for pipeline runs, the suite only collected."""
    if not FULL and re.search(LONG, command):
        command = re.sub(r"(\.venv/bin/snakemake --cores \S+)", r"\1 -n", command)
    return command.replace(
        ".venv/bin/python -m pytest", ".venv/bin/python -m pytest --collect-only -q"
    )


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    if not (SHARED / "wiod2013").is_dir() or not (SHARED / "wdi").is_dir():
        pytest.skip("../shared/data (WIOD 2013, WDI) absent")
    dest = tmp_path_factory.mktemp("clone") / "gvcpanel"
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for f in files:
        if (ROOT / f).is_file():
            (dest / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, dest / f)
    # a repository, as a clone is (tools such as ruff honour its .gitignore)
    subprocess.run(["git", "init", "-q", str(dest)], check=True)
    (dest / "data" / "raw").mkdir(parents=True, exist_ok=True)
    for name in ("wiod2013", "wdi"):
        (dest / "data" / "raw" / name).symlink_to(SHARED / name)
    install = readme_commands()[1].split(" && .venv/bin/python -m pytest")[0]
    run = subprocess.run(install, shell=True, cwd=dest, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    return dest


@pytest.mark.slow
@pytest.mark.parametrize("command", readme_commands())
def test_readme_command(clone, command):
    for pattern, reason in SKIP.items():
        if re.search(pattern, command):
            pytest.skip(reason)
    if "| dot " in command:
        system_tool("dot")
    run = subprocess.run(_as_run(command), shell=True, cwd=clone, capture_output=True, text=True)
    assert run.returncode == 0, f"{command}\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}"


def test_commands_found():
    commands = readme_commands()
    assert commands[0].startswith("python3 -m venv .venv")
    assert any("wiod2013_qu_yang.yaml" in c for c in commands)
