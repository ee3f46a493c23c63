"""Tests for problems.convex.class_imbalance_pcn."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.convex import class_imbalance_pcn as ci

KEY = jax.random.PRNGKey(0)


def test_make_validates_and_shapes():
    with pytest.raises(ValueError, match="^sizes"):
        ci.make(KEY, (10, 0), 3, 1.0)
    data = ci.make(KEY, (30, 5), 3, 1.0)
    assert data.x_major.shape == (30, 3) and data.x_minor.shape == (5, 3)


def test_gd_direction_is_full_gradient_and_pcngd_descends_both_classes():
    data = ci.make(KEY, (200, 4), 3, 0.5)
    theta = jnp.zeros(4)

    def mean_loss(th):
        w, b = th[:-1], th[-1]
        x = jnp.concatenate([data.x_major, data.x_minor])
        y = jnp.concatenate([jnp.ones(200), -jnp.ones(4)])
        return jnp.mean(jax.nn.softplus(-y * (x @ w + b)))

    np.testing.assert_allclose(ci.direction(theta, data, "gd"), jax.grad(mean_loss)(theta), rtol=1e-12)
    d = ci.direction(theta, data, "pcngd")
    for x, label in ((data.x_major, 1.0), (data.x_minor, -1.0)):
        assert jax.grad(ci.class_loss)(theta, x, label) @ d > 0
