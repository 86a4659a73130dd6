"""Qu & Yang (2023) panel models from the configured specifications: eqs (16)–(18) and (19)–(20).

A specification names the dependent variable, the regressors and, for eq. (18), the difference
length k. The estimation sample is the country panel (or its k-year differences) without missing
values; with ``standardize="zscore"`` every regression variable is z-scored over that sample
("all variables have been standardized", section 5.1), so coefficients are in standard deviations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from gvcpanel.construct.transforms import difference, zscore
from gvcpanel.estimate.covariance import Clustered, Covariance, from_config
from gvcpanel.estimate.threshold.api import threshold as fit_model
from gvcpanel.estimate.threshold.api import threshold_shard
from gvcpanel.estimate.threshold.tests_table import ThresholdTests
from gvcpanel.estimate.tidy import Estimates
from gvcpanel.estimate.twoway import twoway
from gvcpanel.io import Exact
from gvcpanel.papers.qu_yang_2023 import STUDY

STANDARDIZE = {"zscore": "z-score over the estimation sample", "none": "raw units"}
ENTITY, TIME = "iso3", "year"


def country_cov(options: Mapping[str, Any], se: str = Clustered.name) -> Covariance:
    """The covariance of ``qu_yang_2023.se`` (eqs 16-18; eqs 19-20 are clustered) and
    ``.inference``: clusters are countries."""
    return from_config(se, options["inference"], label="country")


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
    time_effects: bool = True,
) -> Estimates:
    """Fit one of eqs (16)–(18) with country and (``time_effects``) year effects; returns tidy
    estimates.

    ``options`` are the validated ``qu_yang_2023`` choices ``standardize``, ``se`` and
    ``inference``, and ``differences`` for a model of differences (eq. 18).
    """
    k = spec.get("difference")
    data = estimation_sample(
        panel,
        spec["dependent"],
        spec["regressors"],
        k=k,
        overlapping=not k or options["differences"] == "overlapping",
        standardize=options["standardize"],
    )
    res = twoway(
        data,
        y=spec["dependent"],
        x=spec["regressors"],
        entity=ENTITY,
        time=TIME,
        cov=country_cov(options, options["se"]),
        time_effects=time_effects,
    )
    years = sorted(data["year"].unique().tolist())
    sample = {
        "countries": sorted(data["iso3"].unique().tolist()),
        "years": [int(years[0]), int(years[-1])],
        "nobs": len(data),
        "standardize": STANDARDIZE[options["standardize"]],
        "differences": options["differences"].replace("_", "-") if k else "levels",
    }
    return res.to_estimates(
        name,
        study=STUDY,
        sample=sample,
        seed=seed,
        extra=dict(extra or {}) | {"controls": bool(spec.get("controls", False))},
    )


def threshold_model(
    panel: pd.DataFrame,
    name: str,
    spec: Mapping[str, Any],
    threshold: Mapping[str, Any],
    options: Mapping[str, Any],
) -> tuple[dict[str, Any], pd.DataFrame]:
    """The model arguments of ``gvcpanel.threshold`` for eq. (19) or (20) (see ``fit_threshold``)
    and its estimation sample.

    Regression variables are z-scored (``standardize``), the threshold variable is not: when it
    is also a regressor (ω), the regressor is the column ``"<ω> (z-score)"``, renamed back to ω
    in the estimates.
    """
    q_name, regime = threshold["variable"], spec["regime"]
    cols = [spec["dependent"], *spec["regressors"], regime]
    data = panel[[ENTITY, TIME, *dict.fromkeys([*cols, q_name])]].dropna().reset_index(drop=True)
    regressors = list(spec["regressors"])
    if options["standardize"] == "zscore":
        raw = data[q_name]
        data = zscore(data, cols)
        if q_name in cols:
            data = data.assign(**{_standardized(q_name): data[q_name], q_name: raw})
            regressors = [_standardized(r) if r == q_name else r for r in regressors]
    model = {
        "y": spec["dependent"],
        "x": regressors,
        "regime_x": [regime],
        "q": q_name,
        "entity": ENTITY,
        "time": TIME,
        "conventions": threshold["conventions"],
        "time_effects": threshold["time_effects"],
        "grid": threshold["grid"],
        "trim": tuple(threshold["trim"]),
        "source": f"{STUDY}/{name}",
    }
    return model, data


def _standardized(column: str) -> str:
    return f"{column} (z-score)"


def fit_shard(
    panel: pd.DataFrame,
    name: str,
    spec: Mapping[str, Any],
    threshold: Mapping[str, Any],
    options: Mapping[str, Any],
    seed: int,
    shard: int,
    shards: int,
) -> dict[int, np.ndarray]:
    """Bootstrap F*_k of shard ``shard`` of ``shards`` for eq. (19) or (20) (``fit_threshold``
    with the merged shards gives the same tests as an unsharded run)."""
    model, data = threshold_model(panel, name, spec, threshold, options)
    return threshold_shard(
        data,
        shard=shard,
        shards=shards,
        thresholds=threshold["max_thresholds"],
        reps=threshold["reps"],
        bootstrap=threshold["bootstrap"],
        seed=seed,
        **model,
    )


def _next_above(q: pd.Series, phi: float) -> Exact | None:
    """The smallest sample value of the threshold variable above the threshold ``phi`` (None if
    none): a label ``ω ≤ x`` places every observation as the fit did for x in [φ, next)."""
    over = q[q > phi]
    return Exact(over.min()) if len(over) else None


def fit_threshold(
    panel: pd.DataFrame,
    name: str,
    spec: Mapping[str, Any],
    threshold: Mapping[str, Any],
    options: Mapping[str, Any],
    seed: int,
    extra: Mapping[str, Any] | None = None,
    progress: bool | None = None,
    boot_stats: Mapping[int, np.ndarray] | None = None,
) -> tuple[Estimates, ThresholdTests, pd.DataFrame, str]:
    """Eq. (19) or (20): Hansen's panel threshold model with the threshold variable in raw units.

    The regime-dependent regressor ``spec["regime"]`` (μ or υ) gets one slope below and one above
    each threshold in ω (``threshold["variable"]``), the other regressors are linear, with country
    (and, with ``time_effects``, year) effects. Regression variables are standardised as in
    eqs (16)–(18); the threshold variable is not, so thresholds are shares. Up to
    ``threshold["max_thresholds"]`` thresholds are tested sequentially with a bootstrap (Table 2);
    the slopes are those of the single-threshold model the paper selects (Table 3), with SEs
    clustered by country.
    ``boot_stats`` (merged ``threshold_shard`` outputs) replaces running the bootstrap here.

    Returns the tidy slope estimates (terms ``<regime>_low``/``<regime>_high``), the test
    document, the LR curve of the single threshold (candidates inside the trimming only) and the
    printable summary.
    """
    q_name, regime = threshold["variable"], spec["regime"]
    model, data = threshold_model(panel, name, spec, threshold, options)
    res = fit_model(
        data,
        thresholds=threshold["max_thresholds"],
        reps=threshold["reps"],
        bootstrap=threshold["bootstrap"],
        seed=seed,
        cov=country_cov(options),
        boot_stats=boot_stats,
        progress=progress,
        **model,
    )
    years = sorted(data["year"].unique().tolist())
    countries = sorted(data["iso3"].unique().tolist())
    est = res.to_estimates(
        name,
        study=STUDY,
        terms={
            _standardized(q_name): q_name,
            f"{regime}_regime0": f"{regime}_low",
            f"{regime}_regime1": f"{regime}_high",
        },
        k=1,
        sample={
            "countries": countries,
            "years": [int(years[0]), int(years[-1])],
            "nobs": len(data),
            "standardize": STANDARDIZE[options["standardize"]]
            + f"; threshold variable {q_name} in raw units",
            "differences": "levels",
        },
        extra={**dict(extra or {}), "threshold_next": _next_above(data[q_name], res.thresholds[0])},
    )
    source = {"countries": countries, "years": [int(years[0]), int(years[-1])]}
    tests = res.tests_table(model=name, seed=seed, source=source | dict(extra or {}))
    curve = res.lr_curve(1)
    curve = curve[np.isfinite(curve["lr"])].reset_index(drop=True)  # trimmed points are inf
    return est, tests, curve, str(res)
