"""ICIO comparison: constructed indicators beside the paper's quotes and WIOD 2016 DVA shares."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gvcpanel.construct.icio import country_indicators
from gvcpanel.errors import DataError
from gvcpanel.report.icio_comparison import icio_comparison, quoted_values, wiod2016_dva_shares
from gvcpanel.sources.wiod import MANUFACTURING, read_wiod

REFERENCE = {
    "quoted_country_values": {
        "note": "text",
        "AAA_mu": {"2001": 0.5, "2015": 0.6},
        "BBB_omega": {"2001": 0.7},
        "AAA_gvcp": {"2010_peak_minus_2015_pp": 7.0, "2001": 0.4},
        "figure3": "text",
    }
}


def indicators() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["AAA", "BBB"],
            "year": [2001, 2001],
            "exports": [100.0, 50.0],
            "dva": [80.0, 45.0],
            "fva": [20.0, 5.0],
            "dvx": [10.0, 10.0],
            "gvcp": [0.3, 0.3],
            "omega": [0.9, 0.75],
            "mu": [0.55, 0.8],
            "upsilon": [0.3, 0.3],
        }
    )


def bilateral(tmp_path: Path) -> Path:
    path = tmp_path / "bilateral_dva_gross_exports.csv"
    path.write_text(
        "exporter,importer,year,gtrade,dva\n"
        "AAA,AAA,2001,999,999\nAAA,BBB,2001,60,45\nAAA,ROW,2001,40,30\n"
        "BBB,AAA,2001,10,9\nBBB,BBB,2001,5,1\nCCC,AAA,2001,10,9\nAAA,BBB,2014,1,1\n"
    )
    return path


def test_quoted_values_keep_year_levels_only() -> None:
    q = quoted_values(REFERENCE)
    assert sorted(map(tuple, q[["iso3", "year", "indicator"]].values.tolist())) == [
        ("AAA", 2001, "gvcp"),
        ("AAA", 2001, "mu"),
        ("AAA", 2015, "mu"),
        ("BBB", 2001, "omega"),
    ]
    with pytest.raises(DataError, match="quoted_country_values"):
        quoted_values({})


def test_wiod2016_shares_exclude_domestic_sales(tmp_path: Path) -> None:
    shares = wiod2016_dva_shares(bilateral(tmp_path)).set_index(["iso3", "year"])["reference"]
    assert shares[("AAA", 2001)] == pytest.approx((45 + 30) / (60 + 40))
    assert shares[("BBB", 2001)] == pytest.approx(9 / 10)


def test_report_table_and_text(tmp_path: Path) -> None:
    report = icio_comparison(indicators(), REFERENCE, bilateral(tmp_path))
    t = report.table.set_index(["comparison", "iso3", "year", "indicator"])
    assert t.loc[("paper", "AAA", 2001, "mu"), "difference"] == pytest.approx(0.05)
    assert t.loc[("paper", "BBB", 2001, "omega"), "constructed"] == 0.75
    assert np.isnan(t.loc[("paper", "AAA", 2015, "mu"), "constructed"])  # year not in the table
    assert t.loc[("wiod2016", "AAA", 2001, "dva_share"), "difference"] == pytest.approx(0.05)
    assert t.loc[("wiod2016", "BBB", 2001, "dva_share"), "difference"] == pytest.approx(0.0)
    assert "CCC" not in t.index.get_level_values("iso3")  # no constructed counterpart
    assert "## DVA share of gross exports: WIOD 2016 release" in report.markdown
    assert "| AAA | 2001 | mu | 0.5000 | 0.5500 | 0.0500 |" in report.markdown
    assert "| AAA | 2015 | mu | 0.6000 |  |  |" in report.markdown
    only_paper = icio_comparison(indicators(), REFERENCE)
    assert set(only_paper.table["comparison"]) == {"paper"}
    assert "WIOD 2016" not in only_paper.markdown


def test_duplicate_bilateral_rows(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text("exporter,importer,year,gtrade,dva\nAAA,BBB,2001,1,1\nAAA,BBB,2001,2,1\n")
    with pytest.raises(DataError, match=r"b.csv: check 'unique key.*\(AAA, BBB, 2001\)"):
        wiod2016_dva_shares(path)


def test_real_2011_against_wiod2016(shared_data: Path, reference: dict) -> None:
    ind = country_indicators(read_wiod(shared_data / "wiod2013" / "wiot_2011.RData"), MANUFACTURING)
    sample = reference["qu_yang_2023"]["sample"]["countries"]
    path = shared_data / "wiod2016" / "bilateral_dva_gross_exports.csv"
    report = icio_comparison(ind, reference["qu_yang_2023"], path, countries=sample)
    other = report.table[report.table["comparison"] == "wiod2016"]
    # The 18 sample countries WIOD 2013 covers (NOR, CHE, NZL are missing: SPEC §3.2).
    assert sorted(other["iso3"]) == sorted(set(sample) - {"NOR", "CHE", "NZL"})
    # Two releases of the same national accounts: DVA shares of large economies agree to a few
    # points (loose band), and the cross-country pattern is the same.
    assert other["difference"].abs().max() < 0.05
    assert other["reference"].corr(other["constructed"]) > 0.9
