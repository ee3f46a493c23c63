"""Tests for problems.convex.logistic."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.convex import logistic

KEY = jax.random.key(2, impl="rbg")


def test_population_minimizer_is_w_star():
    p = logistic.make(KEY, 10, 4, norm=2.0)
    g = jax.grad(lambda w: logistic.population_risk(p, w))(p.w_star)
    np.testing.assert_allclose(g, 0.0, atol=1e-10)
    # Strictly larger elsewhere.
    assert logistic.population_risk(p, 0.5 * p.w_star) > logistic.population_risk(p, p.w_star)


@pytest.mark.parametrize("separable", [False, True])
def test_population_risk_matches_monte_carlo(separable):
    p = logistic.make(KEY, 100_000, 3, norm=2.0, separable=separable)
    w = jnp.array([0.3, -1.0, 0.7])
    mc = jnp.mean(logistic.losses(p, w))
    se = jnp.std(logistic.losses(p, w)) / jnp.sqrt(100_000.0)
    assert abs(mc - logistic.population_risk(p, w)) < 5 * se


def test_quadrature_converged():
    for sep in (False, True):
        p = logistic.make(KEY, 5, 3, norm=3.0, separable=sep)
        w = jnp.array([1.0, 2.0, -1.0])
        np.testing.assert_allclose(
            logistic.population_risk(p, w, 128), logistic.population_risk(p, w, 250), rtol=1e-8
        )


def test_separable_labels_and_empirical_minimizer():
    p = logistic.make(KEY, 100, 3, separable=True)
    assert bool(jnp.all(p.y * (p.X @ p.w_star) >= 0))
    q = logistic.make(KEY, 200, 3, lam=0.01)
    w = logistic.empirical_minimizer(q)
    np.testing.assert_allclose(logistic.grad(q, w), 0.0, atol=1e-10)
    np.testing.assert_allclose(logistic.grad(q, w), jax.grad(logistic.value, 1)(q, w), atol=1e-12)
    np.testing.assert_allclose(logistic.sample_grad(q, w, jnp.arange(200)), 0.0, atol=1e-10)


@pytest.mark.parametrize("kwargs, name", [(dict(n=0, d=2), "n"), (dict(n=3, d=2, norm=-1.0), "norm")])
def test_validation(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        logistic.make(KEY, **kwargs)


def test_vmap_over_keys():
    ps = jax.jit(jax.vmap(lambda k: logistic.make(k, 30, 3, lam=0.1)))(jax.random.split(KEY, 4))
    r = jax.vmap(lambda p: logistic.population_risk(p, p.w_star))(ps)
    assert r.shape == (4,) and bool(jnp.all(jnp.isfinite(r)))
