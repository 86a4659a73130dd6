"""Qu & Yang (2023) Figures 1–3, in the plotting style of :mod:`gvcpanel.papers.liu_2013.figures`.

- Figure 1: GVCP, ω, μ and υ of China and the United States over the years of the country panel.
- Figure 2: country means over the sample years of ω, μ and υ (panels a–c, horizontal axis)
  against the country mean of GVCP, with a fitted quadratic trend line.
- Figure 3: the model's GVC participation scale T(N − 1) against μ for N = 7, 20, 50 countries
  and υ = 0.33 (§6.1; :mod:`gvcpanel.papers.qu_yang_2023.theory`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.papers.qu_yang_2023.theory import participation_scale
from gvcpanel.report.plotting import plt, save_figure

LABELS = {
    "gvcp": "GVC participation (GVCP)",
    "omega": r"local content of final products $\omega$",
    "mu": r"local content of intermediate inputs $\mu$",
    "upsilon": r"industrial value-added ratio $\upsilon$",
}
NAMES = {"CHN": "China", "USA": "United States"}


def qy_figure1(
    panel: pd.DataFrame, out_base: str | Path, countries: Sequence[str] = ("CHN", "USA")
) -> list[Path]:
    """Figure 1: one panel per indicator (GVCP, ω, μ, υ), one line per country of ``countries``
    present in ``panel`` (DataError if none is)."""
    d = panel[panel["iso3"].isin(countries)]
    if d.empty:
        raise DataError("<country panel>", "Figure 1 countries in the panel", list(countries))
    fig, axes = plt.subplots(2, 2, figsize=(10, 7), sharex=True)
    for ax, var in zip(axes.ravel(), LABELS, strict=True):
        for iso3, g in d.groupby("iso3", sort=False):
            g = g.sort_values("year")
            ax.plot(g["year"], g[var], marker="o", ms=3, label=NAMES.get(iso3, iso3))
        ax.set_title(LABELS[var], fontsize=10)
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("year")
    axes[0, 0].legend(fontsize=8)
    fig.suptitle("Figure 1. Changes in indicators of China and the United States")
    fig.tight_layout()
    return save_figure(fig, out_base)


def country_means(panel: pd.DataFrame) -> pd.DataFrame:
    """Mean of GVCP, ω, μ and υ per country over the panel's years (Figure 2's nodes)."""
    return panel.groupby("iso3")[list(LABELS)].mean()


def qy_figure2(panel: pd.DataFrame, out_base: str | Path) -> list[Path]:
    """Figure 2: country means of ω, μ, υ (panels a–c) against mean GVCP, labelled by country,
    with the least-squares quadratic trend of mean GVCP on the indicator."""
    means = country_means(panel)
    first, last = int(panel["year"].min()), int(panel["year"].max())
    fig, axes = plt.subplots(1, 3, figsize=(14, 4.5), sharey=True)
    for ax, letter, var in zip(axes, "abc", ("omega", "mu", "upsilon"), strict=True):
        x, y = means[var].to_numpy(), means["gvcp"].to_numpy()
        ax.scatter(x, y, s=18, color="tab:blue", zorder=3)
        for iso3, xi, yi in zip(means.index, x, y, strict=True):
            ax.annotate(iso3, (xi, yi), fontsize=7, xytext=(3, 3), textcoords="offset points")
        if len(np.unique(x)) > 2:  # a quadratic needs three distinct nodes
            coef = np.polyfit(x, y, 2)
            grid = np.linspace(x.min(), x.max(), 100)
            ax.plot(grid, np.polyval(coef, grid), color="tab:red", lw=1.5, label="quadratic trend")
            ax.legend(fontsize=8)
        ax.set_xlabel(f"{LABELS[var]}, mean {first}-{last}")
        ax.set_title(f"({letter})", fontsize=10)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(f"GVCP, mean {first}-{last}")
    fig.suptitle(
        "Figure 2. Local content of final products and of intermediate inputs, value-added ratio"
        " and GVC participation across countries",
        fontsize=11,
    )
    fig.tight_layout()
    return save_figure(fig, out_base)


def qy_figure3(
    out_base: str | Path, ns: Sequence[int] = (7, 20, 50), upsilon: float = 0.33, points: int = 201
) -> list[Path]:
    """Figure 3: T(N − 1) (∝ GVCP, §6.1) against μ ∈ [0, 1] for each N in ``ns``."""
    mu = np.linspace(0.0, 1.0, points)
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for n in ns:
        ax.plot(mu, participation_scale(mu, upsilon, n), lw=2, label=f"N = {n}")
    ax.set_xlabel(r"local content of intermediate inputs $\mu$")
    ax.set_ylabel(r"$T(N-1)$ ($\propto$ GVC participation)")
    ax.set_title(
        f"Figure 3. Effects of changes in trade concentration on GVC participation"
        f" ($\\upsilon$ = {upsilon})",
        fontsize=10,
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    return save_figure(fig, out_base)
