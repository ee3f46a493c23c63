"""Tests for problems.distributed.every_param_coverage."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.distributed import every_param_coverage as epc
from problems.distributed import federated

KEY = jax.random.PRNGKey(0)


def test_masks_cover_every_coordinate_unless_excluded():
    mask = epc.coverage_masks(KEY, 4, 30, 0.1)
    assert float(epc.min_coverage(mask)) >= 1.0
    excluded = epc.coverage_masks(KEY, 4, 30, 0.9, uncovered=(0, 3))
    assert float(epc.min_coverage(excluded)) == 0.0
    np.testing.assert_array_equal(excluded[:, 0], 0.0)


def test_masked_steps_leave_unmasked_coordinates():
    clients = federated.isotropic(jax.random.normal(KEY, (3, 5)))
    mask = jnp.zeros((3, 5)).at[:, :2].set(1.0)
    deltas = epc.masked_local_gd(clients, jnp.zeros(5), mask, 0.1, 4)
    np.testing.assert_array_equal(deltas[:, 2:], 0.0)
    assert float(jnp.abs(deltas[:, :2]).sum()) > 0


def test_full_mask_aggregate_is_fedavg_and_zero_gradient_at_optimum():
    clients = federated.rotated(KEY, jax.random.normal(KEY, (4, 3)))
    deltas = jax.random.normal(KEY, (4, 3))
    np.testing.assert_allclose(epc.coverage_aggregate(deltas, jnp.ones((4, 3))), deltas.mean(0))
    np.testing.assert_allclose(epc.full_gradient(clients, clients.x_star), 0.0, atol=1e-10)
    half = jnp.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    np.testing.assert_allclose(epc.coverage_aggregate(deltas, half)[0], deltas[:2, 0].mean())
    np.testing.assert_allclose(epc.coverage_aggregate(deltas, half)[1:], 0.0)
