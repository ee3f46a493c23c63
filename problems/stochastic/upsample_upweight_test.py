"""Tests for problems.stochastic.upsample_upweight."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.stochastic import upsample_upweight as uu

KEY = jax.random.PRNGKey(0)
SIZES = (200, 5)


def _domains(weights=(0.5, 0.5)):
    return uu.make(KEY, SIZES, 3, weights, (1.0, 1.0))


def test_make_validates():
    with pytest.raises(ValueError, match="^sizes"):
        uu.make(KEY, (10,), 3, (1.0,), (1.0,))
    with pytest.raises(ValueError, match="^weights"):
        uu.make(KEY, SIZES, 3, (1.0,), (1.0, 1.0))


def test_full_gradients_agree_and_vanish_at_minimizer():
    p = _domains()
    x = jnp.ones(3)
    np.testing.assert_allclose(uu.full_grad_upsample(p, x), uu.full_grad_upweight(p, x), rtol=1e-12)
    np.testing.assert_allclose(uu.full_grad_upsample(p, uu.minimizer(p)), 0.0, atol=1e-10)
    np.testing.assert_allclose(jnp.sum(p.q[SIZES[0] :]), 0.5, rtol=1e-12)


@pytest.mark.parametrize("strategy", ["upsample", "upweight"])
def test_stochastic_gradients_unbiased(strategy):
    p = _domains()
    x = jnp.ones(3)
    keys = jax.random.split(KEY, 20_000)
    g = jax.vmap(lambda k: uu.stochastic_grad(p, x, k, 4, strategy))(keys)
    full = uu.full_grad_upsample(p, x)
    np.testing.assert_allclose(jnp.mean(g, 0), full, atol=0.1 * float(jnp.linalg.norm(full)) + 0.05)


def test_second_moments_order_and_tie_when_balanced():
    up, w = uu.second_moments(_domains(), jnp.zeros(3))
    assert w > 5 * up
    p = _domains(None)
    up, w = uu.second_moments(p, jnp.zeros(3))
    np.testing.assert_allclose(up, w, rtol=1e-12)
    x = jnp.ones(3)
    np.testing.assert_array_equal(
        uu.stochastic_grad(p, x, KEY, 8, "upsample"), uu.stochastic_grad(p, x, KEY, 8, "upweight")
    )
