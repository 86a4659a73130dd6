"""Provenance of a run: interpreter, platform, every installed Python package, and how the
environment compares with the committed lock files (``requirements/lock*.txt``), so that a table
can always be traced to the environment it was made in."""

from __future__ import annotations

import importlib.metadata
import platform
import re
import sys
from pathlib import Path
from typing import Any

from gvcpanel.io import sha256

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def canonical(name: str) -> str:
    """PEP 503 normalised project name (``Foo_Bar.baz`` → ``foo-bar-baz``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_versions() -> dict[str, str]:
    """{normalised name: version} of every distribution importable in this interpreter (the
    ``Name`` and ``Version`` headers of each one's metadata, read without parsing the rest: the
    rule files read this at every parse)."""
    out: dict[str, str] = {}
    for dist in importlib.metadata.distributions():
        name, version = _name_version(dist)
        if name:
            out.setdefault(canonical(name), version)
    return dict(sorted(out.items()))


def _name_version(dist: importlib.metadata.Distribution) -> tuple[str, str]:
    """The ``Name`` and ``Version`` headers (the first of each) of ``dist``'s metadata."""
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    found: dict[str, str] = {}
    for line in text.partition("\n\n")[0].splitlines():
        key, _, value = line.partition(":")
        if key in ("Name", "Version"):
            found.setdefault(key, value.strip())
    return found.get("Name", ""), found.get("Version", "")


def read_lock(path: str | Path) -> dict[str, str]:
    """{normalised name: version} of the ``name==version`` pins of a requirements lock file."""
    pins: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def lock_differences(lock: dict[str, str], installed: dict[str, str]) -> dict[str, dict[str, str]]:
    """Locked packages installed at another version (``installed``: ``"missing"`` if absent)."""
    return {
        name: {"locked": version, "installed": installed.get(name, "missing")}
        for name, version in lock.items()
        if installed.get(name) != version
    }


def provenance(locks: list[str | Path]) -> dict[str, Any]:
    """The run's environment: Python, platform, installed packages and, per lock file (by name), its
    SHA-256 and the locked packages installed at another version (``matches``: none is);
    ``matches_lock`` is true when the environment matches at least one lock (the pipeline's
    lock, or the lock with the test tools too)."""
    installed = installed_versions()
    lock_info = {}
    for path in locks:
        diff = lock_differences(read_lock(path), installed)
        info = {"sha256": sha256(path), "matches": not diff, "differences": diff}
        lock_info[Path(path).name] = info
    return {
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "locks": lock_info,
        "matches_lock": any(v["matches"] for v in lock_info.values()),
        "packages": installed,
    }
