"""Tests for problems.stochastic.gradient_mixture."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.convex import quadratics
from problems.stochastic import gradient_mixture as gm

KEY = jax.random.PRNGKey(0)


def test_make_validates():
    with pytest.raises(ValueError, match="^dim"):
        gm.make(KEY, 0)
    with pytest.raises(ValueError, match="^bias_norm"):
        gm.make(KEY, 3, bias_norm=-1.0)
    with pytest.raises(ValueError, match="^sigma_trace"):
        gm.make(KEY, 3, sigma_trace=-0.1)


def test_moments_match_monte_carlo():
    p = gm.make(KEY, 5, bias_norm=0.7, sigma_shared=0.4, sigma_trace=1.1, sigma_empty=0.2)
    np.testing.assert_allclose(jnp.linalg.norm(p.bias), 0.7, rtol=1e-12)
    n = 200_000
    e_t, e_e = jax.vmap(lambda k: gm.errors(p, k))(jax.random.split(KEY, n))
    v_t, v_e, c = gm.moments(p)
    np.testing.assert_allclose(jnp.mean(jnp.sum(e_t**2, 1)), v_t, rtol=0.01)
    np.testing.assert_allclose(jnp.mean(jnp.sum(e_e**2, 1)), v_e, rtol=0.01)
    np.testing.assert_allclose(jnp.mean(jnp.sum(e_t * e_e, 1)), c, rtol=0.03)
    np.testing.assert_allclose(jnp.mean(e_t, 0), 0.0, atol=0.02)
    np.testing.assert_allclose(jnp.mean(e_e, 0), p.bias, atol=0.01)


def test_optimal_alpha_minimizes_closed_form_mse():
    p = gm.make(KEY, 10, bias_norm=1.0, sigma_shared=0.3, sigma_trace=0.6, sigma_empty=0.15)
    a = float(gm.optimal_alpha(p))
    # closed form by hand: (||b||^2 + d s_e^2) / (||b||^2 + d s_e^2 + d s_t^2)
    np.testing.assert_allclose(a, 1.225 / (1.225 + 3.6), rtol=1e-12)
    grid = jnp.linspace(0.0, 1.0, 100_001)
    np.testing.assert_allclose(grid[jnp.argmin(gm.mse(p, grid))], a, atol=1e-5)
    # expanded form of the MSE
    np.testing.assert_allclose(gm.mse(p, a), 10 * 0.09 + a**2 * 3.6 + (1 - a) ** 2 * 1.225, rtol=1e-12)
    # trace-induced variance strictly reduced for any nontrivial mixture
    assert float(gm.trace_variance(p, 0.5)) < float(gm.trace_variance(p, 1.0))


def test_mixed_gradient_is_the_convex_combination():
    p = gm.make(KEY, 4)
    g = jnp.arange(4.0)
    k = jax.random.PRNGKey(5)
    e_t, e_e = gm.errors(p, k)
    np.testing.assert_allclose(gm.mixed_gradient(p, k, g, 0.3), g + 0.3 * e_t + 0.7 * e_e, rtol=1e-12)


def test_sgd_plateau_matches_simulation():
    d, lr, alpha, T, burn = 6, 0.5, 0.4, 60_000, 2_000
    p = gm.make(KEY, d, bias_norm=0.5, sigma_shared=0.2, sigma_trace=0.8, sigma_empty=0.1)
    q = quadratics.make(jax.random.PRNGKey(1), d, kappa=5.0, spectrum="uniform")

    def step(carry, t):
        x, acc = carry
        g = gm.mixed_gradient(p, jax.random.fold_in(KEY, t), quadratics.grad(q, x), alpha)
        x = x - lr * g
        gn = jnp.sum(quadratics.grad(q, x) ** 2)
        return (x, acc + jnp.where(t >= burn, gn, 0.0)), None

    (_, acc), _ = jax.lax.scan(step, (q.x_star, 0.0), jnp.arange(T))
    np.testing.assert_allclose(acc / (T - burn), gm.sgd_grad_plateau(p, q.eigs, lr, alpha), rtol=0.05)
