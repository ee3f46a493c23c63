"""Tests for problems.networks.qnn_sublinear."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.networks import qnn_sublinear as qnn

KEY = jax.random.PRNGKey(0)


def test_state_is_normalized_and_prediction_in_range():
    params = qnn.init_params(KEY, 3, 4)
    np.testing.assert_allclose(jnp.linalg.norm(qnn.state(params)), 1.0, atol=1e-12)
    assert -1.0 <= qnn.prediction(params) <= 1.0


def test_single_qubit_rotation_gives_cosine():
    params = jnp.array([[[0.7, 0.3]]])
    np.testing.assert_allclose(qnn.prediction(params), np.cos(0.7), atol=1e-12)


def test_cz_chain_signs():
    np.testing.assert_allclose(qnn.cz_chain_diagonal(2), jnp.array([1, 1, 1, -1]))
    np.testing.assert_allclose(qnn.cz_chain_diagonal(3), jnp.array([1, 1, 1, -1, 1, 1, -1, 1]))


def test_kernel_regression_loss_is_geometric():
    logs = qnn.kernel_regression_loss_log(0.5, 2.0, 0.1, jnp.array([0.0, 1.0, 2.0]))
    np.testing.assert_allclose(jnp.exp(logs), 0.5 * 0.8 ** (2 * np.array([0, 1, 2])), rtol=1e-12)
