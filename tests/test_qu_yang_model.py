"""Qu & Yang (2023) symmetric model (eqs 11–13, §6.1) and Figure 3.

Checks against derivations, not against the code's own output: R and T equal the entries of
υ(I − A)⁻¹ inverted numerically; the paper's partial derivatives of T (Propositions 2 and 4) match
finite differences; T(N − 1) falls with μ and rises with N (the monotonicity §6.1 states for
Figure 3); the project's Leontief accounting gives GVCP = 2(N − 1)T on the symmetric economy.
"""

from __future__ import annotations

import numpy as np
import pytest

from gvcpanel.construct.icio import country_indicators
from gvcpanel.papers.qu_yang_2023.figures import qy_figure3
from gvcpanel.papers.qu_yang_2023.theory import (
    coefficient_r,
    coefficient_t,
    input_coefficients,
    participation_scale,
)
from gvcpanel.sources.icio import ICIOTable

FIGURE3_N = (7, 20, 50)
UPSILON = 0.33  # the paper's value for Figure 3
MU = np.linspace(0.0, 1.0, 101)


@pytest.mark.parametrize("n", [2, 7, 20, 50])
@pytest.mark.parametrize("mu", [0.0, 0.3, 0.7241, 0.95])
@pytest.mark.parametrize("upsilon", [0.1, 0.33, 0.6])
def test_r_and_t_are_the_value_added_leontief_inverse(n, mu, upsilon):
    """Eq. (11)–(12): V(I − A)⁻¹ has diagonal R and off-diagonal T (numerical inverse, 1e-12)."""
    vb = upsilon * np.linalg.inv(np.eye(n) - input_coefficients(mu, upsilon, n))
    off = vb[~np.eye(n, dtype=bool)]
    np.testing.assert_allclose(np.diag(vb), coefficient_r(mu, upsilon, n), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(off, coefficient_t(mu, upsilon, n), rtol=1e-12, atol=1e-14)
    # every unit of exports is value added of some country: R + (N − 1)T = 1
    total = coefficient_r(mu, upsilon, n) + (n - 1) * coefficient_t(mu, upsilon, n)
    assert total == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("n", FIGURE3_N)
def test_participation_falls_with_local_intermediate_share(n):
    """§6.1/Proposition 2: T(N − 1) strictly decreases in μ on [0, 1] and is 0 at μ = 1."""
    scale = participation_scale(MU, UPSILON, n)
    assert np.all(np.diff(scale) < 0)
    assert scale[-1] == pytest.approx(0.0, abs=1e-15)
    assert scale[0] == pytest.approx((n - 1) * (1 - UPSILON) / (n - UPSILON), rel=1e-12)


def test_participation_rises_with_the_number_of_trading_countries():
    """§6.1: at a given μ < 1 a larger N (less concentrated trade) means higher GVCP; the curves
    meet at μ = 1. d/dN [(N − 1)/(Na − υ)] = (a − υ)/(Na − υ)² > 0 with a = 1 − μ(1 − υ)."""
    curves = np.array([participation_scale(MU, UPSILON, n) for n in FIGURE3_N])
    assert np.all(np.diff(curves[:, :-1], axis=0) > 0)
    np.testing.assert_allclose(curves[:, -1], 0.0, atol=1e-15)
    # the limit N → ∞ bounds every curve from above: (1 − υ)(1 − μ)/(1 − μ(1 − υ))
    limit = (1 - UPSILON) * (1 - MU) / (1 - MU * (1 - UPSILON))
    assert np.all(curves <= limit + 1e-15)
    np.testing.assert_allclose(participation_scale(MU, UPSILON, 10**8), limit, atol=1e-7)


@pytest.mark.parametrize("n", [7, 50])
@pytest.mark.parametrize("mu", [0.2, 0.8])
def test_paper_partial_derivatives_of_t(n, mu):
    """Propositions 2 and 4: ∂T/∂μ = (N−1)(υ−1)υ/(N+Nμ(υ−1)−υ)², ∂T/∂υ = (N−1)(μ−1)/(…)²
    (central differences, step 1e-6, relative tolerance 1e-6)."""
    u, h = UPSILON, 1e-6
    den = (n + n * mu * (u - 1) - u) ** 2
    d_mu = (coefficient_t(mu + h, u, n) - coefficient_t(mu - h, u, n)) / (2 * h)
    d_u = (coefficient_t(mu, u + h, n) - coefficient_t(mu, u - h, n)) / (2 * h)
    assert d_mu == pytest.approx((n - 1) * (u - 1) * u / den, rel=1e-6)
    assert d_u == pytest.approx((n - 1) * (mu - 1) / den, rel=1e-6)
    assert d_mu < 0 and d_u < 0


def test_icio_accounting_of_the_symmetric_economy_gives_eq13():
    """The project's Koopman–Wang–Wei accounting on the model's own input-output table: with
    equal exports eq. (13) gives GVCP = T(N − 1) + (N − 1)T = 2(N − 1)T (1e-12)."""
    n, mu, u, omega, x = 7, 0.6, UPSILON, 0.8, 100.0
    Z = input_coefficients(mu, u, n) * x  # A·diag(x), x equal for every country
    final = np.full((n, n), (1 - omega) * u * x / (n - 1))
    np.fill_diagonal(final, omega * u * x)  # rows sum to υx: output = intermediate + final use
    table = ICIOTable(
        year=2000,
        countries=[f"C{i}" for i in range(n)],
        industries=["m"],
        Z=Z,
        F=final,
        x=np.full(n, x),
    )
    gvcp = country_indicators(table, ["m"])["gvcp"].to_numpy()
    np.testing.assert_allclose(gvcp, 2 * participation_scale(mu, u, n), rtol=1e-12)


@pytest.mark.parametrize(("mu", "upsilon", "n"), [(0.5, 0.33, 1), (0.5, 1.0, 7), (1.2, 0.33, 7)])
def test_outside_the_model_raises(mu, upsilon, n):
    with pytest.raises(ValueError):
        coefficient_t(mu, upsilon, n)


def test_figure3_written(tmp_path):
    paths = qy_figure3(tmp_path / "figure3")
    assert [p.suffix for p in paths] == [".png", ".pdf"]
    assert all(p.stat().st_size > 1000 for p in paths)
