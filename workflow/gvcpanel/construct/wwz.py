"""Wang, Wei and Zhu (2013): 16 terms of each bilateral export flow by exporting industry
(decompr's ``wwz``).

For exporting industry ``j`` of country s and importer r ≠ s (``#`` = element by element over
the exporting industries; ``t`` runs over t ≠ s, r; ``u`` over u ≠ s, t; the notation of
:mod:`gvcpanel.construct.icio_decomposition`), WWZ (2013) eq. (37) and Table E1 (decompr's names):

== ============= ============================================================================
 1 DVA_FIN       ``(V_s B_ss)' # Y_sr``
 2 DVA_INT       ``(V_s L_ss)' # (A_sr B_rr Y_rr)``
 3 DVA_INTrexI1  ``(V_s L_ss)' # (A_sr Σ_t B_rt Y_tt)``
 4 DVA_INTrexF   ``(V_s L_ss)' # (A_sr B_rr Σ_t Y_rt)``
 5 DVA_INTrexI2  ``(V_s L_ss)' # (A_sr Σ_t B_rt Σ_u Y_tu)``
 6 RDV_INT       ``(V_s L_ss)' # (A_sr B_rs Y_ss)``
 7 RDV_FIN       ``(V_s L_ss)' # (A_sr B_rr Y_rs)``
 8 RDV_FIN2      ``(V_s L_ss)' # (A_sr Σ_t B_rt Y_ts)``
 9 OVA_FIN       ``(Σ_t V_t B_ts)' # Y_sr``
10 MVA_FIN       ``(V_r B_rs)' # Y_sr``
11 OVA_INT       ``(Σ_t V_t B_ts)' # (A_sr L_rr Y_rr)``
12 MVA_INT       ``(V_r B_rs)' # (A_sr L_rr Y_rr)``
13 DDC_FIN       ``(V_s L_ss)' # (A_sr B_rs Σ_{t≠s} Y_st)``
14 DDC_INT       ``(V_s B_ss − V_s L_ss)' # (A_sr X_r)``
15 ODC           ``(Σ_t V_t B_ts)' # (A_sr L_rr E_r*)``
16 MDC           ``(V_r B_rs)' # (A_sr L_rr E_r*)``
== ============= ============================================================================

Terms 2–8 and 13 are ``(V_s L_ss)' # (A_sr q)`` with ``q`` a K-vector of r's industries built
from four n × C products: ``BY`` (``Σ_t B_rt Y_tu``), ``P`` (``B_rt Y_tt``), ``S``
(``B_rt Y_t·1``), each one LU solve, and ``G`` (``B_rr Y_ru``) from the diagonal blocks of ``B``
(formed once). ``A_sr q`` for every pair (s, r) is one batched K × K product. Beside the terms:
``texp``, ``texpint``, ``texpfd`` (the flow ``E_sr`` and its intermediate and final parts) and
``DViX_Fsr = v̂_s L_ss E_sr`` (by the source industry of ``j``'s row), as decompr; decompr's
rounded check columns (``texpdiff`` …) are left out, they are differences of these. The 16
terms add up to ``texp`` exactly (module docstring of ``icio_decomposition``); :func:`wwz`
raises :class:`DataError` for the flows where they miss by more than 1e-9 relative.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.construct.icio_decomposition import LeontiefSystem, check_sum, labels
from gvcpanel.sources.adapters import as_table
from gvcpanel.sources.icio import ICIOTable

WWZ_TERMS = (
    "DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2", "RDV_INT", "RDV_FIN",
    "RDV_FIN2", "OVA_FIN", "MVA_FIN", "OVA_INT", "MVA_INT", "DDC_FIN", "DDC_INT", "ODC", "MDC",
)  # fmt: skip
FLOWS = ("texp", "texpint", "texpfd")
KEYS = ("Exporting_Country", "Exporting_Industry", "Importing_Country")


def _split(system: LeontiefSystem, by: np.ndarray) -> np.ndarray:
    """``Σ_{k∈t} B_ik by_k`` (n × C): ``B`` times the n-vector ``by`` split by producer ``t``."""
    rhs = np.zeros((system.n, system.c))
    rhs[np.arange(system.n), system.owner] = by
    return system.solve(rhs)


def _importer_vectors(system: LeontiefSystem) -> np.ndarray:
    """The ``q`` of terms 2–8 and 13: (8, s, r, i) for the industries ``i`` of importer r."""
    c, k = system.c, system.k
    Y3 = system.Y.reshape(c, k, c)
    diag = np.arange(c)
    # [r, i, u] with i an industry of r: Σ_t B_rt Y_tu, B_ru Y_uu, B_ru Y_u·1, B_rr Y_ru
    Q = system.solve(system.Y).reshape(c, k, c)
    P = _split(system, system.own(system.Y)).reshape(c, k, c)
    S = _split(system, system.Y.sum(axis=1)).reshape(c, k, c)
    G = np.einsum("rik,rku->riu", system.blocks(system.B)[diag, :, diag, :], Y3)
    own = {name: M[diag, :, diag][:, :, None] for name, M in (("P", P), ("S", S), ("G", G))}
    total = {name: M.sum(axis=2, keepdims=True) for name, M in (("P", P), ("S", S), ("G", G))}
    via_third = Q - P - G  # Σ_{t≠s,r} B_rt Y_ts, with s the last index
    q = [
        np.broadcast_to(own["G"], G.shape),
        total["P"] - P - own["P"],
        total["G"] - own["G"] - G,
        (total["S"] - own["S"] - S) - (total["P"] - own["P"] - P) - via_third,
        P,
        G,
        via_third,
        S - P,
    ]
    return np.stack(q).transpose(0, 3, 1, 2)  # (term, s, r, i)


def _exports_of(system: LeontiefSystem, q: np.ndarray) -> np.ndarray:
    """``(A_sr q_sr)_j`` for q (..., s, r, i) → (..., s, j, r); 0 where r = s."""
    A4 = system.blocks(system.A).transpose(0, 2, 1, 3)  # (s, r, j, i)
    out = np.matmul(A4, q[..., None])[..., 0]  # (..., s, r, j)
    diag = np.arange(system.c)
    out[..., diag, diag, :] = 0.0
    return np.swapaxes(out, -1, -2)


def wwz_terms(system: LeontiefSystem) -> np.ndarray:
    """The 16 terms as (16, s, j, r), in :data:`WWZ_TERMS` order (module docstring)."""
    c, k = system.c, system.k
    W3 = system.W.reshape(c, k, c)  # [s, j, t] = Σ_{k∈t} v_k B_kj for j of s
    w_own = system.own(system.W).reshape(c, k, 1)  # V_s B_ss
    mva = W3  # V_r B_rs, r the last index
    ova = W3.sum(axis=2, keepdims=True) - w_own - W3
    vl = system.local_solve(system.v, trans=True).reshape(c, k, 1)  # V_s L_ss
    y_sr = system.Y.reshape(c, k, c).copy()
    y_sr[np.arange(c), :, np.arange(c)] = 0.0
    local = _exports_of(system, _importer_vectors(system))  # terms 2–8, 13 without V_s L_ss
    ends = np.stack(
        [
            np.broadcast_to(system.local_solve(system.own(system.Y)).reshape(c, k), (c, c, k)),
            np.broadcast_to(system.local_solve(system.E).reshape(c, k), (c, c, k)),
            np.broadcast_to(system.x.reshape(c, k), (c, c, k)),
        ]
    )  # L_rr Y_rr, L_rr E_r*, X_r as (term, s, r, i)
    aly, ale, ax = _exports_of(system, ends)
    return np.stack(
        [
            w_own * y_sr,
            *(vl * local[:7]),
            ova * y_sr,
            mva * y_sr,
            ova * aly,
            mva * aly,
            vl * local[7],
            (w_own - vl) * ax,
            ova * ale,
            mva * ale,
        ]
    )


def wwz(source: ICIOTable | str | Path, adapter: str | None = None) -> pd.DataFrame:
    """WWZ (2013)'s 16 terms of every exporting country-industry × importing country flow.

    ``source``: an :class:`ICIOTable` or a file ``adapter`` reads. Rows as decompr: exporting
    country, then industry, then importing country (own country included, all zero), each in
    table order. Columns: :data:`KEYS`, :data:`WWZ_TERMS`, ``texp``, ``texpint``, ``texpfd``,
    ``DViX_Fsr``.
    """
    table = as_table(source, adapter)
    system = LeontiefSystem(table)
    c, k, n = system.c, system.k, system.n
    terms = wwz_terms(system).reshape(len(WWZ_TERMS), n * c)
    flows = [system.ESR.ravel(), system.Eint.ravel(), system.Efd.ravel()]
    forward = system.v[:, None] * system.local_solve(system.ESR)
    frame = pd.DataFrame(
        {
            KEYS[0]: labels(table.countries, k * c, 1),
            KEYS[1]: labels(table.industries, c, c),
            KEYS[2]: labels(table.countries, 1, n),
            **dict(zip(WWZ_TERMS, terms, strict=True)),
            **dict(zip(FLOWS, flows, strict=True)),
            "DViX_Fsr": forward.ravel(),
        }
    )

    def key(row: int) -> tuple[str, ...]:
        return tuple(str(frame[name].iat[row]) for name in KEYS)

    check_sum(terms.sum(axis=0), flows[0], key, table.source, "16 WWZ terms = bilateral exports")
    return frame
