"""Tests for problems.distributed.nonconvex_clients."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.distributed import nonconvex_clients as nc

KEY = jax.random.PRNGKey(0)


def test_gradients_match_autodiff_and_global_objective():
    cl = nc.random(KEY, 5, 4, spread=2.0)
    x = jax.random.normal(jax.random.PRNGKey(1), (4,))
    auto = jax.vmap(lambda c: jax.grad(lambda y: jnp.sum(jnp.log1p((y - c) ** 2)))(x))(cl.c)
    np.testing.assert_allclose(nc.grads(cl, x), auto, atol=1e-12)
    np.testing.assert_allclose(nc.grad(cl, x), jax.grad(lambda y: nc.value(cl, y))(x), atol=1e-12)
    Y = jax.random.normal(jax.random.PRNGKey(2), (5, 4))
    np.testing.assert_allclose(nc.values(cl, Y)[2], jnp.sum(jnp.log1p((Y[2] - cl.c[2]) ** 2)), atol=1e-12)


def test_smoothness_bounded_gradients_and_nonconvexity():
    u = jnp.linspace(-20.0, 20.0, 40001)
    second = jax.vmap(jax.grad(jax.grad(lambda t: jnp.log1p(t**2))))(u)
    assert float(second.max()) <= nc.SMOOTHNESS + 1e-12
    assert float(second.min()) < 0.0  # non-convex
    np.testing.assert_allclose(float(second.min()), -0.25, atol=1e-6)
    cl = nc.make(jnp.zeros((1, 1)))
    assert float(jnp.max(jnp.abs(nc.grads(cl, u[:, None])))) <= 1.0 + 1e-12


def test_minimiser_of_single_client_is_its_centre():
    cl = nc.make(jnp.array([[1.0, -2.0]]))
    np.testing.assert_allclose(nc.grad(cl, jnp.array([1.0, -2.0])), 0.0, atol=1e-15)
    assert float(nc.value(cl, jnp.array([1.0, -2.0]))) == 0.0


def test_validation():
    with pytest.raises(ValueError, match="^c"):
        nc.make(jnp.zeros(3))
    with pytest.raises(ValueError, match="^weights"):
        nc.make(jnp.zeros((2, 3)), weights=jnp.array([0.7, 0.7]))
    with pytest.raises(ValueError, match="^num_clients"):
        nc.random(KEY, 0, 3)
    with pytest.raises(ValueError, match="^spread"):
        nc.random(KEY, 2, 3, spread=-1.0)
