"""Tests for problems.recovery.matrix_sensing."""

import jax
import numpy as np
import pytest

from problems.recovery import matrix_sensing as ms

KEY = jax.random.key(10, impl="rbg")


@pytest.mark.parametrize("symmetric", [False, True])
def test_ground_truth_and_gradients(symmetric):
    p = ms.make(KEY, 5, 5, 2, 60, symmetric=symmetric, cond=4.0)
    s = np.linalg.svd(np.asarray(p.M_star), compute_uv=False)
    np.testing.assert_allclose(s[:2], p.sigmas, rtol=1e-10)
    assert s[2] < 1e-10
    np.testing.assert_allclose(p.sigmas[0] / p.sigmas[-1], 4.0)
    if symmetric:
        np.testing.assert_allclose(p.M_star, p.M_star.T, atol=1e-14)
        assert ms.loss_sym(p, p.U_star) < 1e-25
        u = jax.random.normal(KEY, (5, 3))
        np.testing.assert_allclose(ms.grad_sym(p, u), jax.grad(ms.loss_sym, 1)(p, u), atol=1e-10)
        np.testing.assert_allclose(ms.grad_sym(p, p.U_star), 0.0, atol=1e-12)
    else:
        assert ms.loss(p, p.U_star, p.V_star) < 1e-25
        u, v = ms.init(KEY, p, 3, scale=0.5)
        gu, gv = ms.grads(p, u, v)
        ru, rv = jax.grad(ms.loss, (1, 2))(p, u, v)
        np.testing.assert_allclose(gu, ru, atol=1e-10)
        np.testing.assert_allclose(gv, rv, atol=1e-10)
    np.testing.assert_allclose(ms.recovery_error(p, p.U_star, p.V_star), 0.0, atol=1e-12)


def test_balanced_init_and_gd_recovers():
    p = ms.make(KEY, 6, 6, 1, 80)
    u, v = ms.init(KEY, p, 1, scale=1e-2, balanced=True)
    np.testing.assert_allclose(u.T @ u, v.T @ v, atol=1e-14)

    def body(_, c):
        gu, gv = ms.grads(p, *c)
        return c[0] - 0.2 * gu, c[1] - 0.2 * gv

    u, v = jax.lax.fori_loop(0, 600, body, (u, v))
    assert ms.recovery_error(p, u, v) < 1e-3


def test_matrix_least_squares():
    p = ms.matrix_least_squares(KEY, 30, 4, 3, noise=0.1)
    np.testing.assert_allclose(ms.mls_grad(p, p.W_star), 0.0, atol=1e-12)
    np.testing.assert_allclose(ms.mls_value(p, p.W_star), p.f_star)
    eigs = np.linalg.eigvalsh(np.asarray(p.X.T @ p.X / 30))
    np.testing.assert_allclose([p.mu, p.L], eigs[[0, -1]], rtol=1e-10)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: ms.make(KEY, 3, 4, 5, 10), "rank"),
        (lambda: ms.make(KEY, 3, 4, 1, 10, symmetric=True), "n2"),
        (lambda: ms.make(KEY, 3, 3, 1, 0), "m"),
        (lambda: ms.init(KEY, ms.make(KEY, 3, 3, 2, 5), 1), "k"),
    ],
)
def test_validation(call, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        call()


def test_vmap_over_keys():
    ps = jax.jit(jax.vmap(lambda k: ms.make(k, 4, 4, 1, 20, symmetric=True)))(jax.random.split(KEY, 2))
    assert ps.A.shape == (2, 20, 4, 4)
