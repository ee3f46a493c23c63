"""Tests for problems.methods.cbo_global."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.methods import cbo_global as c

KEY = jax.random.PRNGKey(0)


def test_rastrigin_minimum_and_local_minima():
    assert float(c.rastrigin(jnp.zeros(3))) == 0.0
    assert float(c.rastrigin(jnp.array([1.0, 0.0]))) > 0.5


def test_consensus_tends_to_argmin_for_large_alpha():
    x = jnp.array([[0.0, 0.0], [1.0, 1.0], [2.0, -1.0]])
    v = c.consensus(x, c.rastrigin(x), 1e4)
    np.testing.assert_allclose(v, x[0], atol=1e-12)
    np.testing.assert_allclose(c.consensus(x, c.rastrigin(x), 0.0), x.mean(0), atol=1e-12)


def test_noise_free_cbo_contracts_to_consensus():
    x0 = c.init_particles(KEY, 50, 2)
    v0 = c.consensus(x0, c.rastrigin(x0), 1e3)
    x1 = c.cbo_step(KEY, x0, c.rastrigin, 1e3, 1.0, 0.0, 0.1)
    np.testing.assert_allclose(x1 - v0, 0.9 * (x0 - v0), atol=1e-12)


def test_gradient_descent_stops_at_a_local_minimum():
    x = c.gradient_descent(jnp.array([[1.1, 2.05]]), c.rastrigin, 2000)
    np.testing.assert_allclose(x, jnp.array([1.0, 2.0]), atol=0.05)
