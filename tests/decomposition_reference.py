"""Reference implementation for the tests: dynamic decompositions of ``P_t = Σ_j s_jt x_jt``.

Between two periods, into continuing-firm terms and entry/exit terms, in the Griliches–Regev
(GR), Baily–Hulten–Campbell (BHC) and Foster–Haltiwanger–Krizan (FHK) variants. With C the
continuers, N the entrants (present only in t1), X the exiters (present only in t0), Δ = t1 − t0,
a bar the two-period mean and ``P̄ = (P0 + P1)/2``:

- GR:  within = Σ_C s̄Δx; between = Σ_C Δs(x̄ − P̄); entry = Σ_N s1(x1 − P̄); exit = −Σ_X s0(x0 − P̄)
- BHC: within = Σ_C s0Δx; between = Σ_C Δs x1; entry = Σ_N s1x1; exit = −Σ_X s0x0
- FHK: within = Σ_C s0Δx; between = Σ_C Δs(x0 − P0); cross = Σ_C ΔsΔx;
  entry = Σ_N s1(x1 − P0); exit = −Σ_X s0(x0 − P0)

The components add up to ``P1 − P0`` whenever the shares sum to one in each period (GR, FHK) or
always (BHC). The tests check it against the dfvad fixture and use it as an independent route to
the GR terms of :func:`gvcpanel.papers.liu_2013.decomposition.liu_decomposition`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from gvcpanel.errors import DataError

METHODS = ("GR", "BHC", "FHK")


def dynamic_decomposition(
    df: pd.DataFrame,
    t0: object,
    t1: object,
    method: str = "GR",
    *,
    id_col: str = "id",
    period: str = "period",
    x: str = "x",
    s: str = "s",
    by: Sequence[str] = (),
    source: str = "<DataFrame>",
) -> pd.DataFrame:
    """Decompose ``ΔP = P(t1) − P(t0)``, ``P = Σ s·x``, per ``by`` group (module doc: formulas).

    Returns one row per group with ``P0``, ``P1``, ``dP`` and the method's components
    (``within``, ``between``, [``cross`` for FHK], ``entry``, ``exit``) and their ``total``.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    by = list(by)
    keys = [*by, id_col]
    for col in [*keys, period, x, s]:
        if col not in df.columns:
            raise DataError(source, f"column {col!r} present", [col])
    parts = []
    for t, suffix in ((t0, "0"), (t1, "1")):
        part = df.loc[df[period] == t, [*keys, x, s]]
        dup = part[part.duplicated(keys, keep=False)]
        if len(dup):
            bad = list(dup[keys].itertuples(index=False, name=None))
            raise DataError(source, f"unique ({', '.join(keys)}) in period {t}", bad)
        missing = part[part[[x, s]].isna().any(axis=1)]
        if len(missing):
            bad = list(missing[keys].itertuples(index=False, name=None))
            raise DataError(source, f"{x} and {s} not missing in period {t}", bad)
        parts.append(part.rename(columns={x: "x" + suffix, s: "s" + suffix}))
    m = parts[0].merge(parts[1], on=keys, how="outer", indicator=True)
    if not by:
        m["_all"] = 0
        by = ["_all"]
    m = m.fillna({"x0": 0.0, "s0": 0.0, "x1": 0.0, "s1": 0.0})
    cont = (m["_merge"] == "both").to_numpy(dtype=float)
    entr = (m["_merge"] == "right_only").to_numpy(dtype=float)
    exit_ = (m["_merge"] == "left_only").to_numpy(dtype=float)
    x0, x1, s0, s1 = (m[c].to_numpy(dtype=float) for c in ("x0", "x1", "s0", "s1"))
    m["_p0"] = s0 * x0
    m["_p1"] = s1 * x1
    grp = m.groupby(by, sort=True, dropna=False)
    p0 = grp["_p0"].transform("sum").to_numpy()
    p1 = grp["_p1"].transform("sum").to_numpy()
    dx, ds = x1 - x0, s1 - s0
    if method == "GR":
        pbar = (p0 + p1) / 2
        terms = {
            "within": cont * (s0 + s1) / 2 * dx,
            "between": cont * ds * ((x0 + x1) / 2 - pbar),
            "entry": entr * s1 * (x1 - pbar),
            "exit": -exit_ * s0 * (x0 - pbar),
        }
    elif method == "BHC":
        terms = {
            "within": cont * s0 * dx,
            "between": cont * ds * x1,
            "entry": entr * s1 * x1,
            "exit": -exit_ * s0 * x0,
        }
    else:
        terms = {
            "within": cont * s0 * dx,
            "between": cont * ds * (x0 - p0),
            "cross": cont * ds * dx,
            "entry": entr * s1 * (x1 - p0),
            "exit": -exit_ * s0 * (x0 - p0),
        }
    for name, values in terms.items():
        m[name] = values
    out = m.groupby(by, sort=True, dropna=False)[["_p0", "_p1", *terms]].sum()
    out = out.rename(columns={"_p0": "P0", "_p1": "P1"})
    out["dP"] = out["P1"] - out["P0"]
    out["total"] = out[list(terms)].sum(axis=1)
    out = out.reset_index()
    return out.drop(columns="_all") if "_all" in out.columns else out
