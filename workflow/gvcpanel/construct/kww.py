"""Koopman, Wang and Wei (2014): the 9 terms of each country's gross exports (decompr's ``kww``).

With the notation of :mod:`gvcpanel.construct.icio_decomposition` (``V_s`` the value-added
coefficients of s, ``B_sr`` and ``L_ss`` blocks of the global and local inverses, ``Y_sr`` final
demand of r for s's products, ``E_s*`` s's gross exports; sums over r run over r ≠ s, over t
over t ≠ s, r) the gross exports of s split as KWW (2014), eq. (36) and Figure 1:

====== =========== =====================================================================
 no.    term        formula
====== =========== =====================================================================
 1      DVA_FIN     ``V_s B_ss Σ_r Y_sr``: domestic VA in final exports
 2      DVA_INT     ``V_s Σ_r B_sr Y_rr``: in intermediates absorbed by the direct importer
 3      DVA_INTrex  ``V_s Σ_r Σ_t B_sr Y_rt``: in intermediates re-exported to third countries
 4      RDV_FIN     ``V_s Σ_r B_sr Y_rs``: returning home in final imports
 5      RDV_INT     ``V_s Σ_r B_sr A_rs L_ss Y_ss``: returning home in intermediate imports
 6      DDC         ``V_s Σ_r B_sr A_rs L_ss E_s*``: double-counted domestic VA
 7      FVA_FIN     ``Σ_{t≠s} V_t B_ts Σ_r Y_sr``: foreign VA in final exports
 8      FVA_INT     ``Σ_{t≠s} V_t B_ts Σ_r A_sr L_rr Y_rr``: foreign VA in intermediate exports
 9      FDC         ``Σ_{t≠s} V_t B_ts Σ_r A_sr L_rr E_r*``: double-counted foreign VA
====== =========== =====================================================================

Terms 1–3 are value-added exports (term 3 = KWW's indirect value-added exports IV), 1–5
domestic value added in exports, 1–6 the domestic content ``V_s B_ss E_s*`` and 7–9 the foreign
content ``Σ_{t≠s} V_t B_ts E_s*``. All nine come from ``W`` (one LU
solve of ``(I − A)'``, C right-hand sides) and two local solves; every term is computed from
its formula (decompr takes FDC as the residual), so that their sum equaling gross exports is a
check: :func:`kww` raises :class:`DataError` for a country where it fails by more than 1e-9
relative. Rows: the table's countries in its order; column ``Country`` and the nine terms.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.construct.icio_decomposition import LeontiefSystem, check_sum
from gvcpanel.sources.adapters import as_table
from gvcpanel.sources.icio import ICIOTable

KWW_TERMS = (
    "DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC", "FVA_FIN", "FVA_INT", "FDC",
)  # fmt: skip


def foreign_inputs(system: LeontiefSystem, w: np.ndarray) -> np.ndarray:
    """``AW[j, s] = Σ_{k∈s} A_jk w_k`` for rows ``j`` outside ``s`` (0 inside): the imports of
    ``j``'s country from ``s``, per unit of ``j``, weighted by ``w`` (n × C)."""
    c, k, n = system.c, system.k, system.n
    out = np.einsum("jsk,sk->js", system.A.reshape(n, c, k), w.reshape(c, k))
    out[np.arange(n), system.owner] = 0.0
    return out


def kww_terms(system: LeontiefSystem) -> np.ndarray:
    """The nine terms (C × 9, in :data:`KWW_TERMS` order) of every country (module docstring)."""
    W, Y = system.W, system.Y
    w_own = system.own(W)  # V_s B_ss, column j of s
    w_foreign = W.sum(axis=1) - w_own  # Σ_{t≠s} V_t B_ts
    y_home = system.own(Y)
    y_exported = Y.sum(axis=1) - y_home
    absorbed = W.T @ Y  # [s, r]: VA of s absorbed in r
    # A_rs L_ss Y_ss and A_rs L_ss E_s*, for products j of r ≠ s (rows) and s (columns)
    ly = foreign_inputs(system, system.local_solve(y_home))
    le = foreign_inputs(system, system.local_solve(system.E))
    per = system.by_country
    dva_fin = per(w_own * y_exported)
    dva_int = W.T @ y_home - per(w_own * y_home)
    vax = absorbed.sum(axis=1) - np.diag(absorbed)
    return np.column_stack(
        [
            dva_fin,
            dva_int,
            vax - dva_fin - dva_int,
            np.diag(absorbed) - per(w_own * y_home),
            (W * ly).sum(axis=0),
            (W * le).sum(axis=0),
            per(w_foreign * y_exported),
            per(w_foreign * ly.sum(axis=1)),
            per(w_foreign * le.sum(axis=1)),
        ]
    )


def kww(source: ICIOTable | str | Path, adapter: str | None = None) -> pd.DataFrame:
    """KWW (2014)'s nine terms of each country's gross exports, as decompr's ``kww``.

    ``source``: an :class:`ICIOTable` or a file ``adapter`` reads (``wiod``, ``oecd_icio``;
    default by suffix). Columns ``Country`` and :data:`KWW_TERMS`, one row per country.
    """
    table = as_table(source, adapter)
    system = LeontiefSystem(table)
    terms = kww_terms(system)
    exports = system.by_country(system.E)
    check_sum(
        terms.sum(axis=1),
        exports,
        table.countries.__getitem__,
        table.source,
        "9 KWW terms = exports",
    )
    frame = pd.DataFrame(terms, columns=list(KWW_TERMS))
    frame.insert(0, "Country", table.countries)
    return frame
