"""Results of a panel threshold fit: threshold and test tables, LR curves, slopes, tidy export.

As in linearmodels, the covariance is chosen once, at ``threshold(..., cov=...)`` (a covariance
object of ``gvcpanel.estimate.covariance``): ``std_errors``, ``tstats``, ``pvalues``,
``coef_table()``, ``to_estimates()`` and the summary all use it. ``vcov(cov)`` gives V under any
other covariance and ``with_cov(cov)`` the same fit reporting it, without refitting (as pyfixest's
``fit.vcov(...)``). ``summary`` is built once; ``str(res)`` and ``res._repr_html_()`` render it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from gvcpanel.estimate.covariance import Covariance, Unadjusted, covariance
from gvcpanel.estimate.summary import Summary, SummaryTable
from gvcpanel.estimate.tidy import Estimates, coef_rows
from gvcpanel.io import Exact

from .slopes import SlopeFit
from .tests_table import StageTest, ThresholdTests

if TYPE_CHECKING:
    import pandas as pd

STAGE_NAMES = {1: "Single", 2: "Double", 3: "Triple"}


@dataclass(frozen=True, eq=False)
class ThresholdResults:
    """Fitted panel threshold model (built by ``ThresholdPanel.fit``)."""

    names: Mapping[str, Any]
    conventions: str
    time_effects: bool
    nobs: int
    n_entities: int
    n_periods: int
    df_sigma: int
    grid: np.ndarray
    s0: float
    tests: tuple[StageTest, ...]
    curves: Mapping[object, np.ndarray]
    fits: Mapping[int, SlopeFit]
    bootstrap: Mapping[str, Any]
    cov: Covariance
    refined: tuple[float, tuple[float, float]] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

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
    def final_fit(self) -> SlopeFit:
        """Slope fit of the final model."""
        return self.fits[self.n_thresholds]

    @property
    def se_type(self) -> str:
        """The standard errors' name, e.g. ``conventional`` or ``clustered by id``."""
        return self.cov.se_type(self.names["entity"], self.final_fit.scores.layout)

    @cached_property
    def params(self) -> pd.Series:
        import pandas as pd

        return pd.Series(self.final_fit.params, index=list(self.final_fit.names), name="parameter")

    def vcov(self, cov: Covariance | str | None = None, k: int | None = None) -> pd.DataFrame:
        """V of the k-threshold model's slopes (default: the final model) under ``cov``
        (default: the fit's), without refitting."""
        import pandas as pd

        fit = self.fits[k] if k else self.final_fit
        v = fit.vcov(covariance(cov or self.cov))
        return pd.DataFrame(v, index=list(fit.names), columns=list(fit.names))

    def with_cov(self, cov: Covariance | str) -> ThresholdResults:
        """The same fit reporting ``cov`` everywhere (SEs, summary, ``to_estimates``)."""
        out = replace(self, cov=covariance(cov))
        out.check_cov()
        return out

    def check_cov(self) -> None:
        """Compute the final model's covariance once, so that a bad cluster column fails here,
        not at first use (without the t distribution its coefficient table needs)."""
        self.final_fit.vcov(self.cov)

    @cached_property
    def std_errors(self) -> pd.Series:
        """Standard errors under the fit's ``cov``."""
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
        import pandas as pd

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
            regime_variables=tuple(self.names["r"]),
            conventions=self.conventions,
            bootstrap=self.bootstrap,
            nobs=int(self.nobs),
            tests=self.tests,
            model=model,
            seed=seed,
            source=dict(source or {}),
        )

    def coef_table(self, k: int | None = None) -> pd.DataFrame:
        """coef, se, t, p and 95% CI of the k-threshold model (default: the final model, all
        estimated thresholds) under the fit's ``cov``, t with ``cov.df`` degrees of freedom."""
        fit = self.fits[k] if k else self.final_fit
        return fit.table(self.cov)

    def to_estimates(
        self,
        model: str = "threshold",
        *,
        study: str = "",
        terms: Mapping[str, str] | None = None,
        k: int | None = None,
        sample: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> Estimates:
        """Tidy slope table of the k-threshold model (default: the final one), complete.

        The regime slopes are rows ``<r>_regime<j>`` (``terms`` renames rows); the thresholds
        are ``extra["thresholds"]`` and the covariance's name and formula ``se_type`` and
        ``se_convention``. ``sample`` replaces the default ``{"entities", "nobs"}``; ``extra`` is
        added to the model's threshold metadata. The tests live in ``tests_table()``.
        """
        k = k or self.n_thresholds
        fit = self.fits[k]
        thresholds = [self.tests[0].threshold] if k == 1 else self.thresholds[:k]
        default_sample = {"entities": int(self.n_entities), "nobs": int(self.nobs)}
        return Estimates(
            study=study,
            model=model,
            dependent=self.names["y"],
            estimator="fixed-effect panel threshold regression (Hansen 1999)",
            coefficients=coef_rows(self.coef_table(k), terms),
            nobs=int(self.nobs),
            r2=float(fit.r2_within),
            effects=("entity", "time") if self.time_effects else ("entity",),
            se_type=self.cov.se_type(self.names["entity"], fit.scores.layout),
            se_convention=self.cov.describe(fit.scores.layout),
            sample=dict(sample) if sample is not None else default_sample,
            seed=self.bootstrap.get("seed"),
            extra={
                "thresholds": [Exact(t) for t in thresholds],
                "conventions": self.conventions,
                "threshold_variable": self.names["q"],
                "regime_variables": list(self.names["r"]),
                "df_inference": self.cov.df(fit.scores),
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
        th = sorted(self.final_fit.thresholds)
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

    def _coef_rows(self) -> list[list[str]]:
        """Rows of xthreg's coefficient table; ``_cons`` under conventional standard errors."""
        rows = [
            [str(name), *_cells(r.coef, r.se, r.t, r.p, r.ci_lower, r.ci_upper)]
            for name, r in self.coef_table().iterrows()
        ]
        fit = self.final_fit
        if fit.cons is not None and isinstance(self.cov, Unadjusted):
            from scipy import stats

            coef, se = fit.cons
            t, crit = coef / se, stats.t.ppf(0.975, fit.df_resid)
            p = 2 * stats.t.sf(abs(t), fit.df_resid)
            rows.append(["_cons", *_cells(coef, se, t, p, coef - crit * se, coef + crit * se)])
        return rows

    @cached_property
    def summary(self) -> Summary:
        """Printout in the layout of Stata's xthreg, built once."""
        effects = "entity, time" if self.time_effects else "entity"
        boot = self.bootstrap
        fit = self.final_fit
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
                    f"R-sq within = {fit.r2_within:.4f}, df = {self.cov.df(fit.scores)}:",
                    ["", "Coef.", "Std. Err.", "t", "P>|t|", "[95% Conf.", "Interval]"],
                    self._coef_rows(),
                ),
            ],
            footer=[
                f"Std. Err.: {self.se_type} ({self.cov.describe(fit.scores.layout)})",
                self._regime_note(),
                "Thresholds of the final model: " + ", ".join(f"{g:.5g}" for g in self.thresholds),
            ],
        )


def _cells(coef: float, se: float, t: float, p: float, lower: float, upper: float) -> list[str]:
    """A coefficient row's cells as xthreg prints them (7 significant digits, t and p fixed)."""
    return [f"{coef:.7g}", f"{se:.7g}", f"{t:.2f}", f"{p:.3f}", f"{lower:.7g}", f"{upper:.7g}"]
