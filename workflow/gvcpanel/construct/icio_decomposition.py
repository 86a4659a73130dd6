"""The Leontief system shared by the gross-export decompositions, and the Leontief decomposition.

Notation (as in :mod:`gvcpanel.construct.icio`; C countries, K industries, n = C·K country-major;
``s``, ``r``, ``t`` countries): ``A = Z x̂⁻¹``, ``v = 1 − 1'A``, ``B = (I − A)⁻¹`` (global
Leontief inverse), ``L`` = block-diagonal ``(I − A_ss)⁻¹`` (local inverses), ``Y`` (n × C) final
demand by destination country, ``ESR = Eint + Efd`` (n × C) bilateral intermediate and final
exports (0 to the own country) and ``E = ESR·1`` gross exports. An industry without output has
``v = 1`` (as in ``construct.icio``, which keeps ``v'B = 1'``; decompr sets 0). ``I − A`` is
factorised once (LU); products with ``B`` are LU solves and the local inverses are C solves of
K × K blocks. Only what needs ``B`` itself — the n × n Leontief decomposition and WWZ's
diagonal blocks ``B_ss`` — forms it, once, from the same factors (n right-hand sides).

**Unbalanced rows.** The decompositions split gross output by where it is finally absorbed,
``x = B Y``, which needs every row to balance: ``x = A x + Y 1``. Published tables do not quite
(WIOD 2013's rows differ from output by rounding and a statistical discrepancy, up to 1e-4 of
the largest output). The gap ``g = x − A x − Y 1`` is counted as final demand of the producing
country for its own products (domestic final demand ``Y_ss``), so that ``x = B Y`` holds to
rounding. ``A``, ``v``, ``B``, exports and foreign final demand are those of the table; the KWW
and WWZ terms then add up to gross exports exactly. On a balanced table (decompr's examples) the
gap is 0 and nothing changes.

:func:`leontief` is decompr's ``leontief(post = …)`` (Wang, Wei and Zhu 2013, eq. 1; Hummels,
Ishii and Yi 2001): value added by source country-industry (rows) in each country-industry's
gross exports ``V̂ B Ê``, gross output ``V̂ B x̂``, or in each country's final demand ``V̂ B Y``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.linalg import LinAlgWarning, lu_factor, lu_solve

from gvcpanel.construct.icio import (
    bilateral_exports,
    technical_coefficients,
    value_added_multipliers,
)
from gvcpanel.errors import DataError
from gvcpanel.sources.adapters import as_table
from gvcpanel.sources.icio import ICIOTable

POSTS = ("exports", "output", "final_demand")
#: Tolerance of the adding-up checks (terms = gross exports), relative to the flow.
RTOL = 1e-9


def balanced_final_demand(table: ICIOTable, A: np.ndarray) -> np.ndarray:
    """``Y`` (n × C) with the row gap ``x − A x − Y 1`` added to domestic final demand."""
    Y = np.array(table.final_by_destination(), dtype=np.float64)
    home = np.repeat(np.arange(table.n_countries), table.n_industries)
    Y[np.arange(table.n), home] += table.x - A @ table.x - Y.sum(axis=1)
    return Y


def leontief_factors(A: np.ndarray, table: ICIOTable) -> tuple[np.ndarray, np.ndarray]:
    """LU factors of ``I − A``; :class:`DataError` if ``I − A`` is singular."""
    M = np.eye(A.shape[0], order="F")
    M -= A
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LinAlgWarning)
        lu = lu_factor(M, overwrite_a=True, check_finite=False)
    if not np.all(np.diag(lu[0])):
        raise DataError(table.source, "I − A invertible (Leontief inverse exists)", [table.year])
    return lu


class LeontiefSystem:
    """One table's ``A``, ``v``, balanced ``Y``, exports and the LU factors of ``I − A``."""

    def __init__(self, table: ICIOTable) -> None:
        self.table = table
        self.c, self.k, self.n = table.n_countries, table.n_industries, table.n
        self.owner = np.repeat(np.arange(self.c), self.k)
        self.x = np.asarray(table.x, dtype=np.float64)
        self.A = technical_coefficients(table.Z, table.x)
        self.v = 1.0 - self.A.sum(axis=0)
        self.Y = balanced_final_demand(table, self.A)
        self.Eint, self.Efd = bilateral_exports(table)
        self.ESR = self.Eint + self.Efd
        self.E = self.ESR.sum(axis=1)
        self.lu = leontief_factors(self.A, table)

    def blocks(self, M: np.ndarray) -> np.ndarray:
        """An n × n matrix as (C, K, C, K): ``[s, i, r, j]`` = element (s·K + i, r·K + j)."""
        return M.reshape(self.c, self.k, self.c, self.k)

    def own(self, M: np.ndarray) -> np.ndarray:
        """``M[i, country(i)]`` of an n × C matrix (n)."""
        return M[np.arange(self.n), self.owner]

    def by_country(self, vec: np.ndarray) -> np.ndarray:
        """Sum of an n-vector over the industries of each country (C)."""
        return vec.reshape(self.c, self.k).sum(axis=1)

    def solve(self, rhs: np.ndarray, trans: bool = False) -> np.ndarray:
        """``B·rhs`` (``B'·rhs`` with ``trans``) from the LU factors."""
        return lu_solve(self.lu, rhs, trans=int(trans), check_finite=False)

    @cached_property
    def _local(self) -> np.ndarray:
        """``I − A_ss`` for every country (C, K, K)."""
        diag = np.arange(self.c)
        return np.eye(self.k) - self.blocks(self.A)[diag, :, diag, :]

    def local_solve(self, rhs: np.ndarray, trans: bool = False) -> np.ndarray:
        """``L·rhs`` (``L'·rhs`` with ``trans``), ``L`` = block-diagonal ``(I − A_ss)⁻¹``."""
        M = self._local.transpose(0, 2, 1) if trans else self._local
        out = np.linalg.solve(M, rhs.reshape(self.c, self.k, -1))
        return out.reshape(rhs.shape)

    @cached_property
    def W(self) -> np.ndarray:
        """``W[j, t] = Σ_{k∈t} v_k B_kj`` (n × C): value added of ``t`` per unit of ``j``."""
        return value_added_multipliers(self.A, self.lu, self.c, self.k)

    @cached_property
    def B(self) -> np.ndarray:
        """The dense Leontief inverse, formed once from the LU factors."""
        return lu_solve(self.lu, np.eye(self.n, order="F"), overwrite_b=True, check_finite=False)


def check_sum(
    total: np.ndarray, flow: np.ndarray, key: Callable[[int], object], file: str, what: str
) -> None:
    """Raise :class:`DataError` naming ``key(i)`` for every ``i`` with ``|total − flow| >
    RTOL·|flow|`` (plus a floor of 1e-12 of the largest flow, for flows that are 0)."""
    tol = RTOL * np.abs(flow) + 1e-12 * float(np.abs(flow).max(initial=0.0))
    bad = np.nonzero(~(np.abs(total - flow) <= tol))[0]
    if bad.size:
        raise DataError(file, f"{what} (rtol {RTOL:g})", [key(int(i)) for i in bad])


def leontief_matrix(system: LeontiefSystem, post: str = "exports") -> np.ndarray:
    """``V̂ B Ê`` (n × n), ``V̂ B x̂`` (n × n) or ``V̂ B Y`` (n × C) for ``post`` = exports, output,
    final_demand: element [i, j] = value added of source ``i`` in the flow of ``j``."""
    if post not in POSTS:
        raise DataError("<leontief>", f"post in {POSTS}", [post])
    if post == "final_demand":
        return system.v[:, None] * system.solve(system.Y)
    weights = system.E if post == "exports" else system.x
    out = system.B * weights[None, :]
    out *= system.v[:, None]
    return out


def labels(values: list[str], repeat: int, tile: int) -> pd.Categorical:
    """``values`` each repeated ``repeat`` times, the whole ``tile`` times, in table order."""
    codes = np.tile(np.repeat(np.arange(len(values)), repeat), tile)
    return pd.Categorical.from_codes(codes, categories=list(values))


def leontief(
    source: ICIOTable | str | Path, post: str = "exports", adapter: str | None = None
) -> pd.DataFrame:
    """decompr's ``leontief(post)`` in its long layout, one row per source × using cell.

    Columns: Source_Country, Source_Industry, then Using_Country, Using_Industry (``post`` =
    exports, output) or Importing_Country (final_demand), and FVAX = the value added of the
    source country-industry in that flow (:func:`leontief_matrix`). Rows: source-major, both
    sides in table order. ``source`` is an :class:`ICIOTable` or a file ``adapter`` reads.
    """
    table = as_table(source, adapter)
    M = leontief_matrix(LeontiefSystem(table), post)
    n, cols = M.shape
    c, k = table.n_countries, table.n_industries
    frame = {
        "Source_Country": labels(table.countries, k * cols, 1),
        "Source_Industry": labels(table.industries, cols, c),
    }
    if post == "final_demand":
        frame["Importing_Country"] = labels(table.countries, 1, n)
    else:
        frame["Using_Country"] = labels(table.countries, k, n)
        frame["Using_Industry"] = labels(table.industries, 1, n * c)
    frame["FVAX"] = M.ravel()
    return pd.DataFrame(frame)
