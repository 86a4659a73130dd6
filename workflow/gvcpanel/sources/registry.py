"""The data-source registry ``data/sources.csv``: dataset, vintage, URL, licence and checksum."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.io import sha256, write_csv
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
            f"(registered {self.registered}, now {self.sha256})"
        )


def check_file(file: str, registry: pd.DataFrame) -> ChecksumStatus:
    """Compare the file's sha256 with its registry entry.

    The entry is the one registered under ``file`` as written in configuration or, failing that,
    the only entry with the same file name (the same release kept in another data folder).
    """
    registered = registry["sha256"].get(file) or None
    if registered is None:
        same_name = registry.index[[Path(f).name == Path(file).name for f in registry.index]]
        if len(same_name) == 1:
            registered = registry.loc[same_name[0], "sha256"] or None
    return ChecksumStatus(file, sha256(file), registered)


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
    """Add or update the registry entries of ``files`` (paths as written in configuration)."""
    path = Path(registry)
    reg = read_registry(path).reset_index() if path.is_file() else pd.DataFrame(columns=COLUMNS)
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
