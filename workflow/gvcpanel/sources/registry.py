"""The data-source registry ``data/sources.csv``: dataset, vintage, URL, licence and checksum."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.io import raw_file_problem, sha256, write_csv
from gvcpanel.sources.download import Remote

COLUMNS = ["file", "dataset", "vintage", "url", "licence", "sha256"]


def read_registry(path: str | Path) -> pd.DataFrame:
    """The registry as a frame indexed by ``file`` (the path as written in configuration)."""
    reg = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in reg.columns]
    if missing:
        raise DataError(path, "required column present", missing)
    dup = reg["file"][reg["file"].duplicated()].tolist()
    if dup:
        raise DataError(path, "unique key (file)", dup)
    return reg.set_index("file")


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


def registry_entry(file: str, registry: pd.DataFrame) -> str | None:
    """The registry entry of ``file``: the one registered under ``file`` as written in the
    configuration or, failing that, the only entry with the same file name (the same release
    kept in another data folder); None if there is none."""
    if file in registry.index:
        return file
    same_name = registry.index[[Path(f).name == Path(file).name for f in registry.index]]
    return same_name[0] if len(same_name) == 1 else None


def check_file(file: str, registry: pd.DataFrame) -> ChecksumStatus:
    """Compare the file's sha256 with its registry entry.

    The entry is :func:`registry_entry`'s. A file that is missing, a broken symbolic link or a
    directory raises :class:`DataError` (it may have changed since the configuration was checked).
    """
    problem = raw_file_problem(file)
    if problem or not Path(file).exists():
        raise DataError(file, "readable raw file", detail=problem or "no such file")
    entry = registry_entry(file, registry)
    registered = registry.loc[entry, "sha256"] or None if entry is not None else None
    vintage = registry.loc[entry, "vintage"] if entry is not None else ""
    return ChecksumStatus(file, sha256(file), registered, vintage)


def verify(file: str, registry: pd.DataFrame, strict: bool, log: logging.Logger) -> ChecksumStatus:
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


def remote(registry: pd.DataFrame, file: str) -> Remote:
    """URL and checksum registered for ``file`` (as written in the registry)."""
    if file not in registry.index:
        raise DataError("data/sources.csv", "file registered", [file])
    entry = registry.loc[file]
    return Remote(entry["url"], entry["sha256"])


def register(
    registry: str | Path,
    files: list[str | Path],
    dataset: str,
    vintage: str,
    url: str,
    licence: str,
) -> pd.DataFrame:
    """Add or update the registry entries of ``files`` (paths as written in configuration).

    A registered file whose content changed needs a new ``vintage``: registering it under the
    vintage it had raises :class:`DataError` (the registry would claim the old release matched).
    """
    path = Path(registry)
    reg = read_registry(path).reset_index() if path.is_file() else pd.DataFrame(columns=COLUMNS)
    for f in files:
        _check_new_vintage(reg.set_index("file"), str(f), vintage)
    new = pd.DataFrame(
        [
            {
                "file": str(f),
                "dataset": dataset,
                "vintage": vintage,
                "url": url,
                "licence": licence,
                "sha256": sha256(f),
            }
            for f in files
        ]
    )
    reg = pd.concat([reg[~reg["file"].isin(new["file"])], new], ignore_index=True)
    reg = reg.sort_values("file", ignore_index=True)[COLUMNS]
    write_csv(path, reg)
    return reg


def _check_new_vintage(reg: pd.DataFrame, file: str, vintage: str) -> None:
    """Refuse to record changed content of ``file`` under its registered vintage."""
    if file not in reg.index:
        return
    old = reg.loc[file]
    found = sha256(file)
    if old["sha256"] and old["sha256"] != found and old["vintage"] == vintage:
        raise DataError(
            file,
            "new vintage for changed content",
            detail=f"the file changed since it was registered as vintage '{vintage}' "
            f"(registered sha256 {old['sha256']}, found {found}); register it as the release it "
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
        old = reg.loc[f] if reg is not None and f in reg.index else None
        if old is None and not args.dataset:
            parser.error(f"{f} is not registered yet: give --dataset (and --vintage, --url)")

        def pick(value: str | None, key: str, old: pd.Series | None = old) -> str:
            return value if value is not None else (old[key] if old is not None else "not stated")

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
