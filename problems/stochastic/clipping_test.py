"""Tests for problems.stochastic.clipping."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from problems.convex import least_squares
from problems.stochastic import clipping

KEY = jax.random.PRNGKey(0)


def test_per_sample_grads_average_to_the_gradient():
    p = clipping.skewed_least_squares(KEY, 50, 3)
    w = jnp.array([0.3, -1.0, 2.0])
    np.testing.assert_allclose(clipping.per_sample_grads(p, w).mean(0), least_squares.grad(p, w), rtol=1e-12)
    np.testing.assert_allclose(least_squares.grad(p, p.w_star), 0.0, atol=1e-12)


def test_clip_matches_optax_dp_aggregate():
    g = jax.random.normal(KEY, (20, 4)) * 3
    np.testing.assert_allclose(
        jnp.linalg.norm(clipping.clip(g, 1.0), axis=1), np.minimum(1.0, np.linalg.norm(g, axis=1)), rtol=1e-12
    )
    agg = optax.contrib.differentially_private_aggregate(1.0, 0.0, key=0)
    u, _ = agg.update(g, agg.init(jnp.zeros(4)))
    np.testing.assert_allclose(u, clipping.clip(g, 1.0).mean(0), rtol=1e-12)
    np.testing.assert_allclose(clipping.clip(g, 0.0), 0.0)


def test_dicesgd_error_buffer_accounts_for_clipping():
    g = jax.random.normal(KEY, (10, 3)) * 5
    e = jnp.array([0.5, -0.2, 0.1])
    v, e_new = clipping.dicesgd_direction(g, e, 1.0, 10.0)
    # No clipping of e (C2 large): v + e_new = e + mean g exactly, and e_new = mean of clip error.
    np.testing.assert_allclose(v + e_new, e + g.mean(0), rtol=1e-12)
    np.testing.assert_allclose(e_new, (g - clipping.clip(g, 1.0)).mean(0), rtol=1e-12)


def test_validation():
    with pytest.raises(ValueError, match="^n"):
        clipping.skewed_least_squares(KEY, 0, 3)
    with pytest.raises(ValueError, match="^scale"):
        clipping.skewed_least_squares(KEY, 5, 3, scale=-1.0)
