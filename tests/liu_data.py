"""Small random firm tables in the clean-table layout, for the Liu (2013) tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from gvcpanel.config import load_yaml, validate_config
from gvcpanel.schemas.names import CLEAN_COLUMNS

ROOT = Path(__file__).resolve().parents[1]

COLUMNS = list(CLEAN_COLUMNS)
REGISTRATION = {"domestic": 110, "hmt": 210, "foreign": 310}


def random_firms(seed: int, n_firms: int = 60, years: range = range(1998, 2003)) -> pd.DataFrame:
    """Firms with entry, exit and industry/group switches (10% a year), independent draws."""
    rng = np.random.default_rng(seed)
    rows = []
    industries = [1310, 1320, 1711, 3501]
    groups = ["foreign", "hmt", "domestic"]
    for firm in range(n_firms):
        first = int(rng.integers(years.start, years.stop))
        last = int(rng.integers(first, years.stop))
        cic4, group = int(rng.choice(industries)), str(rng.choice(groups))
        for year in range(first, last + 1):
            if rng.random() < 0.1:
                cic4, group = int(rng.choice(industries)), str(rng.choice(groups))
            output = float(np.exp(rng.normal(4, 1.5)))
            inter = output * rng.uniform(0.3, 0.95)
            emp = float(rng.integers(8, 500))
            rows.append(
                (
                    firm,
                    year,
                    cic4,
                    cic4 // 100,
                    REGISTRATION[group],
                    group,
                    output,
                    output - inter,
                    inter,
                    output * rng.uniform(0, 0.8),
                    emp,
                    emp * rng.uniform(20, 200),
                    output * rng.uniform(0, 1e-3),
                    emp * 15.0,
                )
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def many_industry_firms(seed: int, n_firms: int = 6000) -> pd.DataFrame:
    """A vectorised draw over 30 two-digit × 4 four-digit industries, 1998–2007, with entry and
    exit and industry-specific training intensity (enough industries for eq. 63)."""
    rng = np.random.default_rng(seed)
    cic2 = rng.integers(13, 43, n_firms)
    cic4 = cic2 * 100 + rng.integers(1, 5, n_firms)
    beta = rng.uniform(2e-4, 1e-3, 4300)[cic4]
    entry = rng.integers(1998, 2006, n_firms)
    exit_ = np.minimum(entry + rng.integers(2, 11, n_firms) - 1, 2007)
    reps = exit_ - entry + 1
    start = np.repeat(np.cumsum(reps) - reps, reps)
    year = np.repeat(entry, reps) + np.arange(reps.sum()) - start
    n = year.size
    group = np.repeat(rng.choice(np.array(["foreign", "hmt", "domestic"]), n_firms), reps)
    vr = np.clip(
        np.repeat(rng.uniform(0.1, 0.4, n_firms), reps) + rng.normal(0, 0.03, n), 0.01, 0.9
    )
    output = np.exp(rng.normal(8, 1.2, n))
    emp = rng.integers(8, 1000, n).astype(float)
    return pd.DataFrame(
        {
            "firm_id": np.repeat(np.arange(n_firms), reps),
            "year": year,
            "cic4": np.repeat(cic4, reps),
            "cic2": np.repeat(cic2, reps),
            "registration_type": pd.Series(group).map(REGISTRATION).to_numpy(),
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


def shipped_cleaning_rules() -> list[dict[str, Any]]:
    """The cleaning rules of the shipped configuration (``liu_2013.cleaning``), validated."""
    config = load_yaml(ROOT / "config" / "config.yaml")
    return validate_config(config, ROOT / "schemas" / "config.schema.yaml")["liu_2013"]["cleaning"]
