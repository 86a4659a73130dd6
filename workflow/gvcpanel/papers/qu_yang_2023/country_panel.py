"""The country panel: components → Qu & Yang's variables, validated, with an audit record.

On the indicator route every variable comes from the paper's formulas (SPEC §4); on the ICIO route
GVCP, ω, μ and υ are measured from an input-output table (SPEC §3.2, ``measured``) and only gr,
gdpp and pop come from the WDI components.

Every variable's audit entry gives its formula, the raw inputs (file, selection) of each component
it uses, and the rows used and dropped with the reason. A row is dropped only when a formula is
undefined (a denominator ≤ 0); without ``allow_gaps`` any dropped or missing country-year stops the
build. The plausibility screens (``gvcpanel.construct.plausibility``) run on the components before
the formulas and on the constructed variables after them; an outlier stops the build unless
``accept_outliers`` accepts it, and the audit's ``plausibility`` entry records every accepted one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from gvcpanel.construct.plausibility import (
    Accept,
    enforce,
    plausibility_audit,
    screen_components,
    screen_variables,
)
from gvcpanel.errors import DataError
from gvcpanel.papers.qu_yang_2023.indicators import FORMULAS, construct_indicators, macro_indicators
from gvcpanel.schemas.panels import CountryComponents, CountryPanel
from gvcpanel.validate import validate

VARIABLES = ("gvcp", "omega", "mu", "upsilon", "gr", "gdpp", "pop")
MEASURED = ("gvcp", "omega", "mu", "upsilon")


def build_country_panel(
    components: pd.DataFrame,
    lineage: pd.DataFrame,
    countries: Sequence[str],
    years: Sequence[int],
    allow_gaps: bool = False,
    file: str = "country components",
    report: str | None = None,
    measured: pd.DataFrame | None = None,
    measured_audit: dict[str, dict[str, Any]] | None = None,
    accept_outliers: Accept | None = None,
    plausible: Mapping[str, tuple[float, float, str, str]] | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Construct, validate and screen the panel; return it with its audit record.

    ``measured`` (ICIO route): iso3, year, gvcp, omega, mu, upsilon measured elsewhere, with
    ``measured_audit`` giving each such variable's formula and sources. ``accept_outliers``
    (series -> countries or [country, year] pairs) accepts outliers of the plausibility screens;
    ``plausible`` replaces their plausible ranges of some variables (``screen_variables``).
    """
    accept = accept_outliers or {}
    components = validate(components, CountryComponents, file, ["iso3", "year"], report)
    components = components.reset_index(drop=True)
    files = {str(c): sorted(g.unique()) for c, g in lineage.groupby("variable")["file"]}
    accepted = enforce(screen_components(components), accept, files, report)
    if measured is None:
        values = construct_indicators(components, source=file)
    else:
        values = macro_indicators(components, source=file).merge(
            measured[["iso3", "year", *MEASURED]], on=["iso3", "year"], how="left"
        )
    undefined = _undefined(values, allow_gaps, file)
    panel = values.loc[~undefined.any(axis=1), ["iso3", "year", *VARIABLES]]
    panel = panel.sort_values(["iso3", "year"], ignore_index=True)
    panel = validate(panel, CountryPanel, file, ["iso3", "year"], report)
    measured_audit = measured_audit or {}
    variables = {
        var: _variable_audit(
            var, lineage, undefined[var], values, components, measured_audit.get(var)
        )
        for var in VARIABLES
    }
    files |= {v: sorted({str(s["file"]) for s in a["sources"]}) for v, a in variables.items()}
    accepted += enforce(screen_variables(panel, plausible), accept, files, report)
    audit = {
        "sample": {
            "countries": list(countries),
            "years": [int(years[0]), int(years[-1])],
            "rows": len(panel),
            "expected_rows": len(countries) * len(years),
        },
        "variables": variables,
        "plausibility": plausibility_audit(accepted, accept),
    }
    return panel, audit


def _undefined(values: pd.DataFrame, allow_gaps: bool, file: str) -> pd.DataFrame:
    """Where each variable is undefined; without ``allow_gaps`` any such row is a DataError."""
    undefined = values[list(VARIABLES)].isna()
    dropped = values.loc[undefined.any(axis=1), ["iso3", "year"]]
    if len(dropped) and not allow_gaps:
        bad = [c for c in VARIABLES if undefined[c].any()]
        raise DataError(
            file,
            f"defined values of {', '.join(bad)} (inputs present, denominators > 0)",
            list(dropped.itertuples(False, None)),
        )
    return undefined


def _variable_audit(
    var: str,
    lineage: pd.DataFrame,
    undefined: pd.Series,
    values: pd.DataFrame,
    components: pd.DataFrame,
    measured: dict[str, Any] | None = None,
) -> dict[str, Any]:
    dropped = values.loc[undefined, ["iso3", "year"]]
    if measured is not None:
        entry = dict(measured)
        reasons = ["not measured in the input-output table"] * len(dropped)
    else:
        formula = FORMULAS[var]
        used = [c for c in lineage["variable"].unique() if re.search(rf"\b{c}\b", formula)]
        entry = {
            "formula": formula,
            "components": used,
            "sources": lineage.loc[
                lineage["variable"].isin(used), ["variable", "input", "file", "selection"]
            ]
            .drop_duplicates()
            .to_dict("records"),
        }
        missing = components.loc[dropped.index, used].isna().any(axis=1)
        reasons = [
            "input missing" if m else "formula undefined (denominator <= 0)" for m in missing
        ]
    entry["rows_used"] = int((~undefined).sum())
    entry["rows_dropped"] = [
        {"iso3": r.iso3, "year": int(r.year), "reason": why}
        for r, why in zip(dropped.itertuples(), reasons, strict=True)
    ]
    return entry
