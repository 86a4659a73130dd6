"""Data preparation for the fixed-effect panel threshold model of Hansen (1999).

Model (Hansen 1999, eq. 1 and its multi-threshold extension, sec. 5):

    y_it = mu_i + x_it' beta + sum_k r_it' delta_k 1(q_it in regime k) + e_it.

Two convention sets are supported (``conventions=``):

``"hansen"`` — reproduces Hansen's own GAUSS program (``THRESH_P.PRG``) exactly:
  balanced panels only; each entity's observations are demeaned and the LAST demeaned period is
  dropped, so n(T-1) rows enter OLS; the lower regime is strict (q < gamma); the grid is
  ``dd[floor(sq * len(dd))]`` (1-based) over the sorted unique values dd of q with
  sq = trim_1, trim_1 + 1/qn, ..., 1 - trim_1; no time effects.

``"standard"`` — the usual within transform over all periods, lower regime q <= gamma, a grid of
  (at most) ``grid`` points at evenly spaced ranks of the unique values of q, trimming by
  observation counts (every regime keeps at least a share ``trim_k`` of the observations),
  optional time effects (time dummies partialled out after the within transform, which is exact
  on unbalanced panels), unbalanced panels, singleton entities dropped.

``"xthreg"`` — ``standard`` with the two choices of Stata's xthreg (Wang 2015) that change its
  printed numbers: sigma^2 = S / (N - T) in F and LR (T = periods), and a grid of ``grid``
  unique values of q at the shares sq = linspace(trim_1, 1 - trim_1, grid), taken as
  dd[floor(sq * len(dd))] (1-based). xthreg's grid rule is not documented; this one reproduces its
  printed example (threshold 0.0154, F1 35.20 on hansen1999.dta with grid(400) trim(0.01)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse

from gvcpanel.errors import DataError

Conventions = Literal["hansen", "standard", "xthreg"]
CONVENTIONS: tuple[str, ...] = ("hansen", "standard", "xthreg")


@dataclass
class PanelDesign:
    """A validated panel sorted by (entity, time), plus the transform that removes the effects.

    Arrays are in raw (untransformed) units; ``keep`` marks the rows that enter OLS after the
    transform (all rows under ``standard``; all but each entity's last period under ``hansen``).
    """

    y: np.ndarray
    x: np.ndarray
    r: np.ndarray
    q: np.ndarray
    entity: np.ndarray
    time: np.ndarray
    entity_labels: np.ndarray
    time_labels: np.ndarray
    names: dict[str, list[str] | str]
    conventions: str
    time_effects: bool
    source: str = "<data>"
    dropped_singletons: int = 0
    starts: np.ndarray = field(init=False)
    counts: np.ndarray = field(init=False)
    keep: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.starts = np.flatnonzero(np.r_[True, self.entity[1:] != self.entity[:-1]])
        self.counts = np.diff(np.r_[self.starts, len(self.entity)])
        self.keep = np.ones(len(self.entity), dtype=bool)
        if self.conventions == "hansen":
            self.keep[self.starts + self.counts - 1] = False

    @property
    def n_entities(self) -> int:
        return len(self.starts)

    @property
    def nobs(self) -> int:
        """Rows entering OLS after the transform (n(T-1) under ``hansen``, N under ``standard``)."""
        return int(self.keep.sum())

    @property
    def df_sigma(self) -> int:
        """Denominator of sigma^2 = S / df in F and LR: n(T-1) (hansen), N - n (standard) or
        N - T (xthreg)."""
        if self.conventions == "hansen":
            return self.nobs
        if self.conventions == "xthreg":
            return self.nobs - len(self.time_labels)
        return self.nobs - self.n_entities

    @property
    def entity_used(self) -> np.ndarray:
        return self.entity[self.keep]

    @cached_property
    def entity_sums(self) -> sparse.csr_matrix:
        """Sparse (entities x raw obs) 0/1 matrix: ``entity_sums @ a`` sums a by entity."""
        n = len(self.entity)
        ones = np.ones(n)
        return sparse.csr_matrix((ones, (self.entity, np.arange(n))), shape=(self.n_entities, n))

    def _means(self, a2: np.ndarray) -> np.ndarray:
        """Entity means of the rows of ``a2``, repeated to the raw rows."""
        return np.asarray(self.entity_sums @ a2 / self.counts[:, None])[self.entity]

    def within(self, a: np.ndarray) -> np.ndarray:
        """Entity-demeaned ``a`` (rows = raw observations), restricted to the rows kept."""
        a2 = a.reshape(len(a), -1)
        out = self._means(a2)
        np.subtract(a2, out, out=out)
        if self.conventions == "hansen":
            out = out[self.keep]
        return out.reshape((-1, *a.shape[1:]))

    def within_adjoint(self, a: np.ndarray) -> np.ndarray:
        """The transpose of ``within`` applied to ``a`` (rows = kept observations): rows dropped by
        the transform are set to zero, then every entity is demeaned, so that for raw-row arrays u,
        within(u)' a = u' within_adjoint(a)."""
        a2 = a.reshape(len(a), -1)
        full = np.zeros((len(self.entity), a2.shape[1]))
        full[self.keep] = a2
        full -= self._means(full)
        return full.reshape((-1, *a.shape[1:]))

    def time_dummies(self) -> np.ndarray:
        """Within-transformed time dummies (first period omitted); empty without time effects."""
        if not self.time_effects:
            return np.empty((self.nobs, 0))
        n_t = len(self.time_labels)
        d = np.zeros((len(self.time), n_t))
        d[np.arange(len(self.time)), self.time] = 1.0
        return self.within(d[:, 1:])


def prepare(
    y: pd.Series,
    x: pd.DataFrame | None,
    regime_x: pd.DataFrame | pd.Series,
    q: pd.Series,
    entity: pd.Series | np.ndarray | None,
    time: pd.Series | np.ndarray | None,
    conventions: str = "standard",
    time_effects: bool = False,
    source: str = "<data>",
) -> PanelDesign:
    """Validate and sort the inputs; raise DataError naming the check and the offending keys.

    ``entity`` and ``time`` may be omitted when ``y`` carries an (entity, time) MultiIndex.
    """
    if conventions not in CONVENTIONS:
        raise ValueError(f"conventions must be one of {CONVENTIONS}, got {conventions!r}")
    if conventions == "hansen" and time_effects:
        raise ValueError("conventions='hansen' has no time effects; use conventions='standard'")
    y = pd.Series(y)
    n = len(y)
    if entity is None or time is None:
        if not isinstance(y.index, pd.MultiIndex) or y.index.nlevels != 2:
            raise ValueError("give entity and time, or index y by an (entity, time) MultiIndex")
        entity = y.index.get_level_values(0)
        time = y.index.get_level_values(1)
    x_df = pd.DataFrame(index=range(n)) if x is None else pd.DataFrame(x)
    r_df = pd.DataFrame(regime_x)
    frame = pd.DataFrame(
        {
            "__entity": np.asarray(entity),
            "__time": np.asarray(time),
            "__y": np.asarray(y, dtype=float),
            "__q": np.asarray(q, dtype=float),
        }
    )
    xs = [str(c) for c in x_df.columns]
    rs = [str(c) for c in r_df.columns]
    for prefix, df in (("__x_", x_df), ("__r_", r_df)):
        if len(df) != n:
            raise ValueError("y, x, regime_x and q must have the same length")
        for c in df.columns:
            frame[prefix + str(c)] = np.asarray(df[c], dtype=float)
    if len(frame) != n or len(np.asarray(q)) != n:
        raise ValueError("y, x, regime_x and q must have the same length")
    values = frame.drop(columns=["__entity", "__time"])
    bad = ~np.isfinite(values.to_numpy()).all(axis=1)
    if bad.any():
        keys = list(frame.loc[bad, ["__entity", "__time"]].itertuples(index=False, name=None))
        raise DataError(source, "finite values in y, x, regime_x, q", keys)
    dup = frame.duplicated(["__entity", "__time"], keep=False)
    if dup.any():
        keys = list(frame.loc[dup, ["__entity", "__time"]].itertuples(index=False, name=None))
        raise DataError(source, "unique key (entity, time)", keys)
    frame = frame.sort_values(["__entity", "__time"], kind="mergesort").reset_index(drop=True)
    ent_codes, ent_labels = pd.factorize(frame["__entity"], sort=True)
    time_codes, time_labels = pd.factorize(frame["__time"], sort=True)
    sizes = np.bincount(ent_codes)
    dropped = 0
    if conventions == "hansen":
        full = sizes == len(time_labels)
        if not full.all():
            raise DataError(
                source,
                "balanced panel (conventions='hansen')",
                list(ent_labels[~full]),
                "use conventions='standard' for unbalanced panels",
            )
    else:
        single = sizes[ent_codes] < 2
        dropped = int(single.sum())
        if dropped:
            frame = frame.loc[~single].reset_index(drop=True)
            ent_codes, ent_labels = pd.factorize(frame["__entity"], sort=True)
            time_codes, time_labels = pd.factorize(frame["__time"], sort=True)
    if len(frame) == 0:
        raise DataError(source, "non-empty panel", [])
    return PanelDesign(
        y=frame["__y"].to_numpy(),
        x=frame[["__x_" + c for c in xs]].to_numpy(dtype=float).reshape(len(frame), len(xs)),
        r=frame[["__r_" + c for c in rs]].to_numpy(dtype=float),
        q=frame["__q"].to_numpy(),
        entity=np.asarray(ent_codes),
        time=np.asarray(time_codes),
        entity_labels=np.asarray(ent_labels),
        time_labels=np.asarray(time_labels),
        names={
            "y": str(y.name or "y"),
            "x": xs,
            "r": rs,
            "q": str(getattr(q, "name", None) or "q"),
        },
        conventions=conventions,
        time_effects=time_effects,
        source=source,
        dropped_singletons=dropped,
    )


def hansen_grid(q: np.ndarray, qn: int = 400, trim: float = 0.01) -> np.ndarray:
    """Hansen's grid: dd[floor(sq * nd)] (1-based), sq = trim, trim + 1/qn, ..., 1 - trim.

    dd are the sorted unique values of q (nd of them); qn = 400 and trim = 0.01 give 393 points.
    """
    dd = np.unique(q)
    n_points = int(round(qn * (1 - 2 * trim))) + 1
    sq = trim + np.arange(n_points) * (1.0 / qn)
    return dd[np.floor(sq * len(dd)).astype(np.int64) - 1]


def standard_grid(q: np.ndarray, points: int | None = 400) -> np.ndarray:
    """At most ``points`` unique values of q at evenly spaced ranks (all of them if None or 0)."""
    dd = np.unique(q)
    if not points or points >= len(dd):
        return dd
    return dd[np.unique(np.floor(np.linspace(0, len(dd) - 1, points)).astype(np.int64))]


def xthreg_grid(q: np.ndarray, points: int = 400, trim: float = 0.01) -> np.ndarray:
    """dd[floor(sq * nd)] (1-based) at sq = linspace(trim, 1 - trim, points), dd the nd sorted
    unique values of q (the rule that reproduces xthreg's printed example)."""
    dd = np.unique(q)
    sq = np.linspace(trim, 1 - trim, points)
    return np.unique(dd[np.maximum(np.floor(sq * len(dd)).astype(np.int64) - 1, 0)])


def threshold_grid(
    q: np.ndarray, q_kept: np.ndarray, conventions: str, grid: int | None, trim: float
) -> np.ndarray:
    """The candidate thresholds of ``conventions`` (module docstring): ``q`` every observation's
    threshold value, ``q_kept`` those entering the regression, ``trim`` the first stage's."""
    if conventions == "hansen":
        if not grid:
            raise ValueError("conventions='hansen' needs grid = qn > 0")
        return hansen_grid(q, qn=int(grid), trim=trim)
    if conventions == "xthreg":
        if not grid:
            raise ValueError("conventions='xthreg' needs grid > 0")
        return xthreg_grid(q_kept, grid, trim)
    return standard_grid(q_kept, grid)


def regime_codes(q: np.ndarray, thresholds: np.ndarray, strict: bool) -> np.ndarray:
    """Regime index 0..K of each observation for sorted thresholds gamma_(1) < ... < gamma_(K).

    Regime 0 is q < gamma_(1) (strict) or q <= gamma_(1); regime k lies between gamma_(k) and
    gamma_(k+1).
    """
    side = "right" if strict else "left"
    return np.searchsorted(np.sort(thresholds), q, side=side)
