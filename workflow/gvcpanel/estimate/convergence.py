"""Liu (2013) convergence regressions, eq. (63), at the (4-digit industry × year) level.

    ΔVR_{i,τ} = ψ1 VR_{i,0} + ψ2 β_i + ψ3 τ + η'X_{i,τ} + two-digit dummies + ε_{i,τ}      (63)

Readings of the paper (each a spec option):
- the dependent variable is the ``span``-year change ending in year t (overlapping changes
  t − 2 → t for every t), either the continuers' ΔVR (``dvr`` = within + cross of eq. 64 — the
  paper's Table 2 means and Tables 3–5 coefficients add up this way), the ``within`` or ``cross``
  margin, or the whole industry change ``dvr_total`` (eq. 62, entrants and exiters included);
- VR_{i,0} is the industry's VR in ``initial_year``; the sample holds the changes ending after
  ``initial_year`` of industries observed in ``initial_year``; τ = 1 for the first end year in the
  sample and rises by one per year (Table 7 moves ``initial_year`` to 1999, 2001, 2003, 2005);
- ``time: wage_index`` replaces τ by the wage-rate index of the end year (Table 6);
- X = K/L of the industry in the end year, in thousand RMB per person times ``kl_scale``
  (default 1e-6, i.e. billion RMB per person: the scale implied by the published coefficients);
- ``sample: high_kl | low_kl`` keeps industries whose pooled K/L is above (at or below) the mean
  of the pooled K/L over the sample's industries (footnote 46);
- two-digit dummies enter centred on their sample means, so ``const`` is ȳ − x̄'ψ̂ (the intercept
  Stata's ``areg`` reports) while the slopes are the dummy-regression slopes;
- SEs clustered by 4-digit industry, statsmodels ``cov_type="cluster"`` with its defaults: CR1
  factor G/(G − 1)·(N − 1)/(N − K), K counting the dummies, and t(G − 1) inference (as Stata).

R² is the R² of the regression with the dummies; the R² net of the two-digit effects is kept in
``extra["r2_within"]``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm

from gvcpanel.errors import DataError
from gvcpanel.estimate.tidy import Coef, Estimates, package_versions
from gvcpanel.papers.liu_2013 import PAPER_GROUP, STUDY, counter_groups

DEPENDENTS = ("dvr", "within", "cross", "dvr_total")
SAMPLES = ("all", "high_kl", "low_kl")
TIMES = ("tau", "wage_index")
SPEC_DEFAULTS: dict[str, Any] = {
    "dependent": "dvr",
    "group": PAPER_GROUP,
    "controls": [],
    "sample": "all",
    "time": "tau",
    "initial_year": 1998,
    "kl_scale": 1e-6,
    "level": "cic4",
}
SE_TYPE = "cluster-robust by 4-digit industry"
_versions = functools.cache(package_versions)
SE_CONVENTION = "CR1: G/(G-1)*(N-1)/(N-K), K incl. two-digit dummies; t(G-1) p-values and CIs"


def full_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``spec`` completed with :data:`SPEC_DEFAULTS`, after checking its values."""
    out = {**SPEC_DEFAULTS, **spec}
    if "name" not in out:
        raise ValueError(f"spec without a name: {dict(spec)}")
    for key, allowed in (("dependent", DEPENDENTS), ("sample", SAMPLES), ("time", TIMES)):
        if out[key] not in allowed:
            raise ValueError(f"spec {out['name']}: {key} must be one of {allowed}")
    unknown = [c for c in out["controls"] if c != "kl"]
    if unknown:
        raise ValueError(f"spec {out['name']}: unknown controls {unknown}")
    return out


def estimation_sample(
    panel: pd.DataFrame,
    spec: Mapping[str, Any],
    wage_index: pd.DataFrame | None = None,
    source: str = "industry panel",
) -> pd.DataFrame:
    """The regression sample of one spec: columns ``y``, ``initial_vr``, ``tau`` or
    ``wage_index``, ``training``, ``kl``, ``cic2`` and the industry and year keys."""
    s = full_spec(spec)
    ind = s["level"]
    d = panel[panel["group"] == s["group"]]
    vr0 = d.loc[d["year"] == s["initial_year"], [ind, "vr"]].rename(columns={"vr": "initial_vr"})
    d = d[(d["year"] > s["initial_year"]) & d[s["dependent"]].notna()]
    d = d.merge(vr0, on=ind, how="inner", validate="m:1")
    d = d.assign(y=d[s["dependent"]], kl=d["kl"] * s["kl_scale"])
    if "kl" in s["controls"]:
        d = d[d["kl"].notna()]
    if s["sample"] != "all":
        inds = d.drop_duplicates(ind)
        high = set(inds.loc[inds["kl_mean"] > inds["kl_mean"].mean(), ind])
        d = d[d[ind].isin(high) == (s["sample"] == "high_kl")]
    if d.empty:
        raise DataError(source, f"non-empty sample for spec {s['name']}", [s["group"]])
    d = d.assign(tau=d["year"] - d["year"].min() + 1)
    if s["time"] == "wage_index":
        if wage_index is None:
            raise ValueError(f"spec {s['name']} needs the wage-rate index")
        w = wage_index.set_index("year")["wage_index"]
        missing = sorted(set(d["year"]) - set(w.dropna().index))
        if missing:
            raise DataError("wage index", "every end year covered", missing)
        d = d.assign(wage_index=d["year"].map(w))
    return d.reset_index(drop=True)


def regressors(spec: Mapping[str, Any]) -> list[str]:
    """The reported regressors of a spec, in table order."""
    s = full_spec(spec)
    return ["initial_vr", s["time"], "training", *s["controls"]]


def cluster_ols(
    y: np.ndarray, x: pd.DataFrame, groups: np.ndarray
) -> sm.regression.linear_model.RegressionResultsWrapper:
    """OLS with cluster-robust covariance (statsmodels CR1 defaults, t(G − 1) inference)."""
    return sm.OLS(y, x).fit(
        method="qr", cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )


def full_rank(x: np.ndarray, rtol: float = 1e-10) -> bool:
    """Whether the columns of ``x`` are linearly independent.

    Eigenvalues of the Gram matrix of the unit-norm columns (K × K, cheap for tall ``x``): the
    smallest relative to the largest is the squared ratio of extreme singular values.
    """
    norms = np.linalg.norm(x, axis=0)
    if np.any(norms == 0):
        return False
    z = x / norms
    eig = np.linalg.eigvalsh(z.T @ z)
    return bool(eig[0] > rtol * eig[-1])


def fit_convergence(
    panel: pd.DataFrame,
    spec: Mapping[str, Any],
    wage_index: pd.DataFrame | None = None,
    seed: int | None = None,
    source: str = "industry panel",
) -> Estimates:
    """Fit eq. (63) for one spec (see the module doc) and return it in tidy form."""
    s = full_spec(spec)
    d = estimation_sample(panel, s, wage_index, source)
    terms = regressors(s)
    dummies = pd.get_dummies(d["cic2"], prefix="cic2", drop_first=True, dtype=float)
    x = pd.concat(
        [pd.Series(1.0, index=d.index, name="const"), d[terms], dummies - dummies.mean()], axis=1
    ).astype(float)
    if not full_rank(x.to_numpy()):
        raise DataError(source, f"full-rank design for spec {s['name']}", terms)
    codes = pd.factorize(d[s["level"]])[0]
    res = cluster_ols(d["y"].to_numpy(float), x, codes)
    ci = res.conf_int()
    coefs = [
        Coef(
            t, res.params[t], res.bse[t], res.tvalues[t], res.pvalues[t], ci.loc[t, 0], ci.loc[t, 1]
        )
        for t in [*terms, "const"]
    ]
    y_within = d["y"] - d.groupby("cic2")["y"].transform("mean")
    return Estimates(
        study=STUDY,
        model=s["name"],
        dependent=s["dependent"],
        estimator="OLS with two-digit industry dummies, eq. (63)",
        coefficients=coefs,
        nobs=int(res.nobs),
        r2=float(res.rsquared),
        effects=["cic2 dummies"],
        se_type=SE_TYPE,
        se_convention=SE_CONVENTION,
        sample={
            "group": s["group"],
            "sample": s["sample"],
            "initial_year": int(s["initial_year"]),
            "years": [int(d["year"].min()), int(d["year"].max())],
            "span": sorted({int(k) for k in d["year"] - d["year0"]}) if "year0" in d else [],
            "n_industries": int(codes.max() + 1),
        },
        seed=seed,
        extra={
            "r2_within": float(1 - res.ssr / float(np.sum(y_within**2))),
            "n_clusters": int(codes.max() + 1),
            "time": s["time"],
            "controls": list(s["controls"]),
            "kl_scale": float(s["kl_scale"]),
            "source": source,
        },
        versions=_versions(),
    )


def fit_all(
    panel: pd.DataFrame,
    specs: Sequence[Mapping[str, Any]],
    wage_index: pd.DataFrame | None = None,
    seed: int | None = None,
    source: str = "industry panel",
) -> list[Estimates]:
    """Fit every spec (plain dicts, e.g. from configuration) in order."""
    return [fit_convergence(panel, spec, wage_index, seed, source) for spec in specs]


def paper_specs(group: str = PAPER_GROUP) -> list[dict[str, Any]]:
    """The specs of Liu's Tables 3–8: ``table<k>_col<j>``, Table 7 ``table7_<year>_<dep>``.

    Tables 3–7 fit ``group``'s firms (the paper's foreign subsidiaries by default), Table 8 the
    two other ownership groups (:func:`gvcpanel.papers.liu_2013.counter_groups`).
    """
    counter = counter_groups(group)
    specs: list[dict[str, Any]] = []
    cols = [
        ({}, "all"),
        ({"controls": ["kl"]}, "all"),
        ({"controls": ["kl"]}, "high_kl"),
        ({"controls": ["kl"]}, "low_kl"),
    ]
    for table, dep in ((3, "dvr"), (4, "within"), (5, "cross")):
        for j, (extra, sample) in enumerate(cols, start=1):
            specs.append(
                {
                    "name": f"table{table}_col{j}",
                    "dependent": dep,
                    "group": group,
                    "sample": sample,
                    **extra,
                }
            )
    for j, (dep, controls) in enumerate(
        [(d, c) for d in ("dvr", "within", "cross") for c in ([], ["kl"])], start=1
    ):
        specs.append(
            {
                "name": f"table6_col{j}",
                "dependent": dep,
                "group": group,
                "controls": controls,
                "time": "wage_index",
            }
        )
    for year in (1999, 2001, 2003, 2005):
        for dep in ("dvr", "within", "cross"):
            specs.append(
                {
                    "name": f"table7_{year}_{dep}",
                    "dependent": dep,
                    "group": group,
                    "controls": ["kl"],
                    "initial_year": year,
                }
            )
    for j, (group, dep) in enumerate(
        [(g, d) for g in counter for d in ("dvr", "within", "cross")], start=1
    ):
        specs.append(
            {"name": f"table8_col{j}", "dependent": dep, "group": group, "controls": ["kl"]}
        )
    return specs
