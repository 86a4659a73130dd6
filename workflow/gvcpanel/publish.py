"""Published results change only when a whole run has succeeded, and then all at once.

Every job writes into the work area ``<results>/work``. The last job (rule ``publish``) hard-links
the published folders of the work area (:data:`PUBLISHED`) into a new release
``<results>/.releases/<id>`` and then points the link ``<results>/.releases/current`` at it with
one ``rename(2)``, which is atomic: a reader sees the old set or the new one, never a mixture.
``<results>/tables``, ``estimates``, ... are symbolic links through ``current``.

A job that fails (an exception, a full disk, a lost cluster job) only loses its own outputs in
the work area, as Snakemake removes them; a run killed at any point (``kill -9``, Ctrl-C) has not
switched ``current`` unless it got past the rename. Either way the published release is the last
good one, byte for byte. Hard links cost no copy: Snakemake deletes a job's old outputs before the
job runs and every writer in the package writes a new file and renames it (``gvcpanel.io``), so a
published file is never written in place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from gvcpanel import faults
from gvcpanel.io import sha256, write_json

WORK = "work"
"""The work area inside a results folder: what every job writes."""
RELEASES = ".releases"
CURRENT = "current"
MANIFEST = "manifest.json"
PUBLISHED = (
    "tables",
    "estimates",
    "figures",
    "report",
    "speccurve",
    "decompositions",
    "audit",
    "validation",
    "data",
    "provenance.json",
)
"""What a release holds, each taken from the work area when the run made it."""


def work_area(results: str | Path) -> Path:
    return Path(results) / WORK


def published_path(path: str | Path) -> str:
    """Where a file of the work area is found once published: ``<results>/work/x`` → ``<results>/x``
    (the path that files written for a reader, e.g. an estimate's data source, should name)."""
    parts = Path(path).parts
    if WORK in parts:
        k = len(parts) - 1 - parts[::-1].index(WORK)
        return Path(*parts[:k], *parts[k + 1 :]).as_posix()
    return Path(path).as_posix()


def current_release(results: str | Path) -> Path | None:
    """The folder of the published release, or None before the first successful run."""
    link = Path(results) / RELEASES / CURRENT
    if not link.is_symlink():
        return None
    target = link.parent / os.readlink(link)
    return target if target.is_dir() else None


def read_manifest(results: str | Path) -> dict[str, Any] | None:
    """The manifest of the published release (files, checksums, run record), if there is one."""
    import json

    release = current_release(results)
    if release is None or not (release / MANIFEST).is_file():
        return None
    return json.loads((release / MANIFEST).read_text(encoding="utf-8"))


def publish(
    results: str | Path, record: Mapping[str, Any], marker: str | Path | None = None
) -> dict[str, Any]:
    """Publish the work area of ``results`` as a new release and return its manifest.

    ``record`` (configuration checksum, time, ...) is stored in the manifest with every published
    file's size and SHA-256, and the manifest is also written to ``marker`` (the ``publish``
    rule's output). Everything that can fail is done before the switch, which is one atomic
    rename; what follows it (removing the previous release) cannot undo it.
    """
    results = Path(results)
    releases = results / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    if current_release(results) is None:
        _adopt_older_layout(results, stamp)
    new = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=releases))
    old = current_release(results)
    names = [name for name in PUBLISHED if (work_area(results) / name).exists()]
    try:
        files = _link_tree(work_area(results), new, names)
        manifest = {"release": new.name, **record, "files": files}
        write_json(new / MANIFEST, manifest)
        if marker is not None:
            write_json(marker, manifest)
        _expose(results, names)
        faults.point("publish:switch")
        _switch(releases, new.name)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    with contextlib.suppress(OSError):
        _unexpose(results, names)
        if old is not None and old.resolve() != new.resolve():
            shutil.rmtree(old, ignore_errors=True)
    return manifest


def _link_tree(work: Path, release: Path, names: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Hard-link ``work/<name>`` for each name into ``release`` (copy where links fail)."""
    files: dict[str, dict[str, Any]] = {}
    for name in names:
        src = work / name
        paths = [src] if src.is_file() else sorted(p for p in src.rglob("*") if p.is_file())
        for path in paths:
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                continue  # a partial write of a killed job
            rel = path.relative_to(work)
            dest = release / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, dest)
            except OSError:
                shutil.copy2(path, dest)
            files[rel.as_posix()] = {"bytes": dest.stat().st_size, "sha256": sha256(dest)}
    return files


def _switch(releases: Path, name: str) -> None:
    """Point ``releases/current`` at ``name`` with one atomic rename; sync the folder."""
    tmp = releases / f".{CURRENT}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(name, tmp)
    os.replace(tmp, releases / CURRENT)
    _fsync_dir(releases)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _adopt_older_layout(results: Path, stamp: str) -> None:
    """Results of the older layout (real folders ``results/tables``, ...) become the current
    release, so that a first publish that fails leaves them where a reader finds them."""
    older = [n for n in PUBLISHED if (results / n).exists() and not (results / n).is_symlink()]
    if not older:
        return
    release = results / RELEASES / f"{stamp}-older-layout"
    release.mkdir(parents=True, exist_ok=True)
    for name in older:
        os.replace(results / name, release / name)
        os.symlink(f"{RELEASES}/{CURRENT}/{name}", results / name)
    _switch(results / RELEASES, release.name)


def _expose(results: Path, names: list[str]) -> None:
    """Make ``results/<name>`` a link to ``.releases/current/<name>`` for each of ``names``."""
    for name in names:
        link = results / name
        target = f"{RELEASES}/{CURRENT}/{name}"
        if link.is_symlink():
            if os.readlink(link) == target:
                continue
            link.unlink()
        os.symlink(target, link)


def _unexpose(results: Path, names: list[str]) -> None:
    """Remove the links of published names the current release does not hold."""
    for name in PUBLISHED:
        link = results / name
        if name not in names and link.is_symlink():
            link.unlink()


def discard_unreleased(results: str | Path) -> list[Path]:
    """Remove releases that are not current: what a publish killed before its switch left.

    Only call it while holding the results folder's lock (:func:`gvcpanel.runlock.acquire`).
    """
    releases = Path(results) / RELEASES
    current = current_release(results)
    removed: list[Path] = []
    if not releases.is_dir():
        return removed
    for entry in releases.iterdir():
        if entry.name == CURRENT or (current is not None and entry.resolve() == current.resolve()):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def describe(results: str | Path) -> str:
    """One line on the published release of ``results``, for messages."""
    manifest = read_manifest(results)
    if manifest is None:
        return f"nothing has been published in {results} yet"
    n = len(manifest.get("files", {}))
    return f"release {manifest['release']} ({n} files, published {manifest.get('published', '?')})"
