"""Country indicators of Qu & Yang (2023), section 5.2 (SPEC §4), from a wide component table.

Input: one row per (iso3, year) with the canonical component columns of ``COMPONENT_COLUMNS``.
Output of :func:`construct_indicators`: iso3, year, gvcp, omega, mu, upsilon, gr, gdpp, pop.

Formulas (Y = manufacturing gross output, VA its value added, Ex/Im manufacturing exports/imports,
ΣG imports of final manufactured goods, ΣM_ij imported intermediates, ΣM all intermediate inputs):

- GVCP = (DVX + FVA) / exports                 (Koopman et al. 2014, as in the paper)
- υ    = VA / Y
- ω    = 1 − ΣG / (υ·Y − (Ex − Im))
- μ    = 1 − ΣM_ij / ΣM
- gr   = GDP growth − world GDP growth          (percentage points)
- gdpp = log(GDP per capita),  pop = log(population)

Rows whose denominator (exports, Y, υ·Y − (Ex − Im), ΣM) or log argument is ≤ 0 or missing get NaN
for the affected indicator, never ±inf: the caller decides what to log and drop.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gvcpanel.errors import DataError

KEYS = ("iso3", "year")
COMPONENT_COLUMNS = (
    "iso3",
    "year",
    "exports",
    "dva",
    "fva",
    "dvx",
    "output",
    "value_added",
    "mfg_exports",
    "mfg_imports",
    "final_imports",
    "intermediate_imports",
    "intermediate_inputs",
    "gdp_growth",
    "world_gdp_growth",
    "gdp_per_capita",
    "population",
)
MACRO_COMPONENTS = (
    "iso3",
    "year",
    "gdp_growth",
    "world_gdp_growth",
    "gdp_per_capita",
    "population",
)
INDICATOR_COLUMNS = ("iso3", "year", "gvcp", "omega", "mu", "upsilon", "gr", "gdpp", "pop")

FORMULAS: dict[str, str] = {
    "gvcp": "GVCP = (dvx + fva) / exports",
    "upsilon": "upsilon = value_added / output",
    "omega": (
        "omega = 1 - final_imports / (upsilon * output - (mfg_exports - mfg_imports)),"
        " upsilon = value_added / output"
    ),
    "mu": "mu = 1 - intermediate_imports / intermediate_inputs",
    "gr": "gr = gdp_growth - world_gdp_growth",
    "gdpp": "gdpp = log(gdp_per_capita)",
    "pop": "pop = log(population)",
}


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den where den > 0, NaN elsewhere (never ±inf)."""
    num = num.astype("float64")
    den = den.astype("float64")
    return (num / den.where(den > 0)).astype("float64")


def _log(x: pd.Series) -> pd.Series:
    """log(x) where x > 0, NaN elsewhere."""
    return pd.Series(np.log(x.astype("float64").where(x > 0)), index=x.index)


def _final_demand(c: pd.DataFrame) -> pd.Series:
    """Manufacturing final demand υ·Y − (Ex − Im), the denominator of ω."""
    upsilon = _ratio(c["value_added"], c["output"])
    return upsilon * c["output"] - (c["mfg_exports"] - c["mfg_imports"])


def _check(
    components: pd.DataFrame, source: str, required: tuple[str, ...] = COMPONENT_COLUMNS
) -> None:
    missing = [col for col in required if col not in components.columns]
    if missing:
        raise DataError(source, "required component columns present", missing)
    dup = components.duplicated(list(KEYS), keep=False)
    if dup.any():
        keys = components.loc[dup, list(KEYS)].itertuples(index=False, name=None)
        raise DataError(source, "unique key (iso3, year)", sorted(set(keys)))


def construct_indicators(components: pd.DataFrame, source: str = "components") -> pd.DataFrame:
    """The paper's indicators (SPEC §4) from the canonical component table.

    ``source`` names the table in error messages. Raises :class:`DataError` when a component
    column is missing or a (iso3, year) key is duplicated. Denominators ≤ 0 give NaN (see module).
    """
    _check(components, source)
    c = components.reset_index(drop=True)
    upsilon = _ratio(c["value_added"], c["output"])
    out = macro_indicators(c, source).assign(
        gvcp=_ratio(c["dvx"].astype("float64") + c["fva"], c["exports"]),
        omega=1.0 - _ratio(c["final_imports"], _final_demand(c)),
        mu=1.0 - _ratio(c["intermediate_imports"], c["intermediate_inputs"]),
        upsilon=upsilon,
    )
    return out.loc[:, list(INDICATOR_COLUMNS)]


def macro_indicators(components: pd.DataFrame, source: str = "components") -> pd.DataFrame:
    """gr, gdpp and pop alone (columns iso3, year, gr, gdpp, pop), from the four WDI components.

    Used where the trade indicators come from elsewhere (the ICIO route, SPEC §3.2).
    """
    _check(components, source, MACRO_COMPONENTS)
    c = components.reset_index(drop=True)
    return pd.DataFrame(
        {
            "iso3": c["iso3"],
            "year": c["year"],
            "gr": c["gdp_growth"].astype("float64") - c["world_gdp_growth"],
            "gdpp": _log(c["gdp_per_capita"]),
            "pop": _log(c["population"]),
        }
    )
