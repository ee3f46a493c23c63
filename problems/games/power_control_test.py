"""Tests for problems.games.power_control."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.games import power_control as pc


def test_water_fill_by_hand():
    p = pc.water_fill(jnp.array([1.0, 2.0, 10.0]), 3.0)
    np.testing.assert_allclose(p, [2.0, 1.0, 0.0])  # level 3
    np.testing.assert_allclose(pc.water_fill(jnp.array([1.0, 1.0]), 4.0), [2.0, 2.0])


def test_random_channels_hit_the_target_radius():
    g = pc.random_channels(jax.random.PRNGKey(0), 3, 8, 0.6)
    np.testing.assert_allclose(pc.spectral_radius(pc.s_max(g.G)), 0.6, rtol=1e-10)
    assert float(jnp.min(g.G[jnp.arange(3), jnp.arange(3)])) >= 0.5


def test_iwf_reaches_a_fixed_point_on_budget():
    g = pc.random_channels(jax.random.PRNGKey(1), 3, 8, 0.5)
    p = jnp.ones((3, 8))
    run = jax.jit(lambda p: jax.lax.fori_loop(0, 100, lambda i, p: pc.simultaneous_round(g, p), p))
    p = run(p)
    np.testing.assert_allclose(p.sum(axis=1), 16.0, rtol=1e-12)
    np.testing.assert_allclose(pc.simultaneous_round(g, p), p, atol=1e-12)
    np.testing.assert_allclose(pc.sequential_round(g, p), p, atol=1e-12)


def test_symmetric_counterexample_ping_pongs():
    g = pc.symmetric_two_user(2.0)
    p = jnp.array([[16.0, 0.0], [16.0, 0.0]])
    p1 = pc.simultaneous_round(g, p)
    np.testing.assert_allclose(p1, [[0.0, 16.0], [0.0, 16.0]])
    np.testing.assert_allclose(pc.simultaneous_round(g, p1), p)
