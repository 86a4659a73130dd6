"""Fixed-effect panel threshold regression (Hansen 1999) with 1-3 thresholds.

``ThresholdPanel(y, x, regime_x, q, entity, time, conventions=...).fit(...)`` returns
``ThresholdResults`` (summary, LR curves, slopes with three SE types, ``tests_table()``,
``to_estimates()``). Modules: ``model`` (data, transforms, grids), ``search`` (SSR over the grid by
projections), ``sequence`` (sequential estimation), ``bootstrap``, ``slopes``, ``results``,
``panel`` (entry point), ``examples`` (Hansen's investment panel), ``cli``.
"""

from .panel import ThresholdPanel, lr_critical
from .results import ThresholdResults
from .slopes import SlopeFit

__all__ = ["SlopeFit", "ThresholdPanel", "ThresholdResults", "lr_critical"]
