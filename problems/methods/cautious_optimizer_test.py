"""Tests for problems.methods.cautious_optimizer."""

import jax.numpy as jnp
import numpy as np
import optax

from problems.methods import cautious_optimizer as co


def test_mask_keeps_only_downhill_coordinates_and_rescales():
    u = jnp.array([-1.0, 2.0, -3.0, 4.0])
    g = jnp.array([1.0, 1.0, 1.0, -1.0])
    masked = co.mask_update(u, g)
    np.testing.assert_allclose(masked, jnp.array([-1.0, 0.0, -3.0, 4.0]) / (0.75 + co.EPS))
    assert jnp.dot(masked, g) <= 0
    anti = co.mask_update(u, g, anti=True)
    np.testing.assert_allclose(anti, jnp.array([0.0, 2.0, 0.0, 0.0]) / (0.25 + co.EPS))


def test_wrapper_never_moves_uphill_to_first_order():
    opt = co.cautious(optax.adam(0.1, b1=0.95))
    x = jnp.array([3.0, -2.0, 1.0])
    state = opt.init(x)
    a = jnp.diag(jnp.array([100.0, 1.0, 0.01]))
    for _ in range(200):
        g = a @ x
        u, state = opt.update(g, state, x)
        assert jnp.dot(u, g) <= 0
        x = optax.apply_updates(x, u)
