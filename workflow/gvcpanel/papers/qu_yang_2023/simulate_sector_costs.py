"""Seeded synthetic inputs of Qu & Yang's (2023) Table 5, in the sector-cost layout of
:mod:`gvcpanel.sources.sector_costs`.

Data-generating process, per country c ∈ {USA, CHN} and sector s of Table 5, in one year:

- value added ``VA_cs = exp(ln 10⁵ + 0.5·z)`` (millions of national currency), z ~ N(0, 1);
- true ratios ``ρ^k_cs = P^k_cs · exp(σ·z^k_cs)`` for k ∈ {labour, energy, tax}, with ``P`` the
  paper's published Table 5 value and σ = ``noise``;
- labour cost = VA/ρ^labour, energy cost = VA/ρ^energy, taxes = ρ^tax·VA.

The true ratios are returned (and written as JSON) so that tests can check that the table gives
them back.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.io import write_csv, write_json
from gvcpanel.papers import published
from gvcpanel.sources.sector_costs import COST_COLUMNS, SECTORS

MEASURES = ("labour", "energy", "tax")


def simulate_sector_costs(
    seed: int, year: int = 2014, noise: float = 0.05
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Draw (costs in the layout, true ratios per country-sector) from the process above."""
    paper = published.load("qu_yang_2023")["table5"]
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for country in paper["countries"]:
        for sector in SECTORS:
            va = float(np.exp(np.log(1e5) + 0.5 * rng.standard_normal()))
            rho = {
                k: paper[k][sector][country] * float(np.exp(noise * rng.standard_normal()))
                for k in MEASURES
            }
            rows.append(
                (country, year, sector, va, va / rho["labour"], va / rho["energy"], rho["tax"] * va)
            )
            truth.append({"country": country, "year": year, "sector": sector, **rho})
    return pd.DataFrame(rows, columns=COST_COLUMNS), pd.DataFrame(truth)


def write_sector_costs(costs: pd.DataFrame, truth: pd.DataFrame, csv: Path, dgp: Path) -> None:
    """Write the cost CSV (full precision) and the true ratios as JSON records."""
    write_csv(csv, costs, float_format="%.12g")
    write_json(dgp, {"process": __doc__.split("\n\n")[1], "ratios": truth.to_dict("records")})
