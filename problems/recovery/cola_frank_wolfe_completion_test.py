"""Tests for problems.recovery.cola_frank_wolfe_completion."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.recovery import cola_frank_wolfe_completion as fw


def test_target_on_the_ball_boundary_and_zero_gap():
    p = fw.make(jax.random.PRNGKey(0), 12, 10, 3, 0.5, radius=2.0)
    np.testing.assert_allclose(jnp.sum(jnp.linalg.svd(p.target, compute_uv=False)), 2.0, rtol=1e-10)
    np.testing.assert_allclose(fw.value(p, p.target), 0.0)
    x = jax.random.normal(jax.random.PRNGKey(1), (12, 10))
    np.testing.assert_allclose(fw.grad(p, x), jax.grad(lambda y: fw.value(p, y))(x), rtol=1e-10)


def test_linear_minimizer_is_optimal_over_the_ball():
    p = fw.make(jax.random.PRNGKey(2), 8, 6, 2, 1.0, radius=1.5)
    g = jax.random.normal(jax.random.PRNGKey(3), (8, 6))
    s = fw.linear_minimizer(p, g)
    np.testing.assert_allclose(jnp.sum(jnp.linalg.svd(s, compute_uv=False)), 1.5, rtol=1e-10)
    # ⟨g, S⟩ = −τ σ_max(g), the support function of the nuclear ball.
    np.testing.assert_allclose(jnp.sum(g * s), -1.5 * jnp.linalg.norm(g, 2), rtol=1e-10)


def test_frank_wolfe_decreases_the_gap():
    p = fw.make(jax.random.PRNGKey(4), 10, 10, 2, 0.6)
    x = jnp.zeros((10, 10))
    for t in range(200):
        x = fw.frank_wolfe_step(p, x, jnp.asarray(t, dtype=float))
    assert fw.value(p, x) < 0.05 * fw.value(p, jnp.zeros((10, 10)))


def test_validation():
    with pytest.raises(ValueError, match="^observed"):
        fw.make(jax.random.PRNGKey(0), 4, 4, 1, 0.0)
    with pytest.raises(ValueError, match="^radius"):
        fw.make(jax.random.PRNGKey(0), 4, 4, 1, 0.5, radius=-1.0)
