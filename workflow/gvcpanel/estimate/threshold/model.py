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

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse

from gvcpanel.errors import InputError
from gvcpanel.estimate.inputs import check_absorbed, group_codes, model_frame

Conventions = Literal["hansen", "standard", "xthreg"]
CONVENTIONS: tuple[str, ...] = ("hansen", "standard", "xthreg")


@dataclass
class PanelDesign:
    """A validated panel sorted by (entity, time), plus the transform that removes the effects.

    Arrays are in raw (untransformed) units; ``keep`` marks the rows that enter OLS after the
    transform (all rows under ``standard``; all but each entity's last period under ``hansen``);
    ``rows`` are the positions of the design's rows in ``data``, the frame the user passed.
    """

    y: np.ndarray
    x: np.ndarray
    r: np.ndarray
    q: np.ndarray
    entity: np.ndarray
    time: np.ndarray
    entity_labels: np.ndarray
    time_labels: np.ndarray
    names: dict[str, Any]
    conventions: str
    time_effects: bool
    data: pd.DataFrame = field(repr=False)
    rows: np.ndarray = field(repr=False)
    source: str = "data"
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

    def groups(self, column: str) -> np.ndarray:
        """Cluster codes of ``column`` of ``data`` for the rows entering OLS."""
        return group_codes(self.data, column, self.rows[self.keep], self.source)

    def check_identified(self) -> None:
        """InputError naming the regressors that the entity (and time) effects absorb or that are
        collinear with the regressors before them (``inputs.check_absorbed``)."""
        raw = np.column_stack([self.x, self.r])
        z = np.column_stack([self.within(raw), self.time_dummies()])
        periods = np.bincount(self.time, minlength=len(self.time_labels))[1:]
        names = [*self.names["x"], *self.names["r"]]
        norms = np.linalg.norm(raw, axis=0)
        if self.time_effects:
            names += [f"time effect {t}" for t in self.time_labels[1:]]
            norms = np.r_[norms, np.sqrt(periods)]
        effects = "entity and time effects" if self.time_effects else "entity effects"
        check_absorbed(z.T @ z, norms, names, effects, self.source)

    def time_dummies(self) -> np.ndarray:
        """Within-transformed time dummies (first period omitted); empty without time effects."""
        if not self.time_effects:
            return np.empty((self.nobs, 0))
        n_t = len(self.time_labels)
        d = np.zeros((len(self.time), n_t))
        d[np.arange(len(self.time)), self.time] = 1.0
        return self.within(d[:, 1:])


def prepare(
    data: pd.DataFrame,
    y: str,
    x: Sequence[str],
    regime_x: Sequence[str],
    q: str,
    entity: str,
    time: str,
    conventions: str = "standard",
    time_effects: bool = False,
    source: str = "data",
) -> PanelDesign:
    """Validate the columns of ``data`` and sort them by (entity, time); ``InputError`` naming the
    check and the offending columns or keys otherwise (``gvcpanel.estimate.inputs``).

    ``entity``, ``time`` and the variables are columns or index levels of ``data``. Entities
    observed once are dropped under ``standard`` and ``xthreg``; ``hansen`` needs a balanced
    panel.
    """
    if conventions not in CONVENTIONS:
        raise InputError(source, f"conventions one of {CONVENTIONS}", [conventions])
    if conventions == "hansen" and time_effects:
        raise InputError(
            source, "no time effects under conventions='hansen'", [], "use conventions='standard'"
        )
    xs, rs = [str(c) for c in x], [str(c) for c in regime_x]
    if not rs:
        raise InputError(source, "at least one regime-dependent regressor (regime_x)", [])
    frame = model_frame(data, [y, *xs, *rs, q], [entity, time], source, unique=True)
    frame = frame.assign(__row=np.arange(len(frame)))
    frame = frame.sort_values([entity, time], kind="mergesort").reset_index(drop=True)
    ent_codes, ent_labels = pd.factorize(frame[entity], sort=True)
    time_codes, time_labels = pd.factorize(frame[time], sort=True)
    sizes = np.bincount(ent_codes)
    dropped = 0
    if conventions == "hansen":
        full = sizes == len(time_labels)
        if not full.all():
            raise InputError(
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
            ent_codes, ent_labels = pd.factorize(frame[entity], sort=True)
            time_codes, time_labels = pd.factorize(frame[time], sort=True)
    if len(frame) == 0:
        raise InputError(source, "entities observed at least twice", [])
    return PanelDesign(
        y=frame[y].to_numpy(dtype=float),
        x=frame[xs].to_numpy(dtype=float).reshape(len(frame), len(xs)),
        r=frame[rs].to_numpy(dtype=float),
        q=frame[q].to_numpy(dtype=float),
        entity=np.asarray(ent_codes),
        time=np.asarray(time_codes),
        entity_labels=np.asarray(ent_labels),
        time_labels=np.asarray(time_labels),
        names={"y": y, "x": xs, "r": rs, "q": q, "entity": entity, "time": time},
        conventions=conventions,
        time_effects=time_effects,
        data=data,
        rows=frame["__row"].to_numpy(),
        source=source,
        dropped_singletons=dropped,
    )
