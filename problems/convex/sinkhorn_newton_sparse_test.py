"""Tests for problems.convex.sinkhorn_newton_sparse."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.convex import sinkhorn_newton_sparse as sns


def _instance():
    return sns.random_points(jax.random.PRNGKey(0), 12, 20.0)


def test_gradient_and_hessian_of_the_potential():
    p = _instance()
    x, y = 0.01 * jnp.arange(12.0), -0.02 * jnp.arange(12.0)
    gx, gy = jax.grad(sns.potential, argnums=(1, 2))(p, x, y)
    pl = sns.plan(p, x, y)
    np.testing.assert_allclose(gx, p.r - pl.sum(1), rtol=1e-10)
    np.testing.assert_allclose(gy, p.c - pl.sum(0), rtol=1e-10)
    z = jnp.concatenate([x, y])
    h = jax.hessian(lambda z: sns.potential(p, z[:12], z[12:]))(z)
    expected = -p.eta * jnp.block([[jnp.diag(pl.sum(1)), pl], [pl.T, jnp.diag(pl.sum(0))]])
    np.testing.assert_allclose(h, expected, rtol=1e-8, atol=1e-12)


def test_sinkhorn_step_fixes_the_row_marginal_then_the_column_marginal():
    p = _instance()
    x, y = sns.sinkhorn_step(p, jnp.zeros(12), jnp.zeros(12))
    np.testing.assert_allclose(sns.plan(p, x, y).sum(0), p.c, rtol=1e-10)
    assert sns.potential(p, x, y) > sns.potential(p, jnp.zeros(12), jnp.zeros(12))


def test_full_newton_converges_fast_and_counts_iterations():
    p = _instance()
    slow = sns.sinkhorn_iterations(p, 1e-9, 5000)
    fast = sns.sns_iterations(p, 1e-9, 5, keep=12, max_newton=50)
    assert fast < slow
    np.testing.assert_allclose(sns.sparsify_rows(jnp.array([[3.0, 1.0, 2.0]]), 2), [[3.0, 0.0, 2.0]])


def test_validation():
    with pytest.raises(ValueError, match="^eta"):
        sns.random_points(jax.random.PRNGKey(0), 4, -1.0)
