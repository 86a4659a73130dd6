"""Liu (2013), sections 2–5: offshoring of tasks with learning by doing in the South.

A continuum of tasks z ∈ [0, 1]; the North works with ā(z) = ā e^{-z} (eq. 8), the South with
a(z, t) = ā e^{-z} for z ≤ T(t) and ā e^{z - 2T(t)} beyond (eq. 11). Tasks [0, z̄(t)] go to the
South. With world expenditure E(t) = 1 (the paper's numeraire) the instantaneous equilibrium is
eqs (22')–(25'), and the technology stock T(t) grows by eq. (26). The path is solved with
``scipy.integrate.solve_ivp`` on (T, z̄) by eqs (26)–(27) from the initial equilibrium of eq. (22)
(``scipy.optimize.brentq``); eq. (22') along the path is then an identity the tests check.

Readings of the text where the printed formulas need one:

* eq. (26) is printed β L_S z̄(t) − T(t) / (J(t) z̄(t)); read, as its right-hand side and
  Appendix A.1 give, as dT/dt = β L_S (z̄ − T) / (J z̄) = βσf(1 − ρz̄) L_S (z̄ − T) / (L_N z̄).
* Extreme-end evolution (Case II, z* > 1, section 4.5): the threshold stops at z̄ = 1 at t_z
  (an event of the solver). From then on (22') no longer binds (a corner); wages and varieties stay
  at (23')–(25') with z̄ = 1, T(t) follows (26) with z̄ = 1, i.e. dT/dt = β f L_S (1 − T) / L_N,
  so T reaches 1 only asymptotically: the paper's finite t*' with T(t*') = 1 is read as the limit.
  Per-brand output is (32) before t_z and (39) after (the two agree at t_z).
* Welfare is eq. (34), U_i = L_i w_i(t) Y(t) J(t)^{1/ρ}, as printed; autarky is eqs (48)–(52).
* Section 4.5 states J*' > J* and Y*' < Y*. Against the same economy's potential steady state
  (30), (33) both are reversed whenever z* > 1: J*' = L_N/f < (L_S + L_N)/(σf) and
  Y*' = L_S f e^{1/2}/(L_N ā) > ρσf e^{1/2}/ā are each equivalent to L_S > ρ(L_S + L_N). The
  model is kept as printed (39, 40); the tests check the reversed inequalities.
* Only the dynamic cases are modelled: 0 < T(0) < min(z*, 1) (Cases I and II); the static
  Cases III–IV (T(0) ≥ z*, or T(0) = 1) are rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

RTOL = 1e-10  # solve_ivp tolerances: the path satisfies (22') to ~1e-9
ATOL = 1e-12


@dataclass(frozen=True)
class LiuParams:
    """Parameters of Liu's model; defaults are the one full set the paper states (Figure 12).

    L_S, L_N: labour endowments of South and North; beta: learning ability β (eq. 10);
    rho: ρ of the CES utility (1), σ = 1/(1 − ρ); f: Northern labour per brand and period;
    T0: the South's initial technology stock T(0); a_bar: ā of eq. (8).
    """

    L_S: float = 100.0
    L_N: float = 100.0
    beta: float = 0.3
    rho: float = 0.7
    f: float = 1.0
    T0: float = 0.1
    a_bar: float = 1.0

    def __post_init__(self) -> None:
        for name in ("L_S", "L_N", "beta", "f", "a_bar"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if not 0 < self.rho < 1:
            raise ValueError(f"rho must be in (0, 1), got {self.rho}")
        if not 0 < self.T0 < min(self.z_star, 1.0):
            raise ValueError(
                f"T0 = {self.T0} outside (0, min(z*, 1)) = (0, {min(self.z_star, 1.0):.4g}): "
                "only the dynamic Cases I and II are modelled"
            )

    def but(self, **changes: float) -> LiuParams:
        """A copy with some parameters changed."""
        return replace(self, **changes)

    @property
    def sigma(self) -> float:
        """Elasticity of substitution σ = 1/(1 − ρ)."""
        return 1.0 / (1.0 - self.rho)

    @property
    def z_star(self) -> float:
        """Potential steady-state threshold z* = L_S / (ρ(L_S + L_N)) (eq. 21)."""
        return self.L_S / (self.rho * (self.L_S + self.L_N))

    @property
    def extreme(self) -> bool:
        """Extreme-end evolution (Case II): z* > 1, so offshoring stops at z = 1."""
        return self.z_star > 1.0


def unit_labour_requirement(z: np.ndarray | float, T: float, a_bar: float = 1.0) -> np.ndarray:
    """South's unit labour requirement a(z, t) = ā e^{-z} if z ≤ T(t), ā e^{z − 2T(t)} otherwise
    (eq. 11; eq. 9 at t = 0; the North's ā(z) = ā e^{-z} of eq. 8 is the case T = 1)."""
    z = np.asarray(z, dtype=float)
    return np.where(z <= T, a_bar * np.exp(-z), a_bar * np.exp(z - 2.0 * T))


def threshold(T: float, p: LiuParams) -> float:
    """Offshoring threshold z̄ given the technology stock T, the root in (T, z*) of eq. (22'):
    e^{2z̄ − 2T} = (1 − ρz̄)/(ρz̄) · L_S/L_N (not capped at 1: the potential path of Case II)."""
    if not 0 < T < p.z_star:
        raise ValueError(f"T = {T} outside (0, z*) = (0, {p.z_star:.4g})")

    def gap(z: float) -> float:
        return 2.0 * (z - T) - np.log((1.0 - p.rho * z) / (p.rho * z) * p.L_S / p.L_N)

    return brentq(gap, T, p.z_star, xtol=1e-15, rtol=1e-15)


def wages(zbar: np.ndarray | float, p: LiuParams) -> tuple[np.ndarray, np.ndarray]:
    """w_S = ρz̄/L_S and w_N = (1 − ρz̄)/L_N (eqs 23', 24'; world expenditure E = 1)."""
    zbar = np.asarray(zbar, dtype=float)
    return p.rho * zbar / p.L_S, (1.0 - p.rho * zbar) / p.L_N


def varieties(zbar: np.ndarray | float, p: LiuParams) -> np.ndarray:
    """Number of brands J = L_N / (σf(1 − ρz̄)) (eq. 25')."""
    return p.L_N / (p.sigma * p.f * (1.0 - p.rho * np.asarray(zbar, dtype=float)))


def rates(T: float, zbar: float, p: LiuParams) -> tuple[float, float]:
    """(dT/dt, dz̄/dt): eq. (26) dT/dt = β L_S (z̄ − T)/(J z̄), and eq. (27)
    dz̄/dt = 2z̄(1 − ρz̄)/(1 + 2z̄(1 − ρz̄)) · dT/dt."""
    dT = p.beta * p.L_S * (zbar - T) / (float(varieties(zbar, p)) * zbar)
    k = 2.0 * zbar * (1.0 - p.rho * zbar)
    return dT, k / (1.0 + k) * dT


def per_brand_output(
    T: np.ndarray, zbar: np.ndarray, corner: np.ndarray, p: LiuParams
) -> np.ndarray:
    """Y(t) = (ρσf/ā) e^{1/2} e^{z̄² − T²} (eq. 32) while z̄ < 1; in the corner z̄ = 1 of Case II
    Y(t)' = L_S f/(L_N ā) · e^{−(T − 1)² + 1/2} (eq. 39)."""
    T, zbar = np.asarray(T, dtype=float), np.asarray(zbar, dtype=float)
    interior = p.rho * p.sigma * p.f / p.a_bar * np.exp(0.5 + zbar**2 - T**2)
    complete = p.L_S * p.f / (p.L_N * p.a_bar) * np.exp(0.5 - (T - 1.0) ** 2)
    return np.where(corner, complete, interior)


def output_peak_threshold(p: LiuParams) -> float:
    """z̃_y, where dY/dt = 0 (Appendix A.5): z/(1 + 2z(1 − ρz)) = ½ ln[L_S(1 − ρz)/(L_N ρz)];
    Y rises while z̄ < z̃_y and falls after."""
    return _stationary_point(p, 1.0)


def north_welfare_peak_threshold(p: LiuParams) -> float:
    """z̃_UN, where dU_N/dt = 0 (Appendix A.6): ρz/(1 + 2z(1 − ρz)) = ½ ln[L_S(1 − ρz)/(L_N ρz)];
    U_N rises while z̄ < z̃_UN and falls after."""
    return _stationary_point(p, p.rho)


def _stationary_point(p: LiuParams, c: float) -> float:
    def gap(z: float) -> float:
        lhs = c * z / (1.0 + 2.0 * z * (1.0 - p.rho * z))
        return lhs - 0.5 * np.log(p.L_S * (1.0 - p.rho * z) / (p.L_N * p.rho * z))

    return brentq(gap, 1e-12 * p.z_star, p.z_star, xtol=1e-15, rtol=1e-15)


def convergence_rate(p: LiuParams) -> float:
    """λ = −(dż/dz̄) at z* (Appendix A.3; the log term vanishes there), so z* − z̄(t) ∝ e^{−λt}
    near the steady state: λ = βσf (L_S/L_N) (1 − ρz*) / (z*(1 + 2z*(1 − ρz*)))."""
    z = p.z_star
    return (
        p.beta
        * p.sigma
        * p.f
        * p.L_S
        / p.L_N
        * (1.0 - p.rho * z)
        / (z * (1.0 + 2.0 * z * (1.0 - p.rho * z)))
    )


@dataclass(frozen=True)
class SteadyState:
    """Long-run values: normal case z* (eq. 21), J* (30), w_S = w_N = w* (31), Y* (33), U_S* (37),
    U_N* (38); extreme-end case z*' = T*' = 1, w_S*' = ρ/L_S, w_N*' = (1 − ρ)/L_N, J*' = L_N/f,
    Y*' (40), U_S*' (43), U_N*' (44)."""

    z: float
    w_S: float
    w_N: float
    J: float
    Y: float
    U_S: float
    U_N: float


def steady_state(p: LiuParams) -> SteadyState:
    """The long-run steady state of the regime ``p`` is in (see :class:`SteadyState`)."""
    L = p.L_S + p.L_N
    if p.extreme:
        y = p.L_S * p.f / (p.L_N * p.a_bar) * np.exp(0.5)
        u = (p.L_N / p.f) ** (1.0 / p.rho - 1.0) * p.L_S / p.a_bar * np.exp(0.5)
        return SteadyState(
            1.0, p.rho / p.L_S, (1 - p.rho) / p.L_N, p.L_N / p.f, y, p.rho * u, (1 - p.rho) * u
        )
    y = p.rho * p.sigma * p.f / p.a_bar * np.exp(0.5)
    u = (L / (p.sigma * p.f)) ** (1.0 / p.rho) * y
    return SteadyState(
        p.z_star, 1.0 / L, 1.0 / L, L / (p.sigma * p.f), y, p.L_S / L * u, p.L_N / L * u
    )


def autarky(p: LiuParams) -> dict[str, float]:
    """Autarky (section 5.1): J_i^A = L_i/(σf) (eq. 48), Y_S^A = (ρσf/ā) e^{−(T(0) − 1)² + 1/2}
    (49), Y_N^A = (ρσf/ā) e^{1/2} (50), U_i^A = (J_i^A)^{1/ρ} Y_i^A (51, 52)."""
    base = p.rho * p.sigma * p.f / p.a_bar
    out = {
        "J_S": p.L_S / (p.sigma * p.f),
        "J_N": p.L_N / (p.sigma * p.f),
        "Y_S": base * np.exp(0.5 - (p.T0 - 1.0) ** 2),
        "Y_N": base * np.exp(0.5),
    }
    out["U_S"] = out["J_S"] ** (1.0 / p.rho) * out["Y_S"]
    out["U_N"] = out["J_N"] ** (1.0 / p.rho) * out["Y_N"]
    return out


@dataclass(frozen=True)
class LiuPath:
    """A solved path on the time grid ``t``: T(t), z̄(t), and ``corner`` where z̄ = 1 binds
    (Case II after ``t_z``; ``t_z`` is None when the threshold never reaches 1)."""

    params: LiuParams
    t: np.ndarray
    T: np.ndarray
    zbar: np.ndarray
    corner: np.ndarray
    t_z: float | None

    @cached_property
    def w_S(self) -> np.ndarray:
        """Southern wage (eq. 23')."""
        return wages(self.zbar, self.params)[0]

    @cached_property
    def w_N(self) -> np.ndarray:
        """Northern wage (eq. 24')."""
        return wages(self.zbar, self.params)[1]

    @cached_property
    def J(self) -> np.ndarray:
        """Number of brands (eq. 25')."""
        return varieties(self.zbar, self.params)

    @cached_property
    def Y(self) -> np.ndarray:
        """Per-brand output (eq. 32; eq. 39 in the corner)."""
        return per_brand_output(self.T, self.zbar, self.corner, self.params)

    @cached_property
    def U_S(self) -> np.ndarray:
        """Southern welfare U_S = L_S w_S Y J^{1/ρ} (eq. 34)."""
        return self.params.L_S * self.w_S * self.Y * self.J ** (1.0 / self.params.rho)

    @cached_property
    def U_N(self) -> np.ndarray:
        """Northern welfare U_N = L_N w_N Y J^{1/ρ} (eq. 34)."""
        return self.params.L_N * self.w_N * self.Y * self.J ** (1.0 / self.params.rho)

    def gains(self) -> dict[str, np.ndarray]:
        """Welfare relative to autarky, U_i(t)/U_i^A (eqs 53, 55; long run 54, 56, 57, 58), split
        into the variety effect (J(t)/J_i^A)^{1/ρ} and the per-brand consumption effect
        L_i w_i(t) Y(t)/Y_i^A (the two bracketed terms of eqs 53 and 55)."""
        a, p = autarky(self.params), self.params
        out = {}
        for i, L, w in (("S", p.L_S, self.w_S), ("N", p.L_N, self.w_N)):
            out[f"variety_{i}"] = (self.J / a[f"J_{i}"]) ** (1.0 / p.rho)
            out[f"consumption_{i}"] = L * w * self.Y / a[f"Y_{i}"]
            out[f"U_{i}"] = out[f"variety_{i}"] * out[f"consumption_{i}"]
        return out


def solve(p: LiuParams, t_end: float, n: int = 401, cap: bool = True) -> LiuPath:
    """Solve the dynamics on ``n`` equally spaced times in [0, t_end] (plus t_z, if reached).

    (T, z̄) start at (T(0), z̄(0)) with z̄(0) from eq. (22) and follow eqs (26)–(27). With
    ``cap`` (the actual path) and z* > 1, the threshold stops at 1 (event t_z) and T then follows
    eq. (26) at z̄ = 1; ``cap=False`` gives the potential path towards z* > 1 (Figure 9, left).
    """
    t = np.linspace(0.0, t_end, n)
    z0 = threshold(p.T0, p)
    capped = cap and p.extreme
    if capped and z0 >= 1.0:
        t_z = 0.0
        T_z = p.T0
    else:
        events = []
        if capped:

            def reach_one(_t: float, y: np.ndarray) -> float:
                return y[1] - 1.0

            # solve_ivp reads an event's options from attributes of the function
            reach_one.terminal = True  # type: ignore[attr-defined]
            reach_one.direction = 1.0  # type: ignore[attr-defined]
            events.append(reach_one)
        sol = solve_ivp(
            lambda _t, y: rates(y[0], y[1], p),
            (0.0, t_end),
            [p.T0, z0],
            method="DOP853",
            rtol=RTOL,
            atol=ATOL,
            dense_output=True,
            events=events or None,
        )
        if not sol.success:
            raise RuntimeError(f"solve_ivp failed: {sol.message}")
        if not (capped and sol.t_events[0].size):
            T, zbar = sol.sol(t)
            return LiuPath(p, t, T, zbar, np.zeros(n, dtype=bool), None)
        t_z = float(sol.t_events[0][0])
        T_z = float(sol.sol(t_z)[0])
    t = np.union1d(t, [t_z])
    before = t < t_z
    T, zbar = np.empty_like(t), np.ones_like(t)
    if before.any():
        T[before], zbar[before] = sol.sol(t[before])
    late = solve_ivp(
        lambda _t, y: [rates(y[0], 1.0, p)[0]],
        (t_z, t_end),
        [T_z],
        method="DOP853",
        rtol=RTOL,
        atol=ATOL,
        dense_output=True,
    )
    if not late.success:
        raise RuntimeError(f"solve_ivp failed: {late.message}")
    T[~before] = late.sol(t[~before])[0]
    return LiuPath(p, t, T, zbar, ~before, t_z)
