"""Tests for problems.methods.compression."""

import functools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.methods import compression

KEY = jax.random.key(8, impl="rbg")


def test_top_k_by_hand_and_contraction():
    x = jnp.array([0.5, -3.0, 1.0, 2.0])
    np.testing.assert_allclose(compression.top_k(x, 2), [0.0, -3.0, 0.0, 2.0])
    v = jax.random.normal(KEY, (50,))
    err = jnp.sum((compression.top_k(v, 10) - v) ** 2)
    assert err <= (1 - 10 / 50) * jnp.sum(v**2)


@pytest.mark.parametrize("unbiased", [True, False])
def test_rand_k_moments(unbiased):
    x = jnp.arange(1.0, 6.0)
    keys = jax.random.split(KEY, 20000)
    cs = jax.jit(jax.vmap(lambda k: compression.rand_k(k, x, 2, unbiased)))(keys)
    assert bool(jnp.all(jnp.sum(cs != 0, axis=1) == 2))
    if unbiased:
        np.testing.assert_allclose(cs.mean(0), x, rtol=0.05)
    else:
        np.testing.assert_allclose(jnp.mean(jnp.sum((cs - x) ** 2, 1)), (1 - 2 / 5) * x @ x, rtol=0.03)


def test_ef14_ef21_econtrol_steps_by_hand():
    comp = lambda key, v: compression.top_k(v, 1)  # noqa: E731
    x = jnp.zeros(2)
    e = jnp.array([[0.0, 0.0], [1.0, 0.0]])
    g = jnp.array([[1.0, 2.0], [1.0, -1.0]])
    x1, e1 = compression.ef14_step(comp, KEY, x, e, g, 1.0)
    # v = [[1, 2], [2, -1]] -> m = [[0, 2], [2, 0]], x+ = -(1, 1), e+ = [[1, 0], [0, -1]].
    np.testing.assert_allclose(x1, [-1.0, -1.0])
    np.testing.assert_allclose(e1, [[1.0, 0.0], [0.0, -1.0]])
    h = jnp.zeros((2, 2))
    x2, h2 = compression.ef21_step(comp, KEY, x, h, lambda x: g + x, 0.5)
    np.testing.assert_allclose(x2, [0.0, 0.0])
    np.testing.assert_allclose(h2, [[0.0, 2.0], [1.0, 0.0]])
    x3, e3, h3 = compression.econtrol_step(comp, KEY, x, e, h, g, 1.0, 1.0)
    # delta = C(e + g - h) = C([[1, 2], [2, -1]]) = [[0, 2], [2, 0]].
    np.testing.assert_allclose(x3, [-1.0, -1.0])
    np.testing.assert_allclose(e3, [[1.0, 0.0], [0.0, -1.0]])
    np.testing.assert_allclose(h3, [[0.0, 2.0], [2.0, 0.0]])


def test_ef21_converges_on_heterogeneous_quadratics():
    centers = jax.random.normal(KEY, (4, 6))
    grads = lambda x: x[None, :] - centers  # noqa: E731
    comp = functools.partial(lambda key, v: compression.top_k(v, 1))

    def body(_, c):
        return compression.ef21_step(comp, KEY, *c, grads, 0.1)

    x, _ = jax.lax.fori_loop(0, 1500, body, (jnp.zeros(6), grads(jnp.zeros(6))))
    np.testing.assert_allclose(x, centers.mean(0), atol=1e-6)


@pytest.mark.parametrize("k", [0, 10])
def test_validation(k):
    with pytest.raises(ValueError, match="^k"):
        compression.top_k(jnp.ones(4), k)
