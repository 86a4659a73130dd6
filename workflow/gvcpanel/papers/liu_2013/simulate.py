"""ASIF-style firm panel simulator (Liu 2013, section 6): raw firm-years with realistic dirt.

The data-generating process (DGP) is documented on :class:`FirmDGP`; every true parameter lives
there and is written to ``dgp.json`` beside the data.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from gvcpanel.io import atomic_path, write_csv, write_json
from gvcpanel.papers.liu_2013 import REGISTRATION_CODES, read_table_a1
from gvcpanel.papers.liu_2013.simulate_dgp import GROUPS, YEARS, FirmDGP
from gvcpanel.papers.liu_2013.simulate_dirt import change_ids, inject_dirt, revise_codes

LOG = logging.getLogger(__name__)


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

    output, employment = _size(dgp, firm, rows, t, rng)
    training, fixed_assets = _training_and_capital(dgp, a1, ind, i_ind, output, employment, rng)
    vr_path = _vr_paths(dgp, ind, rng)  # (group, industry, year)
    vr = (
        vr_path[g_code, i_ind, t]
        + rng.normal(0, dgp.firm_vr_sd, len(firm["group"]))[rows["firm"]]
        + rng.normal(0, dgp.firm_vr_noise_sd, n)
    )
    value_added = np.clip(vr, *dgp.vr_bounds) * output
    intermediate = output - value_added
    exports = _exports(dgp, firm, rows, output, rng)
    wage_level, wage_bill = _wages(dgp, firm, rows, t, employment, rng)
    reg_firm = _registration(firm, rng)

    firm_ids = firm["id"][rows["firm"]].copy()
    links = change_ids(dgp, firm, rows, firm_ids, rng)
    cic4 = ind["cic4"].to_numpy()[i_ind]
    concordance = revise_codes(dgp, ind, firm, rows, cic4, rng)

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
    raw, injected = inject_dirt(dgp.dirt, cols, rng)
    wage = pd.DataFrame(
        {"year": YEARS, "wage_index": wage_level / wage_level[0], "avg_wage": wage_level}
    )
    return FirmPanel(raw, concordance, links, wage, ind.drop(columns="cic2_pos"), injected)


def _training_and_capital(
    dgp: FirmDGP,
    a1: pd.DataFrame,
    ind: pd.DataFrame,
    i_ind: np.ndarray,
    output: np.ndarray,
    employment: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Training expense (intensity x output) and fixed assets (K/L x employment), each intensity
    calibrated to Liu's Table A1 by industry; the industries' intensities are added to ``ind``."""
    cic2_pos = ind["cic2_pos"].to_numpy()[i_ind]
    beta = _calibrated_intensity(
        a1["training_intensity"].to_numpy(), ind, i_ind, cic2_pos, output,
        dgp.training_industry_sd, dgp.training_firm_sd, rng,
    )  # fmt: skip
    kl = _calibrated_intensity(
        a1["kl_1000rmb_per_person"].to_numpy(), ind, i_ind, cic2_pos, employment,
        dgp.kl_industry_sd, dgp.kl_firm_sd, rng,
    )  # fmt: skip
    ind["training_intensity"] = beta["industry"]
    ind["kl"] = kl["industry"]
    return beta["firm"] * output, kl["firm"] * employment


def _size(
    dgp: FirmDGP,
    firm: dict[str, np.ndarray],
    rows: dict[str, np.ndarray],
    t: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Output (lognormal around each group's median, growing) and employment = output / a
    firm's productivity (at least 8 persons)."""
    grp = [dgp.groups[g] for g in GROUPS]
    g_code = firm["group"][rows["firm"]]
    log_med = np.array([g.log_output_median for g in grp])[g_code]
    growth = np.array([g.output_growth for g in grp])[g_code]
    z_size = firm["size"][rows["firm"]]
    n = len(t)
    output = np.exp(
        log_med + dgp.output_sd * z_size + growth * t + rng.normal(0, dgp.output_noise_sd, n)
    )
    prod = np.exp(
        np.log(dgp.productivity_median)
        + rng.normal(0, dgp.productivity_sd, len(firm["group"]))[rows["firm"]]
        + dgp.productivity_growth * t
    )
    return output, np.maximum(8.0, np.round(output / prod))


def _exports(
    dgp: FirmDGP,
    firm: dict[str, np.ndarray],
    rows: dict[str, np.ndarray],
    output: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Exports: a firm exports with its group's probability, a beta share of its output."""
    grp = [dgp.groups[g] for g in GROUPS]
    g_code = firm["group"][rows["firm"]]
    exporter_share = np.array([g.exporter_share for g in grp])[firm["group"]]
    firm_exporter = rng.random(len(firm["group"])) < exporter_share
    mean_share = np.array([g.export_share_mean for g in grp])[g_code]
    share = rng.beta(4 * mean_share, 4 * (1 - mean_share))
    return np.where(firm_exporter[rows["firm"]], share * output, 0.0)


def _wages(
    dgp: FirmDGP,
    firm: dict[str, np.ndarray],
    rows: dict[str, np.ndarray],
    t: np.ndarray,
    employment: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """The average wage per year (from ``wage_1998``, growing with noise) and each firm-year's
    wage bill (a firm's lognormal wage level, mean 1, times employment)."""
    wage_level = dgp.wage_1998 * np.exp(
        dgp.wage_growth * np.arange(len(YEARS)) + rng.normal(0, dgp.wage_noise_sd, len(YEARS))
    )
    wage_level = wage_level * dgp.wage_1998 / wage_level[0]
    h = np.exp(rng.normal(-(dgp.wage_firm_sd**2) / 2, dgp.wage_firm_sd, len(firm["group"])))
    return wage_level, wage_level[t] * h[rows["firm"]] * employment


def _registration(firm: dict[str, np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """Each firm's registration code, drawn from its group's codes."""
    reg_firm = np.empty(len(firm["group"]), dtype=np.int64)
    for k, group in enumerate(GROUPS):
        sel = firm["group"] == k
        reg_firm[sel] = rng.choice(np.array(REGISTRATION_CODES[group]), sel.sum())
    return reg_firm


def write_firm_raw(dgp: FirmDGP, seed: int, outdir: str | Path) -> dict[str, Path]:
    """Simulate and write the raw files atomically; returns their paths by name.

    ``asif_firms.parquet`` (raw firm-years with dirt), ``cic_concordance_2003.csv`` (old_cic4,
    new_cic4), ``firm_id_links.csv`` (old_id, new_id, year), ``wage_index.csv``, ``dgp.json``
    (seed, every DGP parameter, injected defect counts) and ``industries.csv`` (the truth per
    4-digit industry: cic4, cic2, weight, training_intensity β_i, kl, vr0_<group>).
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    LOG.info("drawing about %d firm-years (seed %d)", dgp.firm_years, seed)
    panel = simulate_firms(dgp, seed)
    LOG.info("writing %d raw firm-years and the companion files", panel.raw.num_rows)
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
