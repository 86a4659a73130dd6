"""Results of a panel threshold fit: threshold and test tables, LR curves, slopes, tidy export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from gvcpanel.estimate.tidy import Coef, Estimates

from .slopes import SlopeFit

SE_CONVENTIONS = {
    "unadjusted": "s^2 (X'X)^-1, s^2 = e'e/(nobs - entities - k - time dummies)",
    "white": "White HC0 on the within-transformed data, no small-sample factor",
    "cluster": "clustered by entity, factor G/(G-1) * (nobs-1)/(nobs-k-time dummies)",
}
STAGE_NAMES = {1: "Single", 2: "Double", 3: "Triple"}


@dataclass
class StageTest:
    """Stage k: the newly estimated threshold, its LR interval and the test of k-1 vs k."""

    k: int
    threshold: float
    ci95: tuple[float, float]
    sse: float
    F: float
    p: float | None = None
    crit_10_5_1: list[float] | None = None
    boot_stats: np.ndarray | None = None


@dataclass
class ThresholdResults:
    """Fitted panel threshold model (built by ``ThresholdPanel.fit``)."""

    names: dict[str, Any]
    conventions: str
    time_effects: bool
    nobs: int
    n_entities: int
    df_sigma: int
    grid: np.ndarray
    s0: float
    tests: list[StageTest]
    curves: dict[object, np.ndarray]
    fits: dict[int, SlopeFit]
    bootstrap: dict[str, Any]
    refined: tuple[float, tuple[float, float]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

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

    @cached_property
    def params(self) -> pd.Series:
        return pd.Series(self.fit.params, index=self.fit.names, name="parameter")

    def cov(self, cov_type: str = "unadjusted") -> pd.DataFrame:
        return pd.DataFrame(self.fit.cov[cov_type], index=self.fit.names, columns=self.fit.names)

    @cached_property
    def std_errors(self) -> pd.Series:
        """Conventional (homoskedastic) standard errors."""
        return pd.Series(self.fit.std_errors("unadjusted"), index=self.fit.names, name="std_error")

    @cached_property
    def white_std_errors(self) -> pd.Series:
        return pd.Series(self.fit.std_errors("white"), index=self.fit.names, name="std_error")

    @cached_property
    def cluster_std_errors(self) -> pd.Series:
        return pd.Series(self.fit.std_errors("cluster"), index=self.fit.names, name="std_error")

    def lr_curve(self, k: int, refined: bool = False) -> pd.DataFrame:
        """LR_k(gamma) = (S_k(gamma)/S_k(gamma_hat) - 1) * df over the grid (inf = excluded).

        ``refined=True`` with k = 1 gives the refinement curve gamma_1 | gamma_2.
        """
        key: object = "1r" if refined else k
        curve = self.curves[key]
        lr = (curve / np.min(curve) - 1.0) * self.df_sigma
        return pd.DataFrame({"threshold": self.grid, "lr": lr, "ssr": curve})

    def tests_table(self) -> dict[str, Any]:
        """The threshold-test table as a plain dict (tables render from it)."""
        return {
            "threshold_variable": self.names["q"],
            "regime_variables": list(self.names["r"]),
            "conventions": self.conventions,
            "bootstrap": dict(self.bootstrap),
            "nobs": int(self.nobs),
            "tests": [
                {
                    "k": t.k,
                    "threshold": float(t.threshold),
                    "ci95": [float(t.ci95[0]), float(t.ci95[1])],
                    "sse": float(t.sse),
                    "F": float(t.F),
                    "p": None if t.p is None else float(t.p),
                    "crit_10_5_1": None if t.crit_10_5_1 is None else list(t.crit_10_5_1),
                }
                for t in self.tests
            ],
        }

    def coef_table(self, cov_type: str = "unadjusted", k: int | None = None) -> pd.DataFrame:
        """coef, se, t, p (t with the residual df) and 95% CI of the k-threshold model.

        ``k`` defaults to the final model (all estimated thresholds).
        """
        fit = self.fits[k] if k else self.fit
        se = fit.std_errors(cov_type)
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
        cov_type: str = "cluster",
        k: int | None = None,
    ) -> Estimates:
        """Tidy slope table of the k-threshold model (default: the final one).

        ``term_names`` renames terms (mapping, or list in ``params`` order).
        """
        k = k or self.n_thresholds
        fit = self.fits[k]
        table = self.coef_table(cov_type, k)
        if k == 1:  # the single-threshold model keeps its own (unrefined) estimate
            thresholds, ci95 = [self.tests[0].threshold], [self.tests[0].ci95]
        else:
            thresholds, ci95 = self.thresholds[:k], self.ci95[:k]
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
        return Estimates(
            study=study,
            model=model,
            dependent=self.names["y"],
            estimator="fixed-effect panel threshold regression (Hansen 1999)",
            coefficients=coefs,
            nobs=int(self.nobs),
            r2=float(fit.r2_within),
            effects=["entity", "time"] if self.time_effects else ["entity"],
            se_type=cov_type,
            se_convention=SE_CONVENTIONS[cov_type],
            sample={"entities": int(self.n_entities), "nobs": int(self.nobs)},
            seed=self.bootstrap.get("seed"),
            extra={
                "thresholds": [float(t) for t in thresholds],
                "ci95": [[float(lo), float(hi)] for lo, hi in ci95],
                "conventions": self.conventions,
                "bootstrap": dict(self.bootstrap),
                "threshold_variable": self.names["q"],
                "regime_variables": list(self.names["r"]),
                "tests": self.tests_table()["tests"],
            },
        )

    def _threshold_rows(self) -> list[tuple[str, float, tuple[float, float]]]:
        """xthreg's rows: Th-1; Th-21 (refined gamma_1), Th-22 (gamma_2); Th-3."""
        rows = [("Th-1", self.tests[0].threshold, self.tests[0].ci95)]
        if self.refined is not None:
            rows.append(("Th-21", self.refined[0], self.refined[1]))
            rows.append(("Th-22", self.tests[1].threshold, self.tests[1].ci95))
        if self.n_thresholds == 3:
            rows.append(("Th-3", self.tests[2].threshold, self.tests[2].ci95))
        return rows

    @cached_property
    def summary(self) -> str:
        """Printout in the layout of Stata's xthreg."""
        rule = "-" * 78
        effects = "entity, time" if self.time_effects else "entity"
        lines = [
            f"Panel threshold regression (Hansen 1999), conventions = {self.conventions}",
            f"Dependent: {self.names['y']}   threshold variable: {self.names['q']}   "
            f"regime-dependent: {', '.join(self.names['r'])}",
            f"Observations = {self.nobs}   entities = {self.n_entities}   "
            f"grid = {len(self.grid)}   effects = {effects}",
            "",
            "Threshold estimator (level = 95):",
            rule,
            f"{'model':>10} | {'Threshold':>12} {'Lower':>12} {'Upper':>12}",
            rule,
        ]
        for label, g, (lo, hi) in self._threshold_rows():
            lines.append(f"{label:>10} | {g:12.5g} {lo:12.5g} {hi:12.5g}")
        boot = self.bootstrap
        lines += [
            rule,
            "",
            f"Threshold effect test (bootstrap = {boot.get('reps', 0)} {boot.get('kind', '')}, "
            f"MSE = RSS/{self.df_sigma}):",
            rule,
            f"{'Threshold':>10} | {'RSS':>10} {'MSE':>9} {'Fstat':>9} {'Prob':>7} "
            f"{'Crit10':>8} {'Crit5':>8} {'Crit1':>8}",
            rule,
            f"{'Linear':>10} | {self.s0:10.5f} {self.s0 / self.df_sigma:9.6f}",
        ]
        for t in self.tests:
            crit = t.crit_10_5_1 or [np.nan] * 3
            p = np.nan if t.p is None else t.p
            lines.append(
                f"{STAGE_NAMES[t.k]:>10} | {t.sse:10.5f} {t.sse / self.df_sigma:9.6f} "
                f"{t.F:9.4f} {p:7.4f} {crit[0]:8.4f} {crit[1]:8.4f} {crit[2]:8.4f}"
            )
        table = self.coef_table("unadjusted")
        white = self.fit.std_errors("white")
        cluster = self.fit.std_errors("cluster")
        lines += [
            rule,
            "",
            f"Fixed-effects (within) regression, R-sq within = {self.fit.r2_within:.4f}, "
            f"df = {self.fit.df_resid}",
            rule,
            f"{'':>14} | {'Coef.':>11} {'Std. Err.':>10} {'t':>7} {'P>|t|':>6} "
            f"{'White SE':>10} {'Cluster SE':>10}",
            rule,
        ]
        for i, (name, r) in enumerate(table.iterrows()):
            lines.append(
                f"{name[:14]:>14} | {r.coef:11.4g} {r.se:10.4g} {r.t:7.2f} {r.p:6.3f} "
                f"{white[i]:10.4g} {cluster[i]:10.4g}"
            )
        lines += [
            rule,
            "Thresholds of the final model: " + ", ".join(f"{g:.5g}" for g in self.thresholds),
        ]
        return "\n".join(lines)
