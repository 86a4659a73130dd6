"""Liu industry panel and the Table 1, 2 and A1 summaries against direct pandas computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from liu_data import random_firms

from gvcpanel.errors import DataError
from gvcpanel.papers.liu_2013.decomposition import liu_decomposition
from gvcpanel.papers.liu_2013.industry_panel import (
    industry_panel,
    read_wage_index,
    table1_summary,
    table2_summary,
    tablea1_summary,
)


@pytest.fixture(scope="module")
def firms() -> pd.DataFrame:
    return random_firms(21, n_firms=300)


def test_industry_panel(firms):
    panel = industry_panel(firms, span=2)
    key = ("foreign", 1711, 2001)
    row = panel.set_index(["group", "cic4", "year"]).loc[key]
    f = firms[(firms.group == "foreign") & (firms.cic4 == 1711)]
    fy = f[f.year == 2001]
    assert row.vr == pytest.approx(1 - fy.intermediate_inputs.sum() / fy.output.sum(), rel=1e-12)
    assert row.kl == pytest.approx(fy.fixed_assets.sum() / fy.employment.sum(), rel=1e-12)
    assert row.kl_mean == pytest.approx(f.fixed_assets.sum() / f.employment.sum(), rel=1e-12)
    assert row.training == pytest.approx(f.training_expense.sum() / f.output.sum(), rel=1e-12)
    assert row.cic2 == 17
    changes = liu_decomposition(firms, span=2).set_index(["group", "cic4", "year"])
    assert row.dvr == pytest.approx(changes.loc[key, "dvr"], rel=1e-12)
    assert panel.loc[panel.year < 2000, "dvr_total"].isna().all()
    assert panel.loc[panel.year >= 2000, "dvr_total"].notna().any()


def test_table1_summary(firms):
    t1 = table1_summary(firms, years=(1999, 2001)).set_index("year")
    g = firms[(firms.group == "foreign") & (firms.year == 2001)]
    everyone = firms[firms.year == 2001]
    row = t1.loc[2001]
    assert row.output_mean == pytest.approx(g.output.mean() / 1000, rel=1e-12)
    assert row.va_sd == pytest.approx(g.value_added.std(ddof=1) / 1000, rel=1e-12)
    assert row.export_share_pct == pytest.approx(
        100 * g.exports.sum() / everyone.exports.sum(), rel=1e-12
    )
    ind = g.groupby("cic4")[["output", "intermediate_inputs"]].sum()
    vr = 1 - ind.intermediate_inputs / ind.output
    assert row.vr_mean == pytest.approx(vr.mean(), rel=1e-12)
    assert row.vr_sd == pytest.approx(vr.std(ddof=1), rel=1e-12)
    assert list(t1.index) == [1999, 2001]


def test_table2_summary(firms):
    changes = liu_decomposition(firms, span=1)
    t2 = table2_summary(changes).set_index("year")
    c = changes[(changes.group == "foreign") & (changes.n_cont > 0) & (changes.year == 2000)]
    assert t2.loc[2000, "within_sd"] == pytest.approx(c.within.std(ddof=1), rel=1e-12)
    assert t2.loc[2000, "n_industries"] == len(c)
    np.testing.assert_allclose(t2.dvr_mean, t2.within_mean + t2.cross_mean, atol=1e-14)


def test_tablea1_summary(firms):
    names = pd.DataFrame({"cic2": [35, 13, 17], "description": ["Machinery", "Food", "Textiles"]})
    a1 = tablea1_summary(firms, names)
    assert list(a1.cic2) == [35, 13, 17]
    g = firms[(firms.group == "foreign") & (firms.cic2 == 13)]
    assert a1.loc[1, "kl"] == pytest.approx(g.fixed_assets.sum() / g.employment.sum(), rel=1e-12)
    assert a1.loc[1, "training"] == pytest.approx(
        g.training_expense.sum() / g.output.sum(), rel=1e-12
    )


def test_two_digit_panel_has_one_cic2_column(firms):
    panel = industry_panel(firms, span=1, level="cic2")
    assert list(panel.columns).count("cic2") == 1
    assert panel.dvr.notna().any()


def test_read_wage_index(tmp_path):
    good = tmp_path / "wage.csv"
    good.write_text("year,wage_index\n1998,1.0\n1999,1.1\n")
    assert read_wage_index(good).wage_index.tolist() == [1.0, 1.1]
    for text, check in [
        ("year,wage_index\n1998,1.0\n1998,1.1\n", "unique key"),
        ("year,wage_index\n1998,abc\n", "numeric"),
        ("year,index\n1998,1\n", "required columns"),
    ]:
        bad = tmp_path / "bad.csv"
        bad.write_text(text)
        with pytest.raises(DataError, match=check):
            read_wage_index(bad)


def test_memory_limit_and_parquet_give_the_same_panel(firms, tmp_path):
    """The streaming path (Parquet, capped DuckDB memory that spills) equals the in-memory one."""
    path = tmp_path / "firms.parquet"
    firms.to_parquet(path)
    pd.testing.assert_frame_equal(
        industry_panel(path, span=2, memory_limit="64MB"), industry_panel(firms, span=2)
    )
