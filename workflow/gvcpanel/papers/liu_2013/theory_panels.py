"""The parameters of Liu (2013) Figures 1–13: each figure's title and panels, with the values
the paper's figure notes state marked as such; the others (and every time horizon) are choices."""

from __future__ import annotations

from dataclasses import dataclass, field

from gvcpanel.papers.liu_2013.theory import LiuParams, LiuPath, solve

TITLES = {
    1: "Unit Labor Requirement in the South with Learning-by-Doing",
    2: "Initial Equilibrium of Global Production, T(0) < z*",
    3: "Task Dynamics, T(0) < z*",
    4: "Task Dynamics – Simulations",
    5: "Dynamics of Variety",
    6: "Dynamics of Wage Rates",
    7: "Dynamics of Per-brand Output",
    8: "Dynamics of National Welfares",
    9: "Task Dynamics under Extreme-end Evolution",
    10: "Dynamics of Wages and Number of Varieties under Extreme-end Evolution",
    11: "Dynamics of Output and Welfares under Extreme-end Evolution",
    12: "Welfare Gains from Offshoring – Normal Case",
    13: "Welfare Gains from Offshoring – Complete Offshoring",
}
SYMBOLS = {
    "L_S": "L_S",
    "L_N": "L_N",
    "beta": "β",
    "rho": "ρ",
    "f": "f",
    "T0": "T(0)",
    "a_bar": "ā",
}
ALL = frozenset(SYMBOLS)
TASKS = ALL - {"a_bar"}  # tasks, wages and varieties do not depend on ā
NORMAL = LiuParams()  # the paper's Figure 12 note, the only full set it states
EXTREME = LiuParams(rho=0.4)  # the paper's Figure 9 note


@dataclass(frozen=True)
class Panel:
    """One panel's parameters: ``stated`` are those the paper's note gives, ``vary`` the
    parameter drawn at several values (the values are a choice), ``t_end`` the horizon (None for
    a static figure), ``shown`` the parameters the panel depends on."""

    label: str
    params: LiuParams
    stated: frozenset[str] = field(default_factory=frozenset)
    vary: tuple[str, tuple[float, ...]] | None = None
    t_end: float | None = 40.0
    shown: frozenset[str] = ALL

    def paths(self, cap: bool = True) -> list[tuple[float | None, LiuPath]]:
        """The solved path for each value of the varied parameter (one path if none varies)."""
        if self.t_end is None:
            raise ValueError(f"{self.label} is a static figure: it has no paths in time")
        if self.vary is None:
            return [(None, solve(self.params, self.t_end, cap=cap))]
        name, values = self.vary
        return [(v, solve(self.params.but(**{name: v}), self.t_end, cap=cap)) for v in values]

    def caption(self) -> str:
        """Parameter line for the caption file."""
        parts = []
        for name, symbol in SYMBOLS.items():
            if name not in self.shown:
                continue
            if self.vary and self.vary[0] == name:
                values = ", ".join(f"{v:g}" for v in self.vary[1])
                parts.append(f"{symbol} ∈ {{{values}}} (values chosen)")
            else:
                source = "paper" if name in self.stated else "chosen"
                parts.append(f"{symbol} = {getattr(self.params, name):g} ({source})")
        if self.t_end is not None:
            parts.append(f"horizon t ∈ [0, {self.t_end:g}] (chosen)")
        return f"{self.label}: " + "; ".join(parts) + "."


PANELS: dict[int, list[Panel]] = {
    1: [Panel("Figure 1", NORMAL, t_end=None, shown=frozenset({"a_bar"}))],
    2: [Panel("Figure 2", NORMAL, t_end=None, shown=ALL - {"beta"})],
    3: [Panel("Figure 3", NORMAL, shown=TASKS)],
    4: [
        Panel("Panel A", NORMAL, ALL - {"L_S", "a_bar"}, ("L_S", (50, 100, 200)), shown=TASKS),
        Panel("Panel B", NORMAL, ALL - {"beta", "a_bar"}, ("beta", (0.1, 0.3, 0.5)), shown=TASKS),
        Panel("Panel C", NORMAL, ALL - {"rho", "a_bar"}, ("rho", (0.6, 0.7, 0.8)), shown=TASKS),
        Panel("Panel D", NORMAL, ALL - {"f", "a_bar"}, ("f", (0.5, 1, 2)), shown=TASKS),
    ],
    5: [Panel("Figure 5", NORMAL, ALL - {"rho", "a_bar"}, ("rho", (0.6, 0.7, 0.8)), shown=TASKS)],
    6: [Panel("Figure 6", NORMAL, shown=TASKS)],
    7: [Panel("Figure 7", NORMAL, ALL - {"T0"}, ("T0", (0.01, 0.1, 0.3)), t_end=10.0)],
    8: [
        Panel("Panel A", NORMAL.but(T0=0.01), ALL - {"rho"}, ("rho", (0.6, 0.7, 0.8))),
        Panel("Panel B", NORMAL, ALL - {"L_S"}, ("L_S", (50, 100, 200))),
    ],
    9: [Panel("Figure 9", EXTREME, TASKS, t_end=30.0, shown=TASKS)],
    10: [Panel("Figure 10", EXTREME, t_end=30.0, shown=TASKS)],
    11: [
        Panel("Panel A", EXTREME, ALL - {"T0"}, t_end=30.0),
        Panel("Panel B", LiuParams(L_S=10, L_N=10, rho=0.4, T0=0.3), ALL - {"rho"}, t_end=30.0),
    ],
    12: [Panel("Figure 12", NORMAL, ALL)],
    13: [Panel("Figure 13", LiuParams(L_S=10, L_N=4, beta=0.2, rho=0.4, T0=0.3), ALL, t_end=30.0)],
}
FIGURE1_STOCKS = (0.1, 0.4, 0.7)  # T(t) at three dates, chosen
