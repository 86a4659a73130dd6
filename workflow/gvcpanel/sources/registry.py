"""The data-source registry ``data/sources.csv``: dataset, vintage, URL, licence and checksum.

Read with the standard library (every rule file reads it when Snakemake parses the workflow).
"""

from __future__ import annotations

import csv
import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from gvcpanel.errors import DataError
from gvcpanel.io import atomic_open, raw_file_problem, sha256
from gvcpanel.sources.download import Remote

COLUMNS = ["file", "dataset", "vintage", "url", "licence", "sha256"]


@dataclass(frozen=True)
class Entry:
    """One registered file (its ``file`` column is the key of :data:`Registry`); empty text for
    a value not stated."""

    dataset: str
    vintage: str
    url: str
    licence: str
    sha256: str


#: The registry: each file (the path as written in configuration) and its entry, in file order.
Registry = dict[str, Entry]


def read_registry(path: str | Path) -> Registry:
    """The registry of ``path``; :class:`DataError` for a missing column or a file listed twice."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataError(path, "required column present", missing)
    files = [row["file"] for row in rows]
    dup = [f for i, f in enumerate(files) if f in files[:i]]
    if dup:
        raise DataError(path, "unique key (file)", dup)
    return {row["file"]: Entry(*(row[c] or "" for c in COLUMNS[1:])) for row in rows}


def write_registry(path: str | Path, registry: Registry) -> None:
    """Write ``registry`` sorted by file, as CSV with the columns of :data:`COLUMNS`."""
    with atomic_open(path, newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(COLUMNS)
        for file in sorted(registry):
            out.writerow([file, *dataclasses.astuple(registry[file])])


@dataclass(frozen=True)
class ChecksumStatus:
    """How a raw file compares with its registry entry."""

    file: str
    sha256: str
    registered: str | None
    vintage: str = ""

    @property
    def status(self) -> str:
        if self.registered is None:
            return "unregistered"
        return "match" if self.registered == self.sha256 else "changed"

    def message(self) -> str:
        if self.status == "match":
            return f"{self.file}: sha256 matches data/sources.csv"
        if self.status == "unregistered":
            return f"{self.file}: not registered in data/sources.csv (sha256 {self.sha256})"
        return (
            f"{self.file}: CHANGED since registered in data/sources.csv "
            f"(vintage '{self.vintage}'; registered sha256 {self.registered}, found {self.sha256})"
        )

    def report_status(self) -> str:
        """What the validation report may claim: only ``match`` was checked against a hash."""
        return {"match": "match", "changed": "CHANGED", "unregistered": "not checked"}[self.status]


def registry_entry(file: str, registry: Registry) -> str | None:
    """The registry entry of ``file``: the one registered under ``file`` as written in the
    configuration or, failing that, the only entry with the same file name (the same release
    kept in another data folder); None if there is none."""
    if file in registry:
        return file
    same_name = [f for f in registry if Path(f).name == Path(file).name]
    return same_name[0] if len(same_name) == 1 else None


def check_file(file: str, registry: Registry) -> ChecksumStatus:
    """Compare the file's sha256 with its registry entry.

    The entry is :func:`registry_entry`'s. A file that is missing, a broken symbolic link or a
    directory raises :class:`DataError` (it may have changed since the configuration was checked).
    """
    problem = raw_file_problem(file)
    if problem or not Path(file).exists():
        raise DataError(file, "readable raw file", detail=problem or "no such file")
    entry = registry_entry(file, registry)
    registered = registry[entry].sha256 or None if entry is not None else None
    vintage = registry[entry].vintage if entry is not None else ""
    return ChecksumStatus(file, sha256(file), registered, vintage)


def verify(file: str, registry: Registry, strict: bool, log: logging.Logger) -> ChecksumStatus:
    """Check ``file`` against the registry before anything reads it.

    A changed registered file raises :class:`DataError` when ``strict`` (naming the file, the
    registered and found sha256 and the vintage, and the command that registers the new vintage);
    otherwise, and for unregistered files, it is logged as a warning.
    """
    status = check_file(file, registry)
    if status.status != "match":
        log.warning(status.message())
    if strict and status.status == "changed":
        raise DataError(
            file,
            "sha256 matches data/sources.csv",
            detail=f"{status.message()}; if this is a new vintage, register it with "
            f"`gvcpanel register {file} --vintage '<new vintage>'` (or set "
            "country_panel.strict_checksums: false while developing)",
        )
    return status


def remote(registry: Registry, file: str) -> Remote:
    """URL and checksum registered for ``file`` (as written in the registry)."""
    if file not in registry:
        raise DataError("data/sources.csv", "file registered", [file])
    entry = registry[file]
    return Remote(entry.url, entry.sha256)


def register(
    registry: str | Path,
    files: list[str | Path],
    dataset: str,
    vintage: str,
    url: str,
    licence: str,
) -> Registry:
    """Add or update the registry entries of ``files`` (paths as written in configuration).

    A registered file whose content changed needs a new ``vintage``: registering it under the
    vintage it had raises :class:`DataError` (the registry would claim the old release matched).
    """
    path = Path(registry)
    reg = read_registry(path) if path.is_file() else {}
    for f in files:
        _check_new_vintage(reg, str(f), vintage)
    for f in files:
        reg[str(f)] = Entry(dataset, vintage, url, licence, sha256(f))
    reg = dict(sorted(reg.items()))
    write_registry(path, reg)
    return reg


def _check_new_vintage(reg: Registry, file: str, vintage: str) -> None:
    """Refuse to record changed content of ``file`` under its registered vintage."""
    old = reg.get(file)
    if old is None:
        return
    found = sha256(file)
    if old.sha256 and old.sha256 != found and old.vintage == vintage:
        raise DataError(
            file,
            "new vintage for changed content",
            detail=f"the file changed since it was registered as vintage '{vintage}' "
            f"(registered sha256 {old.sha256}, found {found}); register it as the release it "
            f"is: gvcpanel register {file} --vintage '<new vintage, e.g. the download date>'",
        )


def main(argv: list[str] | None = None) -> int:
    """``gvcpanel register FILE [FILE ...]``: record the files' sha256 and vintage in the registry.

    Files already registered keep their dataset, URL and licence unless given; new files need
    ``--dataset``.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="gvcpanel register",
        description="Register raw files (a new vintage) in the data-source registry.",
    )
    parser.add_argument("files", nargs="+", help="raw files, paths as written in configuration")
    parser.add_argument("--registry", default="data/sources.csv", help="default: %(default)s")
    parser.add_argument(
        "--vintage",
        help="the release or download date (default: unchanged; required when the file changed)",
    )
    parser.add_argument("--dataset", help="dataset name (required for a new file)")
    parser.add_argument("--url", help="download URL (default: unchanged, else 'not stated')")
    parser.add_argument("--licence", help="licence (default: unchanged, else 'not stated')")
    args = parser.parse_args(argv)
    reg = read_registry(args.registry) if Path(args.registry).is_file() else None
    for f in args.files:
        problem = raw_file_problem(f) or ("" if Path(f).is_file() else "no such file")
        if problem:
            parser.error(f"{f}: {problem}")
        old = reg.get(f) if reg is not None else None
        if old is None and not args.dataset:
            parser.error(f"{f} is not registered yet: give --dataset (and --vintage, --url)")

        def pick(value: str | None, key: str, old: Entry | None = old) -> str:
            if value is not None:
                return value
            return getattr(old, key) if old is not None else "not stated"

        try:
            register(
                args.registry,
                [f],
                pick(args.dataset, "dataset"),
                pick(args.vintage, "vintage"),
                pick(args.url, "url"),
                pick(args.licence, "licence"),
            )
        except DataError as exc:
            parser.error(str(exc))
        print(f"{f}: registered in {args.registry} (sha256 {sha256(f)})")
    return 0
