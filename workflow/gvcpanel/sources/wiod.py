"""Reader of the WIOD 2013 release as distributed in R ``.RData`` files (one file per year).

Each file ``wiot_YYYY.RData`` holds one R list ``wiot_YYYY`` with ``inter`` (1435 × 1435
intermediate use, country-major: 41 countries × 35 industries c1..c35), ``final`` (1435 × 205:
41 destination countries, each with the 5 WIOD final-demand categories in release order),
``output`` (1435), ``countries``, ``industries`` and ``year``; values are millions of USD, rounded.
(Timmer et al. 2015, "An Illustrated User Guide to the World Input–Output Database",
Review of International Economics 23:575–605.)

Country codes are the release's, mapped to ISO 3166 alpha-3 where they differ: ``ROM`` (Romania)
becomes ``ROU``; the rest-of-the-world region ``RoW`` becomes ``ROW`` (kept last).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import rdata

from gvcpanel.errors import DataError
from gvcpanel.sources.icio import ICIOTable

#: WIOD 2013 codes that are not ISO3, and the code used in this package.
ISO3_OF_WIOD = {"ROM": "ROU", "RoW": "ROW"}

#: WIOD 2013 final-demand categories, in the order of the release's columns c37..c41: household
#: consumption, non-profit institutions serving households, government consumption, gross fixed
#: capital formation, changes in inventories and valuables (OECD ICIO names).
FINAL_CATEGORIES = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT")

#: Manufacturing in WIOD 2013: industries c3..c16 (ISIC rev. 3 divisions 15–37).
MANUFACTURING = tuple(f"c{k}" for k in range(3, 17))


class WIOD2013Adapter:
    """:class:`~gvcpanel.sources.icio.ICIOAdapter` for WIOD 2013 ``wiot_YYYY.RData`` files."""

    name = "wiod2013"

    def read(self, path: str | Path) -> ICIOTable:
        return read_wiod(path)


def read_wiod(path: str | Path) -> ICIOTable:
    """Read one WIOD 2013 ``wiot_YYYY.RData`` file into an :class:`ICIOTable` (float64 arrays)."""
    path = Path(path)
    try:
        with warnings.catch_warnings():
            # The list carries the R class "iot", which has no Python constructor: harmless.
            warnings.filterwarnings("ignore", message="Missing constructor", category=UserWarning)
            objects = rdata.read_rda(path)
    except Exception as exc:  # rdata raises assorted errors on truncated or foreign files
        raise DataError(
            path, "readable RData file", [path.name], f"{type(exc).__name__}: {exc}"
        ) from exc
    names = [k for k in objects if k.startswith("wiot_")]
    if len(names) != 1:
        raise DataError(path, "exactly one R object wiot_YYYY", list(objects))
    obj = objects[names[0]]
    missing = [
        k for k in ("inter", "final", "output", "countries", "industries", "year") if k not in obj
    ]
    if missing:
        raise DataError(path, f"components of {names[0]}", missing)
    year = int(np.asarray(obj["year"]).ravel()[0])
    if names[0] != f"wiot_{year}":
        raise DataError(path, "object name matches year", [names[0]], f"year component is {year}")
    countries = [ISO3_OF_WIOD.get(str(c), str(c)) for c in np.asarray(obj["countries"])]
    return ICIOTable(
        year=year,
        countries=countries,
        industries=[str(k) for k in np.asarray(obj["industries"])],
        Z=np.asarray(obj["inter"], dtype=np.float64),
        F=np.asarray(obj["final"], dtype=np.float64),
        x=np.asarray(obj["output"], dtype=np.float64).ravel(),
        categories=FINAL_CATEGORIES,
        source=str(path),
    )
