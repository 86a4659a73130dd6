"""ASIF-style firm panel simulator (Liu 2013, section 6): raw firm-years with realistic dirt.

The data-generating process (DGP) is documented on :class:`FirmDGP`; every true parameter lives
there and is written to ``dgp.json`` beside the data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from gvcpanel.io import atomic_path, write_csv, write_json
from gvcpanel.papers.liu_2013 import REGISTRATION_CODES, REVISION_YEAR, read_table_a1
from gvcpanel.schemas.firms import RAW_COLUMNS, VALUE_COLUMNS

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


@dataclass
class FirmPanel:
    """A simulated panel: raw table (with dirt), link and concordance tables, wage index, truth."""

    raw: pa.Table
    concordance: pd.DataFrame
    id_links: pd.DataFrame
    wage_index: pd.DataFrame
    industries: pd.DataFrame
    injected: dict[str, int]


def simulate_firms(dgp: FirmDGP, seed: int) -> FirmPanel:
    """Draw one panel from ``dgp`` with ``numpy.random.default_rng(seed)`` (fully vectorised)."""
    rng = np.random.default_rng(seed)
    a1 = read_table_a1()
    ind = _industries(dgp, a1, rng)
    firm, rows = _firms_and_rows(dgp, ind, rng)
    years = rows["year"]
    t = years - YEARS[0]
    n = len(years)
    i_ind = firm["industry"][rows["firm"]]
    g_code = firm["group"][rows["firm"]]

    grp = [dgp.groups[g] for g in GROUPS]
    log_med = np.array([g.log_output_median for g in grp])[g_code]
    growth = np.array([g.output_growth for g in grp])[g_code]
    z_size = firm["size"][rows["firm"]]
    output = np.exp(
        log_med + dgp.output_sd * z_size + growth * t + rng.normal(0, dgp.output_noise_sd, n)
    )
    prod = np.exp(
        np.log(dgp.productivity_median)
        + rng.normal(0, dgp.productivity_sd, len(firm["group"]))[rows["firm"]]
        + dgp.productivity_growth * t
    )
    employment = np.maximum(8.0, np.round(output / prod))

    cic2_pos = ind["cic2_pos"].to_numpy()[i_ind]
    beta = _calibrated_intensity(
        a1["training_intensity"].to_numpy(), ind, i_ind, cic2_pos, output,
        dgp.training_industry_sd, dgp.training_firm_sd, rng,
    )  # fmt: skip
    training = beta["firm"] * output
    kl = _calibrated_intensity(
        a1["kl_1000rmb_per_person"].to_numpy(), ind, i_ind, cic2_pos, employment,
        dgp.kl_industry_sd, dgp.kl_firm_sd, rng,
    )  # fmt: skip
    fixed_assets = kl["firm"] * employment
    ind["training_intensity"] = beta["industry"]
    ind["kl"] = kl["industry"]

    vr_path = _vr_paths(dgp, ind, rng)  # (group, industry, year)
    vr = (
        vr_path[g_code, i_ind, t]
        + rng.normal(0, dgp.firm_vr_sd, len(firm["group"]))[rows["firm"]]
        + rng.normal(0, dgp.firm_vr_noise_sd, n)
    )
    vr = np.clip(vr, *dgp.vr_bounds)
    value_added = vr * output
    intermediate = output - value_added

    exporter_share = np.array([g.exporter_share for g in grp])[firm["group"]]
    firm_exporter = rng.random(len(firm["group"])) < exporter_share
    mean_share = np.array([g.export_share_mean for g in grp])[g_code]
    share = rng.beta(4 * mean_share, 4 * (1 - mean_share))
    exports = np.where(firm_exporter[rows["firm"]], share * output, 0.0)

    wage_level = dgp.wage_1998 * np.exp(
        dgp.wage_growth * np.arange(len(YEARS)) + rng.normal(0, dgp.wage_noise_sd, len(YEARS))
    )
    wage_level = wage_level * dgp.wage_1998 / wage_level[0]
    h = np.exp(rng.normal(-(dgp.wage_firm_sd**2) / 2, dgp.wage_firm_sd, len(firm["group"])))
    wage_bill = wage_level[t] * h[rows["firm"]] * employment

    reg_pools = [np.array(REGISTRATION_CODES[g]) for g in GROUPS]
    reg_firm = np.empty(len(firm["group"]), dtype=np.int64)
    for k, pool in enumerate(reg_pools):
        sel = firm["group"] == k
        reg_firm[sel] = rng.choice(pool, sel.sum())

    firm_ids = firm["id"][rows["firm"]].copy()
    links = _change_ids(dgp, firm, rows, firm_ids, rng)
    cic4 = ind["cic4"].to_numpy()[i_ind]
    concordance = _revise_codes(dgp, ind, firm, rows, cic4, rng)

    cols: dict[str, np.ndarray] = {
        "firm_id": firm_ids,
        "year": years.astype(np.int64),
        "cic4": cic4,
        "registration_type": reg_firm[rows["firm"]],
        "output": output,
        "value_added": value_added,
        "intermediate_inputs": intermediate,
        "exports": exports,
        "employment": employment,
        "fixed_assets": fixed_assets,
        "training_expense": training,
        "wage_bill": wage_bill,
    }
    raw, injected = _inject_dirt(dgp.dirt, cols, rng)
    wage = pd.DataFrame(
        {"year": YEARS, "wage_index": wage_level / wage_level[0], "avg_wage": wage_level}
    )
    return FirmPanel(raw, concordance, links, wage, ind.drop(columns="cic2_pos"), injected)


def write_firm_raw(dgp: FirmDGP, seed: int, outdir: str | Path) -> dict[str, Path]:
    """Simulate and write the raw files atomically; returns their paths by name.

    ``asif_firms.parquet`` (raw firm-years with dirt), ``cic_concordance_2003.csv`` (old_cic4,
    new_cic4), ``firm_id_links.csv`` (old_id, new_id, year), ``wage_index.csv``, ``dgp.json``
    (seed, every DGP parameter, injected defect counts) and ``industries.csv`` (the truth per
    4-digit industry: cic4, cic2, weight, training_intensity β_i, kl, vr0_<group>).
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    panel = simulate_firms(dgp, seed)
    paths = {
        "firms": outdir / "asif_firms.parquet",
        "concordance": outdir / "cic_concordance_2003.csv",
        "id_links": outdir / "firm_id_links.csv",
        "wage_index": outdir / "wage_index.csv",
        "industries": outdir / "industries.csv",
        "dgp": outdir / "dgp.json",
    }
    with atomic_path(paths["firms"]) as tmp:
        pq.write_table(panel.raw, tmp, row_group_size=250_000, compression="zstd")
    write_csv(paths["concordance"], panel.concordance)
    write_csv(paths["id_links"], panel.id_links)
    write_csv(paths["wage_index"], panel.wage_index)
    write_csv(paths["industries"], panel.industries)
    write_json(
        paths["dgp"],
        {"seed": seed, "dgp": dataclasses.asdict(dgp), "injected": panel.injected,
         "rows": panel.raw.num_rows},
    )  # fmt: skip
    return paths


def _lognormal_mean1(rng: np.random.Generator, sd: float, size: int) -> np.ndarray:
    """Lognormal multipliers with mean 1: exp(N(−sd²/2, sd))."""
    return np.exp(rng.normal(-(sd**2) / 2, sd, size))


def _industries(dgp: FirmDGP, a1: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """4-digit industries: cic4 = 100·cic2 + k (k = 1, 2, …), at least 8 per two-digit industry."""
    n2 = len(a1)
    base = min(8, dgp.n_industries // n2)
    counts = base + rng.multinomial(dgp.n_industries - base * n2, np.full(n2, 1 / n2))
    if counts.max() > 59:
        raise ValueError(f"too many 4-digit industries per two-digit industry: {counts.max()}")
    pos = np.repeat(np.arange(n2), counts)
    k = np.concatenate([np.arange(1, c + 1) for c in counts])
    cic2 = a1["cic2"].to_numpy()[pos]
    weight = _lognormal_mean1(rng, dgp.industry_weight_sd, len(pos))
    return pd.DataFrame(
        {"cic4": cic2 * 100 + k, "cic2": cic2, "cic2_pos": pos, "weight": weight / weight.sum()}
    )


def _firms_and_rows(
    dgp: FirmDGP, ind: pd.DataFrame, rng: np.random.Generator
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Entry and exit: yearly counts rise linearly; exits at hazard h; entrants fill the gap."""
    ny = len(YEARS)
    ramp = 1 + dgp.firms_growth * np.arange(ny) / (ny - 1)
    target = np.maximum(1, np.round(dgp.firm_years * ramp / ramp.sum())).astype(np.int64)
    shares = {g: (dgp.groups[g].entry_share_1998, dgp.groups[g].entry_share_2007) for g in GROUPS}
    entrants: list[int] = []
    alive = np.empty(0, dtype=np.int64)
    row_firm, row_year, n_firms = [], [], 0
    for t, year in enumerate(YEARS):
        alive = alive[rng.random(len(alive)) >= dgp.exit_hazard] if t else alive
        n_new = max(int(target[t]) - len(alive), 0)
        entrants.append(n_new)
        alive = np.concatenate([alive, np.arange(n_firms, n_firms + n_new)])
        n_firms += n_new
        row_firm.append(alive)
        row_year.append(np.full(len(alive), year, dtype=np.int64))
    entry_year = np.repeat(np.arange(ny), entrants)
    w = np.array([np.interp(entry_year, [0, ny - 1], shares[g]) for g in GROUPS]).T
    u = rng.random(n_firms)[:, None]
    group = (u > np.cumsum(w / w.sum(axis=1, keepdims=True), axis=1)).sum(axis=1)
    firm = {
        "group": np.minimum(group, len(GROUPS) - 1),
        "industry": rng.choice(len(ind), n_firms, p=ind["weight"].to_numpy()),
        "size": rng.standard_normal(n_firms),
        "id": 10_000_000 + rng.permutation(n_firms).astype(np.int64),
    }
    return firm, {"firm": np.concatenate(row_firm), "year": np.concatenate(row_year)}


def _calibrated_intensity(
    published: np.ndarray,
    ind: pd.DataFrame,
    i_ind: np.ndarray,
    cic2_pos: np.ndarray,
    weight: np.ndarray,
    industry_sd: float,
    firm_sd: float,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """Industry and firm-year intensities whose two-digit weighted ratio equals ``published``.

    x_jt = c_{2d}·published_{2d}·v_i·m_jt with Σ_j x_jt·weight_jt / Σ_j weight_jt = published_{2d}.
    """
    pos_i = ind["cic2_pos"].to_numpy()
    v = _lognormal_mean1(rng, industry_sd, len(ind)) * published[pos_i]
    m = _lognormal_mean1(rng, firm_sd, len(i_ind))
    num = np.bincount(cic2_pos, v[i_ind] * m * weight, minlength=len(published))
    den = np.bincount(cic2_pos, weight, minlength=len(published))
    c = np.ones(len(published))
    has = num > 0
    c[has] = published[has] * den[has] / num[has]
    industry = v * c[pos_i]
    return {"industry": industry, "firm": industry[i_ind] * m}


def _vr_paths(dgp: FirmDGP, ind: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Latent industry VR paths G[group, industry, t] (see :class:`Convergence`)."""
    ny, ni = len(YEARS), len(ind)
    beta = ind["training_intensity"].to_numpy()
    t = np.arange(1, ny)
    paths = np.empty((len(GROUPS), ni, ny))
    for k, g in enumerate(GROUPS):
        gd = dgp.groups[g]
        m, sd = gd.vr0_mean, dgp.vr0_sd
        kappa = m * (1 - m) / sd**2 - 1
        vr0 = rng.beta(m * kappa, (1 - m) * kappa, ni)
        ind[f"vr0_{g}"] = vr0
        cv = gd.convergence
        level = cv.psi0 + cv.psi1 * vr0 + cv.psi2 * beta
        step = (level[:, None] + cv.psi3 / 4) / 2 + cv.psi3 / 4 * t[None, :]
        step = step + rng.normal(0, dgp.industry_shock_sd, (ni, ny - 1))
        paths[k, :, 0] = vr0
        paths[k, :, 1:] = vr0[:, None] + np.cumsum(step, axis=1)
    return paths


def _change_ids(
    dgp: FirmDGP,
    firm: dict[str, np.ndarray],
    rows: dict[str, np.ndarray],
    firm_ids: np.ndarray,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Give a share of multi-year firms a new id from a random later year; return the links."""
    n_firms = len(firm["id"])
    first = np.full(n_firms, YEARS[-1] + 1)
    np.minimum.at(first, rows["firm"], rows["year"])
    last = np.zeros(n_firms, dtype=np.int64)
    np.maximum.at(last, rows["firm"], rows["year"])
    eligible = np.flatnonzero(last > first)
    chosen = rng.choice(eligible, round(dgp.id_change_share * len(eligible)), replace=False)
    chosen.sort()
    change = np.zeros(n_firms, dtype=np.int64)
    change[chosen] = first[chosen] + 1 + rng.integers(0, last[chosen] - first[chosen])
    new_id = np.zeros(n_firms, dtype=np.int64)
    new_id[chosen] = 90_000_000 + np.arange(len(chosen))
    moved = (change[rows["firm"]] > 0) & (rows["year"] >= change[rows["firm"]])
    firm_ids[moved] = new_id[rows["firm"][moved]]
    return pd.DataFrame(
        {"old_id": firm["id"][chosen], "new_id": new_id[chosen], "year": change[chosen]}
    )


def _revise_codes(
    dgp: FirmDGP,
    ind: pd.DataFrame,
    firm: dict[str, np.ndarray],
    rows: dict[str, np.ndarray],
    cic4: np.ndarray,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Before 2003, firms of revised industries carry one of 1–2 old codes (100·cic2 + 60…)."""
    ni = len(ind)
    revised = np.zeros(ni, dtype=bool)
    revised[rng.choice(ni, round(dgp.revised_share * ni), replace=False)] = True
    n_old = np.where(revised, 1 + (rng.random(ni) < 0.3), 0)
    cic2 = ind["cic2"].to_numpy()
    offset = np.zeros(ni, dtype=np.int64)
    for c2 in np.unique(cic2):
        sel = np.flatnonzero(cic2 == c2)
        offset[sel] = np.cumsum(n_old[sel]) - n_old[sel]
    if (offset + n_old).max() > 39:
        raise ValueError("too many revised 4-digit codes in one two-digit industry")
    first_old = cic2 * 100 + 60 + offset
    pick = rng.integers(0, np.maximum(n_old, 1)[firm["industry"]])
    old_code = first_old[firm["industry"]] + pick
    i_row = firm["industry"][rows["firm"]]
    before = revised[i_row] & (rows["year"] < REVISION_YEAR)
    cic4[before] = old_code[rows["firm"][before]]
    i_rev = np.repeat(np.flatnonzero(revised), n_old[revised])
    old = np.concatenate([np.arange(n) for n in n_old[revised]]) + first_old[i_rev]
    return pd.DataFrame({"old_cic4": old, "new_cic4": ind["cic4"].to_numpy()[i_rev]})


def _inject_dirt(
    dirt: DirtRates, cols: dict[str, np.ndarray], rng: np.random.Generator
) -> tuple[pa.Table, dict[str, int]]:
    """Apply each defect of :class:`DirtRates` to its own disjoint random set of rows."""
    n = len(cols["year"])
    kinds = ("missing", "negative", "va_exceeds_output", "small_employment",
             "invalid_registration", "duplicate")  # fmt: skip
    counts = {k: round(getattr(dirt, k) * n) for k in kinds}
    perm = rng.permutation(n)
    bounds = np.cumsum([0, *counts.values()])
    hit = {k: perm[bounds[i] : bounds[i + 1]] for i, k in enumerate(kinds)}
    null_mask = {c: np.zeros(n, dtype=bool) for c in VALUE_COLUMNS}

    col_idx = rng.integers(0, len(VALUE_COLUMNS), counts["missing"])
    for j, c in enumerate(VALUE_COLUMNS):
        null_mask[c][hit["missing"][col_idx == j]] = True
    negatable = [c for c in VALUE_COLUMNS if c != "exports"]  # exports may be zero
    col_idx = rng.integers(0, len(negatable), counts["negative"])
    for j, c in enumerate(negatable):
        r = hit["negative"][col_idx == j]
        cols[c][r] = -cols[c][r]
    r = hit["va_exceeds_output"]
    cols["value_added"][r] = cols["output"][r] * rng.uniform(1.05, 2.0, len(r))
    r = hit["small_employment"]
    cols["employment"][r] = rng.integers(1, 8, len(r)).astype(float)
    r = hit["invalid_registration"]
    cols["registration_type"][r] = rng.choice(INVALID_REGISTRATION_CODES, len(r))

    src = hit["duplicate"]
    factor = rng.uniform(0.5, 1.5, len(src))
    flows = ("output", "value_added", "intermediate_inputs", "exports", "training_expense",
             "wage_bill")  # fmt: skip
    dup_flag = np.concatenate([np.zeros(n, dtype=np.int8), np.ones(len(src), dtype=np.int8)])
    for c in RAW_COLUMNS:
        extra = cols[c][src] * factor if c in flows else cols[c][src]
        cols[c] = np.concatenate([cols[c], extra])
    for c in VALUE_COLUMNS:
        null_mask[c] = np.concatenate([null_mask[c], np.zeros(len(src), dtype=bool)])
    if cols["firm_id"].max() >= 1 << 38:
        raise ValueError("firm identifiers too large for the sort key")
    key = ((cols["year"] - YEARS[0]) << 40) | (cols["firm_id"] << 1) | dup_flag
    order = np.argsort(key, kind="stable")
    arrays = [_arrow(cols[c][order], null_mask[c][order] if c in null_mask else None)
              for c in RAW_COLUMNS]  # fmt: skip
    return pa.table(arrays, names=list(RAW_COLUMNS)), counts


def _arrow(values: np.ndarray, null: np.ndarray | None) -> pa.Array:
    """Zero-copy Arrow array with a validity bitmap built from ``null``."""
    arr = pa.array(values)
    if null is None or not null.any():
        return arr
    validity = pa.py_buffer(np.packbits(~null, bitorder="little"))
    return pa.Array.from_buffers(arr.type, len(arr), [validity, arr.buffers()[1]], int(null.sum()))
