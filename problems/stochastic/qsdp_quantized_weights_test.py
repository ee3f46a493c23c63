"""Tests for problems.stochastic.qsdp_quantized_weights."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.stochastic import qsdp_quantized_weights as qw

KEY = jax.random.PRNGKey(0)


def test_stochastic_rounding_is_unbiased_and_on_grid():
    x = jnp.full(200_000, 0.3)
    q = qw.stochastic_round(KEY, x, 0.25)
    np.testing.assert_allclose(jnp.unique(q), [0.25, 0.5])
    np.testing.assert_allclose(q.mean(), 0.3, atol=2e-3)
    with pytest.raises(ValueError, match="delta"):
        qw.stochastic_round(KEY, x, 0.0)


def test_nearest_rounding_undoes_short_steps():
    x = jnp.array([0.5, -1.0])
    assert jnp.array_equal(qw.quantized_step(KEY, x, jnp.ones(2), 0.1, 0.25, stochastic=False), x)
    moved = qw.quantized_step(KEY, x, jnp.ones(2), 0.1, 0.25)
    assert bool(jnp.all(jnp.isin(moved, jnp.array([0.25, 0.5, -1.25, -1.0]))))
