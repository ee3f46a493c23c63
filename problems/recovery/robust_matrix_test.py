"""Tests for problems.recovery.robust_matrix."""

import jax
import numpy as np
import pytest

from problems.recovery import robust_matrix

KEY = jax.random.PRNGKey(0)


def test_ground_truth_and_gradient():
    p = robust_matrix.make(KEY, 6, 4)
    np.testing.assert_allclose(robust_matrix.value(p, p.X_star), 0.0, atol=1e-20)
    np.testing.assert_allclose(robust_matrix.grad(p, p.X_star), 0.0, atol=1e-12)
    X = jax.random.normal(jax.random.PRNGKey(1), (6, 4))
    np.testing.assert_allclose(robust_matrix.grad(p, X), jax.grad(robust_matrix.value, 1)(p, X), rtol=1e-10)
    G = robust_matrix.grad(p, X)
    np.testing.assert_allclose(
        robust_matrix.nuclear_norm(G), np.linalg.norm(np.asarray(G), "nuc"), rtol=1e-10
    )


def test_validation():
    with pytest.raises(ValueError, match="^m"):
        robust_matrix.make(KEY, 0)
