"""Liu Figures 14–17: the drawn data are the input data; PNG and PDF identical on a re-run."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from liu_data import random_firms

from gvcpanel.papers.liu_2013 import figures
from gvcpanel.papers.liu_2013.decomposition import liu_decomposition
from gvcpanel.papers.liu_2013.industry_panel import industry_panel

YEARS = range(1998, 2008)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return industry_panel(random_firms(8, n_firms=400, years=YEARS))


@pytest.fixture(scope="module")
def span() -> pd.DataFrame:
    changes = liu_decomposition(random_firms(8, n_firms=400, years=YEARS), span=3, level="cic2")
    return changes[changes.year == 2007]  # few random firms live 1998-2007: a 3-year span


def foreign(panel: pd.DataFrame) -> pd.DataFrame:
    return panel[(panel.group == "foreign") & panel.vr.notna()]


def assert_inside_limits(ax: plt.Axes, x, y) -> None:
    """Every drawn point lies within the axes' limits."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x0 <= np.min(x) and np.max(x) <= x1
    assert y0 <= np.min(y) and np.max(y) <= y1


def test_figure14_draws_each_industry_vr_and_the_yearly_median(panel):
    d = foreign(panel)
    fig = figures.liu_figure14(panel, n_industries=2)
    top = d.groupby("cic2").output.sum().nlargest(2).index.sort_values()
    axes = fig.axes
    assert len(axes) == 1 + len(top)
    subsets = [d, *(d[d.cic2 == c] for c in top)]
    for ax, sub in zip(axes, subsets, strict=True):
        points = ax.collections[0].get_offsets()
        np.testing.assert_array_equal(points, sub[["year", "vr"]].to_numpy(float))
        median = sub.groupby("year").vr.median()
        (line,) = ax.get_lines()
        np.testing.assert_array_equal(line.get_xdata(), median.index.to_numpy())
        np.testing.assert_allclose(line.get_ydata(), median.to_numpy(), rtol=0, atol=0)
        assert_inside_limits(ax, points[:, 0], points[:, 1])
    assert [a.get_title() for a in axes[1:]] == [f"Two-digit industry {c}" for c in top]
    plt.close(fig)


def test_figure15_draws_median_vr_of_top_and_bottom_training(panel):
    d = foreign(panel)
    fig = figures.liu_figure15(panel, share=0.25)
    beta = d.drop_duplicates("cic4").set_index("cic4").training
    keep = [beta.index[beta >= beta.quantile(0.75)], beta.index[beta <= beta.quantile(0.25)]]
    slopes = []
    for ax, inds in zip(fig.axes, keep, strict=True):
        median = d[d.cic4.isin(inds)].groupby("year").vr.median()
        lines = ax.get_lines()
        np.testing.assert_array_equal(lines[0].get_xdata(), median.index.to_numpy(float))
        np.testing.assert_array_equal(lines[0].get_ydata(), median.to_numpy())
        # the trend line: least squares of the median on the year
        x, trend = lines[1].get_xdata(), lines[1].get_ydata()
        slope = (trend[-1] - trend[0]) / (x[-1] - x[0])
        xc = x - x.mean()
        expected = float(xc @ (median.to_numpy() - median.mean()) / (xc @ xc))
        assert slope == pytest.approx(expected, rel=1e-9, abs=1e-12)
        slopes.append(slope)
        assert_inside_limits(ax, x, median.to_numpy())
    dashed = fig.axes[1].get_lines()[2]  # the top group's slope repeated on the right
    x, y = dashed.get_xdata(), dashed.get_ydata()
    assert (y[-1] - y[0]) / (x[-1] - x[0]) == pytest.approx(slopes[0], rel=1e-9, abs=1e-12)
    plt.close(fig)


def test_figure16_draws_growth_against_initial_vr(panel):
    d = foreign(panel)
    fig = figures.liu_figure16(panel)
    (ax,) = fig.axes
    wide = d.pivot_table(index="cic4", columns="year", values="vr")[[1998, 2007]].dropna()
    points = ax.collections[0].get_offsets()
    np.testing.assert_allclose(points[:, 0], wide[1998].to_numpy(), rtol=0, atol=0)
    np.testing.assert_allclose(points[:, 1], (wide[2007] - wide[1998]).to_numpy(), rtol=0, atol=0)
    (fit,) = ax.get_lines()
    gx, gy = fit.get_xdata(), fit.get_ydata()
    slope = np.polynomial.polynomial.polyfit(points[:, 0], points[:, 1], 1)[1]
    assert (gy[-1] - gy[0]) / (gx[-1] - gx[0]) == pytest.approx(slope, rel=1e-9)
    assert gx[0] == points[:, 0].min() and gx[-1] == points[:, 0].max()
    assert_inside_limits(ax, points[:, 0], points[:, 1])
    assert ax.get_xlabel() == "initial VR (1998)"
    plt.close(fig)


def test_figure17_draws_within_and_cross_margins_by_industry(span):
    d = span[(span.group == "foreign") & (span.n_cont > 0)].sort_values("cic2")
    fig = figures.liu_figure17(span)
    (ax,) = fig.axes
    within, cross = (ax.containers[k] for k in (0, 1))
    np.testing.assert_array_equal([b.get_height() for b in within], d.within.to_numpy())
    np.testing.assert_array_equal([b.get_height() for b in cross], d["cross"].to_numpy())
    dots = ax.collections[0].get_offsets()
    np.testing.assert_array_equal(dots[:, 1], d.dvr.to_numpy())
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(c) for c in d.cic2]
    heights = np.concatenate([d.within, d["cross"], d.dvr])
    assert_inside_limits(ax, dots[:, 0], heights)
    assert ax.get_title().endswith("2004-2007")
    plt.close(fig)


def test_liu_figures_are_written_deterministically(panel, span, tmp_path):
    first = figures.liu_figures(panel, span, tmp_path / "a")
    second = figures.liu_figures(panel, span, tmp_path / "b")
    assert [p.name for p in first] == [
        f"figure{k}.{ext}" for k in (14, 15, 16, 17) for ext in ("png", "pdf")
    ]
    for a, b in zip(first, second, strict=True):
        assert a.stat().st_size > 1000
        assert a.read_bytes() == b.read_bytes(), a.name
