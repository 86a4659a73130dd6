"""``gvcpanel.threshold`` and ``gvcpanel.threshold_shard``: the threshold model on a DataFrame.

The command line (``gvcpanel threshold``) is a shell over :func:`threshold` whose option defaults
are read from this signature, so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from gvcpanel.estimate.covariance import DEFAULT_COV, Covariance

from .panel import DEFAULT_REPS, DEFAULT_TRIMS, ThresholdPanel
from .results import ThresholdResults

if TYPE_CHECKING:
    import pandas as pd


def threshold(
    data: pd.DataFrame | Mapping[str, Any],
    *,
    y: str,
    x: Sequence[str] = (),
    regime_x: Sequence[str],
    q: str,
    entity: str,
    time: str,
    thresholds: int = 1,
    reps: int = DEFAULT_REPS,
    bootstrap: str = "firm_block",
    seed: int = 0,
    conventions: str = "standard",
    cov: Covariance | str = DEFAULT_COV,
    time_effects: bool = False,
    grid: int | None = 400,
    trim: Sequence[float] = DEFAULT_TRIMS,
    boot_stats: Mapping[int, np.ndarray] | None = None,
    progress: bool | None = None,
    source: str = "data",
) -> ThresholdResults:
    """Hansen's (1999) fixed-effect panel threshold regression of column ``y`` on ``x`` and the
    regime-dependent ``regime_x``, with thresholds in ``q``.

    Up to ``thresholds`` thresholds are estimated sequentially and each is tested against one
    fewer with a bootstrap F test; the results print themselves (``print(res)``, notebook HTML,
    ``res.summary``) and give ``tests_table()``, ``lr_curve(k)``, ``to_estimates()``.

    - ``data``: a DataFrame; ``y``, ``x``, ``regime_x``, ``q``, ``entity`` and ``time`` are its
      columns (or index levels). Or a mapping of equal-length arrays with those keys (read with
      numpy alone: the fit then imports neither pandas nor scipy).
    - ``thresholds``: thresholds to estimate and test, 1, 2 or 3 (default 1).
    - ``reps``: bootstrap replications per test, 0 for none (default 300).
    - ``bootstrap``: ``firm_block`` (Hansen's), ``wild_rademacher`` or ``wild_mammen`` (default
      firm_block).
    - ``seed``: seed of the bootstrap draws (default 0).
    - ``conventions``: ``standard``, ``hansen`` (Hansen's program exactly) or ``xthreg`` (Stata's
      xthreg) (default standard).
    - ``cov``: the covariance of the slopes, a ``gvcpanel.covariance`` object or its name
      ``unadjusted``, ``robust`` or ``clustered`` (default clustered: ``Clustered()``, by entity,
      Stata's convention; xthreg prints ``Unadjusted()``, Hansen's program ``Unadjusted()`` and
      ``Robust(small_sample=False)``).
    - ``time_effects``: time effects, standard conventions only (default False).
    - ``grid``: candidate thresholds: qn under hansen, points under standard and xthreg, None for
      every unique value under standard (default 400).
    - ``trim``: minimum regime share at stages 1, 2, 3, or one share for all (default
      (0.01, 0.01, 0.05)).
    - ``boot_stats``: the F* of every test from a sharded bootstrap, ``merge_shards`` of
      ``threshold_shard`` outputs, instead of running the bootstrap here (default None).
    - ``progress``: a progress bar of the bootstrap (default None: when stderr is a terminal).
    - ``source``: the data's name in error messages (default data).

    Wrong input raises ``gvcpanel.errors.InputError`` (a ``ValueError``) naming the columns or
    rows: a missing or non-numeric column, a missing value, a duplicate (entity, time), a
    regressor the effects absorb, too few observations for the trimming.
    """
    model = ThresholdPanel(
        data,
        y=y,
        x=x,
        regime_x=regime_x,
        q=q,
        entity=entity,
        time=time,
        conventions=conventions,
        time_effects=time_effects,
        grid=grid,
        trim=trim,
        source=source,
    )
    return model.fit(thresholds, bootstrap, reps, seed, progress, boot_stats=boot_stats, cov=cov)


def threshold_shard(
    data: pd.DataFrame | Mapping[str, Any],
    *,
    shard: int,
    shards: int,
    thresholds: int = 1,
    reps: int = DEFAULT_REPS,
    bootstrap: str = "firm_block",
    seed: int = 0,
    progress: bool | None = False,
    **model: Any,
) -> dict[int, np.ndarray]:
    """The bootstrap F*_k (k = 1..``thresholds``) of shard ``shard`` of ``shards`` (0-based).

    ``model`` are the model arguments of :func:`threshold` (``y``, ``x``, ``regime_x``, ``q``,
    ``entity``, ``time``, ``conventions``, ``time_effects``, ``grid``, ``trim``, ``source``).
    ``threshold(..., boot_stats=merge_shards([shard 0, ..., shard S-1]))`` gives the p-values
    and critical values of an unsharded fit with the same ``reps`` and ``seed``, for any S.
    """
    return ThresholdPanel(data, **model).bootstrap_shard(
        thresholds, bootstrap, reps, seed, shard, shards, progress
    )
