"""The store of what is made from each input-output table: once per table, for every
configuration that reads it.

Each year's accounting (GVCP, ω, μ, υ for every country of the table), its export markets and the
specification curve's variants depend only on the table file, its adapter and the set of
manufacturing industries, not on the panel's countries or years. They are kept under
``<store>/icio/<key>/``, where the key names the adapter, the manufacturing set and the table's
registered SHA-256 (``data/sources.csv``): a second configuration that reads the same table finds
them made. A table that is not registered, or read with ``strict_checksums: false``, is keyed by
its path instead, so that a product of an unchecked file never stands for a checked one. The job
that makes a product checks the file against the registry first (strictly under a SHA key), and
the table file is the job's input, so a file changed after the product was made reruns the job.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from gvcpanel.sources.registry import Registry, registry_entry

STORE = ".gvcpanel/store"
"""Default store, relative to the project; the environment variable ``GVCPANEL_STORE`` moves it
(a machine setting, like a scratch folder)."""


def store_folder() -> str:
    return os.environ.get("GVCPANEL_STORE", STORE)


def _short(text: str, n: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:n]


def store_key(
    table: str,
    registry: Registry,
    adapter: str,
    manufacturing: Sequence[str],
    strict: bool,
) -> str:
    """``<adapter>-<manufacturing set>-sha-<registered sha256>`` for a registered table checked
    strictly, else ``<adapter>-<manufacturing set>-path-<hash of its absolute path>``."""
    head = f"{adapter}-{_short(','.join(manufacturing), 10)}"
    entry = registry_entry(table, registry) if strict else None
    sha = registry[entry].sha256 if entry is not None else ""
    if sha:
        return f"{head}-sha-{sha[:16]}"
    return f"{head}-path-{_short(str(Path(table).resolve()), 12)}"


def is_checked(key: str) -> bool:
    """Whether the products under ``key`` come from a table checked strictly against its SHA."""
    return "-sha-" in key


class IcioStore:
    """The store files of one configuration's input-output route, and the table each comes from.

    ``icio`` is ``country_panel.icio`` (``path`` with ``{year}``, ``adapter``, ``manufacturing``).
    """

    def __init__(
        self, folder: str, registry: Registry, icio: Mapping[str, Any], strict: bool
    ) -> None:
        self.folder, self.registry, self.icio, self.strict = folder, registry, icio, strict
        self.tables: dict[str, str] = {}  # key -> table file

    def product(self, kind: str, year: int) -> str:
        """The file of one year's ``kind`` (indicators, export_markets, speccurve_variants)."""
        table = self.icio["path"].format(year=year)
        icio = self.icio
        key = store_key(table, self.registry, icio["adapter"], icio["manufacturing"], self.strict)
        self.tables[key] = table
        return f"{self.folder}/icio/{key}/{kind}.parquet"
