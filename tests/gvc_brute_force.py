"""Reference implementation for the tests: KWW (2014) eq. (36) and WWZ (2013) eq. (37) written
term by term as loops over countries, with explicit inverses ``B = (I − A)⁻¹`` and
``L_ss = (I − A_ss)⁻¹`` (numpy.linalg.inv), on small tables.

Rows that do not balance are balanced as ``gvcpanel.construct.icio_decomposition`` documents:
the gap ``x − A x − Y 1`` is added to the producing country's own final demand ``Y_ss``.
"""

from __future__ import annotations

import numpy as np

from gvcpanel.sources.icio import ICIOTable


class Blocks:
    """A, B, L, v, balanced Y and bilateral exports of a table, addressed by country."""

    def __init__(self, table: ICIOTable) -> None:
        self.C, self.K, n = table.n_countries, table.n_industries, table.n
        x = table.x
        A = np.zeros((n, n))
        for j in range(n):
            if x[j] != 0:
                A[:, j] = table.Z[:, j] / x[j]
        fd = table.final_by_destination()
        Y = fd.copy()
        gap = x - A @ x - fd.sum(axis=1)
        for i in range(n):
            Y[i, i // self.K] += gap[i]
        self.A, self.B, self.x, self.Y = A, np.linalg.inv(np.eye(n) - A), x, Y
        self.v = 1 - A.sum(axis=0)
        self.L = {s: np.linalg.inv(np.eye(self.K) - self.a(s, s)) for s in range(self.C)}
        # bilateral exports E_sr (intermediate + final), from the raw table
        self.Esr = {
            (s, r): table.Z[self.ix(s), self.ix(r)].sum(axis=1) + fd[self.ix(s), r]
            for s in range(self.C)
            for r in range(self.C)
            if r != s
        }

    def ix(self, s: int) -> slice:
        return slice(s * self.K, (s + 1) * self.K)

    def a(self, s: int, r: int) -> np.ndarray:
        return self.A[self.ix(s), self.ix(r)]

    def b(self, s: int, r: int) -> np.ndarray:
        return self.B[self.ix(s), self.ix(r)]

    def y(self, s: int, r: int) -> np.ndarray:
        return self.Y[self.ix(s), r]

    def V(self, s: int) -> np.ndarray:
        return self.v[self.ix(s)]

    def E(self, s: int) -> np.ndarray:
        return sum(self.Esr[s, r] for r in range(self.C) if r != s)

    def others(self, *skip: int) -> list[int]:
        return [t for t in range(self.C) if t not in skip]


def kww_brute(table: ICIOTable) -> np.ndarray:
    """KWW's nine terms per country (C × 9), eq. (36)."""
    m = Blocks(table)
    rows = []
    for s in range(m.C):
        Vs, R = m.V(s), m.others(s)
        fva = sum(m.V(t) @ m.b(t, s) for t in R)
        rows.append(
            [
                Vs @ m.b(s, s) @ sum(m.y(s, r) for r in R),
                sum(Vs @ m.b(s, r) @ m.y(r, r) for r in R),
                sum(Vs @ m.b(s, r) @ m.y(r, t) for r in R for t in m.others(s, r)),
                sum(Vs @ m.b(s, r) @ m.y(r, s) for r in R),
                sum(Vs @ m.b(s, r) @ m.a(r, s) @ m.L[s] @ m.y(s, s) for r in R),
                sum(Vs @ m.b(s, r) @ m.a(r, s) @ m.L[s] @ m.E(s) for r in R),
                fva @ sum(m.y(s, r) for r in R),
                fva @ sum(m.a(s, r) @ m.L[r] @ m.y(r, r) for r in R),
                fva @ sum(m.a(s, r) @ m.L[r] @ m.E(r) for r in R),
            ]
        )
    return np.array(rows)


def _wwz_pair(m: Blocks, s: int, r: int) -> list[np.ndarray]:
    """The 16 WWZ terms of the exports of s to r, vectors over s's industries."""
    T = m.others(s, r)
    vbss, vlss = m.V(s) @ m.b(s, s), m.V(s) @ m.L[s]
    ova = sum((m.V(t) @ m.b(t, s) for t in T), np.zeros(m.K))
    mva = m.V(r) @ m.b(r, s)
    asr, zero = m.a(s, r), np.zeros(m.K)
    rex = sum((m.b(r, t) @ sum(m.y(t, u) for u in m.others(s, t)) for t in T), zero)
    y_local = asr @ m.L[r] @ m.y(r, r)
    e_local = asr @ m.L[r] @ m.E(r)
    return [
        vbss * m.y(s, r),
        vlss * (asr @ m.b(r, r) @ m.y(r, r)),
        vlss * (asr @ sum((m.b(r, t) @ m.y(t, t) for t in T), zero)),
        vlss * (asr @ m.b(r, r) @ sum((m.y(r, t) for t in T), zero)),
        vlss * (asr @ rex),
        vlss * (asr @ m.b(r, s) @ m.y(s, s)),
        vlss * (asr @ m.b(r, r) @ m.y(r, s)),
        vlss * (asr @ sum((m.b(r, t) @ m.y(t, s) for t in T), zero)),
        ova * m.y(s, r),
        mva * m.y(s, r),
        ova * y_local,
        mva * y_local,
        vlss * (asr @ m.b(r, s) @ sum(m.y(s, t) for t in m.others(s))),
        (vbss - vlss) * (asr @ m.x[m.ix(r)]),
        ova * e_local,
        mva * e_local,
    ]


def wwz_brute(table: ICIOTable) -> np.ndarray:
    """WWZ's 16 terms as (C·K·C, 16): rows exporter country, industry, importer (eq. 37)."""
    m = Blocks(table)
    out = np.zeros((m.C, m.K, m.C, 16))
    for s in range(m.C):
        for r in m.others(s):
            out[s, :, r, :] = np.column_stack(_wwz_pair(m, s, r))
    return out.reshape(-1, 16)
