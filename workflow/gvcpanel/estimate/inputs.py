"""Checks of a model's input, shared by the estimators of the public API.

Every check raises :class:`gvcpanel.errors.InputError` (a ``ValueError``) naming the data, the
check and the offending columns or rows before any arithmetic, so a user never sees a traceback
from inside numpy. The input is a DataFrame, whose columns may also be index levels (a
linearmodels-style (entity, time) MultiIndex works as it is), or, for the threshold model, a
mapping of equal-length one-dimensional arrays (:func:`model_arrays`, checked with numpy only:
pandas is imported for a DataFrame alone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from gvcpanel.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

ABSORBED_TOL = 1e-5
SHOWN = 12  # available columns listed in a missing-column message


def values(data: pd.DataFrame, name: str) -> np.ndarray:
    """Column ``name`` of ``data``, or its index level of that name."""
    if name in data.columns:
        return data[name].to_numpy()
    return data.index.get_level_values(name).to_numpy()


def model_frame(
    data: pd.DataFrame,
    columns: Sequence[str],
    keys: Sequence[str],
    source: str = "data",
    unique: bool = False,
) -> pd.DataFrame:
    """``keys`` and the numeric ``columns`` of ``data`` in its row order (positions as index).

    Checks, in order: ``data`` is a DataFrame; every name is a column or an index level; the
    ``columns`` are numeric and finite (the rows are named by their keys); the keys are not
    missing; with ``unique``, no key occurs twice.
    """
    import pandas as pd
    from pandas.api.types import is_numeric_dtype

    if not isinstance(data, pd.DataFrame):
        raise InputError(source, "data is a pandas DataFrame", [type(data).__name__])
    wanted = list(dict.fromkeys([*keys, *columns]))
    available = [*map(str, data.columns), *(n for n in data.index.names if n is not None)]
    missing = [c for c in wanted if c not in available]
    if missing:
        shown = ", ".join(available[:SHOWN]) + (", ..." if len(available) > SHOWN else "")
        raise InputError(source, "columns present", missing, f"the data has {shown}")
    frame = pd.DataFrame({c: values(data, c) for c in wanted})
    text = [c for c in columns if not is_numeric_dtype(frame[c])]
    if text:
        kinds = ", ".join(f"{c}: {frame[c].dtype}" for c in text)
        raise InputError(source, "numeric columns", text, kinds)
    numbers = frame[list(columns)].to_numpy(dtype=np.float64)
    bad = ~np.isfinite(numbers)
    if bad.any():
        cols = [c for c, b in zip(columns, bad.any(axis=0), strict=True) if b]
        rows = list(frame.loc[bad.any(axis=1), list(keys)].itertuples(index=False, name=None))
        raise InputError(source, f"finite values in {', '.join(cols)}", rows, "rows (keys) shown")
    lost = frame[list(keys)].isna().any(axis=1)
    if lost.any():
        raise InputError(source, f"no missing {', '.join(keys)}", list(np.flatnonzero(lost)))
    if unique:
        dup = frame.duplicated(list(keys), keep=False)
        if dup.any():
            rows = list(frame.loc[dup, list(keys)].itertuples(index=False, name=None))
            raise InputError(source, f"unique key ({', '.join(keys)})", rows)
    return frame


def group_codes(
    data: pd.DataFrame | Mapping[str, Any],
    column: str,
    rows: np.ndarray | None = None,
    source: str = "data",
) -> np.ndarray:
    """Integer codes 0..G−1 (in order of appearance) of ``column`` at positions ``rows`` (all
    rows if None): the clusters of a covariance."""
    if isinstance(data, Mapping):
        return _array_codes(data, column, rows, source)
    import pandas as pd

    if column not in data.columns and column not in data.index.names:
        raise InputError(source, "cluster column present", [column])
    vals = pd.Series(values(data, column))
    if rows is not None:
        vals = vals.iloc[rows]
    if vals.isna().any():
        raise InputError(source, f"no missing {column}", list(np.flatnonzero(vals.isna())))
    return pd.factorize(vals)[0]


def check_absorbed(
    gram: np.ndarray, norms: np.ndarray, names: Sequence[str], effects: str, source: str = "data"
) -> None:
    """Raise if a regressor is absorbed by the effects or collinear with the regressors before it.

    ``gram`` is Z'Z of the regressors after the effects are removed, ``norms`` their norms
    before. With Z'Z = R'R (Cholesky), |R_jj| is the norm of column j left after the columns
    before it are removed; it is absorbed if that is below 1e-5 of its norm before the effects
    were removed (linearmodels' ``check_absorbed`` criterion).
    """
    try:
        left = np.abs(np.diag(np.linalg.cholesky(gram))) / norms
    except np.linalg.LinAlgError:
        left = np.zeros(len(names))
    absorbed = [name for name, size in zip(names, left, strict=True) if not size >= ABSORBED_TOL]
    if absorbed:
        raise InputError(
            source,
            f"regressors not absorbed by the {effects}",
            absorbed,
            "a regressor constant within entities (or periods) or collinear with the regressors "
            "before it cannot be estimated; drop it",
        )


def model_arrays(
    data: Mapping[str, Any],
    columns: Sequence[str],
    keys: Sequence[str],
    source: str = "data",
    unique: bool = False,
) -> dict[str, np.ndarray]:
    """:func:`model_frame` for a mapping of equal-length one-dimensional arrays (name ->
    values), with the same checks in the same order: ``keys`` and ``columns`` as arrays."""
    wanted = list(dict.fromkeys([*keys, *columns]))
    missing = [c for c in wanted if c not in data]
    if missing:
        shown = ", ".join(list(map(str, data))[:SHOWN]) + (", ..." if len(data) > SHOWN else "")
        raise InputError(source, "columns present", missing, f"the data has {shown}")
    arrays = {c: np.asarray(data[c]) for c in wanted}
    shapes = {c: a.shape for c, a in arrays.items()}
    if len(set(shapes.values())) != 1 or len(next(iter(shapes.values()))) != 1:
        sizes = ", ".join(f"{c}: {shape}" for c, shape in shapes.items())
        raise InputError(source, "one-dimensional columns of equal length", wanted, sizes)
    text = [c for c in columns if arrays[c].dtype.kind not in "biuf"]
    if text:
        kinds = ", ".join(f"{c}: {arrays[c].dtype}" for c in text)
        raise InputError(source, "numeric columns", text, kinds)
    numbers = np.column_stack([arrays[c].astype(np.float64) for c in columns])
    bad = ~np.isfinite(numbers)
    if bad.any():
        cols = [c for c, b in zip(columns, np.any(bad, axis=0).tolist(), strict=True) if b]
        rows = _key_rows(arrays, keys, np.any(bad, axis=1))
        raise InputError(source, f"finite values in {', '.join(cols)}", rows, "rows (keys) shown")
    lost = np.logical_or.reduce([_missing(arrays[k]) for k in keys])
    if lost.any():
        raise InputError(source, f"no missing {', '.join(keys)}", list(np.flatnonzero(lost)))
    if unique:
        codes = np.column_stack([np.unique(arrays[k], return_inverse=True)[1] for k in keys])
        _, inverse, counts = np.unique(codes, axis=0, return_inverse=True, return_counts=True)
        dup = counts[inverse.ravel()] > 1
        if dup.any():
            rows = _key_rows(arrays, keys, dup)
            raise InputError(source, f"unique key ({', '.join(keys)})", rows)
    return arrays


def _key_rows(arrays: Mapping[str, np.ndarray], keys: Sequence[str], rows: np.ndarray) -> list:
    """The keys of the selected rows as tuples of plain values."""
    return list(zip(*(arrays[k][rows].tolist() for k in keys), strict=True))


def _missing(a: np.ndarray) -> np.ndarray:
    """Missing values of a key array: NaN (NaT), or None / NaN in an object array."""
    if a.dtype.kind == "f":
        return np.isnan(a)
    if a.dtype.kind in "mM":
        return np.isnat(a)
    if a.dtype.kind == "O":
        return np.array([v is None or v != v for v in a.tolist()], dtype=bool)
    return np.zeros(len(a), dtype=bool)


def _array_codes(
    data: Mapping[str, Any], column: str, rows: np.ndarray | None, source: str
) -> np.ndarray:
    """:func:`group_codes` of a mapping of arrays (codes in order of appearance)."""
    if column not in data:
        raise InputError(source, "cluster column present", [column])
    vals = np.asarray(data[column])
    if rows is not None:
        vals = vals[rows]
    lost = _missing(vals)
    if lost.any():
        raise InputError(source, f"no missing {column}", list(np.flatnonzero(lost)))
    _, first, inverse = np.unique(vals, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse.ravel()]
