"""Where the specification curve agrees with Qu & Yang (2023): the rules of the replication report.

- a slope **agrees** when it has the paper's sign and the same significance at 5% (the paper's
  stars, ``**`` or more, against this run's 95% CI excluding 0); **sign only** when the sign
  matches and the significance does not; it **differs** when the sign does not;
- the threshold φ agrees when the paper's φ lies in this run's 95% LR interval and the
  single-threshold test has the same significance at 5% (the paper's bootstrap p, this run's);
- φ is **at the edge** of its interval when it is a bound of it or one grid candidate from one
  (``edge_steps`` <= :data:`EDGE_STEPS`): the interval is then open on that side;
- shares over specifications count distinct specifications only (design duplicates are not
  estimated, ``speccurve.EQUIVALENCES``), and the counts of sign and significance of eqs (16)
  and (17) also count once the specifications that differ only in dimensions that change their
  units (:data:`UNITS_ONLY`; not so in the threshold model, where centring moves φ).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from gvcpanel.papers.qu_yang_2023.speccurve import DIMENSION_EFFECTS, DIMENSIONS, canonical

LEVEL = 0.05
#: Stars of the paper's tables at 5% or better.
PAPER_STARS_AT_LEVEL = 2
#: φ this many grid candidates (or fewer) from a bound of its LR interval is at the edge.
EDGE_STEPS = 1
#: Dimensions that only rescale the slopes of :data:`LINEAR_MODELS` (no sign, t or p changes).
UNITS_ONLY = ("standardize",)
LINEAR_MODELS = ("eq16", "eq17")


class Verdict(NamedTuple):
    """``kind``: ``agrees``, ``sign_only`` or ``differs``; ``text``: why, in words."""

    kind: str
    text: str


def paper_significance(reference: Mapping[str, Any]) -> dict[tuple[str, str], bool]:
    """Whether each headline estimate of the paper is significant at 5%: Table 1's stars (eqs 16
    and 17) and the single-threshold test's bootstrap p of Table 2 (φ)."""
    t1 = reference["table1"]
    out = {}
    for model in ("eq16", "eq17"):
        j = t1["columns"].index(model)
        for term in ("omega", "mu", "upsilon", "gr"):
            out[(model, term)] = len(t1[term][j]["stars"]) >= PAPER_STARS_AT_LEVEL
    p = float(reference["table2_threshold_tests"]["mu"]["single"]["p"])
    out[("threshold", "phi")] = p < LEVEL
    return out


def significant(ci_lower: float, ci_upper: float) -> bool:
    """The 95% CI excludes 0."""
    return bool(ci_lower > 0 or ci_upper < 0)


def _here(sig: bool) -> str:
    return "significant at 5% here" if sig else "not significant at 5% here"


def slope_verdict(coef: float, lo: float, hi: float, ref: float, ref_sig: bool) -> Verdict:
    """Sign and significance of one slope (CI [lo, hi]) against the paper's ``ref``."""
    sig, paper = significant(lo, hi), "the paper's is" if ref_sig else "the paper's is not"
    if np.sign(coef) != np.sign(ref):
        return Verdict("differs", f"opposite sign, {_here(sig)} ({paper})")
    if sig == ref_sig:
        both = "significant at 5% in both" if sig else "not significant at 5% in either"
        return Verdict("agrees", f"same sign, {both}")
    return Verdict("sign_only", f"same sign, {_here(sig)} ({paper})")


def phi_verdict(lo: float, hi: float, p: float, ref: float, ref_sig: bool) -> Verdict:
    """The paper's φ ``ref`` in this run's LR interval [lo, hi], and the test's significance."""
    sig, paper = bool(p < LEVEL), "the paper's is" if ref_sig else "the paper's is not"
    where = "inside" if lo <= ref <= hi else "outside"
    text = f"paper's φ {where} the LR interval, the threshold test {_here(sig)} ({paper})"
    if where == "outside":
        return Verdict("differs", text)
    return Verdict("agrees" if sig == ref_sig else "sign_only", text)


def at_edge(row: Mapping[str, Any]) -> bool:
    """φ (``coef``) a bound of its interval, or within :data:`EDGE_STEPS` grid candidates of one
    (``edge_steps``; without it, φ equal to a bound)."""
    steps = row.get("edge_steps", np.nan)
    if steps is not None and np.isfinite(steps):
        return bool(steps <= EDGE_STEPS)
    phi = row["coef"]
    return bool(np.isclose(phi, row["ci_lower"]) or np.isclose(phi, row["ci_upper"]))


def distinct_specs(rows: pd.DataFrame, ignore: Sequence[str] = ()) -> list[str]:
    """Spec ids of ``rows``, the first of every model (:func:`speccurve.canonical` key of the
    dimension columns, ``ignore``'d dimensions left out), in id order."""
    first = rows.drop_duplicates("spec").sort_values("spec")
    keep: dict[tuple[str, ...], str] = {}
    for _, r in first.iterrows():
        key, _ = canonical(r)
        kept = tuple(v for d, v in zip(DIMENSIONS, key, strict=True) if d not in ignore)
        keep.setdefault(kept, r["spec"])
    return sorted(keep.values())


def comparable(d: pd.DataFrame, model: str) -> pd.DataFrame:
    """The rows of ``d`` (one model's) of the specifications distinct in sign and significance:
    distinct up to :data:`UNITS_ONLY` in :data:`LINEAR_MODELS`, distinct models elsewhere."""
    ignore = UNITS_ONLY if model in LINEAR_MODELS else ()
    return d[d["spec"].isin(distinct_specs(d, ignore))]


def shares(d: pd.DataFrame, term: str, ref: float, ref_sig: bool) -> str:
    """How many distinct specifications agree with the paper,
    in words; ``d``: one term's rows of the specifications distinct up to units."""
    n = len(d)
    of = f"of {n} distinct specifications"
    if term == "phi":
        inside = int(((d["ci_lower"] <= ref) & (ref <= d["ci_upper"])).sum())
        edge = int(sum(at_edge(r) for _, r in d.iterrows()))
        return (
            f"paper's φ inside the LR interval in {inside} {of}; φ at the edge of its own "
            f"interval in {edge} of them"
        )
    sign = np.sign(d["coef"]) == np.sign(ref)
    sig = (d["ci_lower"] > 0) | (d["ci_upper"] < 0)
    both = int((sign & (sig == ref_sig)).sum())
    return (
        f"paper's sign in {int(sign.sum())} {of}, "
        f"paper's sign and significance in {both}, 95% CI excludes 0 in {int(sig.sum())}"
    )


def design_section(specs: Sequence[Mapping[str, Any]]) -> list[str]:
    """What each dimension can and cannot change, and the duplicates the design left out."""
    dups = [s for s in specs if s.get("duplicate_of")]
    lines = [
        "## What each choice can change",
        "",
        *(f"- `{d}`: {DIMENSION_EFFECTS[d]}." for d in DIMENSIONS),
        "",
        f"Of the {len(specs)} specifications of the grid, {len(specs) - len(dups)} are distinct "
        f"models, estimated; {len(dups)} repeat{'s' if len(dups) == 1 else ''} an earlier one "
        "by design and not estimated (a rule on the choices, `speccurve.EQUIVALENCES`, not a "
        "comparison of results):",
        "",
        *(
            f"- {s['id']} ({', '.join(s['changed'])}) = {s['duplicate_of']}: "
            f"{'; '.join(s['same_because'])}."
            for s in dups
        ),  # fmt: skip
    ]
    return [*lines, ""]
