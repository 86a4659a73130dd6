"""Benchmark: Liu (2013) firm side at ASIF scale, from a Parquet firm table to all regressions.

Builds a clean firm table of about ``--firm-years`` rows (vectorised numpy draw, ~480 four-digit
industries, 1998–2007, three ownership groups, entry and exit), writes it to Parquet, then times
the streaming DuckDB steps (industry panel with 2-year eq. (64) margins, 1-year decomposition for
Table 2, Tables 1 and A1) and the 36 eq. (63) regressions of Tables 3–8.

    python benchmarks/liu_firm_side.py --firm-years 2500000 --seed 1
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.construct.decomposition import liu_decomposition
from gvcpanel.construct.liu_panel import industry_panel, table1_summary, tablea1_summary
from gvcpanel.estimate.convergence import fit_all, paper_specs

YEARS = np.arange(1998, 2008)


def draw_firms(n_firm_years: int, seed: int) -> pd.DataFrame:
    """A clean firm table with industry-level VR convergence (not a calibrated simulator)."""
    rng = np.random.default_rng(seed)
    n_firms = int(n_firm_years / 4.8)
    cic2 = rng.choice(np.arange(13, 43), n_firms)
    cic4 = cic2 * 100 + rng.integers(1, 17, n_firms)
    beta = rng.uniform(2e-4, 1e-3, 4300)[cic4]
    entry = rng.integers(1998, 2006, n_firms)
    length = rng.integers(2, 11, n_firms)
    exit_ = np.minimum(entry + length - 1, 2007)
    reps = exit_ - entry + 1
    firm = np.repeat(np.arange(n_firms), reps)
    year = np.repeat(entry, reps) + (
        np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    )
    group = np.repeat(rng.choice(np.array(["foreign", "hmt", "domestic"]), n_firms), reps)
    n = firm.size
    vr0 = np.repeat(rng.uniform(0.1, 0.4, n_firms), reps)
    vr = np.clip(vr0 + 0.004 * (year - 1998) + rng.normal(0, 0.03, n), 0.01, 0.95)
    output = np.exp(rng.normal(10, 1.3, n))
    emp = rng.integers(8, 2000, n).astype(float)
    return pd.DataFrame(
        {
            "firm_id": firm.astype("int64"),
            "year": year,
            "cic4": np.repeat(cic4, reps),
            "cic2": np.repeat(cic2, reps),
            "registration_type": 310,
            "group": group,
            "output": output,
            "value_added": vr * output,
            "intermediate_inputs": (1 - vr) * output,
            "exports": output * rng.uniform(0, 0.6, n),
            "employment": emp,
            "fixed_assets": emp * rng.uniform(20, 300, n),
            "training_expense": output * np.repeat(beta, reps),
            "wage_bill": emp * 15.0,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--firm-years", type=int, default=2_500_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "firms.parquet"
        firms = draw_firms(args.firm_years, args.seed)
        firms.to_parquet(path)
        print(f"firm-years: {len(firms):,}")
        del firms
        names = pd.DataFrame({"cic2": np.arange(13, 43), "description": "industry"})
        wage = pd.DataFrame({"year": YEARS, "wage_index": 0.01 * (YEARS - 1998)})
        t0 = time.perf_counter()
        panel = industry_panel(path, span=2)
        t1 = time.perf_counter()
        liu_decomposition(path, span=1)
        table1_summary(path)
        tablea1_summary(path, names)
        t2 = time.perf_counter()
        fits = fit_all(panel, paper_specs(), wage, seed=args.seed)
        t3 = time.perf_counter()
    print(f"industry panel (VR, K/L, beta, 2-year eq. 64): {t1 - t0:6.2f} s, {len(panel):,} rows")
    print(f"1-year decomposition + Tables 1, A1:          {t2 - t1:6.2f} s")
    print(f"{len(fits)} eq. (63) regressions:                  {t3 - t2:6.2f} s")
    print(f"total:                                         {t3 - t0:6.2f} s")


if __name__ == "__main__":
    main()
