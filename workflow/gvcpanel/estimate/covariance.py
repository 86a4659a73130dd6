"""Covariance estimators of the package's least-squares fits: value objects chosen once at fit time.

Every estimator (the two-way FE of ``panel``, the threshold slopes of ``threshold.slopes``, the
convergence regressions of ``convergence``) hands a covariance the same pieces of its fit
(:class:`Scores`): the N×K regressors X left after the effects are removed (Frisch–Waugh–Lovell),
the residuals e, the bread B = (X'X)⁻¹, the residual degrees of freedom df_resid (N less every
estimated parameter, absorbed effects included) and P, the regression's coefficients besides the
absorbed effects (slopes and dummies, the constant when there is one). With s_g = Σ_{i∈g} x_i e_i:

- :class:`Unadjusted`: V = s²·B, s² = e'e/df_resid; Student t(df_resid).
- :class:`Robust`: V = c·B (Σ_i e_i² x_i x_i') B; c = N/df_resid (``small_sample``: Stata's
  ``regress, vce(robust)`` on the dummy regression, linearmodels' debiased heteroskedastic
  covariance) or c = 1 (HC0: Hansen's "White" standard errors); t(df_resid).
- :class:`Clustered`: V = c·B (Σ_g s_g s_g') B, c = G/(G−1)·(N−1)/(N−P'). ``convention="stata"``:
  P' counts every coefficient Stata estimates, the constant included (``xtreg, fe`` reports
  _cons, so P' = P + 1 when effects are absorbed), and p-values and CIs use t(G−1);
  ``"linearmodels"``: P' = P (PanelOLS, ``debiased=True, group_debias=True``) and t(df_resid).
  Absorbed effects are counted in P' unless they are nested in the clusters (in one of the
  cluster columns for ``stata``, reghdfe's rule; in every one for ``linearmodels``, its
  ``auto_df``): entity effects with clusters by entity are not counted. Two-way, ``by=(a, b)``
  (Cameron, Gelbach and Miller 2011, eq. 2.13): V = V_a + V_b − V_ab with V_ab clustered by the
  intersection of a and b; ``stata`` scales all three terms with G = min(G_a, G_b) and uses
  t(min(G_a, G_b) − 1) (as reghdfe and pyfixest's default ``ssc``), ``linearmodels`` scales each
  term with its own G and uses t(df_resid) (as linearmodels). Two-way V need not be positive
  semi-definite.

:data:`COVARIANCES` maps the names of the configuration (``qu_yang_2023.se``), the Python API
(``cov="clustered"``) and the CLI (``--cov``) to the classes; :data:`DEFAULT_COV`, clustered by
entity with Stata's convention, is the default of all three. Each object gives V (``vcov``), the
degrees of freedom of its t statistics (``df``), its name for a table (``se_type``) and a one-line
formula for table notes (``describe``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np

from gvcpanel.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

Convention = Literal["stata", "linearmodels"]
CONVENTIONS: tuple[str, ...] = ("stata", "linearmodels")


@dataclass(frozen=True)
class Layout:
    """How a regression counts its parameters, for the formulas that ``describe`` prints.

    ``absorbed``: entity effects removed by the within transform (Stata's ``xtreg, fe``, whose
    _cons Stata counts); otherwise an OLS with an explicit constant (Stata's ``regress``).
    ``time_dummies``: T−1 year dummies among the regressors. ``dummies``: the name of other dummies
    among the regressors of an OLS, e.g. ``"two-digit dummies"``.
    """

    absorbed: bool = True
    time_dummies: bool = True
    dummies: str = ""

    @property
    def df_text(self) -> str:
        """The residual degrees of freedom as a formula, e.g. ``N-K-(T-1)-G``."""
        if not self.absorbed:
            return "N-K"
        return "N-K-(T-1)-G" if self.time_dummies else "N-K-G"


TWOWAY = Layout()


@dataclass(frozen=True, eq=False)
class Scores:
    """The pieces of a least-squares fit a covariance is computed from (module docstring).

    ``groups(column)`` gives integer cluster codes of ``column`` for the rows of ``x``; ``entity``
    is the column ``Clustered()`` clusters by.
    """

    x: np.ndarray
    resid: np.ndarray
    bread: np.ndarray
    df_resid: int
    n_params: int
    groups: Callable[[str], np.ndarray]
    entity: str
    layout: Layout = TWOWAY

    @property
    def nobs(self) -> int:
        return len(self.resid)

    @cached_property
    def xe(self) -> np.ndarray:
        """The scores x_i e_i, N×K."""
        return self.x * self.resid[:, None]

    def sandwich(self, meat: np.ndarray, scale: float = 1.0) -> np.ndarray:
        """scale·B·meat·B', symmetrised."""
        v = self.bread @ meat @ self.bread.T * scale
        return (v + v.T) / 2

    def cluster_meat(self, codes: np.ndarray) -> tuple[np.ndarray, int]:
        """Σ_g s_g s_g' over the clusters ``codes`` (0..G−1) and G."""
        g = int(codes.max()) + 1
        sums = np.stack([np.bincount(codes, weights=col, minlength=g) for col in self.xe.T], axis=1)
        return sums.T @ sums, g


class Covariance:
    """A covariance estimator (module docstring); subclasses are frozen dataclasses."""

    name: ClassVar[str]

    def vcov(self, scores: Scores) -> np.ndarray:
        """V, K×K."""
        raise NotImplementedError

    def df(self, scores: Scores) -> int:
        """Degrees of freedom of the Student t behind p-values and confidence intervals."""
        return scores.df_resid

    def se_type(self, entity: str = "entity", layout: Layout = TWOWAY) -> str:
        """The name of the standard errors in a table (``entity``: what ``Clustered()`` clusters
        by)."""
        raise NotImplementedError

    def describe(self, layout: Layout = TWOWAY) -> str:
        """One line for table notes: the formula and the t distribution, in ``layout``'s terms."""
        raise NotImplementedError


@dataclass(frozen=True)
class Unadjusted(Covariance):
    """Homoskedastic: V = s²(X'X)⁻¹, s² = e'e/df_resid; t(df_resid)."""

    name: ClassVar[str] = "unadjusted"

    def vcov(self, scores: Scores) -> np.ndarray:
        return float(scores.resid @ scores.resid) / scores.df_resid * scores.bread

    def se_type(self, entity: str = "entity", layout: Layout = TWOWAY) -> str:
        return "conventional"

    def describe(self, layout: Layout = TWOWAY) -> str:
        df = layout.df_text
        return f"homoskedastic, s2 = e'e/({df}); p-values and CIs from t({df})"


@dataclass(frozen=True)
class Robust(Covariance):
    """Heteroskedasticity-robust (White): HC0 times N/df_resid, or plain HC0 without
    ``small_sample`` (Hansen's White SEs); t(df_resid)."""

    name: ClassVar[str] = "robust"
    small_sample: bool = True

    def vcov(self, scores: Scores) -> np.ndarray:
        x, e = scores.x, scores.resid
        meat = (x * e[:, None] ** 2).T @ x
        if self.small_sample:
            meat = meat * scores.nobs / scores.df_resid
        return scores.sandwich(meat)

    def se_type(self, entity: str = "entity", layout: Layout = TWOWAY) -> str:
        return "heteroskedasticity-robust (White)" if self.small_sample else "White (HC0)"

    def describe(self, layout: Layout = TWOWAY) -> str:
        df = layout.df_text
        factor = f"with factor N/({df})" if self.small_sample else "without small-sample factor"
        return f"White HC0 {factor}; p-values and CIs from t({df})"


@dataclass(frozen=True)
class Clustered(Covariance):
    """Cluster-robust by one or two columns (``by``; None = the model's entity), with Stata's or
    linearmodels' small-sample ``convention`` (module docstring); ``label`` names the clusters in
    tables (default: the column names)."""

    name: ClassVar[str] = "clustered"
    by: str | tuple[str, ...] | None = None
    convention: Convention = "stata"
    label: str | None = None

    def __post_init__(self) -> None:
        if self.convention not in CONVENTIONS:
            raise InputError("covariance", f"convention in {CONVENTIONS}", [self.convention])
        if isinstance(self.by, tuple) and not 1 <= len(self.by) <= 2:
            raise InputError("covariance", "one or two cluster columns", list(self.by))

    def columns(self, entity: str) -> tuple[str, ...]:
        """The cluster columns, ``entity`` when ``by`` is None."""
        if self.by is None:
            return (entity,)
        return (self.by,) if isinstance(self.by, str) else tuple(self.by)

    def _counted(self, scores: Scores) -> int:
        """P' of the factor: P, the constant Stata counts, and the absorbed effects unless they are
        nested in the clusters (in any cluster column for ``stata``, as reghdfe; in every one for
        ``linearmodels``, as its ``auto_df``)."""
        p = scores.n_params + int(self.convention == "stata" and scores.layout.absorbed)
        absorbed = scores.nobs - scores.n_params - scores.df_resid  # G for the within estimator
        if absorbed:
            entity = scores.groups(scores.entity)
            nested = [_nested(entity, scores.groups(c)) for c in self.columns(scores.entity)]
            if not (any(nested) if self.convention == "stata" else all(nested)):
                p += absorbed
        return p

    def _factor(self, scores: Scores, g: int, column: str) -> float:
        """G/(G−1)·(N−1)/(N−P') (module docstring)."""
        if g < 2:
            raise InputError("covariance", f"at least two clusters in {column}", [g])
        n = scores.nobs
        return g / (g - 1.0) * ((n - 1.0) / (n - self._counted(scores)))

    def _codes(self, scores: Scores) -> list[tuple[str, np.ndarray]]:
        """(column, codes) of each cluster dimension, then of their intersection if two-way."""
        cols = self.columns(scores.entity)
        codes = [(c, scores.groups(c)) for c in cols]
        if len(codes) == 2:
            import pandas as pd

            both = pd.MultiIndex.from_arrays([codes[0][1], codes[1][1]])
            codes.append((" x ".join(cols), pd.factorize(both)[0]))
        return codes

    def vcov(self, scores: Scores) -> np.ndarray:
        meats = [(c, *scores.cluster_meat(codes)) for c, codes in self._codes(scores)]
        if len(meats) == 1:
            column, meat, g = meats[0]
            return scores.sandwich(meat, self._factor(scores, g, column))
        g_min = min(meats[0][2], meats[1][2])
        total = np.zeros_like(scores.bread)
        for sign, (column, meat, g) in zip((1, 1, -1), meats, strict=True):
            g_used = g_min if self.convention == "stata" else g
            total += sign * self._factor(scores, g_used, column) * meat
        return scores.sandwich(total)

    def df(self, scores: Scores) -> int:
        if self.convention == "linearmodels":
            return scores.df_resid
        return min(int(codes.max()) + 1 for _, codes in self._codes(scores)[:2]) - 1

    def se_type(self, entity: str = "entity", layout: Layout = TWOWAY) -> str:
        """``clustered by <label>`` (xtreg's words), ``cluster-robust by <label>`` for an OLS
        (regress's)."""
        names = self.label or " and ".join(self.columns(entity))
        return f"{'clustered' if layout.absorbed else 'cluster-robust'} by {names}"

    def describe(self, layout: Layout = TWOWAY) -> str:
        text = self._one_way_text(layout)
        if len(self.columns("entity")) == 1:
            return text
        g = "G = min(G_a, G_b)" if self.convention == "stata" else "each term's own G"
        return f"two-way, V_a + V_b - V_ab (Cameron, Gelbach and Miller 2011), {g}; {text}"

    def _one_way_text(self, layout: Layout) -> str:
        stata = self.convention == "stata"
        if not layout.absorbed:
            counted = f"K incl. {layout.dummies}" if layout.dummies else "K incl. the constant"
            t = "t(G-1)" if stata else f"t({layout.df_text})"
            return f"CR1: G/(G-1)*(N-1)/(N-K), {counted}; {t} p-values and CIs"
        p = "K-(T-1)" if layout.time_dummies else "K"
        with_dummies = " with year dummies" if layout.time_dummies else ""
        if stata:
            counted = "K slopes, T-1 year dummies" if layout.time_dummies else "K slopes"
            return (
                f"small-sample factor G/(G-1)(N-1)/(N-{p}-1), {counted} and the constant counted, "
                f"p-values and CIs from t(G-1), as Stata's xtreg, fe vce(cluster){with_dummies}"
            )
        return (
            f"small-sample factor G/(G-1)(N-1)/(N-{p}), p-values and CIs from "
            f"t({layout.df_text}), as linearmodels' PanelOLS (debiased){with_dummies}"
        )


def _nested(inner: np.ndarray, outer: np.ndarray) -> bool:
    """Whether every group of ``inner`` lies in one group of ``outer`` (integer codes): each
    distinct (inner, outer) pair has an inner code of its own."""
    pairs = np.unique(np.column_stack([inner, outer]), axis=0)
    return len(np.unique(pairs[:, 0])) == len(pairs)


COVARIANCES: dict[str, type[Covariance]] = {c.name: c for c in (Unadjusted, Robust, Clustered)}
DEFAULT_COV: Covariance = Clustered()


def covariance(cov: Covariance | str = DEFAULT_COV, **options: object) -> Covariance:
    """``cov`` itself, or the covariance it names (a :data:`COVARIANCES` key) with ``options``."""
    if isinstance(cov, Covariance):
        if options:
            raise InputError("covariance", "options only with a covariance name", list(options))
        return cov
    if cov not in COVARIANCES:
        raise InputError("covariance", f"cov one of {sorted(COVARIANCES)}", [cov])
    try:
        return COVARIANCES[cov](**options)
    except TypeError as err:
        raise InputError("covariance", f"options of {cov}", list(options), str(err)) from None


def from_config(se: str, inference: str, **clustered: object) -> Covariance:
    """The covariance of the configuration's ``se`` and ``inference``: the convention and the
    ``clustered`` options (``by``, ``label``) apply to clustered standard errors only."""
    if se == Clustered.name:
        return covariance(se, convention=inference, **clustered)
    return covariance(se)


def coef_table(
    params: np.ndarray,
    names: Sequence[str],
    scores: Scores,
    cov: Covariance,
    level: float = 0.95,
) -> pd.DataFrame:
    """coef, se, t, p and the ``level`` CI of every coefficient under ``cov``: se = √diag V,
    t = β̂/se, p = 2(1 − F_t(|t|; df)), CI β̂ + se·t_{(1∓level)/2}(df), df = ``cov.df``."""
    import pandas as pd
    from scipy import stats  # the t distribution, imported where it is needed

    v = cov.vcov(scores)
    df = cov.df(scores)
    se = np.sqrt(np.diag(v))
    t = params / se
    q = stats.t.ppf([(1 - level) / 2, 1 - (1 - level) / 2], df)
    return pd.DataFrame(
        {
            "coef": params,
            "se": se,
            "t": t,
            "p": 2 * stats.t.sf(np.abs(t), df),
            "ci_lower": params + se * q[0],
            "ci_upper": params + se * q[1],
        },
        index=list(names),
    )
