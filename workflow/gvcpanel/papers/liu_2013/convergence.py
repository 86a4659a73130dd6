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
- SEs clustered by 4-digit industry with Stata's convention (``covariance.Clustered``): CR1
  factor G/(G − 1)·(N − 1)/(N − K), K counting the constant and the dummies, and t(G − 1)
  inference, as Stata's ``regress, vce(cluster)`` and statsmodels' ``cov_type="cluster"``.
  The least squares are statsmodels' ``method="qr"``: X = QR, ψ̂ = R⁻¹Q'y, bread (R'R)⁻¹.

R² is the R² of the regression with the dummies; the R² net of the two-digit effects is kept in
``extra["r2_within"]``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.estimate.covariance import Clustered, Covariance, Layout, Scores, coef_table
from gvcpanel.estimate.inputs import group_codes
from gvcpanel.estimate.tidy import Estimates, coef_rows, package_versions
from gvcpanel.papers.liu_2013 import PAPER_GROUP, STUDY

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
_versions = functools.cache(package_versions)
LAYOUT = Layout(absorbed=False, time_dummies=False, dummies="two-digit dummies")
LEVEL_LABELS = {"cic4": "4-digit industry", "cic2": "2-digit industry"}


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


def ols(y: np.ndarray, x: np.ndarray, data: pd.DataFrame, entity: str) -> tuple[np.ndarray, Scores]:
    """Least squares of ``y`` on ``x`` by QR (module docstring): the coefficients and the
    covariance pieces; cluster columns are read from ``data`` (rows as in ``x``)."""
    q, r = np.linalg.qr(x)
    beta = np.linalg.solve(r, q.T @ y)
    resid = y - x @ beta
    return beta, Scores(
        x=x,
        resid=resid,
        bread=np.linalg.inv(r.T @ r),
        df_resid=x.shape[0] - x.shape[1],
        n_params=x.shape[1],
        groups=lambda column: group_codes(data, column),
        entity=entity,
        layout=LAYOUT,
    )


def industry_cov(level: str) -> Covariance:
    """CR1 by the industries of ``level``, Stata's convention (module docstring)."""
    return Clustered(by=level, label=LEVEL_LABELS.get(level, level))


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


def left_out(panel: pd.DataFrame, s: Mapping[str, Any], sample: pd.DataFrame) -> list[str]:
    """The industry-years of the sample's industries and years whose change is undefined (no
    firm of the group present at both ends of it), as ``"<industry> <year>"``: not in N."""
    ind, lo, hi = s["level"], sample["year"].min(), sample["year"].max()
    d = panel[(panel["group"] == s["group"]) & panel["year"].between(lo, hi)]
    gone = d[d[ind].isin(sample[ind].unique()) & d[s["dependent"]].isna()]
    return [f"{k} {int(y)}" for k, y in zip(gone[ind], gone["year"], strict=True)]


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
    y = d["y"].to_numpy(float)
    beta, scores = ols(y, x.to_numpy(), d, s["level"])
    cov = industry_cov(s["level"])
    table = coef_table(beta, x.columns, scores, cov).loc[[*terms, "const"]]
    ssr = float(scores.resid @ scores.resid)
    centered = y - y.mean()
    n_clusters = int(cov.df(scores)) + 1
    y_within = d["y"] - d.groupby("cic2")["y"].transform("mean")
    return Estimates(
        study=STUDY,
        model=s["name"],
        dependent=s["dependent"],
        estimator="OLS with two-digit industry dummies, eq. (63)",
        coefficients=coef_rows(table),
        nobs=scores.nobs,
        r2=1 - ssr / float(centered @ centered),
        effects=("cic2 dummies",),
        se_type=cov.se_type(s["level"], LAYOUT),
        se_convention=cov.describe(LAYOUT),
        sample={
            "group": s["group"],
            "sample": s["sample"],
            "initial_year": int(s["initial_year"]),
            "years": [int(d["year"].min()), int(d["year"].max())],
            "span": sorted({int(k) for k in d["year"] - d["year0"]}) if "year0" in d else [],
            "n_industries": n_clusters,
            "left_out": left_out(panel, s, d),
        },
        seed=seed,
        extra={
            "r2_within": float(1 - ssr / float(np.sum(y_within**2))),
            "n_clusters": n_clusters,
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
