"""Qu & Yang (2023) linear panel models, eqs (16)–(18), from the configured specifications.

A specification names the dependent variable, the regressors and, for eq. (18), the difference
length k. The estimation sample is the country panel (or its k-year differences) without missing
values; with ``standardize="zscore"`` every regression variable is z-scored over that sample
("all variables have been standardized", section 5.1), so coefficients are in standard deviations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from gvcpanel.construct.transforms import difference, zscore
from gvcpanel.estimate.panel import fit_twoway, to_estimates
from gvcpanel.estimate.tidy import Estimates

STUDY = "qu_yang_2023"
STANDARDIZE = {"zscore": "z-score over the estimation sample", "none": "raw units"}


def estimation_sample(
    panel: pd.DataFrame,
    dependent: str,
    regressors: Sequence[str],
    k: int | None = None,
    overlapping: bool = True,
    standardize: str = "zscore",
) -> pd.DataFrame:
    """The rows and columns a model is estimated on: levels or Δ_k, complete cases, standardised."""
    cols = [dependent, *regressors]
    data = panel[["iso3", "year", *cols]]
    if k:
        data = difference(data, cols, k, overlapping=overlapping)
    data = data.dropna(subset=cols).reset_index(drop=True)
    if standardize == "zscore":
        data = zscore(data, cols)
    elif standardize != "none":
        raise ValueError(f"standardize must be one of {sorted(STANDARDIZE)}, not {standardize!r}")
    return data


def fit_linear(
    panel: pd.DataFrame,
    name: str,
    spec: Mapping[str, Any],
    options: Mapping[str, Any],
    seed: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Estimates:
    """Fit one of eqs (16)–(18) with country and year effects; returns tidy estimates."""
    k = spec.get("difference")
    overlapping = options.get("differences", "overlapping") == "overlapping"
    data = estimation_sample(
        panel,
        spec["dependent"],
        spec["regressors"],
        k=k,
        overlapping=overlapping,
        standardize=options.get("standardize", "zscore"),
    )
    res = fit_twoway(data, spec["dependent"], spec["regressors"], se=options.get("se", "clustered"))
    years = sorted(data["year"].unique().tolist())
    sample = {
        "countries": sorted(data["iso3"].unique().tolist()),
        "years": [int(years[0]), int(years[-1])],
        "nobs": len(data),
        "standardize": STANDARDIZE[options.get("standardize", "zscore")],
        "differences": (
            options.get("differences", "overlapping").replace("_", "-") if k else "levels"
        ),
    }
    return to_estimates(
        res,
        STUDY,
        name,
        se=options.get("se", "clustered"),
        sample=sample,
        seed=seed,
        extra=dict(extra or {}) | {"controls": bool(spec.get("controls", False))},
    )
