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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from gvcpanel.errors import InputError
from gvcpanel.estimate.inputs import check_absorbed, group_codes, model_arrays, model_frame

if TYPE_CHECKING:
    import pandas as pd

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
    data: pd.DataFrame | Mapping[str, Any] = field(repr=False)
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
    def _periods(self) -> list[tuple[np.ndarray | None, np.ndarray]]:
        """Per position j = 0, 1, ... within an entity: the entities observed at least j + 1
        times (None: all of them) and the row of each one's (j + 1)-th observation."""
        out: list[tuple[np.ndarray | None, np.ndarray]] = []
        for j in range(int(self.counts.max())):
            have = np.flatnonzero(self.counts > j)
            whole = len(have) == self.n_entities
            out.append((None if whole else have, self.starts[have] + j))
        return out

    @cached_property
    def _balanced(self) -> int:
        """T when every entity has T rows (then rows are (entity, period) blocks), else 0."""
        return int(self.counts[0]) if (self.counts == self.counts[0]).all() else 0

    def _entity_means(self, a2: np.ndarray) -> np.ndarray:
        """(entities x k) means of the rows of ``a2`` (raw obs x k).

        The sums add each entity's rows in row order, one position within the entities at a
        time (the order, and so the bits, of a sparse product with the entities' 0/1 matrix)."""
        sums = np.zeros((self.n_entities, a2.shape[1]))
        if t := self._balanced:
            for rows in a2.reshape(self.n_entities, t, -1).transpose(1, 0, 2):
                sums += rows
        else:
            for have, rows in self._periods:
                if have is None:
                    sums += a2[rows]
                else:
                    sums[have] += a2[rows]
        sums /= self.counts[:, None]
        return sums

    def within(self, a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """Entity-demeaned ``a`` (rows = raw observations), restricted to the rows kept; into
        ``out`` (kept obs x columns, C-contiguous) when given."""
        a2 = a.reshape(len(a), -1)
        means = self._entity_means(a2)
        if t := self._balanced:  # hansen: a balanced panel whose last period is dropped
            kept = t - 1 if self.conventions == "hansen" else t
            if out is None:
                out = np.empty((self.n_entities * kept, a2.shape[1]))
            blocks = out.reshape(self.n_entities, kept, -1)
            np.subtract(a2.reshape(self.n_entities, t, -1)[:, :kept], means[:, None], out=blocks)
        else:
            out = means[self.entity] if out is None else np.take(means, self.entity, 0, out=out)
            np.subtract(a2, out, out=out)
        return out.reshape((-1, *a.shape[1:]))

    def within_adjoint(self, a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """The transpose of ``within`` applied to ``a`` (rows = kept observations): rows dropped by
        the transform are set to zero, then every entity is demeaned, so that for raw-row arrays u,
        within(u)' a = u' within_adjoint(a). Into ``out`` (raw obs x columns) when given."""
        a2 = a.reshape(len(a), -1)
        if out is None:
            full = np.zeros((len(self.entity), a2.shape[1]))
        else:
            full = out
            full.fill(0.0)
        full[self.keep] = a2
        means = self._entity_means(full)
        if t := self._balanced:
            full.reshape(self.n_entities, t, -1)[:] -= means[:, None]
        else:
            full -= means[self.entity]
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

    @cached_property
    def dummy_basis(self) -> np.ndarray:
        """Orthonormal basis (QR) of ``time_dummies``, which the slope fits partial out (FWL),
        computed once for every fit of the model."""
        dummies = self.time_dummies()
        return np.linalg.qr(dummies)[0] if dummies.shape[1] else dummies

    def time_dummies(self) -> np.ndarray:
        """Within-transformed time dummies (first period omitted); empty without time effects."""
        if not self.time_effects:
            return np.empty((self.nobs, 0))
        later = np.flatnonzero(self.time > 0)
        d = np.zeros((len(self.time), len(self.time_labels) - 1))
        d[later, self.time[later] - 1] = 1.0
        return self.within(d)


def prepare(
    data: pd.DataFrame | Mapping[str, Any],
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

    ``data`` is a DataFrame (``entity``, ``time`` and the variables are columns or index levels)
    or a mapping of equal-length arrays (name -> values; checked and sorted with numpy alone).
    Entities observed once are dropped under ``standard`` and ``xthreg``; ``hansen`` needs a
    balanced panel.
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
    names = {"y": y, "x": xs, "r": rs, "q": q, "entity": entity, "time": time}
    sort = _sorted_arrays if isinstance(data, Mapping) else _sorted_frame
    arrays, ent, tim, factorize, dropped = sort(data, names, conventions, source)
    ent_codes, ent_labels = factorize(ent)
    time_codes, time_labels = factorize(tim)
    return PanelDesign(
        **arrays,
        entity=np.asarray(ent_codes),
        time=np.asarray(time_codes),
        entity_labels=np.asarray(ent_labels),
        time_labels=np.asarray(time_labels),
        names=names,
        conventions=conventions,
        time_effects=time_effects,
        data=data,
        source=source,
        dropped_singletons=dropped,
    )


#: The position of each design row in the data the user passed.
ROW = "__row"
Factorize = Callable[[Any], tuple[np.ndarray, np.ndarray]]
#: The sorted rows of the entities kept: arrays ``y``, ``x``, ``r``, ``q`` (float) and ``rows``
#: (positions in the data), the entity and time keys, the sorted factorisation of a key column
#: and the count of rows dropped.
Sorted = tuple[dict[str, np.ndarray], Any, Any, Factorize, int]


def _sorted_frame(
    data: pd.DataFrame, names: Mapping[str, Any], conventions: str, source: str
) -> Sorted:
    """The rows of ``data`` sorted by (entity, time), those of the entities kept
    (:func:`_entities_kept`), with pandas' sorted factorisation."""
    import pandas as pd

    y, xs, rs, q, entity, time = (names[k] for k in ("y", "x", "r", "q", "entity", "time"))
    frame = model_frame(data, [y, *xs, *rs, q], [entity, time], source, unique=True)
    frame = frame.assign(**{ROW: np.arange(len(frame))})
    frame = frame.sort_values([entity, time], kind="mergesort").reset_index(drop=True)

    def factorize(keys: Any) -> tuple[np.ndarray, np.ndarray]:
        codes, labels = pd.factorize(keys, sort=True)
        return np.asarray(codes), np.asarray(labels)

    keep, dropped = _entities_kept(frame[entity], frame[time], factorize, conventions, source)
    if dropped:
        frame = frame.loc[keep].reset_index(drop=True)
    arrays = {
        "y": frame[y].to_numpy(dtype=float),
        "x": frame[xs].to_numpy(dtype=float).reshape(len(frame), len(xs)),
        "r": frame[rs].to_numpy(dtype=float),
        "q": frame[q].to_numpy(dtype=float),
        "rows": frame[ROW].to_numpy(),
    }
    return arrays, frame[entity], frame[time], factorize, dropped


def _sorted_arrays(
    data: Mapping[str, Any], names: Mapping[str, Any], conventions: str, source: str
) -> Sorted:
    """:func:`_sorted_frame` for a mapping of arrays, with numpy alone."""
    y, xs, rs, q, entity, time = (names[k] for k in ("y", "x", "r", "q", "entity", "time"))
    data = model_arrays(data, [y, *xs, *rs, q], [entity, time], source, unique=True)
    order = np.lexsort((_factorize(data[time])[0], _factorize(data[entity])[0]))
    ent, tim = data[entity][order], data[time][order]
    keep, dropped = _entities_kept(ent, tim, _factorize, conventions, source)
    rows = order[keep]

    def matrix(columns: list[str]) -> np.ndarray:
        if not columns:
            return np.empty((len(rows), 0))
        return np.column_stack([data[c][rows].astype(float) for c in columns])

    arrays = {
        "y": data[y][rows].astype(float),
        "x": matrix(xs),
        "r": matrix(rs),
        "q": data[q][rows].astype(float),
        "rows": rows,
    }
    return arrays, ent[keep], tim[keep], _factorize, dropped


def _factorize(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes 0..G-1 of ``keys`` in sorted order, and the sorted labels."""
    labels, codes = np.unique(keys, return_inverse=True)
    return codes.ravel(), labels


def _entities_kept(
    ent: Any, tim: Any, factorize: Factorize, conventions: str, source: str
) -> tuple[np.ndarray, int]:
    """Rows kept (singleton entities dropped, except under ``hansen``, which needs a balanced
    panel) and how many were dropped."""
    ent_codes, ent_labels = factorize(ent)
    sizes = np.bincount(ent_codes)
    keep = np.ones(len(ent_codes), dtype=bool)
    if conventions == "hansen":
        full = sizes == len(factorize(tim)[1])
        if not full.all():
            raise InputError(
                source,
                "balanced panel (conventions='hansen')",
                list(ent_labels[~full]),
                "use conventions='standard' for unbalanced panels",
            )
    else:
        keep = sizes[ent_codes] >= 2
    if not keep.any():
        raise InputError(source, "entities observed at least twice", [])
    return keep, int((~keep).sum())
