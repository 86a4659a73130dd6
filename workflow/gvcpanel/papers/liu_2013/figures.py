"""Liu (2013) Figures 14–17, from the industry panel of
:func:`~gvcpanel.papers.liu_2013.industry_panel.industry_panel` and the whole-span two-digit
decomposition of :func:`~gvcpanel.papers.liu_2013.decomposition.liu_decomposition`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.papers.liu_2013 import PAPER_GROUP
from gvcpanel.report.plotting import plt, save_figure


def _group(panel: pd.DataFrame, group: str) -> pd.DataFrame:
    d = panel[(panel["group"] == group) & panel["vr"].notna()]
    if d.empty:
        raise ValueError(f"no industries of group {group!r} in the panel")
    return d


def _scatter_median(ax: plt.Axes, d: pd.DataFrame) -> None:
    ax.scatter(d["year"], d["vr"], s=4, alpha=0.3, color="tab:blue")
    med = d.groupby("year")["vr"].median()
    ax.plot(med.index, med.to_numpy(), color="tab:orange", lw=2, label="median")
    ax.set_xlabel("year")
    ax.set_ylabel("VR")


def liu_figure14(
    panel: pd.DataFrame, group: str = PAPER_GROUP, n_industries: int = 8
) -> plt.Figure:
    """Figure 14: VR of the four-digit industries over time — panel A all industries pooled,
    panel B the ``n_industries`` two-digit industries with the largest output (one dot per
    four-digit industry, line = median)."""
    d = _group(panel, group)
    top = d.groupby("cic2")["output"].sum().nlargest(n_industries).index.sort_values()
    ncol = 4
    nrow = 1 + int(np.ceil(len(top) / ncol))
    fig = plt.figure(figsize=(12, 3 * nrow))
    grid = fig.add_gridspec(nrow, ncol)
    ax = fig.add_subplot(grid[0, :])
    _scatter_median(ax, d)
    ax.set_title("Panel A. VR growth, overall")
    for k, code in enumerate(top):
        sub = fig.add_subplot(grid[1 + k // ncol, k % ncol])
        _scatter_median(sub, d[d["cic2"] == code])
        sub.set_title(f"Two-digit industry {code}", fontsize=9)
    fig.suptitle("Figure 14. VR growth")
    fig.tight_layout()
    return fig


def liu_figure15(panel: pd.DataFrame, group: str = PAPER_GROUP, share: float = 0.10) -> plt.Figure:
    """Figure 15: median VR over time of the industries in the top vs. bottom ``share`` of
    training intensity, each with its fitted linear trend; the right panel repeats the left
    panel's slope as a dashed line."""
    d = _group(panel, group)
    beta = d.drop_duplicates("cic4").set_index("cic4")["training"]
    hi, lo = beta.quantile(1 - share), beta.quantile(share)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    slope = None
    for ax, (title, keep) in zip(
        axes, (("Top", beta.index[beta >= hi]), ("Bottom", beta.index[beta <= lo])), strict=True
    ):
        med = d[d["cic4"].isin(keep)].groupby("year")["vr"].median()
        x, y = med.index.to_numpy(float), med.to_numpy()
        b, a = np.polyfit(x, y, 1)
        ax.plot(x, y, color="gold", lw=2, label="median VR")
        ax.plot(x, a + b * x, color="tab:blue", label="linear trend")
        if slope is not None:
            ax.plot(x, y.mean() + slope * (x - x.mean()), "k--", label="top-group slope")
        slope = b
        ax.set_title(f"{title} {share:.0%} training intensity")
        ax.set_xlabel("year")
        ax.legend(fontsize=8)
    axes[0].set_ylabel("VR")
    fig.suptitle("Figure 15. VR growth and learning intensity")
    fig.tight_layout()
    return fig


def liu_figure16(panel: pd.DataFrame, group: str = PAPER_GROUP) -> plt.Figure:
    """Figure 16: VR growth over the whole span (last − first year) against the initial VR,
    one dot per four-digit industry present in both years, with the fitted line."""
    d = _group(panel, group)
    first, last = d["year"].min(), d["year"].max()
    wide = d.pivot_table(index="cic4", columns="year", values="vr")[[first, last]].dropna()
    x, y = wide[first].to_numpy(), (wide[last] - wide[first]).to_numpy()
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.scatter(x, y, s=6, alpha=0.5)
    if len(x) > 1:
        b, a = np.polyfit(x, y, 1)
        grid = np.linspace(x.min(), x.max(), 50)
        ax.plot(grid, a + b * grid, color="tab:red", label=f"slope {b:.3f}")
        ax.legend()
    ax.set_xlabel(f"initial VR ({first})")
    ax.set_ylabel(f"VR change {first}-{last}")
    ax.set_title("Figure 16. VR growth and the initial VR")
    fig.tight_layout()
    return fig


def liu_figure17(changes: pd.DataFrame, group: str = PAPER_GROUP) -> plt.Figure:
    """Figure 17: within and cross margins (eq. 64) of ΔVR by two-digit industry over the span
    of ``changes`` (``liu_decomposition(level='cic2', span=last − first)``)."""
    d = changes[(changes["group"] == group) & (changes["n_cont"] > 0)].sort_values("cic2")
    if d.empty:
        raise ValueError(f"no two-digit decomposition rows for group {group!r}")
    x = np.arange(len(d))
    fig, ax = plt.subplots(figsize=(12, 4.5))
    ax.bar(x - 0.2, d["within"], width=0.4, label="within-subsidiary margin")
    ax.bar(x + 0.2, d["cross"], width=0.4, label="cross-subsidiary margin")
    ax.scatter(x, d["dvr"], color="k", s=12, zorder=3, label=r"$\Delta$VR (continuers)")
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_xticks(x, [str(c) for c in d["cic2"]], rotation=90)
    ax.set_xlabel("two-digit industry")
    years = f"{int(d['year0'].min())}-{int(d['year'].max())}"
    ax.set_title(f"Figure 17. Decomposition of $\\Delta$VR by two-digit industry, {years}")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def liu_figures(
    panel: pd.DataFrame, changes_span: pd.DataFrame, out_dir: str | Path, group: str = PAPER_GROUP
) -> list[Path]:
    """Liu's Figures 14–17 of ``group`` as ``figure14`` … ``figure17`` (PNG and PDF) in
    ``out_dir``: 14–16 from the industry panel, 17 from the whole-span two-digit changes."""
    out = Path(out_dir)
    drawn = {
        "figure14": liu_figure14(panel, group),
        "figure15": liu_figure15(panel, group),
        "figure16": liu_figure16(panel, group),
        "figure17": liu_figure17(changes_span, group),
    }
    return [path for name, fig in drawn.items() for path in save_figure(fig, out / name)]
