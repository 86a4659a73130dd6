"""Fixed-effect panel threshold regression (Hansen 1999) with 1-3 thresholds.

``ThresholdPanel(y, x, regime_x, q, entity, time, conventions=...).fit(..., cov_type=...)``
returns ``ThresholdResults`` (summary, LR curves, slopes with the chosen SE type,
``tests_table()``, ``to_estimates()``). Modules: ``model`` (data, transforms, grids), ``search``
(SSR over the grid by projections), ``sequence`` (sequential estimation), ``bootstrap``,
``slopes``, ``results``, ``summary`` (text/HTML rendering), ``tests_table`` (the test artefact and
its schema), ``trimming`` (trims every stage can honour), ``panel`` (entry point), ``cli``.
"""

from .panel import ThresholdPanel, lr_critical
from .results import ThresholdResults
from .slopes import SlopeFit
from .tests_table import StageTest, ThresholdTests

__all__ = [
    "SlopeFit",
    "StageTest",
    "ThresholdPanel",
    "ThresholdResults",
    "ThresholdTests",
    "lr_critical",
]
