"""k-year differences and z-scores on hand-made panels."""

import numpy as np
import pandas as pd
import pytest

from gvcpanel.construct.transforms import difference, zscore


@pytest.fixture
def panel():
    years = list(range(2000, 2007))
    return pd.DataFrame(
        {
            "iso3": ["AAA"] * 7 + ["BBB"] * 6,
            "year": years + years[:3] + years[4:],  # BBB lacks 2003
            "x": [float(y * y) for y in years] + [1.0, 2.0, 4.0, 16.0, 32.0, 64.0],
        }
    )


def test_overlapping_difference_matches_years(panel):
    d = difference(panel, ["x"], 2)
    a = d[d.iso3 == "AAA"].set_index("year")["x"]
    assert list(a.index) == [2002, 2003, 2004, 2005, 2006]
    assert a[2004] == 2004**2 - 2002**2
    b = d[d.iso3 == "BBB"].set_index("year")["x"]
    # 2003 is missing: no 2003 row and no 2005 row (its partner 2003 is missing)
    assert list(b.index) == [2002, 2004, 2006]
    assert b[2004] == 16.0 - 4.0
    assert b[2006] == 64.0 - 16.0


def test_nonoverlapping_difference(panel):
    d = difference(panel, ["x"], 2, overlapping=False)
    assert list(d[d.iso3 == "AAA"].year) == [2002, 2004, 2006]


def test_zscore():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 6.0]})
    z = zscore(df, ["x"])["x"].to_numpy()
    np.testing.assert_allclose(z, (df.x - 3.0) / np.sqrt(14 / 3))
