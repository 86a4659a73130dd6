"""gvcpanel: replication pipeline for the empirical economics of global value chains.

The public API, flat as linearmodels' (``import gvcpanel``)::

    fe = gvcpanel.twoway(df, y="i", x=["q1", "d1"], entity="id", time="year")
    thr = gvcpanel.threshold(df, y="i", x=["q1", "d1"], regime_x=["c1"], q="d1",
                             entity="id", time="year", thresholds=1, reps=50, seed=1)
    print(fe, thr); thr.with_cov(gvcpanel.Unadjusted()); fe.to_estimates()
    gvcpanel.regression_table([fe, thr]).to_excel("models.xlsx")
    gvcpanel.kww("wiot_2011.RData")  # also wwz, leontief, decompose(..., method=...)

Sub-packages: ``sources`` (readers of raw layouts), ``construct`` (constructed variables),
``estimate`` (estimators), ``report`` (tables and figures), ``simulate`` (default synthetic data).
Everything here is plain Python with no dependency on Snakemake.

The names of ``__all__`` are imported on first use (PEP 562), so ``import gvcpanel.io`` in a rule
script loads no estimator and a rule's code hash (``gvcpanel.code_version``) covers only the
modules its script imports.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "twoway": "gvcpanel.estimate.twoway",
    "TwoWayResults": "gvcpanel.estimate.twoway",
    "threshold": "gvcpanel.estimate.threshold.api",
    "threshold_shard": "gvcpanel.estimate.threshold.api",
    "merge_shards": "gvcpanel.estimate.threshold.bootstrap",
    "ThresholdPanel": "gvcpanel.estimate.threshold.panel",
    "ThresholdResults": "gvcpanel.estimate.threshold.results",
    "ThresholdTests": "gvcpanel.estimate.threshold.tests_table",
    "Covariance": "gvcpanel.estimate.covariance",
    "Unadjusted": "gvcpanel.estimate.covariance",
    "Robust": "gvcpanel.estimate.covariance",
    "Clustered": "gvcpanel.estimate.covariance",
    "COVARIANCES": "gvcpanel.estimate.covariance",
    "DEFAULT_COV": "gvcpanel.estimate.covariance",
    "covariance": "gvcpanel.estimate.covariance",
    "Estimates": "gvcpanel.estimate.tidy",
    "Coef": "gvcpanel.estimate.tidy",
    "InputError": "gvcpanel.errors",
    "regression_table": "gvcpanel.report.regression",
    "Table": "gvcpanel.report.table",
    "read_icio": "gvcpanel.sources.adapters",
    "decompose": "gvcpanel.construct.decompose",
    "leontief": "gvcpanel.construct.icio_decomposition",
    "kww": "gvcpanel.construct.kww",
    "wwz": "gvcpanel.construct.wwz",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'gvcpanel' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
