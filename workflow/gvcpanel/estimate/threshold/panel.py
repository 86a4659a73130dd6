"""The model: ``ThresholdPanel(data, y=, x=, regime_x=, q=, entity=, time=).fit(...)``.

Test statistics (Hansen 1999, eq. 12 and sec. 5): F_k = (S_{k-1} - S_k) / sigma^2_k with
sigma^2_k = S_k / df, df = n(T-1) under ``hansen`` (so F = (S_{k-1}/S_k - 1) n(T-1)) and N - n
under ``standard``. For k = 3, S_2 is the SSR at (refined gamma_1, gamma_2). Confidence intervals
invert LR_k(gamma) = (S_k(gamma)/S_k(gamma_hat) - 1) df (eq. 15) at
c(alpha) = -2 log(1 - sqrt(1 - alpha)) (eq. 16; 7.35 at 95%): [min, max] of the grid points with
LR < c(alpha).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from gvcpanel.errors import InputError
from gvcpanel.estimate.covariance import DEFAULT_COV, Covariance, covariance

from .bootstrap import bootstrap_f, check_kind, critical_values, p_value
from .grid import threshold_grid
from .model import PanelDesign, prepare
from .results import ThresholdResults
from .search import BLOCK, GridProjection
from .sequence import sequential
from .slopes import SlopeFit, fit_slopes
from .tests_table import StageTest

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_TRIMS = (0.01, 0.01, 0.05)
DEFAULT_REPS = 300  # bootstrap replications per test (the pipeline's come from its config)


def lr_critical(alpha: float = 0.05) -> float:
    """c(alpha) = -2 log(1 - sqrt(1 - alpha)), the asymptotic LR critical value for the threshold
    at significance level alpha (Hansen 1999, eq. 16; Hansen 2000, Table 1: 7.35 at 0.05)."""
    return float(-2.0 * np.log(1.0 - np.sqrt(1.0 - alpha)))


def lr_interval(grid: np.ndarray, curve: np.ndarray, df: int, alpha: float = 0.05) -> tuple:
    """[min, max] of grid points whose LR statistic is below c(alpha)."""
    lr = (curve / np.min(curve) - 1.0) * df
    inside = grid[lr < lr_critical(alpha)]
    return float(inside.min()), float(inside.max())


class ThresholdPanel:
    """Fixed-effect panel threshold regression with 1-3 thresholds (Hansen 1999).

    ``y`` (dependent variable), ``x`` (regime-independent regressors), ``regime_x``
    (regime-dependent regressors r), ``q`` (threshold variable), ``entity`` and ``time`` are
    columns or index levels of ``data`` (a DataFrame), or keys of ``data`` (a mapping of
    equal-length arrays, which needs no pandas). ``conventions`` selects ``"hansen"`` (Hansen's
    program exactly), ``"standard"`` or ``"xthreg"`` — see ``gvcpanel.estimate.threshold.model``.
    ``grid`` is qn (hansen) or the number of grid points (standard; None = every unique value);
    ``trim`` gives the trimming of stages 1, 2, 3. ``block`` bounds the float64 elements of each
    (obs x columns) temporary array (default 2^24 = 128 MiB), so peak memory is O(obs + block),
    see ``search``. ``gvcpanel.threshold`` builds and fits it in one call.
    """

    def __init__(
        self,
        data: pd.DataFrame | Mapping[str, Any],
        *,
        y: str,
        x: Sequence[str] = (),
        regime_x: Sequence[str],
        q: str,
        entity: str,
        time: str,
        conventions: str = "standard",
        time_effects: bool = False,
        grid: int | None = 400,
        trim: Sequence[float] = DEFAULT_TRIMS,
        source: str = "data",
        block: int = BLOCK,
    ) -> None:
        self.design: PanelDesign = prepare(
            data, y, x, regime_x, q, entity, time, conventions, time_effects, source
        )
        trim = tuple(trim)
        if len(trim) == 1:
            trim = (trim[0],) * 3
        if len(trim) != 3 or not all(0 <= t < 0.5 for t in trim):
            raise InputError(source, "trim: 1 or 3 shares in [0, 0.5)", list(trim))
        self.design.check_identified()
        self.trims = tuple(float(t) for t in trim)
        self.block = int(block)
        self.qn = int(grid or 0)
        q_all = self.design.q
        self.grid = threshold_grid(q_all, q_all[self.design.keep], conventions, grid, self.trims[0])

    @cached_property
    def projection(self) -> GridProjection:
        return GridProjection(self.design, self.grid, self.block)

    def fit_at(self, thresholds: list[float] | tuple[float, ...]) -> SlopeFit:
        """OLS at given thresholds (empty list = the linear fixed-effect model)."""
        return fit_slopes(self.design, list(thresholds))

    def _sequence(self, n_thresholds: int) -> tuple[dict, dict, dict]:
        """Sample SSR curves, grid indices and SSRs of the sequential estimation."""
        if n_thresholds not in (1, 2, 3):
            raise InputError(self.design.source, "thresholds 1, 2 or 3", [n_thresholds])
        proj = self.projection
        ee0 = np.array([float(proj.e0 @ proj.e0)])
        seq = sequential(proj, proj.b0, ee0, n_thresholds, self.trims, self.qn, keep_curves=True)
        empty = [k for k, v in seq.ssr.items() if not np.isfinite(v[0])]
        if empty:
            raise InputError(
                self.design.source,
                "observations enough for the trimming",
                [f"stage {k}" for k in empty],
                f"the trims {list(self.trims)} leave no admissible threshold among "
                f"{self.design.nobs} observations at these stages; lower their trim or test "
                "fewer thresholds",
            )
        curves = {k: v[0] for k, v in seq.curves.items()}
        idx = {k: int(v[0]) for k, v in seq.index.items()}
        return curves, idx, {k: float(v[0]) for k, v in seq.ssr.items()}

    def bootstrap_shard(
        self,
        n_thresholds: int = 1,
        bootstrap: str = "firm_block",
        reps: int = DEFAULT_REPS,
        seed: int = 0,
        shard: int = 0,
        shards: int = 1,
        progress: bool | None = None,
        chunk: int = 500,
    ) -> dict[int, np.ndarray]:
        """F*_k (k = 1..n_thresholds) of the replications of shard ``shard`` of ``shards``.

        Each shard re-estimates the sample thresholds (the nulls: k-1 thresholds at gamma_1, then
        at refined gamma_1 and gamma_2) and draws from ``default_rng(seed)`` as an unsharded fit
        does; ``merge_shards`` of shards 0..S-1 gives the F* of ``fit`` for any S.
        """
        idx = self._sequence(n_thresholds)[1]
        check_kind(self.projection, bootstrap)
        nulls = [
            np.empty(0, dtype=np.int64),
            np.array([idx[1]]),
            np.array([idx.get("1r", 0), idx.get(2, 0)]),
        ]
        rng = np.random.default_rng(seed)
        return {
            k: bootstrap_f(
                self.projection,
                nulls[k - 1],
                k,
                bootstrap,
                reps,
                rng,
                self.trims,
                self.qn,
                chunk,
                progress,
                (shard, shards),
            )
            for k in range(1, n_thresholds + 1)
        }

    def fit(
        self,
        n_thresholds: int = 1,
        bootstrap: str = "firm_block",
        reps: int = DEFAULT_REPS,
        seed: int = 0,
        progress: bool | None = None,
        chunk: int = 500,
        boot_stats: Mapping[int, np.ndarray] | None = None,
        cov: Covariance | str = DEFAULT_COV,
    ) -> ThresholdResults:
        """Estimate thresholds sequentially and bootstrap the F tests (reps = 0: no bootstrap).

        ``cov`` (a covariance object or its name, default ``Clustered()``: by entity, Stata's
        convention) is the covariance of the slopes that the results report everywhere.
        ``boot_stats`` (k -> F*_k of all ``reps`` replications, e.g. ``merge_shards`` of
        ``bootstrap_shard`` outputs) replaces running the bootstrap here.
        """
        cov = covariance(cov)
        curves, idx, ssr = self._sequence(n_thresholds)
        d = self.design
        stats: Mapping[int, np.ndarray] = {}
        if reps > 0:
            stats = (
                boot_stats
                if boot_stats is not None
                else self.bootstrap_shard(
                    n_thresholds, bootstrap, reps, seed, progress=progress, chunk=chunk
                )
            )
            for k in range(1, n_thresholds + 1):
                if len(stats[k]) != reps:
                    raise ValueError(f"F{k}: {len(stats[k])} bootstrap statistics for {reps} reps")
        tests = [
            self._stage_test(k, curves, idx, ssr, stats[k] if reps > 0 else None)
            for k in range(1, n_thresholds + 1)
        ]
        refined = None  # gamma_1 re-estimated given gamma_2, and its interval
        if n_thresholds >= 2:
            refined = (
                float(self.grid[idx["1r"]]),
                lr_interval(self.grid, curves["1r"], d.df_sigma),
            )
        fits = self._final_fits(idx, refined, n_thresholds)
        res = ThresholdResults(
            names=d.names,
            conventions=d.conventions,
            time_effects=d.time_effects,
            nobs=d.nobs,
            n_entities=d.n_entities,
            n_periods=len(d.time_labels),
            df_sigma=d.df_sigma,
            grid=self.grid,
            s0=ssr[0],
            tests=tuple(tests),
            curves=curves,
            fits=fits,
            bootstrap={"kind": bootstrap, "reps": int(reps), "seed": int(seed)},
            cov=cov,
            refined=refined,
            extra={"dropped_singletons": d.dropped_singletons, "trims": list(self.trims)},
        )
        res.check_cov()
        return res

    def _stage_test(
        self,
        k: int,
        curves: Mapping[int | str, np.ndarray],
        idx: Mapping[int | str, int],
        ssr: Mapping[int | str, float],
        boot: np.ndarray | None,
    ) -> StageTest:
        """Stage k's test: Hansen's (1999) F_k = (S_null - S_k) / (S_k / df), the null of stage 3
        being the refined two-threshold model; its LR interval and bootstrap p-value."""
        d = self.design
        s_null, s_alt = ssr["1r" if k == 3 else k - 1], ssr[k]
        f = (s_null - s_alt) / (s_alt / d.df_sigma)
        boot = None if boot is None else np.asarray(boot, dtype=float)
        return StageTest(
            k=k,
            threshold=float(self.grid[idx[k]]),
            ci95=lr_interval(self.grid, curves[k], d.df_sigma),
            sse=s_alt,
            F=float(f),
            p=None if boot is None else p_value(boot, f, d.conventions),
            crit_10_5_1=None if boot is None else critical_values(boot, d.conventions),
            boot_stats=boot,
        )

    def _final_fits(
        self,
        idx: Mapping[int | str, int],
        refined: tuple[float, tuple[float, float]] | None,
        n_thresholds: int,
    ) -> dict[int, SlopeFit]:
        """Slope fits of the k-threshold models, k = 0..K: model k uses gamma_1 of stage 1
        (k = 1) or the refined gamma_1 (k >= 2), then gamma_2, gamma_3."""
        later = [float(self.grid[idx[k]]) for k in range(2, n_thresholds + 1)]
        fits = {0: self.fit_at([]), 1: self.fit_at([float(self.grid[idx[1]])])}
        if refined is not None:
            for k in range(2, n_thresholds + 1):
                fits[k] = self.fit_at([refined[0], *later[: k - 1]])
        return fits
