"""The raw layouts the country route reads, by the name used in configuration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from gvcpanel.sources.population import read_population
from gvcpanel.sources.sdmx import read_oecd_sdmx
from gvcpanel.sources.unctad import read_unctad_eora
from gvcpanel.sources.wdi import read_wdi_bulk

Reader = Callable[[str | Path, str | Path | None], pd.DataFrame]


def read_population_long(path: str | Path, report: str | Path | None = None) -> pd.DataFrame:
    """Population in the long ``countrypops`` layout as observations (indicator SP.POP.TOTL)."""
    pop = read_population(path).dropna(subset=["population"])
    return pop.rename(columns={"population": "value"}).assign(indicator="SP.POP.TOTL")[
        ["iso3", "year", "indicator", "value", "source_row"]
    ]


LAYOUTS: dict[str, Reader] = {
    "unctad_eora": read_unctad_eora,
    "oecd_sdmx": read_oecd_sdmx,
    "wdi_bulk": read_wdi_bulk,
    "population_long": read_population_long,
}


def read_observations(layout: str, path: str | Path, report: str | Path | None = None):
    """Read and validate a raw file of the given layout into long observations."""
    try:
        reader = LAYOUTS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}") from None
    return reader(path, report)
