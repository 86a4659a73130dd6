"""The data-generating process of the ASIF-style firm panel (Liu 2013, section 6): every true
parameter, with the defaults the simulator draws from (:class:`FirmDGP`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from gvcpanel.papers.liu_2013 import REGISTRATION_CODES

YEARS = tuple(range(1998, 2008))

#: The ownership groups in the simulator's draw order.
GROUPS = tuple(REGISTRATION_CODES)

#: Codes outside every ownership range, used for the "unknown registration code" dirt.
INVALID_REGISTRATION_CODES = (0, 400, 900)


@dataclass(frozen=True)
class Convergence:
    """True coefficients of the two-year VR change of a (group, 4-digit industry), eq. (63).

    E[VR_{i,t} − VR_{i,t−2}] = psi0 + psi1·VR_{i,1998} + psi2·β_i + psi3·τ_t with τ_t = (t − 1998)/2
    (τ = 1 for the first two-year change 1998→2000). Annual latent increments are
    δ_{i,t} = (psi0 + psi1·VR_{i,1998} + psi2·β_i + psi3/4)/2 + (psi3/4)(t − 1998) + η_{i,t}, which
    gives exactly this expectation for every two-year change ending in 2000…2007.
    """

    psi0: float
    psi1: float
    psi2: float
    psi3: float


@dataclass(frozen=True)
class GroupDGP:
    """Per-ownership-group parameters: size, growth, exporting and the VR process."""

    entry_share_1998: float  # share of the group among 1998 incumbents
    entry_share_2007: float  # share among 2007 entrants (linear in between)
    log_output_median: float  # log of median 1998 output, thousand RMB
    output_growth: float  # annual log growth of output
    vr0_mean: float  # mean of industry initial VR_{i,1998} (Beta across industries)
    exporter_share: float  # share of firms that export
    export_share_mean: float  # mean exports/output among exporters (Beta)
    convergence: Convergence


def _default_groups() -> dict[str, GroupDGP]:
    return {
        # Multinational subsidiaries: convergence with Liu's published column (1) of Table 3.
        "foreign": GroupDGP(0.05, 0.12, 10.1, 0.12, 0.265, 0.75, 0.55,
                            Convergence(0.0215, -0.076, 23.32, -0.00119)),
        # HMT-owned firms: mean reversion only (Liu, Table 8).
        "hmt": GroupDGP(0.08, 0.10, 9.8, 0.10, 0.26, 0.70, 0.50,
                        Convergence(0.0183, -0.0861, 0.0, 0.0)),
        # Domestic firms: no convergence (all psi = 0).
        "domestic": GroupDGP(0.87, 0.78, 9.2, 0.08, 0.28, 0.25, 0.15,
                             Convergence(0.0, 0.0, 0.0, 0.0)),
    }  # fmt: skip


@dataclass(frozen=True)
class DirtRates:
    """Share of clean firm-years receiving each defect; the defects hit disjoint rows.

    Counts are exact: ``round(rate · clean rows)`` rows per defect, chosen at random.
    """

    missing: float = 0.005  # one value column set to null
    negative: float = 0.002  # one value column made negative
    va_exceeds_output: float = 0.003  # value_added = output · U(1.05, 2); inputs unchanged
    small_employment: float = 0.01  # employment set to 1…7
    invalid_registration: float = 0.0005  # registration code outside all ranges (0, 400, 900)
    duplicate: float = 0.001  # extra copy of the firm-year with flows rescaled by U(0.5, 1.5)


@dataclass(frozen=True)
class FirmDGP:
    """Data-generating process of the ASIF-style panel, 1998–2007 (thousand current RMB).

    Industries: the 30 two-digit industries of Liu's Table A1 split into ``n_industries`` 4-digit
    industries (cic4 = 100·cic2 + k); industry weights lognormal(0, ``industry_weight_sd``).
    Firms: ``firm_years`` · scale rows, yearly firm counts rising linearly (``firms_growth`` more in
    2007 than 1998); exit hazard ``exit_hazard``; entrants fill the yearly count. Ownership group
    drawn at entry (shares in :class:`GroupDGP`), registration code uniform within the group's
    codes. A share ``id_change_share`` of multi-year firms gets a new identifier from a random
    later year (link file ``old_id, new_id, year``). For ``revised_share`` of the 4-digit industries
    firm-years before 2003 carry an old code (one or two old codes per new code; concordance file
    ``old_cic4, new_cic4``).

    Output: log y_jt = log_output_median_g + ``output_sd``·z_j + growth_g·(t − 1998) + e_jt,
    e ~ N(0, ``output_noise_sd``). Value added ratio of firm j in industry i:
    VR_jt = clip(G_{g,i}(t) + a_j + u_jt, ``vr_bounds``), a_j ~ N(0, ``firm_vr_sd``),
    u ~ N(0, ``firm_vr_noise_sd``); industry path G(1998) ~ Beta(mean vr0_mean_g, sd ``vr0_sd``),
    increments as in :class:`Convergence` with shocks η ~ N(0, ``industry_shock_sd``).
    value_added = VR·output; intermediate_inputs = output − value_added (exact where clean).
    Training: training_expense = β_i·m_jt·output, m lognormal with mean 1; β_i = β_{2d}·v_i·c_{2d}
    with v_i lognormal(sd ``training_industry_sd``) and c_{2d} making Σtraining/Σoutput of each
    two-digit industry equal Table A1 exactly. Capital: fixed_assets = K/L_i·k_jt·employment, same
    construction, ΣK/ΣL of each two-digit industry equal Table A1 exactly. Employment =
    max(8, round(output / productivity)); productivity lognormal(log ``productivity_median``,
    ``productivity_sd``), growing ``productivity_growth`` a year. Wage bill = w_t·h_j·employment;
    w_t = ``wage_1998``·exp(``wage_growth``·(t − 1998) + ν_t − ν_1998), ν ~ N(0, ``wage_noise_sd``),
    is the wage-rate level (``wage_index.csv``: wage_index = w_t / w_1998, avg_wage = w_t). VR does
    not depend on wages: a wage-index regressor (Table 6) only proxies τ. Exports: exporter with
    probability exporter_share_g, exports = share·output, share ~ Beta(mean export_share_mean_g,
    κ = 4). Table A1's training intensity is read as the ratio training expense / output.
    Dirt: :class:`DirtRates`.
    """

    firm_years: int = 2_500_000
    n_industries: int = 480
    industry_weight_sd: float = 0.6
    firms_growth: float = 1.0
    exit_hazard: float = 0.09
    id_change_share: float = 0.03
    revised_share: float = 0.15
    output_sd: float = 1.5
    output_noise_sd: float = 0.15
    vr0_sd: float = 0.12
    firm_vr_sd: float = 0.02
    firm_vr_noise_sd: float = 0.01
    industry_shock_sd: float = 0.005
    vr_bounds: tuple[float, float] = (0.01, 0.95)
    training_industry_sd: float = 0.3
    training_firm_sd: float = 0.5
    kl_industry_sd: float = 0.3
    kl_firm_sd: float = 0.5
    productivity_median: float = 250.0
    productivity_sd: float = 0.6
    productivity_growth: float = 0.08
    wage_1998: float = 7.5
    wage_growth: float = 0.13
    wage_noise_sd: float = 0.01
    wage_firm_sd: float = 0.3
    groups: dict[str, GroupDGP] = field(default_factory=_default_groups)
    dirt: DirtRates = field(default_factory=DirtRates)

    def scaled(self, scale: float) -> FirmDGP:
        """The same process with ``scale`` times the default number of firm-years."""
        return dataclasses.replace(self, firm_years=max(1, round(self.firm_years * scale)))
