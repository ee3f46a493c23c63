"""Tests for problems.recovery.awp_iht_sparse."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.recovery import awp_iht_sparse as awp


def test_iht_projection_keeps_the_largest_entries():
    w = jnp.array([0.1, -3.0, 2.0, 0.5, -0.2])
    x = jnp.eye(5)
    projected = awp.iht_step(x, jnp.zeros(5), w, 0.0, 2)  # a zero step: the projection alone
    np.testing.assert_allclose(projected, [0.0, -3.0, 2.0, 0.0, 0.0])


def test_iht_recovers_a_sparse_target_on_a_gaussian_design():
    x = awp.gaussian_design(jax.random.PRNGKey(0), 80, 100)
    w0 = awp.sparse_target(jax.random.PRNGKey(1), 100, 4)
    w = jnp.zeros(100)
    for _ in range(150):
        w = awp.iht_step(x, w0, w, 0.5, 4)
    assert jnp.linalg.norm(w - w0) < 1e-6 * jnp.linalg.norm(w0)
    assert 0 < awp.restricted_contraction(x, 4, 0.5) < 1
    assert 0 < awp.step_size(x) < 0.5  # the IHT step exceeds the dense-stable one


def test_ill_conditioned_design_has_the_requested_spectrum():
    x = awp.ill_conditioned_design(jax.random.PRNGKey(0), 20, 40, kappa=1e4)
    s = np.linalg.svd(np.asarray(x), compute_uv=False)
    np.testing.assert_allclose([s.max(), s.min()], [1.0, 1e-4], rtol=1e-8)


def test_validation():
    with pytest.raises(ValueError, match="^kappa"):
        awp.ill_conditioned_design(jax.random.PRNGKey(0), 4, 8, kappa=0.5)
