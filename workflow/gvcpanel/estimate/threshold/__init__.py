"""Fixed-effect panel threshold regression (Hansen 1999) with 1-3 thresholds.

``threshold(data, y=, x=, regime_x=, q=, entity=, time=, ...)`` (also ``gvcpanel.threshold``)
returns ``ThresholdResults`` (summary, LR curves, slopes with the chosen covariance,
``tests_table()``, ``to_estimates()``). Modules: ``model`` (data, transforms, grids), ``search``
(SSR over the grid by projections), ``sequence`` (sequential estimation), ``bootstrap``,
``slopes``, ``results``, ``tests_table`` (the test artefact and its schema), ``trimming`` (trims
every stage can honour), ``panel`` (the model class), ``api`` (the functions), ``cli``.
"""

from .api import threshold, threshold_shard
from .bootstrap import merge_shards
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
    "merge_shards",
    "threshold",
    "threshold_shard",
]
