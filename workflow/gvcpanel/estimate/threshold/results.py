"""Results of a panel threshold fit: threshold and test tables, LR curves, slopes, tidy export.

As in linearmodels, the covariance is chosen once, at ``ThresholdPanel.fit(cov_type=...)``:
``std_errors``, ``tstats``, ``pvalues``, ``coef_table()``, ``to_estimates()`` and the summary all
use it (``cov_type="unadjusted" | "white" | "cluster"``, see ``slopes``). The other two remain
available through ``cov(cov_type)``. ``summary`` is built once; ``str(res)`` and
``res._repr_html_()`` render it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from gvcpanel.estimate.tidy import Coef, Estimates

from .slopes import COV_TYPES, SlopeFit
from .summary import Summary, SummaryTable
from .tests_table import StageTest, ThresholdTests

SE_FORMULAS = {
    "unadjusted": "s^2 (X'X)^-1, s^2 = e'e/(nobs - entities - k - time dummies)",
    "white": "HC0 on the within-transformed data, no small-sample factor",
    "cluster": "factor G/(G-1) * (nobs-1)/(nobs-k-time dummies)",
}
SE_CONVENTIONS = {
    "unadjusted": SE_FORMULAS["unadjusted"],
    "white": "White " + SE_FORMULAS["white"],
    "cluster": "clustered by entity, " + SE_FORMULAS["cluster"],
}
SE_TYPES = {
    "unadjusted": "conventional",
    "white": "White (HC0)",
    "cluster": "clustered by {entity}",
}
STAGE_NAMES = {1: "Single", 2: "Double", 3: "Triple"}


@dataclass
class ThresholdResults:
    """Fitted panel threshold model (built by ``ThresholdPanel.fit``)."""

    names: dict[str, Any]
    conventions: str
    time_effects: bool
    nobs: int
    n_entities: int
    n_periods: int
    df_sigma: int
    grid: np.ndarray
    s0: float
    tests: list[StageTest]
    curves: dict[object, np.ndarray]
    fits: dict[int, SlopeFit]
    bootstrap: dict[str, Any]
    cov_type: str = "unadjusted"
    refined: tuple[float, tuple[float, float]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.cov_type not in COV_TYPES:
            raise ValueError(f"cov_type must be one of {COV_TYPES}, got {self.cov_type!r}")

    def __str__(self) -> str:
        return str(self.summary)

    def _repr_html_(self) -> str:
        return self.summary.as_html()

    @property
    def n_thresholds(self) -> int:
        return len(self.tests)

    @property
    def thresholds(self) -> list[float]:
        """Thresholds of the final model in stage order (gamma_1 refined when K >= 2)."""
        out = [t.threshold for t in self.tests]
        if self.refined is not None:
            out[0] = self.refined[0]
        return out

    @property
    def ci95(self) -> list[tuple[float, float]]:
        out = [t.ci95 for t in self.tests]
        if self.refined is not None:
            out[0] = self.refined[1]
        return out

    @property
    def fit(self) -> SlopeFit:
        """Slope fit of the final model."""
        return self.fits[self.n_thresholds]

    @property
    def se_type(self) -> str:
        """The standard errors' name, e.g. ``conventional`` or ``clustered by entity``."""
        return SE_TYPES[self.cov_type].format(entity="entity")

    @cached_property
    def params(self) -> pd.Series:
        return pd.Series(self.fit.params, index=self.fit.names, name="parameter")

    def cov(self, cov_type: str | None = None) -> pd.DataFrame:
        """Covariance of the final model's slopes (default: the ``cov_type`` of the fit)."""
        c = self.fit.cov[cov_type or self.cov_type]
        return pd.DataFrame(c, index=self.fit.names, columns=self.fit.names)

    @cached_property
    def std_errors(self) -> pd.Series:
        """Standard errors of the fit's ``cov_type``."""
        return self.coef_table()["se"].rename("std_error")

    @cached_property
    def tstats(self) -> pd.Series:
        return self.coef_table()["t"].rename("tstat")

    @cached_property
    def pvalues(self) -> pd.Series:
        return self.coef_table()["p"].rename("pvalue")

    def lr_curve(self, k: int, refined: bool = False) -> pd.DataFrame:
        """LR_k(gamma) = (S_k(gamma)/S_k(gamma_hat) - 1) * df over the grid (inf = excluded).

        ``refined=True`` with k = 1 gives the refinement curve gamma_1 | gamma_2.
        """
        key: object = "1r" if refined else k
        curve = self.curves[key]
        lr = (curve / np.min(curve) - 1.0) * self.df_sigma
        return pd.DataFrame({"threshold": self.grid, "lr": lr, "ssr": curve})

    def tests_table(
        self,
        model: str | None = None,
        seed: int | None = None,
        source: Mapping[str, Any] | None = None,
    ) -> ThresholdTests:
        """The threshold-test document (``tests_table.SCHEMA``) the tables render from."""
        return ThresholdTests(
            threshold_variable=self.names["q"],
            regime_variables=list(self.names["r"]),
            conventions=self.conventions,
            bootstrap=dict(self.bootstrap),
            nobs=int(self.nobs),
            tests=list(self.tests),
            model=model,
            seed=seed,
            source=dict(source or {}),
        )

    def coef_table(self, k: int | None = None) -> pd.DataFrame:
        """coef, se, t, p (t with the residual df) and 95% CI of the k-threshold model, with the
        fit's ``cov_type``; ``k`` defaults to the final model (all estimated thresholds)."""
        fit = self.fits[k] if k else self.fit
        se = fit.std_errors(self.cov_type)
        t = fit.params / se
        df = fit.df_resid
        crit = stats.t.ppf(0.975, df)
        return pd.DataFrame(
            {
                "coef": fit.params,
                "se": se,
                "t": t,
                "p": 2 * stats.t.sf(np.abs(t), df),
                "ci_lower": fit.params - crit * se,
                "ci_upper": fit.params + crit * se,
            },
            index=fit.names,
        )

    def to_estimates(
        self,
        study: str,
        model: str,
        term_names: Mapping[str, str] | Sequence[str] | None = None,
        k: int | None = None,
        *,
        entity: str = "entity",
        sample: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> Estimates:
        """Tidy slope table of the k-threshold model (default: the final one), complete.

        ``term_names`` renames terms (mapping, or list in ``params`` order); ``entity`` names the
        clusters in the SE type (``clustered by country``); ``sample`` replaces the default
        ``{"entities", "nobs"}``; ``extra`` is added to the model's threshold metadata. The tests
        are not copied here: they live in ``tests_table()``.
        """
        k = k or self.n_thresholds
        fit = self.fits[k]
        table = self.coef_table(k)
        thresholds = [self.tests[0].threshold] if k == 1 else self.thresholds[:k]
        if term_names is None:
            rename = {n: n for n in table.index}
        elif isinstance(term_names, Mapping):
            rename = {n: term_names.get(n, n) for n in table.index}
        else:
            rename = dict(zip(table.index, term_names, strict=True))
        coefs = [
            Coef(rename[n], r.coef, r.se, r.t, r.p, r.ci_lower, r.ci_upper)
            for n, r in table.iterrows()
        ]
        default_sample = {"entities": int(self.n_entities), "nobs": int(self.nobs)}
        return Estimates(
            study=study,
            model=model,
            dependent=self.names["y"],
            estimator="fixed-effect panel threshold regression (Hansen 1999)",
            coefficients=coefs,
            nobs=int(self.nobs),
            r2=float(fit.r2_within),
            effects=["entity", "time"] if self.time_effects else ["entity"],
            se_type=SE_TYPES[self.cov_type].format(entity=entity),
            se_convention=SE_CONVENTIONS[self.cov_type],
            sample=dict(sample) if sample is not None else default_sample,
            seed=self.bootstrap.get("seed"),
            extra={
                "thresholds": [float(t) for t in thresholds],
                "conventions": self.conventions,
                "threshold_variable": self.names["q"],
                "regime_variables": list(self.names["r"]),
                **dict(extra or {}),
            },
        )

    def _threshold_rows(self) -> list[list[str]]:
        """xthreg's rows: Th-1; Th-21 (refined gamma_1), Th-22 (gamma_2); Th-3."""
        rows = [("Th-1", self.tests[0].threshold, self.tests[0].ci95)]
        if self.refined is not None:
            rows.append(("Th-21", self.refined[0], self.refined[1]))
            rows.append(("Th-22", self.tests[1].threshold, self.tests[1].ci95))
        if self.n_thresholds == 3:
            rows.append(("Th-3", self.tests[2].threshold, self.tests[2].ci95))
        return [[label, f"{g:.5g}", f"{lo:.5g}", f"{hi:.5g}"] for label, g, (lo, hi) in rows]

    def _test_rows(self) -> list[list[str]]:
        rows = [["Linear", f"{self.s0:.5f}", f"{self.s0 / self.df_sigma:.6f}", "", "", "", "", ""]]
        for t in self.tests:
            crit = t.crit_10_5_1 or [np.nan] * 3
            p = np.nan if t.p is None else t.p
            rows.append(
                [
                    STAGE_NAMES[t.k],
                    f"{t.sse:.5f}",
                    f"{t.sse / self.df_sigma:.6f}",
                    f"{t.F:.4f}",
                    f"{p:.4f}",
                    *(f"{c:.4f}" for c in crit),
                ]
            )
        return rows

    def _regime_note(self) -> str:
        """Which values of q each ``_regime<j>`` term covers in the final model."""
        th = sorted(self.fit.thresholds)
        q = self.names["q"]
        # hansen: regime j is gamma_j <= q < gamma_(j+1); otherwise gamma_j < q <= gamma_(j+1)
        lo, hi = ("<=", "<") if self.conventions == "hansen" else ("<", "<=")
        bounds = [None, *th, None]
        parts = []
        for j in range(len(th) + 1):
            left = "" if bounds[j] is None else f"{bounds[j]:.5g} {lo} "
            right = "" if bounds[j + 1] is None else f" {hi} {bounds[j + 1]:.5g}"
            parts.append(f"regime{j}: {left}{q}{right}")
        return "Regimes: " + "; ".join(parts)

    @cached_property
    def summary(self) -> Summary:
        """Printout in the layout of Stata's xthreg, built once."""
        effects = "entity, time" if self.time_effects else "entity"
        boot = self.bootstrap
        table = self.coef_table()
        coef_rows = [
            [
                str(name),
                f"{r.coef:.7g}",
                f"{r.se:.7g}",
                f"{r.t:.2f}",
                f"{r.p:.3f}",
                f"{r.ci_lower:.7g}",
                f"{r.ci_upper:.7g}",
            ]
            for name, r in table.iterrows()
        ]
        if self.fit.cons is not None and self.cov_type == "unadjusted":
            coef, se = self.fit.cons
            df = self.fit.df_resid
            t = coef / se
            crit = stats.t.ppf(0.975, df)
            coef_rows.append(
                [
                    "_cons",
                    f"{coef:.7g}",
                    f"{se:.7g}",
                    f"{t:.2f}",
                    f"{2 * stats.t.sf(abs(t), df):.3f}",
                    f"{coef - crit * se:.7g}",
                    f"{coef + crit * se:.7g}",
                ]
            )
        return Summary(
            preamble=[
                f"Panel threshold regression (Hansen 1999), conventions = {self.conventions}",
                f"Dependent: {self.names['y']}   threshold variable: {self.names['q']}   "
                f"regime-dependent: {', '.join(self.names['r'])}",
                f"Observations = {self.nobs}   entities = {self.n_entities}   "
                f"grid = {len(self.grid)}   effects = {effects}",
            ],
            tables=[
                SummaryTable(
                    "Threshold estimator (level = 95):",
                    ["model", "Threshold", "Lower", "Upper"],
                    self._threshold_rows(),
                ),
                SummaryTable(
                    f"Threshold effect test (bootstrap = {boot.get('reps', 0)} "
                    f"{boot.get('kind', '')}, MSE = RSS/{self.df_sigma}):",
                    ["Threshold", "RSS", "MSE", "Fstat", "Prob", "Crit10", "Crit5", "Crit1"],
                    self._test_rows(),
                ),
                SummaryTable(
                    f"Fixed-effects (within) regression, {self.n_thresholds}-threshold model, "
                    f"R-sq within = {self.fit.r2_within:.4f}, df = {self.fit.df_resid}:",
                    ["", "Coef.", "Std. Err.", "t", "P>|t|", "[95% Conf.", "Interval]"],
                    coef_rows,
                ),
            ],
            footer=[
                f"Std. Err.: {self.se_type} ({SE_FORMULAS[self.cov_type]})",
                self._regime_note(),
                "Thresholds of the final model: " + ", ".join(f"{g:.5g}" for g in self.thresholds),
            ],
        )
