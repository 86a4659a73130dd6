"""Value-added accounting on an inter-country input-output table (SPEC §3.2; Qu & Yang 2023, §5.2).

With ``n = C·K`` country-industry pairs (country-major), intermediate use ``Z``, final demand ``F``
and gross output ``x``:

- ``A = Z·diag(x)⁻¹`` (column ``j`` set to 0 where ``x_j = 0``), ``B = (I − A)⁻¹``;
- ``v = 1 − 1'A``: value added per unit of output, i.e. ``(x − 1'Z)/x`` where ``x > 0``
  (value added is everything that is not intermediate use, taxes and margins included); an
  industry without output gets ``v_j = 1``, which keeps ``v'B = 1'`` exact;
- gross exports ``E_i`` = sales of ``i`` (intermediate and final) to every other country (RoW
  included);
- ``M[r, s] = Σ_{i∈r, j∈s} v_i B_ij E_j``: value added of country ``r`` embodied in the exports of
  ``s``. Since ``v'B = 1'``, ``Σ_r M[r, s] = E_s`` (the identity DVA + FVA = E);
- ``DVA_s = M[s, s]``, ``FVA_s = Σ_{r≠s} M[r, s]``, ``DVX_s = Σ_{r≠s} M[s, r]``,
  ``GVCP_s = (FVA_s + DVX_s)/E_s`` (Koopman et al. 2014 participation; Qu & Yang §5.2).

Over a set of manufacturing industries ``m``:
``ω_s`` = domestic share of s's final demand for manufactures, ``μ_s`` = domestic share of the
intermediate inputs of s's manufacturing industries, ``υ_s`` = value added / gross output of s's
manufacturing industries. ``B`` is never formed: ``v``-weighted rows of ``B`` come from one LU
factorisation of ``I − A`` solved for ``C`` right-hand sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.linalg import lu_factor, lu_solve

from gvcpanel.construct.gvcp import formula
from gvcpanel.errors import DataError
from gvcpanel.sources.icio import ICIOTable

COLUMNS = ["iso3", "year", "exports", "dva", "fva", "dvx", "gvcp", "omega", "mu", "upsilon"]


def technical_coefficients(Z: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``A = Z·diag(x)⁻¹``; columns of industries with zero output are 0."""
    inv = np.divide(1.0, x, out=np.zeros_like(x, dtype=np.float64), where=x != 0)
    return Z * inv[np.newaxis, :]


def bilateral_exports(table: ICIOTable) -> tuple[np.ndarray, np.ndarray]:
    """Intermediate and final exports (n × C each): sales of ``i`` to the industries (the final
    users) of country ``s``; the column of ``i``'s own country is 0."""
    c, k = table.n_countries, table.n_industries
    home = np.repeat(np.arange(c), k)
    inter = table.Z.reshape(table.n, c, k).sum(axis=2)
    final = np.array(table.final_by_destination(), dtype=np.float64)
    inter[np.arange(table.n), home] = 0.0
    final[np.arange(table.n), home] = 0.0
    return inter, final


def gross_exports(table: ICIOTable) -> np.ndarray:
    """Gross exports per country-industry (n): intermediate and final sales to other countries."""
    inter, final = bilateral_exports(table)
    return (inter + final).sum(axis=1)


def value_added_multipliers(A: np.ndarray, lu: tuple, c: int, k: int) -> np.ndarray:
    """``W`` (n × C), ``W[j, s] = Σ_{i∈s} v_i B_ij``: value added of country ``s`` per unit of
    output of ``j``, with ``v = 1 − 1'A``; ``lu`` = LU factors of ``I − A`` (``lu_factor``).
    ``W' = V'(I − A)⁻¹`` solves ``(I − A)'W = V``, V (n × C) holding ``v_i`` in column
    country(i); the rows of ``W`` sum to 1 (``v'B = 1'``)."""
    n = c * k
    V = np.zeros((n, c))
    V[np.arange(n), np.repeat(np.arange(c), k)] = 1.0 - A.sum(axis=0)
    return lu_solve(lu, V, trans=1, check_finite=False)


def value_added_in_exports(table: ICIOTable) -> np.ndarray:
    """``M[r, s]`` (C × C): value added of country ``r`` embodied in the gross exports of ``s``."""
    c, k, n = table.n_countries, table.n_industries, table.n
    A = technical_coefficients(table.Z, table.x)
    W = value_added_multipliers(A, lu_factor(np.eye(n) - A, check_finite=False), c, k)
    return (W.T * gross_exports(table)[np.newaxis, :]).reshape(c, c, k).sum(axis=2)


def _manufacturing_mask(table: ICIOTable, manufacturing: Sequence[str]) -> np.ndarray:
    unknown = sorted(set(manufacturing) - set(table.industries))
    if unknown or not manufacturing:
        raise DataError(
            table.source, "manufacturing industries exist in the table", unknown or ["<empty set>"]
        )
    return np.isin(np.asarray(table.industries), list(manufacturing))


def country_indicators(table: ICIOTable, manufacturing: Sequence[str]) -> pd.DataFrame:
    """Exports, DVA, FVA, DVX, GVCP, ω, μ, υ for every country of ``table`` (RoW included).

    Columns: iso3, year, exports, dva, fva, dvx, gvcp, omega, mu, upsilon (formulas in the
    module docstring; values in the table's currency units, shares as fractions).
    """
    c, k = table.n_countries, table.n_industries
    m = _manufacturing_mask(table, manufacturing)
    M = value_added_in_exports(table)
    dva = np.diag(M).copy()
    exports = gross_exports(table).reshape(c, k).sum(axis=1)
    fva = M.sum(axis=0) - dva
    dvx = M.sum(axis=1) - dva
    # Final demand for manufactures: origin country × destination country.
    fd = table.final_by_destination().reshape(c, k, c)[:, m, :].sum(axis=1)
    # Intermediate inputs into manufacturing: origin country × using country.
    zm = table.Z.reshape(c, k, c, k)[:, :, :, m].sum(axis=(1, 3))
    x = table.x.reshape(c, k)[:, m].sum(axis=1)
    va = (table.x - table.Z.sum(axis=0)).reshape(c, k)[:, m].sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = pd.DataFrame(
            {
                "iso3": table.countries,
                "year": np.full(c, table.year, dtype=np.int64),
                "exports": exports,
                "dva": dva,
                "fva": fva,
                "dvx": dvx,
                "gvcp": (fva + dvx) / exports,
                "omega": np.diag(fd) / fd.sum(axis=0),
                "mu": np.diag(zm) / zm.sum(axis=0),
                "upsilon": va / x,
            }
        )
    return out[COLUMNS]


def year_indicators(
    table: ICIOTable, manufacturing: Sequence[str], file: str | Path | None = None
) -> pd.DataFrame:
    """:func:`country_indicators` of one year after :func:`check_identities` (DVA + FVA = E);
    a failure names ``file`` (default: the table's source)."""
    frame = country_indicators(table, manufacturing)
    check_identities(frame, table.source if file is None else file)
    return frame


def check_identities(
    indicators: pd.DataFrame, file: str | Path = "<icio>", rtol: float = 1e-9
) -> None:
    """Raise :class:`DataError` for every (iso3, year) with ``|DVA + FVA − E| > rtol·|E|``."""
    gap = (indicators["dva"] + indicators["fva"] - indicators["exports"]).abs()
    bad = indicators[~(gap <= rtol * indicators["exports"].abs())]
    if len(bad):
        keys = list(zip(bad["iso3"], bad["year"], strict=True))
        raise DataError(file, f"DVA + FVA = gross exports (rtol {rtol:g})", keys)


#: What each measured indicator is, for the audit trail of the country panel.
ICIO_FORMULAS = {
    "gvcp": formula("fva_dvx"),
    "omega": "omega = domestic share of the country's final demand for manufactures",
    "mu": "mu = domestic share of intermediate inputs into the country's manufacturing",
    "upsilon": "upsilon = (x - column sums of Z) / x over the country's manufacturing",
}


def icio_audit(
    files: Sequence[str | Path],
    adapter: str,
    manufacturing: Sequence[str],
    gvcp: str = "fva_dvx",
) -> dict[str, dict[str, object]]:
    """Audit entries of the measured indicators: formula, manufacturing set, source tables;
    ``gvcp`` names the GVCP measure (``gvcpanel.construct.gvcp``)."""
    sources = [{"input": f"icio ({adapter})", "file": str(f)} for f in files]
    formulas = ICIO_FORMULAS | {"gvcp": formula(gvcp)}
    return {
        var: {
            "formula": text,
            "components": [f"ICIO table ({adapter}); manufacturing = {', '.join(manufacturing)}"],
            "sources": sources,
        }
        for var, text in formulas.items()
    }
