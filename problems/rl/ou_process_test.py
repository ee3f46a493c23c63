"""Tests for problems.rl.ou_process: closed forms against quadrature, series and simulation."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.rl import ou_process as op

P = op.ou()
REAL = (0, 1, 2)


def test_value_is_the_discounted_integral():
    # V(x) = ∫ e^{−βt}(e^{−2κt}x² + v(1 − e^{−2κt})) dt by quadrature, κ = σ = β = 1: x²/3 + 1/3
    _, c = op.value_coefficients(P)
    np.testing.assert_allclose(c, [1 / 3, 1 / 3], atol=1e-15)
    q = op.ou(kappa=2.0, sigma=0.5, beta=0.7)
    t = np.linspace(0, 80, 400_001)
    v = 0.25 / 4
    for x in (0.0, 1.3):
        integrand = np.exp(-0.7 * t) * (np.exp(-4 * t) * x**2 + v * (1 - np.exp(-4 * t)))
        _, cq = op.value_coefficients(q)
        np.testing.assert_allclose(float(cq[0] + cq[1] * x**2), np.trapezoid(integrand, t), rtol=1e-6)


def test_discrete_value_is_the_riemann_sum_and_converges():
    dt = 0.05
    _, c = op.discrete_value_coefficients(P, dt)
    j = np.arange(4000)
    x = 0.8
    series = dt * np.sum(np.exp(-j * dt) * (np.exp(-2 * j * dt) * x**2 + 0.5 * (1 - np.exp(-2 * j * dt))))
    np.testing.assert_allclose(float(c[0] + c[1] * x**2), series, rtol=1e-12)
    for dt in (1e-2, 1e-3):  # V_Δt − V = O(Δt)
        _, c = op.discrete_value_coefficients(P, dt)
        assert np.max(np.abs(np.asarray(c) - 1 / 3)) < 1.5 * dt


def test_projection_and_gram():
    g = op.gram(P, (0, 2, 4))
    np.testing.assert_allclose(g, [[1, 0.5, 0.75], [0.5, 0.75, 15 / 8], [0.75, 15 / 8, 105 / 16]])
    vp, vc = op.value_coefficients(P)
    np.testing.assert_allclose(op.projection(P, REAL, vp, vc), [1 / 3, 0, 1 / 3], atol=1e-14)
    np.testing.assert_allclose(op.projection(P, (0, 1), vp, vc), [0.5, 0], atol=1e-14)
    np.testing.assert_allclose(op.projection(P, (0, 4), vp, vc), [7 / 16, 1 / 12], atol=1e-14)
    # ‖V − ΠV‖ = ½‖V − E_μV‖ for the class {1, x⁴}
    full = (0, 2, 4)
    d = op.l2_distance(P, full, jnp.array([1 / 3, 1 / 3, 0]), jnp.array([7 / 16, 0, 1 / 12]))
    np.testing.assert_allclose(d, 0.5 * np.sqrt(2) / 6, rtol=1e-12)


def test_td_minimizers_and_their_limits():
    # LSTD = the discrete Bellman fixed point = V_Δt (realizable); so is the ML minimizer
    for dt in (0.1, 0.01):
        _, c = op.discrete_value_coefficients(P, dt)
        np.testing.assert_allclose(op.lstd_fixed_point(P, dt, REAL), [c[0], 0, c[1]], atol=1e-10)
        np.testing.assert_allclose(op.martingale_minimizer(P, dt, REAL), [c[0], 0, c[1]], atol=1e-12)
    # MSTDE: slope coefficients O(Δt), constant → E_μ r / β = ½, not V's (⅓, 0, ⅓)
    for dt in (1e-3, 1e-4):
        th = op.mstde_minimizer(P, dt, REAL)
        np.testing.assert_allclose(th, op.mstde_limit(P, REAL), atol=2 * dt)
    with pytest.raises(ValueError, match="^powers"):
        op.mstde_limit(P, (2,))


def test_pair_moments_by_monte_carlo():
    dt = 0.2
    k0, k1 = jax.random.split(jax.random.PRNGKey(0))
    x = op.stationary_sample(P, k0, (400_000,))
    y = op.exact_step(P, k1, x, dt)
    for a, b in ((2, 2), (1, 3), (4, 2), (0, 4)):
        np.testing.assert_allclose(
            float(jnp.mean(x**a * y**b)), float(op._pair_moment(a, b, 0.5, np.exp(-dt))), rtol=0.05
        )
    # Euler-Maruyama has stationary variance 1/(2 − Δt), not ½
    z = op.euler_step(P, k1, x, dt)
    np.testing.assert_allclose(float(jnp.var(z)), 0.5 * (1 - dt) ** 2 + dt, rtol=0.02)


def test_simulated_fits_match_population_minimizers():
    dt = 0.05
    f = jax.jit(jax.vmap(lambda k: op.fits(P, k, dt, REAL, 64, 40.0, 10.0)))(
        jax.random.split(jax.random.PRNGKey(1), 8)
    )
    for th, exact in (
        (f.martingale, op.martingale_minimizer(P, dt, REAL)),
        (f.mstde, op.mstde_minimizer(P, dt, REAL)),
        (f.lstd, op.lstd_fixed_point(P, dt, REAL)),
    ):
        np.testing.assert_allclose(th.mean(0), exact, atol=0.03)


def test_constructor_errors():
    with pytest.raises(ValueError, match="^kappa"):
        op.ou(kappa=0.0)
    with pytest.raises(ValueError, match="^beta"):
        op.ou(beta=-1.0)
    with pytest.raises(ValueError, match="^dt"):
        op.discrete_value_coefficients(P, 0.0)
    with pytest.raises(ValueError, match="^powers"):
        op.gram(P, (0, 0))
    with pytest.raises(ValueError, match="^n_paths"):
        op.fits(P, jax.random.PRNGKey(0), 0.1, REAL, 0, 1.0, 1.0)
