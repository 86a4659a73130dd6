"""Likelihood-ratio curves LR(gamma) of the threshold models, as in Hansen (1999), Figure 1.

LR(gamma) = (S(gamma) - S(gamma_hat)) / sigma_hat^2; the 95% interval for the threshold is the set
where LR(gamma) <= c(0.05), with c(alpha) = -2 log(1 - sqrt(1 - alpha)) = 7.35 (Hansen 2000).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from gvcpanel.errors import DataError
from gvcpanel.estimate.threshold.panel import lr_critical
from gvcpanel.papers.qu_yang_2023 import EQUATIONS, THRESHOLD_REGIMES
from gvcpanel.papers.qu_yang_2023.tables import SYMBOLS
from gvcpanel.report.plotting import plt, save_figure

TITLES = {
    m: f"Equation {EQUATIONS[m]}: {SYMBOLS[r].latex} slope" for m, r in THRESHOLD_REGIMES.items()
}


def _curve(name: str, curve: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, float]:
    try:
        gamma = np.asarray(curve["gamma"], dtype=float)
        lr = np.asarray(curve["lr"], dtype=float)
        phi = float(curve["threshold"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError("LR curves", "gamma, lr and threshold given as numbers", [name]) from exc
    if gamma.ndim != 1 or gamma.shape != lr.shape or gamma.size < 2:
        raise DataError("LR curves", "gamma and lr are equal-length vectors (>= 2 points)", [name])
    if not (np.isfinite(gamma).all() and np.isfinite(lr).all()):
        raise DataError("LR curves", "gamma and lr finite", [name])
    order = np.argsort(gamma, kind="stable")
    return gamma[order], lr[order], phi


def lr_figure(curves: Mapping[str, Mapping[str, Any]]) -> plt.Figure:
    """One panel per model: LR(gamma) against gamma, the c(0.05) line and the estimate.

    ``curves`` maps a model (e.g. eq. (19)) to
    ``{"gamma": [...], "lr": [...], "threshold": phi}``.
    """
    if not curves:
        raise DataError("LR curves", "at least one curve", [])
    data = {name: _curve(name, c) for name, c in curves.items()}
    crit = lr_critical(0.05)
    fig, axes = plt.subplots(
        1, len(data), figsize=(4.2 * len(data), 3.4), squeeze=False, layout="constrained"
    )
    axes = axes[0]
    for ax, (name, (gamma, lr, phi)) in zip(axes, data.items(), strict=True):
        ax.plot(gamma, lr, color="black", linewidth=1.2, label=r"LR($\gamma$)")
        ax.axhline(
            crit, color="tab:red", linestyle="--", linewidth=1, label=f"c(0.05) = {crit:.2f}"
        )
        ax.axvline(
            phi, color="tab:blue", linestyle=":", linewidth=1, label=rf"$\hat\varphi$ = {phi:.4f}"
        )
        ax.set_title(TITLES.get(name, name), fontsize=10)
        ax.set_xlabel(r"threshold $\gamma$ ($\omega$, raw units)")
        ax.set_ylabel("likelihood ratio")
        ax.legend(fontsize=8, frameon=False)
    return fig


def lr_curve_figure(
    curves: Mapping[str, Mapping[str, Any]], out_png: str | Path, out_pdf: str | Path
) -> None:
    """Write :func:`lr_figure` as PNG and PDF with :func:`gvcpanel.report.plotting.save_figure`
    (atomic, no time stamps: equal inputs give byte-identical files); the two paths differ only
    in their suffix."""
    base = Path(out_png).with_suffix("")
    if Path(out_pdf).with_suffix("") != base:
        raise ValueError(f"{out_png} and {out_pdf} must differ only in their suffix")
    save_figure(lr_figure(curves), base)
