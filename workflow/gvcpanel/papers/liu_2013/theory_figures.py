"""Liu (2013) Figures 1–13: the theory of sections 2–5, drawn from
:mod:`gvcpanel.papers.liu_2013.theory`.

Each figure's parameters are in
:data:`gvcpanel.papers.liu_2013.theory_panels.PANELS`, with the ones the paper's figure notes state
marked as such; the others (and every time horizon) are choices, listed in the caption file that
:func:`write_theory_figures` writes beside the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from matplotlib.ticker import LogLocator, NullFormatter, ScalarFormatter

from gvcpanel.io import write_text
from gvcpanel.papers.liu_2013.theory import (
    LiuPath,
    convergence_rate,
    north_welfare_peak_threshold,
    output_peak_threshold,
    steady_state,
    threshold,
    unit_labour_requirement,
    wages,
)
from gvcpanel.papers.liu_2013.theory_panels import (
    FIGURE1_STOCKS,
    PANELS,
    SYMBOLS,
    TITLES,
    Panel,
)
from gvcpanel.report.plotting import plt, save_figure

COLOURS = ("tab:blue", "tab:orange", "tab:green")
LEGEND_TASKS = "solid: z̄(t), dashed: T(t), dotted: z*"


def _label(panel: Panel, value: float | None) -> str:
    if value is None or panel.vary is None:
        return ""
    return f"{SYMBOLS[panel.vary[0]]} = {value:g}"


def _finish(fig: plt.Figure, k: int, out_base: str | Path) -> list[Path]:
    fig.suptitle(f"Figure {k}. {TITLES[k]}")
    fig.tight_layout()
    return save_figure(fig, out_base)


def _mark_t_z(ax: plt.Axes, path: LiuPath) -> None:
    if path.t_z is not None:
        ax.axvline(path.t_z, color="grey", ls=":", lw=1)
        ax.annotate(r"$t_z$", (path.t_z, 0.02), xycoords=("data", "axes fraction"), fontsize=8)


def _tasks(ax: plt.Axes, path: LiuPath, colour: str = "k", label: str = "") -> None:
    sep = ", " if label else ""
    ax.plot(path.t, path.zbar, color=colour, label=rf"$\bar z(t)${sep}{label}")
    ax.plot(path.t, path.T, color=colour, ls="--", label=rf"$T(t)${sep}{label}")
    ax.set_xlabel("t")
    ax.set_ylabel("task z")


def figure1(out_base: str | Path) -> list[Path]:
    """Figure 1: South's unit labour requirement a(z, t) (eq. 11) at three technology stocks,
    against the North's ā(z) = ā e^{-z} (eq. 8)."""
    p = PANELS[1][0].params
    z = np.linspace(0, 1, 401)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.plot(z, p.a_bar * np.exp(-z), color="k", lw=2.5, label=r"North: $\bar a(z)=\bar a e^{-z}$")
    for T, c in zip(FIGURE1_STOCKS, COLOURS, strict=True):
        ax.plot(
            z,
            unit_labour_requirement(z, T, p.a_bar),
            color=c,
            label=rf"South: $a(z,t)$, $T(t)={T:g}$",
        )
        ax.axvline(T, color=c, ls=":", lw=1)
    ax.set_xlabel("task z")
    ax.set_ylabel("unit labour requirement")
    ax.legend(fontsize=8, loc="upper left")
    return _finish(fig, 1, out_base)


def figure2(out_base: str | Path) -> list[Path]:
    """Figure 2: unit costs w_N ā(z) and w_S a(z, 0) at the initial equilibrium (eqs 15, 22–24):
    they cross at z̄(0) ∈ (T(0), z*)."""
    p = PANELS[2][0].params
    z0 = threshold(p.T0, p)
    w_S, w_N = wages(z0, p)
    z = np.linspace(0, 1, 401)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.plot(z, w_N * p.a_bar * np.exp(-z), color="tab:red", label=r"North: $w_N(0)\,\bar a(z)$")
    ax.plot(
        z,
        w_S * unit_labour_requirement(z, p.T0, p.a_bar),
        color="tab:blue",
        label=r"South: $w_S(0)\,a(z,0)$",
    )
    ax.axvspan(0, z0, color="tab:blue", alpha=0.08, label="tasks offshored to the South")
    for x, name in ((p.T0, "$T(0)$"), (z0, r"$\bar z(0)$"), (p.z_star, "$z^*$")):
        ax.axvline(x, color="grey", ls=":", lw=1)
        ax.annotate(name, (x, 0.95), xycoords=("data", "axes fraction"), fontsize=9)
    ax.set_xlabel("task z")
    ax.set_ylabel("unit cost")
    ax.legend(fontsize=8, loc="center right")
    return _finish(fig, 2, out_base)


def figure3(out_base: str | Path) -> list[Path]:
    """Figure 3: T(t) (eq. 26) and z̄(t) (eq. 27) rising concavely to z* (eq. 21)."""
    panel = PANELS[3][0]
    ((_, path),) = panel.paths()
    fig, ax = plt.subplots(figsize=(6, 4.5))
    _tasks(ax, path)
    ax.axhline(panel.params.z_star, color="grey", ls=":", label="$z^*$")
    ax.legend(fontsize=8, loc="lower right")
    return _finish(fig, 3, out_base)


def figure4(out_base: str | Path) -> list[Path]:
    """Figure 4: task dynamics as L_S, β, ρ and f vary (λ: convergence rate, Appendix A.3)."""
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    names = (
        "Labor Endowment in the South",
        "Learning Ability",
        "Variety Substitutability",
        "Fixed Cost for Branding",
    )
    for ax, panel, name in zip(axes.flat, PANELS[4], names, strict=True):
        for (v, path), c in zip(panel.paths(), COLOURS, strict=True):
            ax.plot(
                path.t,
                path.zbar,
                color=c,
                label=f"{_label(panel, v)}, λ = {convergence_rate(path.params):.2f}",
            )
            ax.plot(path.t, path.T, color=c, ls="--")
            ax.axhline(path.params.z_star, color=c, ls=":", lw=1)
        ax.set_title(f"{panel.label}. {name}", fontsize=10)
        ax.set_xlabel("t")
        ax.set_ylabel("task z")
        ax.legend(fontsize=8, loc="lower right", title=LEGEND_TASKS, title_fontsize=8)
    return _finish(fig, 4, out_base)


def figure5(out_base: str | Path) -> list[Path]:
    """Figure 5: number of brands J(t) (eq. 25') converging to J* (eq. 30) for three ρ."""
    panel = PANELS[5][0]
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for (v, path), c in zip(panel.paths(), COLOURS, strict=True):
        ax.plot(path.t, path.J, color=c, label=_label(panel, v))
        ax.axhline(steady_state(path.params).J, color=c, ls=":", lw=1)
    ax.set_xlabel("t")
    ax.set_ylabel("number of varieties J(t)")
    ax.legend(fontsize=8, loc="lower right", title="dotted: $J^*$", title_fontsize=8)
    return _finish(fig, 5, out_base)


def figure6(out_base: str | Path) -> list[Path]:
    """Figure 6: w_S(t) (eq. 23') and w_N(t) (eq. 24') meeting at w* = 1/(L_S + L_N) (eq. 31)."""
    ((_, path),) = PANELS[6][0].paths()
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.plot(path.t, path.w_N, color="tab:red", label="$w_N(t)$")
    ax.plot(path.t, path.w_S, color="tab:blue", label="$w_S(t)$")
    ax.axhline(steady_state(path.params).w_S, color="grey", ls=":", label="$w^*$")
    ax.set_xlabel("t")
    ax.set_ylabel("wage (share of world expenditure)")
    ax.legend(fontsize=8, loc="upper right")
    return _finish(fig, 6, out_base)


def _crossing(path: LiuPath, z: float) -> float | None:
    """Time at which z̄(t) passes z (None if it starts beyond it)."""
    return None if path.zbar[0] >= z else float(np.interp(z, path.zbar, path.t))


def figure7(out_base: str | Path) -> list[Path]:
    """Figure 7: per-brand output Y(t) (eq. 32) for three T(0); it peaks where z̄ = z̃_y
    (Appendix A.5, marked) and ends at Y* (eq. 33, dotted)."""
    panel = PANELS[7][0]
    z_y = output_peak_threshold(panel.params)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for (v, path), c in zip(panel.paths(), COLOURS, strict=True):
        ax.plot(path.t, path.Y, color=c, label=_label(panel, v))
        if (t_peak := _crossing(path, z_y)) is not None:
            ax.plot(t_peak, np.interp(t_peak, path.t, path.Y), "o", color=c, ms=4)
    ax.axhline(steady_state(panel.params).Y, color="grey", ls=":", label="$Y^*$")
    ax.set_xlabel("t")
    ax.set_ylabel("per-brand output Y(t)")
    ax.legend(
        fontsize=8,
        loc="upper right",
        title=rf"dots: $\bar z(t)=\tilde z_y={z_y:.3f}$",
        title_fontsize=8,
    )
    return _finish(fig, 7, out_base)


def figure8(out_base: str | Path) -> list[Path]:
    """Figure 8: welfare U_S(t), U_N(t) (eq. 34) as ρ (panel A) and L_S (panel B) vary; dots mark
    the North's peak, z̄ = z̃_UN (Appendix A.6)."""
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    names = ("Variety Substitutability", "Size of the South")
    for row, panel, name in zip(axes, PANELS[8], names, strict=True):
        for (v, path), c in zip(panel.paths(), COLOURS, strict=True):
            row[0].plot(path.t, path.U_S, color=c, label=_label(panel, v))
            row[1].plot(path.t, path.U_N, color=c, label=_label(panel, v))
            if (t_peak := _crossing(path, north_welfare_peak_threshold(path.params))) is not None:
                row[1].plot(t_peak, np.interp(t_peak, path.t, path.U_N), "o", color=c, ms=4)
        for ax, country in zip(row, ("South, $U_S(t)$", "North, $U_N(t)$"), strict=True):
            ax.set_yscale("log")  # ticks at 1, 2, 5 × 10^k: labels even on a panel under a decade
            ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
            ax.yaxis.set_major_formatter(ScalarFormatter())  # plain numbers, no mathtext
            ax.yaxis.set_minor_formatter(NullFormatter())
            ax.set_title(f"{panel.label}. {name}: {country}", fontsize=10)
            ax.set_xlabel("t")
            ax.legend(fontsize=8, loc="right")
    return _finish(fig, 8, out_base)


def figure9(out_base: str | Path) -> list[Path]:
    """Figure 9: left, the potential path towards z* > 1 (task range unbounded); right, the
    actual path: z̄ stops at 1 at t_z and T(t) keeps learning towards 1."""
    panel = PANELS[9][0]
    ((_, potential),) = panel.paths(cap=False)
    ((_, actual),) = panel.paths()
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharey=True)
    for ax, path, name in (
        (axes[0], potential, "Potential dynamics"),
        (axes[1], actual, "Actual dynamics"),
    ):
        _tasks(ax, path)
        ax.axhline(1.0, color="k", lw=0.8)
        ax.axhline(
            panel.params.z_star, color="grey", ls=":", label=f"$z^*$ = {panel.params.z_star:.2f}"
        )
        _mark_t_z(ax, actual)
        ax.set_title(name, fontsize=10)
        ax.legend(fontsize=8, loc="lower right")
    return _finish(fig, 9, out_base)


def figure10(out_base: str | Path) -> list[Path]:
    """Figure 10: wages and number of brands under extreme-end evolution; actual (solid) and
    potential (dotted) paths, long-run w_S*' = ρ/L_S, w_N*' = (1 − ρ)/L_N, J*' = L_N/f (dashed)."""
    panel = PANELS[10][0]
    ((_, potential),) = panel.paths(cap=False)
    ((_, path),) = panel.paths()
    ss = steady_state(panel.params)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    ax = axes[0]
    for y, pot, c, name, level in (
        (path.w_N, potential.w_N, "tab:red", "$w_N(t)$", ss.w_N),
        (path.w_S, potential.w_S, "tab:blue", "$w_S(t)$", ss.w_S),
    ):
        ax.plot(path.t, y, color=c, label=name)
        ax.plot(potential.t, pot, color=c, ls=":", lw=1)
        ax.axhline(level, color=c, ls="--", lw=0.8)
    ax.set_title("Panel A. Dynamics of Wage Rates", fontsize=10)
    ax.set_ylabel("wage (share of world expenditure)")
    axes[1].plot(path.t, path.J, color="k", label="$J(t)$")
    axes[1].plot(potential.t, potential.J, color="k", ls=":", lw=1, label="potential")
    axes[1].axhline(ss.J, color="k", ls="--", lw=0.8, label="$J^{*'} = L_N/f$")
    axes[1].set_title("Panel B. Dynamics of Variety", fontsize=10)
    for ax, loc in zip(axes, ("upper right", "upper left"), strict=True):
        _mark_t_z(ax, path)
        ax.set_xlabel("t")
        ax.legend(fontsize=8, loc=loc)
    return _finish(fig, 10, out_base)


def figure11(out_base: str | Path) -> list[Path]:
    """Figure 11: per-brand output (eqs 32, 39; panel A) and welfare (eqs 34, 41, 42; panel B)
    under extreme-end evolution, each rising again after t_z."""
    ((_, a),) = PANELS[11][0].paths()
    ((_, b),) = PANELS[11][1].paths()
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    axes[0].plot(a.t, a.Y, color="k", label="$Y(t)$")
    axes[0].axhline(steady_state(a.params).Y, color="grey", ls=":", label="$Y^{*'}$")
    axes[0].set_title("Panel A. Dynamics of Per-brand Output", fontsize=10)
    axes[1].plot(b.t, b.U_N, color="tab:red", label="$U_N(t)$")
    axes[1].plot(b.t, b.U_S, color="tab:blue", label="$U_S(t)$")
    axes[1].set_title("Panel B. Dynamics of National Welfares", fontsize=10)
    for ax, path, loc in zip(axes, (a, b), ("upper right", "lower right"), strict=True):
        _mark_t_z(ax, path)
        ax.set_xlabel("t")
        ax.legend(fontsize=8, loc=loc)
    return _finish(fig, 11, out_base)


def _gains(k: int, out_base: str | Path) -> list[Path]:
    ((_, path),) = PANELS[k][0].paths()
    g = path.gains()
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    for ax, key, name in (
        (axes[0], "U", r"welfare relative to autarky, $U_i(t)/U_i^A$"),
        (axes[1], "consumption", r"per-brand consumption effect, $L_i w_i(t) Y(t)/Y_i^A$"),
    ):
        ax.plot(path.t, g[f"{key}_N"], color="tab:red", label="North")
        ax.plot(path.t, g[f"{key}_S"], color="tab:blue", label="South")
        ax.axhline(1.0, color="k", lw=0.8)
        _mark_t_z(ax, path)
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("t")
        ax.legend(fontsize=8, loc="right")
    return _finish(fig, k, out_base)


def figure12(out_base: str | Path) -> list[Path]:
    """Figure 12: gains from normal offshoring, U_i(t)/U_i^A (eqs 53, 55; long run 54, 56), and
    the per-brand consumption effect (second brackets of 53, 55)."""
    return _gains(12, out_base)


def figure13(out_base: str | Path) -> list[Path]:
    """Figure 13: gains from complete offshoring; long run (57), (58)."""
    return _gains(13, out_base)


FIGURES: dict[int, Callable[[str | Path], list[Path]]] = {
    1: figure1,
    2: figure2,
    3: figure3,
    4: figure4,
    5: figure5,
    6: figure6,
    7: figure7,
    8: figure8,
    9: figure9,
    10: figure10,
    11: figure11,
    12: figure12,
    13: figure13,
}


CAPTION_HEAD = """# Liu (2013), Figures 1–13: parameters

Solved by gvcpanel.papers.liu_2013.theory; world expenditure E(t) = 1 (the paper's numeraire).
"paper": the value is in the paper's note to that figure; "chosen": the note does not state it
(Figures 2, 3 and 6 have no note and use Figure 12's full set; Figure 10 uses Figure 9's).
Readings of the model (module docstring of gvcpanel.papers.liu_2013.theory): eq. (26) is read as
dT/dt = βL_S(z̄ − T)/(J z̄); under extreme-end evolution z̄ stops at 1 at t_z, wages and J stay
at (23')–(25') with z̄ = 1, and T follows (26) at z̄ = 1, reaching 1 only asymptotically;
per-brand output is (32) before t_z and (39) after; welfare is (34) as printed; autarky is
(48)–(52). Section 4.5 states J*' > J* and Y*' < Y*; against the same economy's potential
steady state (30), (33) both inequalities are reversed whenever z* > 1 (J*' = L_N/f lies below the
potential path in Figure 10 B).
"""


def captions() -> str:
    """The caption file: per figure its title, what is drawn and its parameters."""
    stocks = ", ".join(f"{T:g}" for T in FIGURE1_STOCKS)
    lines = [CAPTION_HEAD, f"Figure 1's technology stocks T(t) ∈ {{{stocks}}} are chosen.", ""]
    for k, title in TITLES.items():
        doc = " ".join((FIGURES[k].__doc__ or "").split(":", 1)[1].split())
        lines.append(f"## Figure {k}. {title}")
        lines.append("")
        lines.append(doc[:1].upper() + doc[1:])
        lines.append("")
        lines.extend(f"- {panel.caption()}" for panel in PANELS[k])
        lines.append("")
    return "\n".join(lines)


def write_theory_figures(out_dir: str | Path) -> list[Path]:
    """Write ``figure{1..13}.png/.pdf`` and ``captions.md`` into ``out_dir``."""
    out = Path(out_dir)
    paths = [p for k, draw in FIGURES.items() for p in draw(out / f"figure{k}")]
    write_text(out / "captions.md", captions())
    return [*paths, out / "captions.md"]
