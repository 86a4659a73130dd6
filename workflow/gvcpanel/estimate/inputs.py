"""Checks of a model's DataFrame input, shared by the estimators of the public API.

Every check raises :class:`gvcpanel.errors.InputError` (a ``ValueError``) naming the data, the
check and the offending columns or rows before any arithmetic, so a user never sees a traceback
from inside numpy. Columns may also be index levels (a linearmodels-style (entity, time)
MultiIndex works as it is).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from pandas.api.types import is_numeric_dtype

from gvcpanel.errors import InputError

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
    data: pd.DataFrame, column: str, rows: np.ndarray | None = None, source: str = "data"
) -> np.ndarray:
    """Integer codes 0..G−1 (in order of appearance) of ``column`` at positions ``rows`` (all
    rows if None): the clusters of a covariance."""
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
