"""Tests for problems.stochastic.dpp."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.stochastic import dpp

KEY = jax.random.key(5)


def test_legendre_orthonormal_on_grid():
    Phi = dpp.legendre_features(dpp.grid(4000), 8)
    np.testing.assert_allclose(Phi.T @ Phi / 4000, np.eye(8), atol=1e-5)
    np.testing.assert_allclose(jnp.mean(1.0 / dpp.christoffel_weights(Phi)), 1.0, rtol=1e-5)


def test_dpp_draws_distinct_points_with_kernel_marginals():
    Phi = dpp.legendre_features(dpp.grid(200), 4)
    draws = jax.vmap(lambda k: dpp.projection_dpp(k, Phi))(jax.random.split(KEY, 4000))
    assert all(len(set(np.asarray(d).tolist())) == 4 for d in draws[:50])
    # Inclusion probability of the outer quarter of the grid = sum of K(x, x)/G there.
    outer = np.r_[0:25, 175:200]
    expected = float(jnp.sum(Phi[outer] ** 2) / 200)
    measured = float(np.isin(np.asarray(draws), outer).sum(1).mean())
    assert abs(measured - expected) < 0.05 * expected + 0.02


def test_weighted_ls_recovers_polynomials():
    x = dpp.grid(500)
    Phi = dpp.legendre_features(x, 5)
    f = 1.0 + x - 2 * x**3
    idx = dpp.projection_dpp(KEY, Phi)
    c = dpp.weighted_ls(Phi[idx], f[idx], dpp.christoffel_weights(Phi)[idx])
    assert dpp.l2_error_sq(Phi, f, c) < 1e-20
    assert dpp.best_error_sq(Phi, f) < 1e-20


def test_validation():
    with pytest.raises(ValueError, match="^m"):
        dpp.legendre_features(dpp.grid(10), 0)
    with pytest.raises(ValueError, match="^G"):
        dpp.grid(0)
