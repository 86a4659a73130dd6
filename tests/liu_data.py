"""Small random firm tables in the clean-table layout, for the Liu (2013) tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

COLUMNS = [
    "firm_id",
    "year",
    "cic4",
    "cic2",
    "registration_type",
    "group",
    "output",
    "value_added",
    "intermediate_inputs",
    "exports",
    "employment",
    "fixed_assets",
    "training_expense",
    "wage_bill",
]
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
