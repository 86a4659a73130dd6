"""The ICIO adapters by name, and one reader for any table they read.

Names: ``wiod`` (alias ``wiod2013``, the configuration's name) for WIOD 2013 ``.RData`` files,
``oecd_icio`` for OECD ICIO CSV files. Without a name the file's suffix chooses: ``.RData`` /
``.rda`` → ``wiod``, ``.csv`` → ``oecd_icio``. Adapters are imported on first use, so reading a CSV
does not load the RData reader.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from gvcpanel.errors import DataError
from gvcpanel.sources.icio import ICIOAdapter, ICIOTable

#: Adapter name → "module:class".
ADAPTERS = {
    "wiod": "gvcpanel.sources.wiod:WIOD2013Adapter",
    "wiod2013": "gvcpanel.sources.wiod:WIOD2013Adapter",
    "oecd_icio": "gvcpanel.sources.oecd_icio:OECDICIOAdapter",
}
BY_SUFFIX = {".rdata": "wiod", ".rda": "wiod", ".csv": "oecd_icio"}


def adapter(name: str) -> ICIOAdapter:
    """A new adapter of ``name`` (a key of :data:`ADAPTERS`)."""
    if name not in ADAPTERS:
        raise DataError("<adapter>", f"adapter in {sorted(ADAPTERS)}", [name])
    module, cls = ADAPTERS[name].split(":")
    return getattr(importlib.import_module(module), cls)()


def read_icio(path: str | Path, adapter_name: str | None = None) -> ICIOTable:
    """One year of an ICIO table read by ``adapter_name`` (default: chosen by the suffix)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, "file exists", [path.name])
    name = adapter_name or BY_SUFFIX.get(path.suffix.lower())
    if name is None:
        raise DataError(path, "adapter known for the suffix", [path.suffix], "pass an adapter")
    return adapter(name).read(path)


def as_table(source: ICIOTable | str | Path, adapter_name: str | None = None) -> ICIOTable:
    """``source`` itself if it is an :class:`ICIOTable`, else the table read from that file."""
    return source if isinstance(source, ICIOTable) else read_icio(source, adapter_name)
