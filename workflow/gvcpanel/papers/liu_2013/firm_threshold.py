"""Firm-level panel threshold regression on Liu's (2013) firm panel (optional, configured).

A firm-level counterpart of the convergence regression (63) with Hansen's (1999) threshold model:

    dVR_jt = mu_j + tau_t + eta' x_j,t-1 + sum_k psi_k VR_j,t-1 1(q_j,t-1 in regime k) + e_jt,

with VR_jt = (output - intermediate inputs) / output (eq. 62 for one firm), dVR_jt = VR_jt -
VR_j,t-1 over consecutive years, firm effects mu_j, year effects tau_t and the threshold variable
q = training intensity (training expense / output) or capital intensity K/L (fixed assets /
employment) of the firm in t-1. Regressors x: ``log_kl`` = log K/L, ``training``, ``kl`` (t-1).
The panel is unbalanced, so the bootstrap is the wild cluster bootstrap by firm.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from gvcpanel.estimate.covariance import Clustered
from gvcpanel.estimate.threshold.api import threshold, threshold_shard
from gvcpanel.estimate.threshold.tests_table import ThresholdTests
from gvcpanel.estimate.tidy import Estimates
from gvcpanel.papers.liu_2013 import STUDY
from gvcpanel.papers.liu_2013.firm_table import Source, firm_view, group_filter

MODEL = "firm_threshold"
FIRM_VARIABLES = ("training", "kl", "log_kl")


def firm_threshold_data(
    source: Source, group: str, memory_limit: str | None = None
) -> pd.DataFrame:
    """One row per firm of ``group`` (or ``"all"``) and year t with a record in t-1: ``firm_id``,
    ``year``, ``dvr``, ``vr0`` and the t-1 values of ``training``, ``kl``, ``log_kl`` (rows with
    K/L <= 0 dropped)."""
    sql = f"""
    WITH f AS (
        SELECT firm_id, year, (output - intermediate_inputs) / output AS vr,
               training_expense / output AS training,
               fixed_assets / nullif(employment, 0) AS kl
        FROM firms {group_filter(None if group == "all" else [group])}
    ), l AS (
        SELECT firm_id, year, vr,
               lag(year) OVER w AS year0, lag(vr) OVER w AS vr0,
               lag(training) OVER w AS training, lag(kl) OVER w AS kl
        FROM f WINDOW w AS (PARTITION BY firm_id ORDER BY year)
    )
    SELECT firm_id, year, vr - vr0 AS dvr, vr0, training, kl, ln(kl) AS log_kl
    FROM l WHERE year0 = year - 1 AND kl > 0 AND training IS NOT NULL
    ORDER BY firm_id, year
    """
    require = ("training_expense", "fixed_assets", "employment")
    with firm_view(source, require, memory_limit) as con:
        data = con.execute(sql).df()
    return data


FIRM_COV = Clustered(label="firm")


def firm_threshold_model(cfg: Mapping[str, Any]) -> dict[str, Any]:
    """The model arguments of ``gvcpanel.threshold`` (module docstring) on
    ``firm_threshold_data``."""
    return {
        "y": "dvr",
        "x": list(cfg["regressors"]),
        "regime_x": ["vr0"],
        "q": cfg["variable"],
        "entity": "firm_id",
        "time": "year",
        "conventions": "standard",
        "time_effects": True,
        "grid": cfg["grid"],
        "trim": tuple(cfg["trim"]),
        "source": f"{STUDY}/{MODEL}",
    }


def firm_threshold_shard(
    data: pd.DataFrame, cfg: Mapping[str, Any], seed: int, shard: int
) -> dict[int, np.ndarray]:
    """Bootstrap F*_k of shard ``shard`` of ``cfg["shards"]``."""
    return threshold_shard(
        data,
        shard=shard,
        shards=cfg["shards"],
        thresholds=cfg["max_thresholds"],
        reps=cfg["reps"],
        bootstrap=cfg["bootstrap"],
        seed=seed,
        **firm_threshold_model(cfg),
    )


def fit_firm_threshold(
    data: pd.DataFrame,
    cfg: Mapping[str, Any],
    seed: int,
    boot_stats: Mapping[int, np.ndarray] | None = None,
) -> tuple[Estimates, ThresholdTests, str]:
    """Tidy slopes (firm-clustered SEs, Stata's convention) of the final model, the test table
    and the summary; ``boot_stats`` (merged shards) replaces running the bootstrap here."""
    res = threshold(
        data,
        thresholds=cfg["max_thresholds"],
        reps=cfg["reps"],
        bootstrap=cfg["bootstrap"],
        seed=seed,
        cov=FIRM_COV,
        boot_stats=boot_stats,
        progress=False,
        **firm_threshold_model(cfg),
    )
    est = res.to_estimates(
        MODEL,
        study=STUDY,
        sample={
            "entities": int(res.n_entities),
            "nobs": int(res.nobs),
            "firms": int(res.n_entities),
            "years": [int(data["year"].min()), int(data["year"].max())],
            "threshold_variable": f"{cfg['variable']} in t-1",
        },
    )
    return est, res.tests_table(model=MODEL, seed=seed), str(res)
