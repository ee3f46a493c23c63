"""Tests for problems.recovery.phase_retrieval."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.recovery import phase_retrieval as pr

KEY = jax.random.key(3, impl="philox4x32")
_make = jax.jit(pr.make, static_argnums=(1, 2, 3))  # one compile instead of one per op


def _instance(A, x_star):
    A = jnp.asarray(A, dtype=jnp.float64)
    x_star = jnp.asarray(x_star, dtype=jnp.float64)
    return pr.PhaseRetrieval(A, (A @ x_star) ** 2, x_star, x_star != 0, jnp.asarray(1.0))


def test_instance_ground_truth():
    p = _make(KEY, 200, 5, 300)
    assert p.A.shape == (300, 200) and p.y.shape == (300,)
    assert int(jnp.sum(p.support)) == 5
    nz = jnp.abs(p.x_star[p.support])
    assert float(nz.min()) >= 1.0 and float(nz.max()) <= 2.0
    np.testing.assert_allclose(p.y, (p.A @ p.x_star) ** 2, rtol=1e-12)
    for sign in (1.0, -1.0):
        np.testing.assert_allclose(pr.value(p, sign * p.x_star), 0.0, atol=1e-20)
        np.testing.assert_allclose(pr.grad(p, sign * p.x_star), 0.0, atol=1e-12)
        np.testing.assert_allclose(pr.amplitude_grad(p, sign * p.x_star), 0.0, atol=1e-12)
        assert float(pr.distance(p, sign * p.x_star)) == 0.0


def test_derivatives_match_autodiff():
    p = _make(KEY, 30, 3, 80)
    x = jax.random.normal(jax.random.key(7, impl="philox4x32"), (30,))
    np.testing.assert_allclose(pr.grad(p, x), jax.grad(pr.value, 1)(p, x), rtol=1e-10, atol=1e-12)
    h = jax.hessian(pr.value, 1)(p, x)
    idx = jnp.array([4, 0, 17])
    np.testing.assert_allclose(pr.hessian_rows(p, x, idx), h[idx], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(pr.hessian_on_support(p, x, idx), h[jnp.ix_(idx, idx)], rtol=1e-10, atol=1e-12)

    def amplitude(x):
        return jnp.mean((jnp.abs(p.A @ x) - jnp.sqrt(p.y)) ** 2) / 2.0

    np.testing.assert_allclose(pr.amplitude_grad(p, x), jax.grad(amplitude)(x), rtol=1e-10, atol=1e-12)


def test_newton_step_by_hand_2d():
    # A = I, x* = (1, 2): f = 1/8 sum_i (x_i^2 - y_i)^2, grad_i = (x_i^2 - y_i) x_i / 2,
    # H = diag(3 x_i^2 - y_i) / 2, so the Newton step is x_i - (x_i^2 - y_i) x_i / (3 x_i^2 - y_i).
    p = _instance(np.eye(2), [1.0, 2.0])
    x = jnp.array([1.5, 1.5])
    expected = [1.5 - 1.25 * 1.5 / 5.75, 1.5 + 1.75 * 1.5 / 2.75]
    np.testing.assert_allclose(pr.newton_ht_step(p, x, 2, 0.1), expected, rtol=1e-14)


def test_newton_step_is_restricted_model_minimizer():
    # s = 1 on a non-diagonal 2-d instance: the support moves from coordinate 0 to coordinate 1,
    # and the step must minimize the quadratic model of f at x over vectors supported on {1}.
    p = _instance([[1.0, 0.5], [-0.3, 1.0], [0.8, -1.2]], [0.0, 2.0])
    x = jnp.array([0.4, 0.0])
    g, h = pr.grad(p, x), jax.hessian(pr.value, 1)(p, x)
    # model(z) = g.(z - x) + 1/2 (z - x)^T H (z - x), z = (0, t): stationary in t.
    t = (g[1] - h[1, 0] * x[0] - h[1, 1] * x[1]) / h[1, 1]
    t = x[1] - t
    assert int(pr.top_s(x - 10.0 * pr.amplitude_grad(p, x), 1)[0]) == 1
    np.testing.assert_allclose(pr.newton_ht_step(p, x, 1, 10.0), [0.0, float(t)], rtol=1e-12)
    # With the full support the step is Newton's step x - H^{-1} g.
    x2 = jnp.array([0.4, 1.1])
    full = x2 - jnp.linalg.solve(jax.hessian(pr.value, 1)(p, x2), pr.grad(p, x2))
    np.testing.assert_allclose(pr.newton_ht_step(p, x2, 2, 0.1), full, rtol=1e-12)


def test_hard_threshold_and_spectral_init():
    np.testing.assert_array_equal(
        pr.hard_threshold(jnp.array([0.1, -3.0, 2.0, 0.5]), 2), [0.0, -3.0, 2.0, 0.0]
    )
    p = _make(KEY, 100, 3, 2000)
    x0 = pr.spectral_init(p, 3)
    assert int(jnp.sum(x0 != 0)) == 3
    np.testing.assert_allclose(jnp.linalg.norm(x0), jnp.sqrt(jnp.mean(p.y)), rtol=1e-12)
    assert float(pr.distance(p, x0)) < 0.5


def test_newton_recovers_and_iht_converges():
    p = _make(KEY, 100, 3, 300)
    x = x_iht = pr.spectral_init(p, 3)
    for _ in range(8):
        x = pr.newton_ht_step(p, x, 3, 0.9)
    assert float(pr.distance(p, x)) < 1e-12
    e0 = float(pr.distance(p, x_iht))
    for _ in range(30):
        x_iht = pr.iht_step(p, x_iht, 3, 0.05 / jnp.mean(p.y))
    assert float(pr.distance(p, x_iht)) < e0


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(n=0, s=1, m=5), "n"),
        (dict(n=5, s=0, m=5), "s"),
        (dict(n=5, s=6, m=5), "s"),
        (dict(n=5, s=2, m=0), "m"),
        (dict(n=5, s=2, m=5, low=0.0), "low"),
        (dict(n=5, s=2, m=5, low=2.0, high=1.0), "high"),
    ],
)
def test_bad_parameters(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        pr.make(KEY, **kwargs)
