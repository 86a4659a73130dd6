"""The raw layouts the country route reads, by the name used in configuration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from gvcpanel.sources.sdmx import read_oecd_sdmx
from gvcpanel.sources.unctad import read_unctad_eora
from gvcpanel.sources.wdi import read_wdi_bulk

Reader = Callable[[str | Path, str | Path | None], pd.DataFrame]

LAYOUTS: dict[str, Reader] = {
    "unctad_eora": read_unctad_eora,
    "oecd_sdmx": read_oecd_sdmx,
    "wdi_bulk": read_wdi_bulk,
}


def read_observations(layout: str, path: str | Path, report: str | Path | None = None):
    """Read and validate a raw file of the given layout into long observations."""
    try:
        reader = LAYOUTS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}") from None
    return reader(path, report)
