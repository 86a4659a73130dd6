"""Opt-in (``pytest -m cluster``): the workflow through a real one-node Slurm, byte-identical.

Calls ``tests/cluster/run_slurm.sh``, which installs Debian's slurm-wlm and munge, starts a
controller and a daemon on this machine, runs the default DAG and the 40-country WIOD DAG locally
and through ``profiles/slurm``, and compares every table and estimate file; its verdict lines
(``IDENTICAL: N files`` per DAG, ``RESULT: PASS``) are printed (``pytest -m cluster -rP`` shows
them). Excluded from the default test run (``addopts`` in pyproject.toml), so CI never runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.cluster

SCRIPT = Path(__file__).with_name("run_slurm.sh")


def test_slurm_run_matches_local_run(root: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root: installs slurm-wlm and munge, runs slurmctld and slurmd")
    if not (shutil.which("slurmctld") and shutil.which("munged")) and not shutil.which("apt-get"):
        pytest.skip("slurm-wlm/munge not installed and apt-get unavailable to install them")
    wiod = (root.parent / "shared" / "data" / "wiod2013").is_dir()
    env = {**os.environ, "VENV": sys.prefix, "GVCPANEL_DATA_DIR": "../shared/data"}
    proc = subprocess.run(
        ["bash", str(SCRIPT)], cwd=root, env=env, capture_output=True, text=True, timeout=7200
    )
    out = proc.stdout + proc.stderr
    verdicts = ("IDENTICAL:", "DIFFERENT", "RESULT:")
    print(*(line for line in out.splitlines() if line.startswith(verdicts)), sep="\n")
    assert proc.returncode == 0, out[-6000:]
    assert "submitted with SLURM jobid" in out, out[-6000:]
    assert out.count("IDENTICAL:") == (2 if wiod else 1), out[-6000:]
    assert "DIFFERENT" not in out
    assert "RESULT: PASS" in out
