"""The true parameters of the country-side simulator of Qu & Yang (2023): one indicator's latent
process and the whole data-generating process (the model is in the docstring of
:mod:`gvcpanel.papers.qu_yang_2023.simulate`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorProcess:
    """Latent process of one indicator: lo + (hi − lo)·expit(α_i + τ_t + u_it) (module doc, 1)."""

    lo: float
    hi: float
    mean: float  # mean of the country levels α_i (logit scale)
    sd_country: float  # sd of α_i
    trend: float  # linear year profile, τ_t = trend·s_t + curve·s_t² + sd_year·e_t
    curve: float
    sd_year: float
    rho: float  # AR(1) coefficient of u_it
    sd_shock: float  # innovation sd of u_it


@dataclass(frozen=True)
class CountryDGP:
    """True parameters of the country-side DGP (see the module docstring for the equations).

    Threshold slopes: Table 3 of Qu & Yang (2023); c_omega and c_gr are the means of the ω and gr
    slopes of Table 3 eq (19) and eq (20) (−0.8019, −0.7886 and −0.8318, −0.8063). Linear slopes
    (``threshold_effects=False``): Table 1 eq (16). Thresholds φ1, φ2 in raw ω units (Table 2).
    """

    threshold_effects: bool = True
    phi_mu: float = 0.3454
    phi_upsilon: float = 0.3785
    c_omega: float = (-0.8019 - 0.7886) / 2
    a_low: float = -0.5041
    a_high: float = -0.7116
    b_low: float = -1.4910
    b_high: float = -1.7364
    c_gr: float = (-0.8318 - 0.8063) / 2
    linear_omega: float = -0.5244
    linear_mu: float = -0.5025
    linear_upsilon: float = -0.7903
    linear_gr: float = -0.6836
    sigma_eps: float = 0.25
    sigma_eta: float = 0.1
    gvcp_mean: float = 0.535
    gvcp_sd: float = 0.075
    omega: IndicatorProcess = IndicatorProcess(0.03, 0.91, -0.2, 1.3, 0.0, 0.3, 0.05, 0.7, 0.12)
    mu: IndicatorProcess = IndicatorProcess(0.27, 0.92, 0.4, 1.1, 0.15, 0.0, 0.04, 0.7, 0.1)
    upsilon: IndicatorProcess = IndicatorProcess(0.21, 0.43, 0.0, 1.2, 0.05, 0.0, 0.02, 0.6, 0.06)
    corr_omega_mu: float = 0.5  # correlation of the ω and μ country levels
    gr_mean: float = -0.5  # country levels of gr (percentage points)
    gr_sd_country: float = 1.5
    gr_sd_year: float = 0.4
    gr_rho: float = 0.4
    gr_sd_shock: float = 0.6
    world_growth_mean: float = 3.0
    world_growth_sd: float = 1.0
    log_gdppc_mean: float = 10.3
    log_gdppc_sd: float = 0.5
    gdppc_growth_mean: float = 0.03
    gdppc_growth_sd: float = 0.015
    gdppc_noise: float = 0.03
    log_pop_mean: float = 16.5
    log_pop_sd: float = 1.3
    pop_growth_mean: float = 0.005
    pop_growth_sd: float = 0.004
    log_output_mean: float = 12.0  # manufacturing gross output, log USD million
    log_output_sd: float = 1.0
    output_growth: float = 0.03
    output_noise: float = 0.04
    export_share_range: tuple[float, float] = (0.25, 0.6)  # ξ
    other_imports_range: tuple[float, float] = (0.02, 0.1)  # o
    mfg_export_share_range: tuple[float, float] = (0.5, 0.9)  # Ex / total exports
    fva_share_range: tuple[float, float] = (0.35, 0.65)  # f = FVA / (FVA + DVX)

    def slopes(self) -> dict[str, float]:
        """True coefficients of the standardised regressors (regime slopes when thresholded)."""
        if not self.threshold_effects:
            return {
                "omega": self.linear_omega,
                "mu": self.linear_mu,
                "upsilon": self.linear_upsilon,
                "gr": self.linear_gr,
            }
        return {
            "omega": self.c_omega,
            "mu_low": self.a_low,
            "mu_high": self.a_high,
            "upsilon_low": self.b_low,
            "upsilon_high": self.b_high,
            "gr": self.c_gr,
        }
