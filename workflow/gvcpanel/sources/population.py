"""Reader of World Bank population (SP.POP.TOTL) in the long layout of ``countrypops``.

The layout (R package gt's ``countrypops``, as distributed by Rdatasets): one row per country-year
with columns ``country_name, country_code_2, country_code_3, year, population`` (and an optional
leading ``rownames`` column). Returned: ``iso3`` (str), ``year`` (int64), ``population`` (float64,
persons; missing values stay NaN so that gaps are visible downstream) and ``source_row`` (the
row's 1-based line in the file, for the audit trail), sorted by (iso3, year).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.errors import DataError

REQUIRED = ("country_code_3", "year", "population")


def read_population(path: str | Path) -> pd.DataFrame:
    """Read ``countrypops_SP.POP.TOTL.csv``-style data → columns iso3, year, population."""
    path = Path(path)
    try:
        # Codes as text: Namibia's two-letter code "NA" must not become a missing value.
        raw = pd.read_csv(path, dtype={"country_code_3": str, "year": str}, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise DataError(path, "readable CSV", [path.name], f"{type(exc).__name__}: {exc}") from exc
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise DataError(path, "required columns", missing)

    iso3 = raw["country_code_3"].str.strip()
    bad_code = ~iso3.str.fullmatch(r"[A-Z]{3}")
    if bad_code.any():
        raise DataError(path, "country_code_3 is three upper-case letters", iso3[bad_code].unique())
    year = pd.to_numeric(raw["year"], errors="coerce")
    bad_year = year.isna() | (year != year.round())
    if bad_year.any():
        keys = list(zip(iso3[bad_year], raw["year"][bad_year], strict=True))
        raise DataError(path, "integer year", keys)
    text = raw["population"].astype(str).str.strip()
    population = pd.to_numeric(text.replace({"": np.nan, "NA": np.nan}), errors="coerce")
    bad_pop = (population.isna() & text.ne("") & text.ne("NA")) | (population < 0)
    if bad_pop.any():
        keys = list(zip(iso3[bad_pop], year[bad_pop].astype(int), strict=True))
        raise DataError(path, "population is a non-negative number or missing", keys)

    out = pd.DataFrame(
        {
            "iso3": iso3,
            "year": year.astype(np.int64),
            "population": population.astype(np.float64),
            "source_row": np.arange(2, len(raw) + 2),  # file lines: the header is line 1
        }
    )
    dup = out.duplicated(["iso3", "year"], keep=False)
    if dup.any():
        keys = sorted(set(zip(out["iso3"][dup], out["year"][dup], strict=True)))
        raise DataError(path, "unique key (iso3, year)", keys)
    return out.sort_values(["iso3", "year"], ignore_index=True)
