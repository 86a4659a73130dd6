"""Inputs of Qu & Yang's (2023) Table 5: sectoral value added and costs (§6.2).

The paper's figures come from US and Chinese national statistics for 2014, which are not
distributed with the project. They enter through one CSV in this layout (schema
:class:`gvcpanel.schemas.raw.SectorCosts`)::

    country,year,sector,value_added,labour_cost,energy_cost,taxes
    USA,2014,food,250000,77900,9070,17700

``country`` ISO3; ``sector`` one of :data:`SECTORS`; money in millions of national currency
(any unit that is the same within a row); blank = not available.

Where the WIOD Socio-Economic Accounts (2016 release, sheet ``DATA`` saved as CSV: columns
``country, variable, description, code`` and one column per year, 2000–2014) are supplied, the
labour columns come from them instead: value added = ``VA``, labour cost = ``LAB`` (labour
compensation of employees and the self-employed) of the industries in :data:`SEA_CODES`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.csvfile import read_csv_text
from gvcpanel.errors import DataError
from gvcpanel.schemas.raw import SectorCosts, WiodSeaLong
from gvcpanel.validate import validate

#: Table 5's "labour-intensive" sectors, in the paper's order, with the paper's names.
SECTORS: dict[str, str] = {
    "food": "Food production",
    "printing": "Printing and reproduction of recording media",
    "furniture": "Furniture manufacturing",
    "textiles": "Textiles, apparels, footwear and hat manufacturing",
}
#: WIOD 2016 (ISIC rev. 4) industries of each sector (C31_C32 includes other manufacturing).
SEA_CODES: dict[str, str] = {
    "food": "C10-C12",
    "printing": "C18",
    "furniture": "C31_C32",
    "textiles": "C13-C15",
}
COST_COLUMNS = ["country", "year", "sector", "value_added", "labour_cost", "energy_cost", "taxes"]
SEA_ID_COLUMNS = ["country", "variable", "description", "code"]
RATIO_KEYS = ["country", "year", "sector"]


def read_sector_costs(path: str | Path, report: str | Path | None = None) -> pd.DataFrame:
    """Read and validate a sector-cost CSV in the layout of the module docstring."""
    raw = read_csv_text(path)
    missing = [c for c in COST_COLUMNS if c not in raw.columns]
    if missing:
        raise DataError(path, "sector-cost columns present", missing)
    valid = validate(raw, SectorCosts, path, keys=["country", "year", "sector"], report=report)
    return valid.reset_index(drop=True)[COST_COLUMNS]


def read_wiod_sea(path: str | Path, report: str | Path | None = None) -> pd.DataFrame:
    """Read the WIOD SEA (wide years) into long rows ``country, variable, code, year, value``."""
    raw = read_csv_text(path)
    missing = [c for c in SEA_ID_COLUMNS if c not in raw.columns]
    years = [c for c in raw.columns if str(c).strip().isdigit()]
    if missing or not years:
        raise DataError(path, "WIOD SEA columns present", missing or ["<year columns>"])
    long = raw.melt(id_vars=SEA_ID_COLUMNS, value_vars=years, var_name="year")
    long = long.drop(columns="description")
    return validate(
        long, WiodSeaLong, path, keys=["country", "variable", "code", "year"], report=report
    )


def sea_labour(sea: pd.DataFrame, year: int, countries: list[str]) -> pd.DataFrame:
    """Sector rows (cost layout) with ``value_added`` = SEA ``VA`` and ``labour_cost`` = ``LAB``
    summed over the industries of each sector; energy cost and taxes missing."""
    codes = pd.Series(SEA_CODES, name="code").rename_axis("sector").reset_index()
    d = sea[
        (sea["year"] == year) & sea["country"].isin(countries) & sea["variable"].isin(["VA", "LAB"])
    ].merge(codes, on="code")
    if d.empty:
        raise DataError("<WIOD SEA>", f"VA and LAB of {', '.join(countries)} in {year}", countries)
    wide = d.pivot_table(
        index=["country", "sector"], columns="variable", values="value", aggfunc="sum"
    )
    wide = wide.reindex(columns=["VA", "LAB"]).reset_index()
    return pd.DataFrame(
        {
            "country": wide["country"],
            "year": year,
            "sector": wide["sector"],
            "value_added": wide["VA"],
            "labour_cost": wide["LAB"],
            "energy_cost": np.nan,
            "taxes": np.nan,
        }
    )[COST_COLUMNS]


def _ratios(costs: pd.DataFrame) -> pd.DataFrame:
    return costs[RATIO_KEYS].assign(
        labour=costs["value_added"] / costs["labour_cost"],
        energy=costs["value_added"] / costs["energy_cost"],
        tax=costs["taxes"] / costs["value_added"],
    )


def sector_ratios(costs: pd.DataFrame | None, labour: pd.DataFrame | None = None) -> pd.DataFrame:
    """Table 5's ratios per (country, year, sector) (Qu & Yang 2023, §6.2 and Table 5 notes):

    labour input-output ratio = value added / labour cost; energy input-output ratio = value
    added / energy cost; tax burden = taxes / value added. With ``labour`` (rows in the cost
    layout, e.g. :func:`sea_labour`) the labour ratio is taken from those rows instead.
    Columns country, year, sector, labour, energy, tax (NaN where an input is missing).
    """
    if costs is None and labour is None:
        raise ValueError("Table 5 needs sector costs, WIOD SEA labour rows, or both")
    if costs is None:
        out = _ratios(labour).assign(energy=np.nan, tax=np.nan)
    elif labour is None:
        out = _ratios(costs)
    else:
        sea = _ratios(labour)[[*RATIO_KEYS, "labour"]]
        out = _ratios(costs).drop(columns="labour").merge(sea, on=RATIO_KEYS, how="outer")
    return out[[*RATIO_KEYS, "labour", "energy", "tax"]].sort_values(RATIO_KEYS, ignore_index=True)
