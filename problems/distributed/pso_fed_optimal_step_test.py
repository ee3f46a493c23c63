"""Tests for problems.distributed.pso_fed_optimal_step."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.distributed import pso_fed_optimal_step as pf

KEY = jax.random.PRNGKey(0)


def test_entry_masks_select_m_entries():
    masks = pf.entry_masks(KEY, 6, 5, 2)
    np.testing.assert_array_equal(masks.sum(axis=1), 2.0)
    with pytest.raises(ValueError, match="shared"):
        pf.entry_masks(KEY, 2, 3, 4)


def test_noise_free_full_sharing_learns_the_model():
    setting = pf.PsoFed(4, 3, 3, 1.0, 0, 0.0, 0.0, 0.0)
    w_true = jnp.array([1.0, -2.0, 0.5])

    def body(t, state):
        return pf.pso_fed_step(setting, jax.random.fold_in(KEY, t), *state, w_true, 0.1)

    w, clients = jax.jit(lambda s: jax.lax.fori_loop(0, 400, body, s))((jnp.zeros(3), jnp.zeros((4, 3))))
    np.testing.assert_allclose(w, w_true, atol=1e-6)
    np.testing.assert_allclose(clients, jnp.broadcast_to(w_true, (4, 3)), atol=1e-6)


def test_unscheduled_round_keeps_the_global_model():
    setting = pf.PsoFed(3, 2, 1, 0.0, 0, 0.0, 0.0, 0.1)
    w = jnp.array([0.3, 0.4])
    new_w, _ = pf.pso_fed_step(setting, KEY, w, jnp.zeros((3, 2)), jnp.ones(2), 0.1)
    np.testing.assert_array_equal(new_w, w)
