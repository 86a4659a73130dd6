"""Specification curve of Qu & Yang's eqs (16), (17) and the single threshold of eq. (19).

Every specification is one set of construction and estimation choices (``DIMENSIONS``):

- ``countries``: a named country set, kept where the input-output table and the WDI cover it;
- ``years``: ``"first-last"``;
- ``standardize``: ``zscore`` | ``none`` (regression variables; ω stays raw as threshold variable);
- ``gvcp``: the GVC participation measure, a name of :data:`gvcpanel.construct.gvcp.MEASURES`
  (as ``country_panel.icio.gvcp``): ``fva_dvx`` = (FVA + DVX)/E (UNCTAD-Eora's, the paper's),
  ``kww`` = (IV + FV)/E from Koopman, Wang & Wei's (2014) terms, or the backward or forward part
  of either;
- ``denominator`` of that measure: ``exports`` (gross exports E_s) | ``value_added`` (the
  country's value added, Σ_{i∈s} (x_i − Σ_j Z_ji));
- ``gr``: ``world_adjusted`` = GDP growth − world growth (the paper) | ``raw`` = GDP growth;
- ``time_effects``: year effects in every equation (true) or entity effects only (false).

The grid (``build_grid``) is the baseline, every single departure from it, and the listed
combinations. A specification that the design makes the same model as an earlier one
(:data:`EQUIVALENCES`, a rule on the choices, not a comparison of results) keeps its id, is marked
``duplicate_of`` that one and is not estimated; :data:`DIMENSION_EFFECTS` states what each
dimension can and cannot change. Each specification is estimated on its own panel
(``spec_panel``) and gives tidy rows (``estimate_spec``): the slopes of eqs (16) and (17), the
threshold φ of eq. (19) with its LR interval and bootstrap p value, and the two μ slopes of that
model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from gvcpanel.construct.gvcp import exports_column, kww_parts, numerator
from gvcpanel.construct.icio import country_indicators
from gvcpanel.errors import DataError
from gvcpanel.estimate.covariance import Clustered
from gvcpanel.papers.qu_yang_2023.models import fit_linear, fit_threshold
from gvcpanel.sources.icio import ICIOTable

DIMENSIONS = ("countries", "years", "standardize", "gvcp", "denominator", "gr", "time_effects")
ROW_COLUMNS = [
    "spec", "model", "term", "coef", "se", "ci_lower", "ci_upper", "p", "nobs", "n_countries",
]  # fmt: skip
VARIANT_COLUMNS = ["iso3", "year", "exports", "value_added", "fva", "dvx", "omega", "mu", "upsilon"]


class Equivalence(NamedTuple):
    """``dim = value`` is the same model as ``dim = canonical`` wherever the other dimensions
    have the values of ``when``; ``why`` says so in words."""

    dim: str
    value: str
    canonical: str
    when: Mapping[str, str]
    why: str


#: The design's equivalences (values as lower-case strings).
EQUIVALENCES = (
    Equivalence(
        "gr", "raw", "world_adjusted", {"time_effects": "true"},
        "with year effects, GDP growth and GDP growth net of world growth differ by one number "
        "per year (world growth), which the year effects absorb: every estimate is the same "
        "(z-scored, gr's own slope only changes units; its sign, t and p do not)",
    ),
    Equivalence(
        "gvcp", "kww_backward", "fva_dvx_backward", {},
        "FV/E equals FVA/E by construction (KWW's FV is the Leontief route's FVA)",
    ),
)  # fmt: skip

#: What each dimension can and cannot change (the report prints it).
DIMENSION_EFFECTS = {
    "countries": "the sample of countries: can change every estimate",
    "years": "the sample of years: can change every estimate",
    "standardize": "in eqs (16) and (17) the units only (a z-score is affine in each "
    "variable: each slope is rescaled by sd(y)/sd(x) over the estimation sample and the fixed "
    "effects absorb the shifts), so no sign, t value or p value; in the threshold model it can "
    "change every estimate, φ too: centring μ shifts its regime term by mean(μ)·1(ω ≤ φ), which "
    "no effect absorbs",
    "gvcp": "the dependent variable of eqs (16), (17) and (19): can change every estimate",
    "denominator": "the dependent variable's scale by country and year: can change every estimate",
    "gr": "one regressor, by world growth, one number per year: it changes nothing when year "
    "effects are on; without them it can change every estimate",
    "time_effects": "the model (year effects or none): can change every estimate",
}


def _label(dim: str, value: Any) -> str:
    return f"{dim}={str(value).lower()}"


def canonical(spec: Mapping[str, Any]) -> tuple[tuple[str, ...], list[str]]:
    """The key of the model ``spec`` estimates, after :data:`EQUIVALENCES`, and the reasons of
    the rules applied."""
    values = {d: str(spec[d]).lower() for d in DIMENSIONS}
    why = []
    for rule in EQUIVALENCES:
        applies = all(values[d] == v for d, v in rule.when.items())
        if applies and values[rule.dim] == rule.value:
            values[rule.dim] = rule.canonical
            why.append(f"{_label(rule.dim, rule.value)} is {rule.dim}={rule.canonical}: {rule.why}")
    return tuple(values[d] for d in DIMENSIONS), why


def distinct(specs: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The specifications to estimate: those that are no earlier one's duplicate."""
    return [s for s in specs if not s["duplicate_of"]]


def build_grid(cfg: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Baseline, one-at-a-time departures (``variations``) and ``combinations``, in that order.

    Each specification: ``id`` (``s00`` = baseline), ``changed`` (the dimensions that differ from
    the baseline, as ``dim=value`` labels), one value per dimension, ``duplicate_of`` (the id of
    the first specification with the same :func:`canonical` key, else None) and ``same_because``
    (the equivalences that make it so). Literal repeats are dropped.
    """
    base = dict(cfg["baseline"])
    missing = [d for d in DIMENSIONS if d not in base]
    if missing:
        raise DataError("speccurve config", "baseline sets every dimension", missing)
    specs = [base]
    for dim, values in cfg.get("variations", {}).items():
        if dim not in DIMENSIONS:
            raise DataError("speccurve config", f"dimension in {DIMENSIONS}", [dim])
        specs += [base | {dim: v} for v in values]
    for combo in cfg.get("combinations", []):
        unknown = [d for d in combo if d not in DIMENSIONS]
        if unknown:
            raise DataError("speccurve config", f"dimension in {DIMENSIONS}", unknown)
        specs.append(base | dict(combo))
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, ...]] = set()
    models: dict[tuple[str, ...], str] = {}
    for spec in specs:
        key = tuple(str(spec[d]) for d in DIMENSIONS)
        if key in seen:
            continue
        seen.add(key)
        sid = f"s{len(out):02d}"
        model, why = canonical(spec)
        changed = [_label(d, spec[d]) for d in DIMENSIONS if str(spec[d]) != str(base[d])]
        first = models.setdefault(model, sid)
        dup = first if first != sid else None
        same = {"duplicate_of": dup, "same_because": why if dup else []}
        out.append({"id": sid, "changed": changed, **spec, **same})
    return out


def edge_steps(grid: np.ndarray, phi: float, lo: float, hi: float) -> int:
    """Grid candidates between the threshold φ and the nearer bound of its LR interval
    [lo, hi]: 0 when φ is a bound, 1 when φ is one grid step from it."""
    below = int(((grid >= lo) & (grid < phi)).sum())
    above = int(((grid > phi) & (grid <= hi)).sum())
    return min(below, above)


def icio_variants(table: ICIOTable, manufacturing: Sequence[str]) -> pd.DataFrame:
    """Per country: exports, value added Σ_{i∈s} (x_i − Σ_j Z_ji), FVA, DVX, ω, μ, υ."""
    c, k = table.n_countries, table.n_industries
    va = (table.x - table.Z.sum(axis=0)).reshape(c, k).sum(axis=1)
    out = country_indicators(table, manufacturing).assign(value_added=va)
    return out[VARIANT_COLUMNS]


def base_panel(
    variants: pd.DataFrame, macro: pd.DataFrame, kww: Sequence[tuple[int, pd.DataFrame]] = ()
) -> pd.DataFrame:
    """ICIO variants joined with the KWW parts IV, FV and their exports (``kww``: year and that
    year's ``kww`` frame; ``gvcpanel.construct.gvcp.kww_parts``), gr (both definitions), gdpp and
    pop by (iso3, year). ``macro``: iso3, year, gdp_growth, world_gdp_growth, gdp_per_capita,
    population.
    """
    m = macro.assign(
        gr_world_adjusted=macro["gdp_growth"] - macro["world_gdp_growth"],
        gr_raw=macro["gdp_growth"],
        gdpp=np.log(macro["gdp_per_capita"].where(macro["gdp_per_capita"] > 0)),
        pop=np.log(macro["population"].where(macro["population"] > 0)),
    )[["iso3", "year", "gr_world_adjusted", "gr_raw", "gdpp", "pop"]]
    out = variants
    if kww:
        parts = pd.concat([kww_parts(terms, year) for year, terms in kww], ignore_index=True)
        out = out.merge(parts, on=["iso3", "year"], how="left", validate="one_to_one")
    out = out.merge(m, on=["iso3", "year"], how="left")
    return out.sort_values(["iso3", "year"], ignore_index=True)


def spec_panel(
    base: pd.DataFrame, spec: Mapping[str, Any], country_sets: Mapping[str, Sequence[str] | str]
) -> tuple[pd.DataFrame, list[str]]:
    """The country panel of one specification and the requested countries it lacks.

    A country set ``"all"`` is every country of the table with data (RoW excluded); rows with
    any missing variable are dropped, so a country without WDI data (e.g. TWN) is left out.
    """
    members = country_sets[spec["countries"]]
    first, last = (int(y) for y in str(spec["years"]).split("-"))
    wanted = sorted(set(base["iso3"]) - {"ROW"}) if members == "all" else list(members)
    d = base[base["iso3"].isin(wanted) & base["year"].between(first, last)]
    measure = spec["gvcp"]
    den = d["value_added" if spec["denominator"] == "value_added" else exports_column(measure)]
    panel = pd.DataFrame(
        {
            "iso3": d["iso3"],
            "year": d["year"],
            "gvcp": numerator(d, measure) / den.where(den > 0),
            "omega": d["omega"],
            "mu": d["mu"],
            "upsilon": d["upsilon"],
            "gr": d[f"gr_{spec['gr']}"],
            "gdpp": d["gdpp"],
            "pop": d["pop"],
        }
    ).dropna()
    lacking = sorted(set(wanted) - set(panel["iso3"]))
    full = panel.groupby("iso3")["year"].transform("size") == last - first + 1
    return panel[full].reset_index(drop=True), lacking


def estimate_spec(
    panel: pd.DataFrame,
    spec: Mapping[str, Any],
    models: Mapping[str, Mapping[str, Any]],
    threshold_model: Mapping[str, Any],
    threshold: Mapping[str, Any],
    inference: str,
    seed: int,
) -> pd.DataFrame:
    """Tidy rows of eqs (16), (17) and the single threshold (φ, its slopes) of one spec; φ's row
    has ``edge_steps`` (:func:`edge_steps`), the others NaN."""
    options = {"standardize": spec["standardize"], "se": Clustered.name, "inference": inference}
    rows = []
    g = panel["iso3"].nunique()
    for name, model in models.items():
        est = fit_linear(
            panel, name, model, options, seed=seed, time_effects=bool(spec["time_effects"])
        )
        rows += [
            [spec["id"], name, c.term, c.coef, c.se, c.ci_lower, c.ci_upper, c.p, est.nobs, g]
            for c in est.coefficients
        ]
    th = dict(threshold) | {"max_thresholds": 1, "time_effects": bool(spec["time_effects"])}
    est, tests, curve, _ = fit_threshold(panel, "threshold", threshold_model, th, options, seed)
    single = tests.tests[0]
    lo, hi = single.ci95
    steps = edge_steps(curve["threshold"].to_numpy(float), single.threshold, lo, hi)
    rows.append(
        [spec["id"], "threshold", "phi", single.threshold, np.nan, lo, hi, single.p] + [est.nobs, g]
    )
    regime = threshold_model["regime"]
    rows += [
        [spec["id"], "threshold", c.term, c.coef, c.se, c.ci_lower, c.ci_upper, c.p, est.nobs, g]
        for c in est.coefficients
        if c.term.startswith(f"{regime}_")
    ]
    out = pd.DataFrame(rows, columns=ROW_COLUMNS)
    out["edge_steps"] = np.where(out["term"] == "phi", steps, np.nan)
    for dim in DIMENSIONS:
        out[dim] = str(spec[dim]).lower()
    out["changed"] = "; ".join(spec["changed"]) or "baseline"
    return out
