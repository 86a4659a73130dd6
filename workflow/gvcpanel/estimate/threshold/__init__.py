"""Fixed-effect panel threshold regression (Hansen 1999) with 1-3 thresholds.

``threshold(data, y=, x=, regime_x=, q=, entity=, time=, ...)`` (also ``gvcpanel.threshold``)
returns ``ThresholdResults`` (summary, LR curves, slopes with the chosen covariance,
``tests_table()``, ``to_estimates()``). Modules: ``model`` (data, transforms), ``grid`` (the
candidate thresholds), ``search`` (SSR over the grid by projections), ``sequence`` (sequential
estimation), ``bootstrap``, ``slopes``, ``results``, ``tests_table`` (the test artefact and its
schema), ``trimming`` (trims every stage can honour), ``panel`` (the model class), ``api`` (the
functions), ``cli``.

The names below are imported on first use (PEP 562), so that importing a module of the
package (e.g. ``trimming`` for the configuration checks) runs no other; package code imports
them from their modules, which keeps each rule's code hash (``gvcpanel.code_version``) exact.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "SlopeFit": "slopes",
    "StageTest": "tests_table",
    "ThresholdPanel": "panel",
    "ThresholdResults": "results",
    "ThresholdTests": "tests_table",
    "lr_critical": "panel",
    "merge_shards": "bootstrap",
    "threshold": "api",
    "threshold_shard": "api",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
