"""One run per results folder, a work area Snakemake knows, and the messages of a run's end.

* :func:`acquire` takes an exclusive lock (``flock``) on ``<results>/.gvcpanel.lock`` for the life
  of the Snakemake process; a second run on the same results folder stops with the first one's
  command, process and start time. The kernel releases the lock when a run dies, even of
  ``kill -9``, so a lock is never stale.
* :func:`clean` (with the lock held) removes what killed runs left in the folder: partial writes
  (``.NAME.*.tmp``), releases a publish did not switch to, work areas set aside. It never enters
  another results folder nested inside this one (it has its own lock file).
* :func:`adopt_work_area` refuses to trust a work area that this Snakemake working directory has
  no records of (``.snakemake/`` removed, or the folder copied from elsewhere): Snakemake would
  then see "nothing to be done" although the configuration or the code may have changed since. Such
  a work area is set aside and rebuilt; the published release stays until the rebuild succeeds.
"""

from __future__ import annotations

import fcntl
import json
import os
import shlex
import shutil
import sys
import time
import uuid
from base64 import urlsafe_b64decode
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from gvcpanel.publish import WORK, describe, discard_unreleased

LOCK = ".gvcpanel.lock"
WORKSPACE = ".workspace"
_HELD: dict[Path, IO[str]] = {}


class ResultsBusy(RuntimeError):
    """Another live run holds the results folder."""


def acquire(results: str | Path, command: str) -> None:
    """Hold the lock of ``results`` until this process ends (idempotent within a process)."""
    folder = Path(results).resolve()
    if folder in _HELD:
        return
    folder.mkdir(parents=True, exist_ok=True)
    fh = open(folder / LOCK, "a+", encoding="utf-8")  # noqa: SIM115 (held for the process's life)
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        owner = _owner(fh.read())
        fh.close()
        raise ResultsBusy(
            f"gvcpanel: another run is using the results folder {results} ({owner}). "
            "One run per results folder at a time: wait for it to end, or give this "
            "configuration another `results:` folder."
        ) from None
    fh.seek(0)
    fh.truncate()
    fh.write(json.dumps({"pid": os.getpid(), "started": _now(), "command": command}) + "\n")
    fh.flush()
    _HELD[folder] = fh


def _owner(text: str) -> str:
    try:
        info = json.loads(text)
        return f"process {info['pid']}, started {info['started']}: {info['command']}"
    except (ValueError, KeyError, TypeError):
        return "its process record is unreadable"


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")


def nested_results(folder: Path) -> set[Path]:
    """Results folders of other configurations below ``folder`` (each has its own lock file)."""
    return {p.parent for p in folder.rglob(LOCK) if p.parent != folder}


def clean(results: str | Path) -> list[Path]:
    """Remove partial writes, unswitched releases and set-aside work areas; return them.

    Call with the lock held (:func:`acquire`): then no live run owns any of them.
    """
    folder = Path(results)
    if not folder.is_dir():
        return []
    skip = nested_results(folder)
    removed = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d not in skip]
        for name in filenames:
            if name.startswith(".") and name.endswith(".tmp"):
                (here / name).unlink(missing_ok=True)
                removed.append(here / name)
    for stale in folder.glob(".stale-work-*"):
        shutil.rmtree(stale, ignore_errors=True)
        removed.append(stale)
    return removed + discard_unreleased(folder)


def adopt_work_area(results: str | Path, state_dir: str | Path = ".snakemake") -> str | None:
    """Make sure Snakemake's records (``state_dir``) know the work area of ``results``.

    A work area that holds outputs but is unknown to ``state_dir`` is renamed aside (removed at
    the next :func:`clean`) so that every job runs again; returns the message saying so, else
    None. A new or empty work area is registered.
    """
    work = Path(results) / WORK
    marker = work / WORKSPACE
    registry = Path(state_dir) / "gvcpanel" / "work_areas"
    ident = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    if ident and (registry / ident).is_file():
        return None
    message = None
    if work.is_dir() and any(p.name != WORKSPACE for p in work.iterdir()):
        aside = Path(results) / f".stale-work-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        work.rename(aside)
        message = (
            f"gvcpanel: {work} was made where this project's Snakemake records ({state_dir}) "
            "do not know it (removed, or the folder was copied), so a changed configuration or "
            "code could not be detected there; every job runs again. The published results "
            f"({describe(results)}) stay as they are until this run succeeds."
        )
    work.mkdir(parents=True, exist_ok=True)
    ident = uuid.uuid4().hex
    registry.mkdir(parents=True, exist_ok=True)
    (registry / ident).write_text(f"{work.resolve()}\n", encoding="utf-8")
    marker.write_text(ident + "\n", encoding="utf-8")
    return message


def release_dead_run(results: str | Path, state_dir: str | Path = ".snakemake") -> str | None:
    """Remove what a killed or interrupted run on ``results`` left in Snakemake's records.

    With the lock held (:func:`acquire`) no live run uses ``results``, so Snakemake's lock files
    whose outputs lie in its work area belong to a dead run, and so do its incomplete marks there.
    An output marked incomplete is deleted with its mark, as ``--rerun-incomplete`` would, so
    that its job runs again. Returns a message saying what was done, or None.
    """
    work = (Path(results) / WORK).as_posix().rstrip("/") + "/"
    state = Path(state_dir)
    locks = 0
    for out_lock in sorted((state / "locks").glob("*.output.lock")):
        files = out_lock.read_text(encoding="utf-8", errors="replace").splitlines()
        if any(f.startswith(work) for f in files):
            out_lock.unlink(missing_ok=True)
            (state / "locks" / out_lock.name.replace(".output.", ".input.")).unlink(missing_ok=True)
            locks += 1
    redo = []
    for mark in sorted(p for p in (state / "incomplete").rglob("*") if p.is_file()):
        parts = mark.relative_to(state / "incomplete").parts
        try:
            target = urlsafe_b64decode("".join(p.lstrip("@") for p in parts)).decode()
        except (ValueError, UnicodeDecodeError):
            continue
        if target.startswith(work):
            Path(target).unlink(missing_ok=True)
            mark.unlink(missing_ok=True)
            redo.append(target)
    if not locks and not redo:
        return None
    return (
        f"gvcpanel: the previous run on {results} ended without finishing (killed or "
        f"interrupted); its Snakemake lock was removed and the {len(redo)} output(s) it left "
        "unfinished run again. The published results are as it found them."
    )


def command_line(argv: Sequence[str] | None = None, cwd: str | Path | None = None) -> str:
    """The Snakemake command of this process as the user would type it again."""
    argv = list(sys.argv if argv is None else argv)
    cwd = Path.cwd() if cwd is None else Path(cwd)
    head = argv[0]
    if head.endswith("__main__.py") or head == "-m":
        words = [_short(sys.executable, cwd), "-m", "snakemake"]
    else:
        words = [_short(head, cwd)]
    return shlex.join([*words, *argv[1:]])


def resume_command(argv: Sequence[str] | None = None, cwd: str | Path | None = None) -> str:
    """The command that resumes this run: the same, without forcing finished jobs again."""
    words = shlex.split(command_line(argv, cwd))
    return shlex.join([w for w in words if w not in ("-F", "--forceall")])


def _short(path: str, cwd: Path) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            rel = p.relative_to(cwd)
        except ValueError:
            return path
        return str(rel) if len(rel.parts) > 1 else f"./{rel}"
    return path
