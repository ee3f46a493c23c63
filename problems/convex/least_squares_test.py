"""Tests for problems.convex.least_squares."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.convex import least_squares

KEY = jax.random.key(1, impl="rbg")


@pytest.mark.parametrize("lam", [0.0, 0.1])
@pytest.mark.parametrize("kappa, spectrum", [(1.0, "uniform"), (20.0, "log-uniform")])
def test_ground_truth(lam, kappa, spectrum):
    p = least_squares.make(KEY, 50, 5, noise=0.3, lam=lam, kappa=kappa, spectrum=spectrum)
    np.testing.assert_allclose(least_squares.grad(p, p.w_star), 0.0, atol=1e-12)
    np.testing.assert_allclose(least_squares.value(p, p.w_star), p.f_star, rtol=1e-12)
    h = jax.hessian(least_squares.value, 1)(p, jnp.zeros(5))
    eigs = np.linalg.eigvalsh(np.asarray(h))
    np.testing.assert_allclose([p.mu, p.L], [eigs.min(), eigs.max()], rtol=1e-10)
    np.testing.assert_allclose(np.linalg.eigvalsh(np.asarray(p.cov))[[0, -1]], [1.0 / kappa, 1.0], rtol=1e-10)
    idx = jnp.arange(50)
    np.testing.assert_allclose(least_squares.sample_grad(p, p.w_star, idx), 0.0, atol=1e-12)


def test_population_risk_matches_monte_carlo():
    p = least_squares.make(KEY, 10, 3, noise=0.5, kappa=4.0)
    w = jnp.ones(3)
    q = least_squares.make(jax.random.key(9, impl="rbg"), 200_000, 3, noise=0.5, kappa=4.0, w_true=p.w_true)
    # Same covariance only if same rotation key; compare against q's own ground truth instead.
    mc = 0.5 * jnp.mean((q.X @ w - q.y) ** 2)
    np.testing.assert_allclose(mc, least_squares.population_risk(q, w), rtol=2e-2)
    np.testing.assert_allclose(least_squares.excess_risk(p, p.w_true), 0.0)


@pytest.mark.parametrize(
    "kwargs, name",
    [(dict(n=0, d=2), "n"), (dict(n=3, d=2, noise=-1.0), "noise"), (dict(n=3, d=2, lam=-1.0), "lam")],
)
def test_validation(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        least_squares.make(KEY, **kwargs)


def test_vmap_over_keys():
    ps = jax.jit(jax.vmap(lambda k: least_squares.make(k, 20, 4, lam=0.1)))(jax.random.split(KEY, 3))
    np.testing.assert_allclose(jax.vmap(least_squares.grad)(ps, ps.w_star), 0.0, atol=1e-12)
