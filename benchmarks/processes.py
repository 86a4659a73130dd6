"""Whole-process measurements for the benchmarks: CPU (user, system), wall time and peak RSS of a
command and of everything it runs, from ``wait4`` (Linux and macOS), and paired rounds: every
command of a comparison runs once per round, in the same order, so that the load of a shared
machine falls on all of them alike; the medians over the rounds are reported."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))


@dataclass(frozen=True)
class Run:
    """One process: user and system CPU seconds (its own and its children's), wall seconds and
    peak resident memory (KiB, of the largest single process)."""

    user: float
    sys: float
    wall: float
    rss_kib: int
    stdout: str = ""

    @property
    def cpu(self) -> float:
        return self.user + self.sys


def run(
    cmd: Sequence[str],
    cwd: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
) -> Run:
    """Run ``cmd`` to completion and measure it (stdout kept, stderr discarded)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd),
        cwd=cwd,
        env=None if env is None else {**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}")
    rss = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    return Run(usage.ru_utime, usage.ru_stime, wall, rss, out)


def paired(
    commands: Mapping[str, Sequence[str]],
    rounds: int,
    cwd: str | Path | None = None,
    env: Mapping[str, str] | None = None,
) -> dict[str, list[Run]]:
    """``rounds`` rounds, each running every command once in order: name -> its runs."""
    out: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            out[name].append(run(cmd, cwd, env))
    return out


def median(runs: Sequence[Run], attr: str = "cpu") -> float:
    return float(statistics.median(getattr(r, attr) for r in runs))


def table(runs: Mapping[str, Sequence[Run]]) -> str:
    """Median CPU (user + system), wall and peak RSS of each command, one line each."""
    lines = [f"{'':28} {'CPU s':>7} {'user':>7} {'sys':>6} {'wall s':>7} {'RSS MiB':>8}  (runs)"]
    for name, rs in runs.items():
        lines.append(
            f"{name:28} {median(rs):7.3f} {median(rs, 'user'):7.3f} {median(rs, 'sys'):6.3f} "
            f"{median(rs, 'wall'):7.3f} {median(rs, 'rss_kib') / 1024:8.0f}  ({len(rs)})"
        )
    return "\n".join(lines)
