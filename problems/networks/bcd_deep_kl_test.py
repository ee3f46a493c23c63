"""Tests for problems.networks.bcd_deep_kl."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.networks import bcd_deep_kl as bcd

KEY = jax.random.PRNGKey(0)
ALPHA = 0.1


def _step_norm2(a, b):
    return sum(jnp.sum((x - y) ** 2) for x, y in zip(a, b, strict=True))


def test_sweep_decreases_objective_sufficiently():
    p, q = bcd.make(KEY)
    for _ in range(5):
        q_new = bcd.bcd_sweep(p, q, ALPHA)
        decrease = bcd.objective(p, q) - bcd.objective(p, q_new)
        assert decrease >= 0.5 * ALPHA * _step_norm2(q_new, q) - 1e-10
        q = q_new


def test_u_minimizer_beats_grid():
    p, _ = bcd.make(KEY)
    v, a, u_old = jnp.array(0.7), jnp.array(-0.2), jnp.array(0.1)
    u = bcd._u_minimizer(p, v, a, u_old, ALPHA)
    grid = jnp.linspace(-3, 3, 20001)

    def cost(w):
        return 0.5 * (v - jax.nn.relu(w)) ** 2 + 0.5 * (w - a) ** 2 + 0.5 * ALPHA * (w - u_old) ** 2

    assert cost(u) <= jnp.min(cost(grid)) + 1e-9


def test_stationarity_matches_gradient_away_from_kinks():
    p, q = bcd.make(KEY)
    q = q._replace(u=q.u + 1e-3 * jnp.sign(q.u))  # no exact zeros
    g = jax.grad(bcd.objective, argnums=1)(p, q)
    expected = sum(jnp.sum(x**2) for x in g)
    np.testing.assert_allclose(bcd.stationarity(p, q), expected, rtol=1e-10)


def test_frozen_first_layer_is_kept():
    p, q = bcd.make(KEY)
    np.testing.assert_array_equal(bcd.bcd_sweep(p, q, ALPHA, update_w1=False).w1, q.w1)
