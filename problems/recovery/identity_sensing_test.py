"""Tests for problems.recovery.identity_sensing."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.recovery import identity_sensing as ids

KEY = jax.random.key(3)


def test_ground_truth_and_gradients():
    p = ids.make(KEY, 6, 2, symmetric=True, scale=2.0)
    s = np.linalg.svd(np.asarray(p.M_star), compute_uv=False)
    np.testing.assert_allclose(s[:2], [2.0, 2.0], rtol=1e-12)
    assert s[2] < 1e-12
    np.testing.assert_allclose(p.M_star, p.M_star.T, atol=1e-14)
    x = ids.init(KEY, 6, 3, 0.5)
    np.testing.assert_allclose(ids.grad_sym(p, x), jax.grad(ids.loss_sym, 1)(p, x), atol=1e-12)
    assert ids.loss_sym(p, p.U_star) < 1e-28
    np.testing.assert_allclose(ids.error(p, x), 4 * ids.loss_sym(p, x))
    q = ids.make(KEY, 6, 1, symmetric=False)
    f, g = ids.init(KEY, 6, 2, 0.5, asymmetric=True)
    for a, b in zip(ids.grads(q, f, g), jax.grad(ids.loss, (1, 2))(q, f, g)):
        np.testing.assert_allclose(a, b, atol=1e-12)
    assert ids.loss(q, q.U_star, q.V_star) < 1e-28


def test_gd_exact_parameterization_converges_linearly():
    # k = r = 1, eta = 0.05: the error contracts by (1 - eta)^2 per step near M* (scale 1).
    p = ids.make(KEY, 8, 1)
    x = jax.lax.fori_loop(0, 400, lambda _, x: x - 0.05 * ids.grad_sym(p, x), ids.init(KEY, 8, 1, 0.2))
    e1 = ids.error(p, x)
    x = jax.lax.fori_loop(0, 10, lambda _, x: x - 0.05 * ids.grad_sym(p, x), x)
    np.testing.assert_allclose(ids.error(p, x) / e1, 0.95**20, rtol=1e-3)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: ids.make(KEY, 3, 4), "rank"),
        (lambda: ids.make(KEY, 0, 1), "n"),
        (lambda: ids.make(KEY, 3, 1, scale=-1.0), "scale"),
        (lambda: ids.init(KEY, 3, 0, 0.1), "k"),
    ],
)
def test_validation(call, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        call()


def test_vmap_over_keys():
    ps = jax.vmap(lambda k: ids.make(k, 4, 1))(jax.random.split(KEY, 3))
    assert ps.M_star.shape == (3, 4, 4)
    assert jnp.all(jnp.isfinite(ps.M_star))
