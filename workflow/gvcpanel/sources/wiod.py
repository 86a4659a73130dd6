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
from gvcpanel.sources.download import Remote
from gvcpanel.sources.icio import ICIOTable

#: WIOD 2013 codes that are not ISO3, and the code used in this package.
ISO3_OF_WIOD = {"ROM": "ROU", "RoW": "ROW"}

#: WIOD 2013 final-demand categories, in the order of the release's columns c37..c41: household
#: consumption, non-profit institutions serving households, government consumption, gross fixed
#: capital formation, changes in inventories and valuables (OECD ICIO names).
FINAL_CATEGORIES = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT")

#: Manufacturing in WIOD 2013: industries c3..c16 (ISIC rev. 3 divisions 15–37).
MANUFACTURING = tuple(f"c{k}" for k in range(3, 17))

#: Where the files are published: the data folder of the R package ``wiod`` (B. Quast, O. Reiter).
WIOD2013_URL = "https://raw.githubusercontent.com/bquast/wiod/master/data/wiot_{year}.RData"

#: SHA-256 of the WIOD 2013 files as distributed with the R package ``wiod`` 0.4.0.
WIOD2013_SHA256 = {
    1995: "99a6ab25f7bcca2870cfa83f8f6171eeb09d93b39263b2a15f8236b3302d1ad6",
    1996: "19425170930dfd9cdd2f572d0ac63332a3571af42850fd8047629f49de4acf04",
    1997: "7c9809158cdb324f1ab04e799888faaa5980f174167fc3e823653cf80a0565ae",
    1998: "af7579310f67f9a1f247012f4f39f1d9d380609f31189c97355c8746194a6c13",
    1999: "3a6e0498b08a39cb6624f513c29ec1a13f69b55dcf5a80f9cf11283264ff5dba",
    2000: "da660ec5c0c6c50a592243bfbf59bab4601e9cc46fac348c96ab5079d542c96b",
    2001: "f87eab8a1191436ab2fe3b405b62613758bb6ea5c8321cb16eae62cb3f62784e",
    2002: "b118e5ea89350308a7ca0d5996ca69456ed2a0812539fbd6f69bb3c631b5b532",
    2003: "9615154d61b42c8f46c28d42f411cf118045b8a24fd8e8f08e22eef741efeafe",
    2004: "954e94099a9d07bf8561bda145e410101995ef1d256a3b0463a54e116585175d",
    2005: "7cec43e8fcdf58ef8552fb6c1b4f34bb3b6810a6b59cadf569934537228454cc",
    2006: "5f9bd9fa6f9e2937495bbd627755387f41e942ac4dc68d2e14e8e347522527d7",
    2007: "c1dff55344680ad3a7dd2ecb377e034fff5e98221c616c4b0a3ed46c7f0f8690",
    2008: "acfd78fd426fc9656933811b1065d9ef79f2cecf8e1d85eec4ca42626cf2648f",
    2009: "f8001ea936f2dda6fbedf93168c24780920cf55145c309349d1e62856634fb7d",
    2010: "9d4cc68266e3c723bbf308370e911b91f3b4cf41051b43af5036d1e6cc423148",
    2011: "8345949612ef0ed824e4e07e140b0ce0b4c77a758975116544a2db660560efb0",
}


class WIOD2013Adapter:
    """:class:`~gvcpanel.sources.icio.ICIOAdapter` for WIOD 2013 ``wiot_YYYY.RData`` files."""

    name = "wiod2013"

    def read(self, path: str | Path) -> ICIOTable:
        return read_wiod(path)


def wiod2013_remote(year: int) -> Remote:
    """URL and registered checksum of the WIOD 2013 table of ``year`` (1995–2011)."""
    if year not in WIOD2013_SHA256:
        raise DataError("wiod2013", "year covered by WIOD 2013 (1995-2011)", [year])
    return Remote(WIOD2013_URL.format(year=year), WIOD2013_SHA256[year])


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
