"""The country panel: components → Qu & Yang's variables, validated, with an audit record.

Every variable's audit entry gives its formula, the raw inputs (file, selection) of each component
it uses, and the rows used and dropped with the reason. A row is dropped only when a formula is
undefined (a denominator ≤ 0); without ``allow_gaps`` any dropped or missing country-year stops the
build.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from gvcpanel.construct.indicators import FORMULAS, construct_indicators
from gvcpanel.errors import DataError
from gvcpanel.schemas.panels import CountryComponents, CountryPanel
from gvcpanel.validate import validate

VARIABLES = ("gvcp", "omega", "mu", "upsilon", "gr", "gdpp", "pop")


def build_country_panel(
    components: pd.DataFrame,
    lineage: pd.DataFrame,
    countries: Sequence[str],
    years: Sequence[int],
    allow_gaps: bool = False,
    file: str = "country components",
    report: str | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Construct and validate the panel; return it with its audit record."""
    components = validate(components, CountryComponents, file, ["iso3", "year"], report)
    values = construct_indicators(components, source=file)
    undefined = values[list(VARIABLES)].isna()
    dropped = values.loc[undefined.any(axis=1), ["iso3", "year"]]
    if len(dropped) and not allow_gaps:
        bad = [c for c in VARIABLES if undefined[c].any()]
        raise DataError(
            file,
            f"defined formulas for {', '.join(bad)} (denominator > 0)",
            list(dropped.itertuples(False, None)),
        )
    panel = values.loc[~undefined.any(axis=1), ["iso3", "year", *VARIABLES]]
    panel = panel.sort_values(["iso3", "year"], ignore_index=True)
    panel = validate(panel, CountryPanel, file, ["iso3", "year"], report)
    audit = {
        "sample": {
            "countries": list(countries),
            "years": [int(years[0]), int(years[-1])],
            "rows": len(panel),
            "expected_rows": len(countries) * len(years),
        },
        "variables": {
            var: _variable_audit(var, lineage, undefined[var], values) for var in VARIABLES
        },
    }
    return panel, audit


def _variable_audit(
    var: str, lineage: pd.DataFrame, undefined: pd.Series, values: pd.DataFrame
) -> dict[str, Any]:
    formula = FORMULAS[var]
    used = [c for c in lineage["variable"].unique() if re.search(rf"\b{c}\b", formula)]
    sources = (
        lineage.loc[lineage["variable"].isin(used), ["variable", "input", "file", "selection"]]
        .drop_duplicates()
        .to_dict("records")
    )
    dropped = values.loc[undefined, ["iso3", "year"]]
    return {
        "formula": formula,
        "components": list(used),
        "sources": sources,
        "rows_used": int((~undefined).sum()),
        "rows_dropped": [
            {"iso3": r.iso3, "year": int(r.year), "reason": "formula undefined (denominator <= 0)"}
            for r in dropped.itertuples()
        ],
    }
