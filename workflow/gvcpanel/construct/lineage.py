"""Cell-level lineage of the country panel: units of every raw value and, on the ICIO route, the
rows and columns of the input-output table behind each measured indicator (SPEC §3.2; Qu & Yang
2023, §5.2)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from gvcpanel.construct.gvcp import cell_formula

# What ``value`` in the lineage is, relative to the number printed in the file, by layout.
UNITS = {
    "oecd_sdmx": "OBS_VALUE x 10^UNIT_MULT of its line (units, not millions)",
    "unctad_eora": "as in the file",
    "wdi_bulk": "as in the file",
    "population_long": "as in the file (persons)",
    "icio": "share (fraction), computed from the table in millions of USD",
}

FORMULAS = {
    "gvcp": cell_formula("fva_dvx"),
    "omega": "omega_s = final demand of s for manufactures from s / from all origins",
    "mu": "mu_s = intermediate inputs of s's manufacturing from s / from all origins",
    "upsilon": "upsilon_s = (x - 1'Z)/x summed over s's manufacturing industries",
}


def _cells(variable: str, iso3: str, manufacturing: str) -> str:
    if variable == "gvcp":
        return (
            "inter: all rows x all columns (A, B); exports E_j: rows of "
            f"{iso3} (all industries) x columns of other countries in inter and final"
        )
    if variable == "omega":
        return f"final: rows of {manufacturing} (every origin) x columns of {iso3}"
    if variable == "mu":
        return f"inter: all rows x columns {iso3}.{{{manufacturing}}}"
    return (
        f"inter: all rows x columns {iso3}.{{{manufacturing}}}; output: {iso3}.{{{manufacturing}}}"
    )


def icio_lineage(
    measured: pd.DataFrame,
    files: Mapping[int, str],
    manufacturing: Sequence[str],
    gvcp: str = "fva_dvx",
) -> pd.DataFrame:
    """One row per country-year and indicator (GVCP, ω, μ, υ): the year's file, the rows and
    columns aggregated and the formula; ``source_row`` is empty (the table is not line-based).
    ``gvcp`` names the GVCP measure (``gvcpanel.construct.gvcp``)."""
    formulas = FORMULAS | {"gvcp": cell_formula(gvcp)}
    inds = list(formulas)
    long = measured.melt(id_vars=["iso3", "year"], value_vars=inds, var_name="variable")
    manu = ",".join(manufacturing)
    return pd.DataFrame(
        {
            "variable": long["variable"],
            "iso3": long["iso3"],
            "year": long["year"],
            "value": long["value"],
            "input": "icio",
            "file": long["year"].map(files),
            "source_row": pd.NA,
            "selection": [
                _cells(v, c, manu) for v, c in zip(long["variable"], long["iso3"], strict=True)
            ],
            "formula": long["variable"].map(formulas),
            "units": UNITS["icio"],
        }
    )


def with_units(lineage: pd.DataFrame, layouts: Mapping[str, str]) -> pd.DataFrame:
    """``lineage`` with ``formula`` (empty: a raw value) and ``units`` (by the input's layout)."""
    return lineage.assign(formula="", units=lineage["input"].map(layouts).map(UNITS))
