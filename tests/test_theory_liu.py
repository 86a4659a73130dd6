"""Liu (2013) theory, sections 3–5: the solved model against the paper's own analytics.

Expected values are the paper's closed forms written out here (eqs 21–58), first-principles
integrals of the production function (7), or the signs the text states for Figures 4, 5, 7, 8,
11–13; tolerances are stated per test.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from gvcpanel.papers.liu_2013.theory import (
    LiuParams,
    autarky,
    convergence_rate,
    north_welfare_peak_threshold,
    output_peak_threshold,
    rates,
    solve,
    steady_state,
    threshold,
    unit_labour_requirement,
)

BASE = LiuParams()  # the paper's Figure 12 note: L_S = L_N = 100, β = .3, ρ = .7, f = 1, T(0) = .1
EXTREME = LiuParams(rho=0.4)  # the paper's Figure 9 note (z* = 1.25)
FIG13 = LiuParams(L_S=10, L_N=4, beta=0.2, rho=0.4, T0=0.3)  # the paper's Figure 13 note


def gap22(T: np.ndarray, zbar: np.ndarray, p: LiuParams) -> np.ndarray:
    """Residual of eq. (22'), in logs."""
    return 2 * (zbar - T) - np.log((1 - p.rho * zbar) / (p.rho * zbar) * p.L_S / p.L_N)


def convergence_time(path, q: float = 0.01) -> float:
    """First time the gap z* − z̄(t) is at most q times its initial value."""
    gap = path.params.z_star - path.zbar
    return float(path.t[np.argmax(gap <= q * gap[0])])


def second_differences(path, y: np.ndarray, min_gap: float = 1e-4) -> np.ndarray:
    """Second differences of y on the (uniform) grid, where z* − z̄ > min_gap so that the
    curvature is far above the solver's error (RTOL 1e-10)."""
    h = path.t[1] - path.t[0]
    d2 = np.diff(y, 2) / h**2
    return d2[(path.params.z_star - path.zbar)[1:-1] > min_gap]


# --- learning-by-doing technology and the initial equilibrium (Figures 1, 2) ---------------------


def test_unit_labour_requirement_eq11():
    z = np.linspace(0, 1, 101)
    for T in (0.1, 0.4, 0.8):
        a = unit_labour_requirement(z, T, a_bar=2.0)
        frontier = 2.0 * np.exp(-z)
        np.testing.assert_allclose(a[z <= T], frontier[z <= T], rtol=1e-15)
        np.testing.assert_allclose(
            a[z > T] / frontier[z > T], np.exp(2 * (z[z > T] - T)), rtol=1e-12
        )
        assert np.all(a >= frontier)  # the North is the frontier
        assert unit_labour_requirement(T + 1e-12, T, 2.0) == pytest.approx(2.0 * np.exp(-T))


@pytest.mark.parametrize("p", [BASE, EXTREME, FIG13, BASE.but(L_S=200, T0=0.5)])
def test_initial_equilibrium_eqs_22_to_25(p):
    z0 = threshold(p.T0, p)
    assert p.T0 < z0 < p.z_star
    assert abs(gap22(p.T0, z0, p)) < 1e-12  # (22)
    w_S, w_N = p.rho * z0 / p.L_S, (1 - p.rho * z0) / p.L_N  # (23), (24)
    J0 = p.L_N / (p.sigma * p.f * (1 - p.rho * z0))  # (25)
    path = solve(p, 1.0, n=3)
    assert (path.w_S[0], path.w_N[0], path.J[0]) == pytest.approx((w_S, w_N, J0), rel=1e-12)
    # no-arbitrage at the threshold (15), with a(z, 0) of eq. (9)
    assert w_N * np.exp(-z0) == pytest.approx(w_S * np.exp(z0 - 2 * p.T0), rel=1e-10)
    assert w_S < 1 / (p.L_S + p.L_N) < w_N
    # labour markets (16'), (17') with E = 1, zero profit (20)
    assert z0 * p.rho / w_S == pytest.approx(p.L_S, rel=1e-12)
    assert (1 - z0) * p.rho / w_N + J0 * p.f == pytest.approx(p.L_N, rel=1e-12)
    assert 1 / (p.sigma * J0) == pytest.approx(w_N * p.f, rel=1e-12)


# --- normal evolution: steady state and the shape of the path (Figures 3, 5, 6) ------------------


@pytest.mark.parametrize("p", [BASE, BASE.but(L_S=50, beta=0.5), BASE.but(rho=0.8, f=2, T0=0.3)])
def test_normal_steady_state_eqs_21_30_31_33_37_38(p):
    t_end = 40 / convergence_rate(p)  # e^{-40}: far below 1e-6
    path = solve(p, t_end, n=11)
    L = p.L_S + p.L_N
    z_star = p.L_S / (p.rho * L)  # (21)
    J_star = L / (p.sigma * p.f)  # (30)
    w_star = 1 / L  # (31)
    Y_star = p.rho * p.sigma * p.f / p.a_bar * np.exp(0.5)  # (33)
    U_star = (L / (p.sigma * p.f)) ** (1 / p.rho) * Y_star
    assert abs(path.T[-1] - z_star) < 1e-6 and abs(path.zbar[-1] - z_star) < 1e-6
    assert path.J[-1] == pytest.approx(J_star, rel=1e-6)
    assert path.w_S[-1] == pytest.approx(w_star, rel=1e-6)
    assert path.w_N[-1] == pytest.approx(w_star, rel=1e-6)
    assert path.Y[-1] == pytest.approx(Y_star, rel=1e-6)
    assert path.U_S[-1] == pytest.approx(p.L_S / L * U_star, rel=1e-6)  # (37)
    assert path.U_N[-1] == pytest.approx(p.L_N / L * U_star, rel=1e-6)  # (38)
    ss = steady_state(p)
    assert (ss.z, ss.J, ss.w_S, ss.w_N, ss.Y) == pytest.approx(
        (z_star, J_star, w_star, w_star, Y_star)
    )
    assert pytest.approx((p.L_S / L * U_star, p.L_N / L * U_star)) == (ss.U_S, ss.U_N)


@pytest.mark.parametrize("p", [BASE, BASE.but(T0=0.01), BASE.but(L_S=200, rho=0.75)])
def test_eq28_concave_paths_and_eq29(p):
    path = solve(p, 40, n=4001)
    dT, dz = np.array([rates(T, z, p) for T, z in zip(path.T, path.zbar, strict=True)]).T
    live = path.params.z_star - path.zbar > 1e-6
    assert np.all((dz[live] > 0) & (dz[live] < dT[live]))  # (28)
    # (28) on the solved path itself, by first differences
    assert np.all(np.diff(path.zbar) < np.diff(path.T))
    assert np.all(np.diff(path.zbar) > 0) and np.all(path.zbar > path.T)
    assert np.all(path.zbar < p.z_star)
    # concave T and z̄ (Appendix A.2), dJ/dt > 0 and d²J/dt² < 0 (29)
    assert np.all(second_differences(path, path.T) < 0)
    assert np.all(second_differences(path, path.zbar) < 0)
    assert np.all(np.diff(path.J) > 0)
    assert np.all(second_differences(path, path.J) < 0)
    # wages: w_S rising and concave, w_N falling and convex (footnote 27); w_S < w* < w_N
    assert np.all(np.diff(path.w_S) > 0) and np.all(second_differences(path, path.w_S) < 0)
    assert np.all(np.diff(path.w_N) < 0) and np.all(second_differences(path, path.w_N) > 0)
    w_star = 1 / (p.L_S + p.L_N)
    assert np.all(path.w_S < w_star) and np.all(path.w_N > w_star)


def test_convergence_rate_appendix_a3():
    """Near z*, ln(z* − z̄(t)) falls with slope −λ, λ = −dż/dz̄ at z* (Appendix A.3)."""
    for p in (BASE, BASE.but(rho=0.6, L_S=60), BASE.but(beta=0.8, f=0.5)):
        lam = convergence_rate(p)
        path = solve(p, 25 / lam, n=2001)
        gap = p.z_star - path.zbar
        late = (gap < 1e-4) & (gap > 1e-8)
        slope = np.polyfit(path.t[late], np.log(gap[late]), 1)[0]
        assert slope == pytest.approx(-lam, rel=1e-3)


# --- Figure 4: comparative statics of the task dynamics ------------------------------------------


def _paths(name, values, base=BASE, t_end=200.0):
    return [solve(base.but(**{name: v}), t_end, n=4001) for v in values]


def test_fig4a_larger_south_wider_task_range():
    small, mid, large = _paths("L_S", (50, 100, 200))
    for lo, hi in ((small, mid), (mid, large)):
        assert np.all(hi.zbar > lo.zbar)  # a wider range of tasks at every t
        assert np.all(hi.T[1:] > lo.T[1:])  # higher technology along the way (same T(0))
        assert hi.params.z_star > lo.params.z_star


@pytest.mark.parametrize(("name", "values"), [("beta", (0.1, 0.3, 0.5)), ("f", (0.5, 1, 2))])
def test_fig4bd_learning_and_brand_cost_speed_convergence(name, values):
    paths = _paths(name, values)
    times = [convergence_time(p) for p in paths]
    assert times[0] > times[1] > times[2]
    rates_ = [convergence_rate(p.params) for p in paths]
    assert rates_[0] < rates_[1] < rates_[2]
    for a, b in zip(paths, paths[1:], strict=False):  # same long run, reached sooner
        assert a.params.z_star == b.params.z_star
        live = a.params.z_star - a.zbar > 1e-6
        assert np.all(b.zbar[1:][live[1:]] > a.zbar[1:][live[1:]])
        # β and f enter (26) only through the factor βf and leave z* alone: a rescaled clock
        scale = getattr(b.params, name) / getattr(a.params, name)
        fast = solve(b.params, a.t[-1] / scale, n=len(a.t))  # on the grid a.t / scale
        np.testing.assert_allclose(fast.zbar, a.zbar, atol=1e-8)


def test_fig4c_substitutability_lowers_threshold_and_speeds_convergence():
    paths = _paths("rho", (0.6, 0.7, 0.8))
    z_stars = [p.params.z_star for p in paths]
    assert z_stars[0] > z_stars[1] > z_stars[2]
    assert all(abs(p.zbar[-1] - p.params.z_star) < 1e-9 for p in paths)
    times = [convergence_time(p) for p in paths]
    assert times[0] > times[1] > times[2]
    lams = [convergence_rate(p.params) for p in paths]
    assert lams[0] < lams[1] < lams[2]


def test_fig5_substitutability_fewer_brands_faster():
    paths = _paths("rho", (0.6, 0.7, 0.8))
    for a, b in zip(paths, paths[1:], strict=False):
        assert np.all(b.J < a.J)  # fewer brands at every t
        assert steady_state(b.params).J < steady_state(a.params).J
    times = []
    for p in paths:
        gap = steady_state(p.params).J - p.J
        times.append(p.t[np.argmax(gap <= 0.01 * gap[0])])
    assert times[0] > times[1] > times[2]


# --- per-brand output and welfare (Figures 7, 8) -------------------------------------------------


@pytest.mark.parametrize("p", [BASE, BASE.but(T0=0.01), BASE.but(T0=0.3), EXTREME, FIG13])
def test_output_is_the_production_function_eq7(p):
    """(32) and (39) equal ln Y = ∫ ln x(z) dz with per-brand task demand x = ρ/(J w_i a_i(z))
    (eqs 7, 19, 8, 11), integrated numerically; in the corner of Case II too."""
    path = solve(p, 30, n=31)
    for k in range(0, len(path.t), 5):
        T, zb, J = path.T[k], path.zbar[k], path.J[k]
        w_S, w_N = path.w_S[k], path.w_N[k]

        def ln_x(z, T=T, zb=zb, J=J, w_S=w_S, w_N=w_N):
            if z <= zb:
                return np.log(p.rho / (J * w_S * unit_labour_requirement(z, T, p.a_bar)))
            return np.log(p.rho / (J * w_N * p.a_bar * np.exp(-z)))

        ln_y = quad(ln_x, 0, 1, points=sorted({T, zb}), epsabs=1e-12)[0]
        assert np.log(path.Y[k]) == pytest.approx(ln_y, abs=1e-8)


@pytest.mark.parametrize("T0", [0.01, 0.1, 0.3])
def test_fig7_output_rises_until_z_tilde_y_then_falls(T0):
    p = BASE.but(T0=T0)
    z_y, z_un = output_peak_threshold(p), north_welfare_peak_threshold(p)
    assert 0 < z_y < z_un < p.z_star  # Appendices A.5, A.6
    path = solve(p, 40, n=4001)
    rising = np.diff(path.Y) > 0
    mid = 0.5 * (path.zbar[1:] + path.zbar[:-1])
    clear = np.abs(mid - z_y) > 1e-3
    np.testing.assert_array_equal(rising[clear], mid[clear] < z_y)
    assert np.all(path.Y >= steady_state(p).Y * (1 - 1e-12))  # Y(t) ≥ Y*
    # South welfare keeps rising (A.6 i); North welfare rises only while z̄ < z̃_UN (A.6 ii)
    assert np.all(np.diff(path.U_S)[path.zbar[1:] < p.z_star - 1e-6] > 0)
    clear = np.abs(mid - z_un) > 1e-3
    np.testing.assert_array_equal((np.diff(path.U_N) > 0)[clear], mid[clear] < z_un)


def test_fig7_lagging_south_gets_an_output_hump():
    """The further the South lags behind initially, the more likely Y rises in the short run."""
    lag, lead = solve(BASE.but(T0=0.01), 40, n=4001), solve(BASE.but(T0=0.3), 40, n=4001)
    assert 0 < np.argmax(lag.Y) < len(lag.t) - 1  # interior peak
    assert np.all(np.diff(lead.Y) < 0)  # z̄(0) > z̃_y: falls from the start


@pytest.mark.parametrize("p", [BASE, BASE.but(T0=0.01, rho=0.6)])
def test_welfare_closed_forms_eqs_35_36(p):
    path = solve(p, 30, n=61)
    c = (p.L_N / (p.sigma * p.f)) ** (1 / p.rho) * p.rho * p.sigma * p.f / p.a_bar * np.exp(0.5)
    z, T = path.zbar, path.T
    U_S = p.rho * c * z * (1 - p.rho * z) ** (-1 / p.rho) * np.exp(z**2 - T**2)
    U_N = c * (1 - p.rho * z) ** (1 - 1 / p.rho) * np.exp(z**2 - T**2)
    np.testing.assert_allclose(path.U_S, U_S, rtol=1e-12)
    np.testing.assert_allclose(path.U_N, U_N, rtol=1e-12)


def test_fig8a_lower_substitutability_higher_long_run_welfare():
    lo, mid, hi = (steady_state(BASE.but(T0=0.01, rho=r)) for r in (0.6, 0.7, 0.8))
    assert lo.U_S > mid.U_S > hi.U_S and lo.U_N > mid.U_N > hi.U_N
    paths = _paths("rho", (0.6, 0.7, 0.8), base=BASE.but(T0=0.01))
    assert paths[0].U_S[-1] > paths[1].U_S[-1] > paths[2].U_S[-1]
    assert paths[0].U_N[-1] > paths[1].U_N[-1] > paths[2].U_N[-1]


def test_fig8b_larger_south_higher_long_run_welfare_for_both():
    paths = _paths("L_S", (50, 100, 200))
    for a, b in zip(paths, paths[1:], strict=False):
        assert b.U_S[-1] > a.U_S[-1] and b.U_N[-1] > a.U_N[-1]
        assert steady_state(b.params).U_N > steady_state(a.params).U_N


# --- extreme-end evolution (Figures 9–11) --------------------------------------------------------


@pytest.mark.parametrize("p", [EXTREME, FIG13, LiuParams(L_S=10, L_N=10, rho=0.4, T0=0.3)])
def test_extreme_end_steady_states_and_corner(p):
    assert p.z_star > 1
    path = solve(p, 80, n=801)
    potential = solve(p, 80, n=801, cap=False)
    assert path.t_z is not None and path.t_z > 0
    before, after = path.t < path.t_z, path.t >= path.t_z
    # before t_z the actual path is the potential one; then z̄ = 1 and the wages/brands stop
    np.testing.assert_allclose(
        path.T[before], np.interp(path.t[before], potential.t, potential.T), atol=1e-3
    )
    assert path.zbar[path.t == path.t_z][0] == 1.0 and np.all(path.zbar[after] == 1.0)
    np.testing.assert_allclose(path.w_S[after], p.rho / p.L_S, rtol=1e-14)  # w_S*'
    np.testing.assert_allclose(path.w_N[after], (1 - p.rho) / p.L_N, rtol=1e-14)  # w_N*'
    np.testing.assert_allclose(path.J[after], p.L_N / p.f, rtol=1e-14)  # J*'
    assert p.rho / p.L_S < (1 - p.rho) / p.L_N  # no factor-price equalisation
    # after t_z: (26) at z̄ = 1 is dT/dt = β f L_S (1 − T)/L_N, solved in closed form
    T_z = path.T[path.t == path.t_z][0]
    closed = 1 - (1 - T_z) * np.exp(-p.beta * p.f * p.L_S / p.L_N * (path.t[after] - path.t_z))
    np.testing.assert_allclose(path.T[after], closed, atol=1e-9)
    assert 1 - path.T[-1] < 1e-6  # T*' = z*' = 1
    # output (39) and welfare (41), (42) rise after t_z and converge to (40), (43), (44)
    c = (p.L_N / p.f) ** (1 / p.rho - 1) * p.L_S / p.a_bar * np.exp(0.5 - (path.T[after] - 1) ** 2)
    np.testing.assert_allclose(path.U_S[after], p.rho * c, rtol=1e-12)
    np.testing.assert_allclose(path.U_N[after], (1 - p.rho) * c, rtol=1e-12)
    learning = after[:-1] & (1 - path.T[1:] > 1e-6)  # steps from t ≥ t_z while T < 1
    assert np.all(np.diff(path.Y)[learning] > 0) and np.all(np.diff(path.U_N)[learning] > 0)
    assert np.all(np.diff(path.U_S)[1 - path.T[1:] > 1e-6] > 0)  # South gains throughout (Fig. 11B)
    ss = steady_state(p)
    assert path.Y[-1] == pytest.approx(p.L_S * p.f / (p.L_N * p.a_bar) * np.exp(0.5), rel=1e-6)
    assert path.U_S[-1] == pytest.approx(ss.U_S, rel=1e-6)
    assert path.U_N[-1] == pytest.approx(ss.U_N, rel=1e-6)
    # output is continuous at t_z: (32) and (39) agree there
    k = int(np.argmax(after))
    assert path.Y[k] == pytest.approx(solve(p, path.t_z, n=2, cap=False).Y[-1], rel=1e-8)
    # Section 4.5 prints J*' > J* and Y*' < Y*; against this economy's potential steady state
    # (30), (33) both signs are reversed exactly when z* > 1: J*' = L_N/f < (L_S + L_N)/(σf) and
    # Y*' = L_S f e^{1/2}/(L_N ā) > ρσf e^{1/2}/ā are each equivalent to L_S > ρ(L_S + L_N).
    J_star, Y_star = (
        (p.L_S + p.L_N) / (p.sigma * p.f),
        p.rho * p.sigma * p.f / p.a_bar * np.exp(0.5),
    )
    assert p.L_N / p.f < J_star and path.Y[-1] > Y_star


def test_fig9_learning_after_t_z_slower_than_potential():
    """Section 4.5 (footnote 35), on the paper's Figure 9 parameters: once z̄ = 1 binds, dT/dt by
    (26) is below its value on the potential path at the same time. (Not a general property: with
    Figure 13's parameters the actual path learns faster for a short while just after t_z, because
    on the potential path J and z̄ keep rising in the denominator of (26).)"""
    p = EXTREME
    path, pot = solve(p, 80, n=801), solve(p, 80, n=801, cap=False)
    late = (path.t > path.t_z) & (1 - path.T > 1e-6)
    pot_T, pot_z = (np.interp(path.t[late], pot.t, x) for x in (pot.T, pot.zbar))
    actual = np.array([rates(T, 1.0, p)[0] for T in path.T[late]])
    potential = np.array([rates(T, z, p)[0] for T, z in zip(pot_T, pot_z, strict=True)])
    assert np.all(actual < potential)


def test_extreme_end_starting_in_the_corner():
    p = LiuParams(L_S=100, L_N=10, rho=0.5, T0=0.8)  # z̄(0) from (22) would exceed 1
    assert threshold(p.T0, p) > 1
    path = solve(p, 10, n=11)
    assert path.t_z == 0.0 and np.all(path.zbar == 1.0) and np.all(np.diff(path.T) > 0)


# --- gains from offshoring (Figures 12, 13) ------------------------------------------------------


@pytest.mark.parametrize("p", [BASE, BASE.but(T0=0.01), BASE.but(L_S=200)])
def test_fig12_gains_normal_eqs_53_to_56(p):
    path = solve(p, 40 / convergence_rate(p), n=401)
    g = path.gains()
    z, T, L = path.zbar, path.T, p.L_S + p.L_N
    eq53 = (p.L_N / p.L_S / (1 - p.rho * z)) ** (1 / p.rho) * (
        p.rho * z * np.exp(z**2 - T**2 + (p.T0 - 1) ** 2)
    )
    eq55 = (1 / (1 - p.rho * z)) ** (1 / p.rho) * ((1 - p.rho * z) * np.exp(z**2 - T**2))
    np.testing.assert_allclose(g["U_S"], eq53, rtol=1e-12)
    np.testing.assert_allclose(g["U_N"], eq55, rtol=1e-12)
    assert np.all(g["U_N"] > 1)  # (55): the North gains from t = 0
    assert g["U_S"][-1] == pytest.approx(
        (L / p.L_S) ** (1 / p.rho - 1) * np.exp((p.T0 - 1) ** 2), rel=1e-6
    )
    assert g["U_N"][-1] == pytest.approx((L / p.L_N) ** (1 / p.rho - 1), rel=1e-6)  # (56)
    assert g["U_S"][-1] > 1 and g["U_N"][-1] > 1  # (54), (56)
    a = autarky(p)
    assert a["U_S"] == pytest.approx(path.U_S[0] / g["U_S"][0], rel=1e-12)
    assert g["variety_S"][-1] ** p.rho == pytest.approx(L / p.L_S, rel=1e-6)  # J_S*/J_S^A


def test_fig12_both_countries_start_with_a_cut_in_per_brand_consumption():
    g = solve(BASE, 1, n=2).gains()
    assert g["consumption_S"][0] < 1 and g["consumption_N"][0] < 1


def test_fig13_gains_complete_offshoring_eqs_57_58():
    p = FIG13
    g = solve(p, 120, n=1201).gains()
    eq57 = (p.L_N / p.L_S / (1 - p.rho)) ** (1 / p.rho - 1) * np.exp((p.T0 - 1) ** 2)
    eq58 = p.L_S / p.L_N / p.rho * (1 - p.rho) ** (2 - 1 / p.rho)
    assert g["U_S"][-1] == pytest.approx(eq57, rel=1e-6)
    assert g["U_N"][-1] == pytest.approx(eq58, rel=1e-6)
    assert eq58 > 1  # Appendix A.8: the North gains in the long run


# --- identities that hold for every admissible parameter set (property-based) --------------------


@st.composite
def admissible(draw):
    L_S = draw(st.floats(5, 500))
    L_N = draw(st.floats(5, 500))
    rho = draw(st.floats(0.3, 0.9))
    z_star = L_S / (rho * (L_S + L_N))
    T0 = draw(st.floats(0.02, 0.95)) * min(z_star, 1.0)
    assume(min(z_star, 1) - T0 > 1e-3 and abs(z_star - 1) > 1e-3)
    return LiuParams(
        L_S=L_S,
        L_N=L_N,
        rho=rho,
        beta=draw(st.floats(0.05, 1.0)),
        f=draw(st.floats(0.2, 5.0)),
        T0=T0,
        a_bar=draw(st.floats(0.5, 2.0)),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(admissible())
def test_identities_along_the_solved_path(p):
    path = solve(p, 30, n=61)  # tolerances 1e-7: the solver's error near the steady state
    inner = ~path.corner
    # (22') holds along the path integrated by (26)-(27)
    assert np.all(np.abs(gap22(path.T[inner], path.zbar[inner], p)) < 1e-7)
    # wages exhaust world expenditure E = 1 (16'-18'); North's labour market (17') clears; (20)
    np.testing.assert_allclose(path.w_S * p.L_S + path.w_N * p.L_N, 1.0, rtol=1e-12)
    north = p.rho * (1 - path.zbar) / path.w_N + path.J * p.f
    np.testing.assert_allclose(north, p.L_N, rtol=1e-10)
    np.testing.assert_allclose(1 / (p.sigma * path.J), path.w_N * p.f, rtol=1e-10)
    assert np.all(path.zbar + 1e-7 >= path.T) and np.all(np.diff(path.T) >= -1e-7)
    assert np.all(np.diff(path.zbar) >= -1e-7) and np.all(path.zbar <= min(p.z_star, 1) + 1e-7)
    assert np.all(path.w_S <= path.w_N * (1 + 1e-7))  # offshoring needs w_S ≤ w_N
    if not p.extreme:
        assert np.all(path.gains()["U_N"] > 1)  # (55)


def test_rejects_static_cases():
    with pytest.raises(ValueError, match="dynamic"):
        LiuParams(T0=0.8)  # T(0) > z* = 0.714: Case III
    with pytest.raises(ValueError, match="rho"):
        LiuParams(rho=1.0)
