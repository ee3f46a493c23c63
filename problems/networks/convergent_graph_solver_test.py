"""Tests for problems.networks.convergent_graph_solver."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.networks import convergent_graph_solver as cgs

KEY = jax.random.PRNGKey(0)


def test_projection_sets_spectral_norm_and_fixed_point():
    problem = cgs.make(KEY, n=30, gamma=0.7)
    assert np.isclose(np.linalg.norm(np.asarray(problem.A), 2), 0.7)
    np.testing.assert_allclose(cgs.fixed_point_step(problem, problem.h_star), problem.h_star, atol=1e-10)


def test_iteration_contracts_by_gamma():
    problem = cgs.make(KEY, n=30, gamma=0.5)
    h = jnp.zeros(30)
    e0 = np.linalg.norm(h - problem.h_star)
    for _ in range(5):
        h = cgs.fixed_point_step(problem, h)
    assert np.linalg.norm(h - problem.h_star) <= 0.5**5 * e0 * (1 + 1e-12)


def test_unprojected_weights_are_expanding_and_symmetric():
    W = cgs.random_weights(KEY, 50)
    np.testing.assert_allclose(W, W.T)
    assert np.linalg.norm(np.asarray(W), 2) > 1.0


def test_validation():
    with pytest.raises(ValueError, match="edge_prob"):
        cgs.random_weights(KEY, 10, edge_prob=0.0)
