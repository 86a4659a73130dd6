"""Firm-level threshold data (``gvcpanel.papers.liu_2013.firm_threshold``): dVR_jt = VR_jt -
VR_j,t-1 over consecutive years only, VR = (output - intermediate inputs) / output (eq. 62 for one
firm), and the t-1 values of training intensity and K/L, checked against hand-computed values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gvcpanel.papers.liu_2013.firm_threshold import firm_threshold_data


@pytest.fixture
def firms() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "firm_id": [1, 1, 1, 2, 2, 3],
            "year": [2000, 2001, 2003, 2000, 2001, 2001],
            "cic4": ["1311"] * 6,
            "cic2": ["13"] * 6,
            "group": ["foreign", "foreign", "foreign", "domestic", "domestic", "foreign"],
            "output": [100.0, 200.0, 50.0, 10.0, 20.0, 5.0],
            "intermediate_inputs": [60.0, 100.0, 10.0, 5.0, 15.0, 1.0],
            "training_expense": [1.0, 2.0, 0.5, 0.2, 0.1, 0.0],
            "fixed_assets": [500.0, 600.0, 100.0, 40.0, 30.0, 2.0],
            "employment": [10.0, 12.0, 8.0, 8.0, 8.0, 1.0],
        }
    )


def test_changes_over_consecutive_years_with_lagged_threshold_variables(firms):
    got = firm_threshold_data(firms, "all")
    # firm 1: 2000 -> 2001 only (2003 has no 2002 record); firm 2: 2000 -> 2001; firm 3: none
    assert list(zip(got["firm_id"], got["year"], strict=True)) == [(1, 2001), (2, 2001)]
    np.testing.assert_allclose(got["vr0"], [0.4, 0.5], rtol=1e-12)
    np.testing.assert_allclose(got["dvr"], [0.5 - 0.4, 0.25 - 0.5], rtol=1e-12)
    np.testing.assert_allclose(got["training"], [0.01, 0.02], rtol=1e-12)
    np.testing.assert_allclose(got["kl"], [50.0, 5.0], rtol=1e-12)
    np.testing.assert_allclose(got["log_kl"], np.log([50.0, 5.0]), rtol=1e-12)


def test_group_selects_firms(firms):
    got = firm_threshold_data(firms, "domestic")
    assert got["firm_id"].tolist() == [2]
