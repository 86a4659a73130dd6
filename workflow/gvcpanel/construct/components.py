"""Assemble the raw components of the country variables from validated observations.

Which raw series feeds which component is configuration: each component names an input, a selection
on that input's dimension columns (e.g. ``{MEASURE: PROD, ACTIVITY: C}``) and optionally one country
whose series is used for every country (the world growth rate ``WLD``). Every selected cell
keeps its lineage: file, line and raw value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from gvcpanel.errors import DataError


@dataclass(frozen=True)
class Input:
    """A validated raw input: its file and its long observations."""

    name: str
    path: Path
    observations: pd.DataFrame


def select_series(
    inp: Input, spec: Mapping[str, Any], countries: Sequence[str], years: Sequence[int]
) -> pd.DataFrame:
    """Observations of ``inp`` selected by ``spec``: ``iso3, year, value, source_row``.

    ``spec["where"]`` maps dimension columns to required codes; ``spec["country"]`` (optional)
    takes that country's series for every sample country. Raises :class:`DataError` when the
    selection gives more than one value for a country-year.
    """
    obs = inp.observations
    mask = pd.Series(True, index=obs.index)
    for column, code in spec.get("where", {}).items():
        if column not in obs.columns:
            raise DataError(inp.path, f"dimension column '{column}' present", [column])
        mask &= obs[column].astype(str) == str(code)
    sel = obs.loc[mask & obs["year"].isin(years)]
    source = spec.get("country")
    if source is not None:
        sel = sel.loc[sel["iso3"] == source].drop(columns="iso3")
        sel = pd.DataFrame({"iso3": list(countries)}).merge(sel, how="cross")
    else:
        sel = sel.loc[sel["iso3"].isin(countries)]
    dup = sel.duplicated(["iso3", "year"], keep=False)
    if dup.any():
        keys = sorted(set(sel.loc[dup, ["iso3", "year"]].itertuples(False, None)))
        raise DataError(inp.path, f"one value per country-year for selection {dict(spec)}", keys)
    return sel[["iso3", "year", "value", "source_row"]]


def assemble(
    inputs: Mapping[str, Input],
    mapping: Mapping[str, Mapping[str, Any]],
    countries: Sequence[str],
    years: Sequence[int],
    allow_gaps: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Wide components (one row per sample country-year) and their lineage (one row per raw cell).

    Without ``allow_gaps`` every component must exist for every sample country-year; a gap raises
    :class:`DataError` naming the input file and the missing country-years.
    """
    grid = pd.MultiIndex.from_product([list(countries), list(years)], names=["iso3", "year"])
    wide = pd.DataFrame(index=grid)
    lineage = []
    for component, spec in mapping.items():
        inp = inputs[spec["input"]]
        sel = select_series(inp, spec, countries, years).set_index(["iso3", "year"])
        missing = grid.difference(sel.index)
        if len(missing) and not allow_gaps:
            raise DataError(inp.path, f"complete country-years for '{component}'", list(missing))
        wide[component] = sel["value"].reindex(grid)
        lineage.append(
            sel.reset_index().assign(
                variable=component,
                input=inp.name,
                file=str(inp.path),
                selection=_describe(spec),
            )
        )
    lin = pd.concat(lineage, ignore_index=True)
    lin = lin[["variable", "iso3", "year", "value", "input", "file", "source_row", "selection"]]
    return wide.reset_index(), lin.sort_values(["variable", "iso3", "year"], ignore_index=True)


def _describe(spec: Mapping[str, Any]) -> str:
    parts = [f"{k}={v}" for k, v in spec.get("where", {}).items()]
    if spec.get("country"):
        parts.append(f"country={spec['country']}")
    return ", ".join(parts)
