"""Seeded simulator of the country side of Qu & Yang (2023) (SPEC §3.4); its raw files are
written by :mod:`gvcpanel.papers.qu_yang_2023.simulate_files`.

Data-generating process (true parameters in :class:`CountryDGP`, defaults = the paper):

1. Indicators. For k ∈ {ω, μ, υ} a latent x_it = α_i + τ_t + u_it with country levels α_i,
   a common year profile τ_t = trend·s_t + curve·s_t² + σ_year·e_t (s_t runs from −1 to 1 over the
   sample years) and AR(1) deviations u_it (stationary start); the indicator is
   lo + (hi − lo)·expit(x_it), so it stays inside its realistic range. The ω levels sit on evenly
   spaced normal quantiles assigned to countries at random, so both sides of φ1 and φ2 are
   populated in every draw. gr (percentage points) = g_i + τ_t + u_it without transform; world GDP
   growth is i.i.d. normal; GDP growth = world growth + gr.
2. Outcome on the standardised scale, z(x) = (x − mean(x)) / sd(x) with the mean and the sd
   (ddof = 1) of x over all drawn country-years:
       z(GVCP) = c_ω z(ω) + z(μ)·[a_low 1(ω ≤ φ1) + a_high 1(ω > φ1)]
                 + z(υ)·[b_low 1(ω ≤ φ2) + b_high 1(ω > φ2)] + c_gr z(gr) + γ_i + η_t + ε_it,
   ω raw in the indicators. With ``threshold_effects=False`` the slopes are the linear ones of
   Table 1 eq (16). η_t ~ N(0, σ_η²), ε ~ N(0, σ_ε²). The country effect is
   γ_i = κ·g_i − mean_t(rest_i), g_i ~ N(0, 1) centred, "rest" = everything else on the right-hand
   side, with κ chosen so that z(GVCP) has sample mean 0 and sample variance 1 exactly: then
   z-scoring the generated GVCP gives back z(GVCP) itself, and fixed-effect regressions on the
   z-scored variables estimate the slopes above. Finally GVCP = m + s·z(GVCP).
3. Controls gdp per capita and population: log levels with country-specific level, trend and
   i.i.d. noise; population rounded to whole persons. Their true coefficient is 0.
4. Raw components, constructed so that the formulas of
   :mod:`gvcpanel.papers.qu_yang_2023.indicators` give back the indicators: Y (USD million)
   with country level and growth; VA = υY; ΣM = Y − VA; ΣM_ij = (1 − μ)ΣM; other manufactured
   imports O = o·Y; Ex = ξ(VA + ΣM_ij + O) with
   ξ ∈ (0, 1); final demand D = (VA − Ex + ΣM_ij + O)/ω > 0; ΣG = (1 − ω)D; Im = ΣG + ΣM_ij + O
   (so D = υY − (Ex − Im)); total exports E = 1000·Ex / share (USD thousand);
   FVA = f·GVCP·E, DVX = (1 − f)·GVCP·E, DVA = E − FVA.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit
from scipy.stats import norm

from gvcpanel.papers.qu_yang_2023 import COUNTRIES
from gvcpanel.papers.qu_yang_2023.indicators import COMPONENT_COLUMNS, INDICATOR_COLUMNS
from gvcpanel.papers.qu_yang_2023.simulate_dgp import CountryDGP, IndicatorProcess

DEFAULT_SEED = 20230104
DEFAULT_YEARS = tuple(range(2000, 2016))
#: The paper's 21 countries with their World Bank names.
PAPER_COUNTRIES = COUNTRIES


@dataclass(frozen=True)
class CountryDraw:
    """One draw: ``truth`` has one row per iso3-year with indicators, z-scores, effects and the
    canonical components; ``world`` has year and world_gdp_growth."""

    dgp: CountryDGP
    seed: int
    names: dict[str, str]
    years: tuple[int, ...]
    truth: pd.DataFrame
    world: pd.DataFrame
    moments: dict[str, dict[str, float]]  # sample mean and sd behind each z-score
    kappa: float  # scale of the random part of the country effects

    def components(self) -> pd.DataFrame:
        """The canonical component table (input of ``construct_indicators``)."""
        return self.truth.loc[:, list(COMPONENT_COLUMNS)].copy()

    def indicators(self) -> pd.DataFrame:
        """The true indicators (output layout of ``construct_indicators``)."""
        return self.truth.loc[:, list(INDICATOR_COLUMNS)].copy()


def synthetic_codes(n: int) -> list[str]:
    """``n`` three-letter codes from ISO 3166's user-assigned ranges QMA–QZZ, XAA–XZZ (not XKX)."""
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    pool = [f"Q{a}{b}" for a in letters[12:] for b in letters]
    pool += [f"X{a}{b}" for a in letters for b in letters if f"X{a}{b}" != "XKX"]
    if not 0 < n <= len(pool):
        raise ValueError(f"n must be between 1 and {len(pool)}, got {n}")
    return pool[:n]


def _zscore(x: np.ndarray) -> tuple[np.ndarray, float, float]:
    mean = float(x.mean())
    sd = float(x.std(ddof=1))
    return (x - mean) / sd, mean, sd


def _ar1(rng: np.random.Generator, n: int, t: int, rho: float, sd: float) -> np.ndarray:
    """(n, t) stationary AR(1) paths with innovation sd ``sd``."""
    e = rng.standard_normal((n, t)) * sd
    u = np.empty((n, t))
    u[:, 0] = e[:, 0] / np.sqrt(1.0 - rho**2)
    for j in range(1, t):
        u[:, j] = rho * u[:, j - 1] + e[:, j]
    return u


def _year_profile(
    rng: np.random.Generator, t: int, trend: float, curve: float, sd: float
) -> np.ndarray:
    s = np.linspace(-1.0, 1.0, t) if t > 1 else np.zeros(1)
    return trend * s + curve * s**2 + sd * rng.standard_normal(t)


def _indicator(
    p: IndicatorProcess, levels: np.ndarray, rng: np.random.Generator, t: int
) -> np.ndarray:
    latent = (
        levels[:, None]
        + _year_profile(rng, t, p.trend, p.curve, p.sd_year)[None, :]
        + _ar1(rng, levels.size, t, p.rho, p.sd_shock)
    )
    return p.lo + (p.hi - p.lo) * expit(latent)


def _uniform(rng: np.random.Generator, bounds: tuple[float, float], n: int) -> np.ndarray:
    return rng.uniform(bounds[0], bounds[1], n)


def simulate_country(
    dgp: CountryDGP | None = None,
    countries: Sequence[str] | dict[str, str] | None = None,
    years: Sequence[int] = DEFAULT_YEARS,
    seed: int = DEFAULT_SEED,
) -> CountryDraw:
    """Draw the balanced country panel (countries × years) of the DGP in the module docstring.

    ``countries``: iso3 codes (names from :data:`PAPER_COUNTRIES`, else the code) or a code → name
    mapping; default the paper's 21 countries.
    """
    dgp = CountryDGP() if dgp is None else dgp
    if countries is None:
        countries = PAPER_COUNTRIES
    names = (
        dict(countries)
        if isinstance(countries, dict)
        else {c: PAPER_COUNTRIES.get(c, c) for c in countries}
    )
    codes = list(names)
    years = tuple(int(y) for y in years)
    if len(set(codes)) != len(codes) or len(set(years)) != len(years) or len(years) < 2:
        raise ValueError("countries must be unique and years unique with at least two years")
    rng = np.random.default_rng(seed)
    n, t = len(codes), len(years)
    ind, world = _draw_indicators(dgp, rng, n, t)
    z, moments, effects, kappa = _draw_outcome(dgp, rng, ind)
    step = np.asarray(years, dtype=float) - years[0]
    cols = (
        ind
        | {f"z_{k}": v for k, v in z.items()}
        | effects
        | _draw_controls(dgp, rng, n, t, step)
        | {"world_gdp_growth": np.repeat(world[None, :], n, axis=0)}
    )
    cols |= _draw_components(dgp, rng, cols, step)
    truth = pd.DataFrame(
        {"iso3": np.repeat(codes, t), "year": np.tile(np.asarray(years, dtype="int64"), n)}
        | {k: cols[k].reshape(-1) for k in TRUTH_COLUMNS}
    )
    world_df = pd.DataFrame({"year": list(years), "world_gdp_growth": world})
    return CountryDraw(dgp, seed, names, years, truth, world_df, moments, kappa)


#: The columns of a draw's truth table after iso3 and year, in order.
TRUTH_COLUMNS = (
    "gvcp", "omega", "mu", "upsilon", "gr", "gdpp", "pop",
    "z_gvcp", "z_omega", "z_mu", "z_upsilon", "z_gr",
    "country_effect", "year_effect", "error",
    "exports", "dva", "fva", "dvx", "output", "value_added", "mfg_exports", "mfg_imports",
    "final_imports", "intermediate_imports", "intermediate_inputs",
    "gdp_growth", "world_gdp_growth", "gdp_per_capita", "population",
)  # fmt: skip


def _draw_indicators(
    dgp: CountryDGP, rng: np.random.Generator, n: int, t: int
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Step 1: ω, μ, υ, gr and GDP growth (n × t), and world GDP growth (t)."""
    q = norm.ppf((np.arange(n) + 0.5) / n)
    a_omega = dgp.omega.mean + dgp.omega.sd_country * rng.permutation(q)
    std_omega = (a_omega - dgp.omega.mean) / dgp.omega.sd_country
    r = dgp.corr_omega_mu
    a_mu = dgp.mu.mean + dgp.mu.sd_country * (
        r * std_omega + np.sqrt(1 - r**2) * rng.standard_normal(n)
    )
    a_ups = dgp.upsilon.mean + dgp.upsilon.sd_country * rng.standard_normal(n)
    omega = _indicator(dgp.omega, a_omega, rng, t)
    mu = _indicator(dgp.mu, a_mu, rng, t)
    upsilon = _indicator(dgp.upsilon, a_ups, rng, t)
    gr_raw = (
        (dgp.gr_mean + dgp.gr_sd_country * rng.standard_normal(n))[:, None]
        + dgp.gr_sd_year * rng.standard_normal(t)[None, :]
        + _ar1(rng, n, t, dgp.gr_rho, dgp.gr_sd_shock)
    )
    world = dgp.world_growth_mean + dgp.world_growth_sd * rng.standard_normal(t)
    gdp_growth = world[None, :] + gr_raw
    gr = gdp_growth - world[None, :]  # exactly what the formula gives back from the files
    ind = {"omega": omega, "mu": mu, "upsilon": upsilon, "gr": gr, "gdp_growth": gdp_growth}
    return ind, world


def _signal(dgp: CountryDGP, omega: np.ndarray, z: dict[str, np.ndarray]) -> np.ndarray:
    """The systematic part of z(GVCP): threshold slopes in ω (or the linear ones)."""
    slopes = dgp.slopes()
    if not dgp.threshold_effects:
        return (
            slopes["omega"] * z["omega"]
            + slopes["mu"] * z["mu"]
            + slopes["upsilon"] * z["upsilon"]
            + slopes["gr"] * z["gr"]
        )
    low_mu = omega <= dgp.phi_mu
    low_ups = omega <= dgp.phi_upsilon
    return (
        slopes["omega"] * z["omega"]
        + z["mu"] * np.where(low_mu, slopes["mu_low"], slopes["mu_high"])
        + z["upsilon"] * np.where(low_ups, slopes["upsilon_low"], slopes["upsilon_high"])
        + slopes["gr"] * z["gr"]
    )


def _draw_outcome(
    dgp: CountryDGP, rng: np.random.Generator, ind: dict[str, np.ndarray]
) -> tuple[dict[str, np.ndarray], dict[str, dict[str, float]], dict[str, np.ndarray], float]:
    """Step 2: z-scores, their moments, GVCP with its effects and errors, and κ."""
    shape: tuple[int, int] = ind["omega"].shape
    n, t = shape
    z: dict[str, np.ndarray] = {}
    moments: dict[str, dict[str, float]] = {}
    for name in ("omega", "mu", "upsilon", "gr"):
        z[name], mean, sd = _zscore(ind[name])
        moments[name] = {"mean": mean, "sd": sd}
    eta = dgp.sigma_eta * rng.standard_normal(t)
    eps = dgp.sigma_eps * rng.standard_normal((n, t))
    rest = _signal(dgp, ind["omega"], z) + eta[None, :] + eps
    within = rest - rest.mean(axis=1, keepdims=True)
    g = rng.standard_normal(n)
    g -= g.mean()
    room = (n * t - 1) - float((within**2).sum())
    if room <= 0:
        raise ValueError(
            "within-country variance of z(GVCP) exceeds 1 (too few countries for the"
            " standardised DGP): draw more countries, another seed, or lower sigma_eps"
        )
    kappa = float(np.sqrt(room / (t * float((g**2).sum()))))
    gamma = kappa * g - rest.mean(axis=1)
    z["gvcp"] = within + kappa * g[:, None]
    gvcp = dgp.gvcp_mean + dgp.gvcp_sd * z["gvcp"]
    if not ((gvcp > 0) & (gvcp < 1)).all():
        raise ValueError("GVCP outside (0, 1): lower gvcp_sd")
    moments["gvcp"] = {"mean": dgp.gvcp_mean, "sd": dgp.gvcp_sd}
    effects = {
        "gvcp": gvcp,
        "country_effect": np.repeat(gamma[:, None], t, axis=1),
        "year_effect": np.repeat(eta[None, :], n, axis=0),
        "error": eps,
    }
    return z, moments, effects, kappa


def _draw_controls(
    dgp: CountryDGP, rng: np.random.Generator, n: int, t: int, step: np.ndarray
) -> dict[str, np.ndarray]:
    """Step 3: GDP per capita and population (log levels with level, trend and noise)."""
    log_gdppc = (
        (dgp.log_gdppc_mean + dgp.log_gdppc_sd * rng.standard_normal(n))[:, None]
        + (dgp.gdppc_growth_mean + dgp.gdppc_growth_sd * rng.standard_normal(n))[:, None] * step
        + dgp.gdppc_noise * rng.standard_normal((n, t))
    )
    log_pop = (dgp.log_pop_mean + dgp.log_pop_sd * rng.standard_normal(n))[:, None] + (
        dgp.pop_growth_mean + dgp.pop_growth_sd * rng.standard_normal(n)
    )[:, None] * step
    gdp_per_capita = np.exp(log_gdppc)
    population = np.rint(np.exp(log_pop))
    return {
        "gdpp": np.log(gdp_per_capita),
        "pop": np.log(population),
        "gdp_per_capita": gdp_per_capita,
        "population": population,
    }


def _draw_components(
    dgp: CountryDGP, rng: np.random.Generator, cols: dict[str, np.ndarray], step: np.ndarray
) -> dict[str, np.ndarray]:
    """Step 4: the raw components that give back ω, μ, υ and GVCP (module docstring, item 4)."""
    shape: tuple[int, int] = cols["omega"].shape
    n, t = shape
    omega, mu, upsilon, gvcp = cols["omega"], cols["mu"], cols["upsilon"], cols["gvcp"]
    output = np.exp(
        (dgp.log_output_mean + dgp.log_output_sd * rng.standard_normal(n))[:, None]
        + dgp.output_growth * step[None, :]
        + dgp.output_noise * rng.standard_normal((n, t))
    )
    value_added = upsilon * output
    intermediate_inputs = output - value_added
    intermediate_imports = (1.0 - mu) * intermediate_inputs
    other_imports = _uniform(rng, dgp.other_imports_range, n)[:, None] * output
    xi = _uniform(rng, dgp.export_share_range, n)[:, None]
    mfg_exports = xi * (value_added + intermediate_imports + other_imports)
    demand = (value_added - mfg_exports + intermediate_imports + other_imports) / omega
    final_imports = (1.0 - omega) * demand
    exports = 1000.0 * mfg_exports / _uniform(rng, dgp.mfg_export_share_range, n)[:, None]
    f = _uniform(rng, dgp.fva_share_range, n)[:, None]
    fva = f * gvcp * exports
    return {
        "exports": exports,
        "dva": exports - fva,
        "fva": fva,
        "dvx": (1.0 - f) * gvcp * exports,
        "output": output,
        "value_added": value_added,
        "mfg_exports": mfg_exports,
        "mfg_imports": final_imports + intermediate_imports + other_imports,
        "final_imports": final_imports,
        "intermediate_imports": intermediate_imports,
        "intermediate_inputs": intermediate_inputs,
    }
