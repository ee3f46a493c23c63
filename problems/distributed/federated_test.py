"""Tests for problems.distributed.federated."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.distributed import federated

KEY = jax.random.PRNGKey(0)


def _rotated(n=6, d=4):
    c = jax.random.normal(KEY, (n, d))
    return federated.rotated(jax.random.PRNGKey(1), c, 0.5, 2.0)


def test_weighted_optimum_is_stationary():
    cl = _rotated()
    q = jnp.linspace(0.1, 1.0, 6)
    x = federated.weighted_optimum(cl, q)
    np.testing.assert_allclose(
        jnp.einsum("i,ij->j", q, federated.grads(cl, jnp.broadcast_to(x, cl.c.shape))), 0.0, atol=1e-10
    )
    np.testing.assert_allclose(cl.x_star, federated.weighted_optimum(cl, cl.weights), atol=1e-12)
    iso = federated.isotropic(cl.c)
    np.testing.assert_allclose(federated.weighted_optimum(iso, q), q @ cl.c / q.sum(), atol=1e-12)


def test_local_sgd_noise_free_and_fixed_point():
    cl = _rotated()
    x = jnp.ones(4)
    d = federated.local_sgd(cl, x, KEY, 0.1, 3, noise=0.0)
    y = jnp.broadcast_to(x, cl.c.shape)
    for _ in range(3):
        y = y - 0.1 * federated.grads(cl, y)
    np.testing.assert_allclose(d, y - x, atol=1e-12)
    np.testing.assert_allclose(federated.local_fixed_point(cl, cl.weights, 0.1, 1), cl.x_star, atol=1e-10)
    xm = federated.local_fixed_point(cl, cl.weights, 0.1, 5)
    np.testing.assert_allclose(cl.weights @ federated.local_sgd(cl, xm, KEY, 0.1, 5), 0.0, atol=1e-10)


def test_isotropic_exact_sampler_matches_local_sgd():
    iso = federated.isotropic(jax.random.normal(KEY, (3, 2)))
    x = jnp.array([0.5, -1.0])
    keys = jax.random.split(KEY, 20000)
    a = jax.vmap(lambda k: federated.local_sgd(iso, x, k, 0.2, 4, noise=0.5))(keys)
    b = jax.vmap(lambda k: federated.local_sgd_isotropic(iso, x, k, 0.2, 4, noise=0.5))(keys)
    np.testing.assert_allclose(a.mean(0), b.mean(0), atol=0.01)
    np.testing.assert_allclose(a.std(0), b.std(0), rtol=0.03)


@pytest.mark.parametrize("cutoff", [1, 5, 1000])
def test_interval_estimator_mean(cutoff):
    p = jnp.array([0.1, 0.5, 0.9])

    def body(est, k):
        return federated.estimator_update(est, federated.participate(k, p), cutoff), None

    est, _ = jax.lax.scan(body, federated.estimator_init(3), jax.random.split(KEY, 20000))
    np.testing.assert_allclose(
        federated.estimator_weights(est), federated.expected_interval(p, cutoff), rtol=0.07
    )


def test_expected_max_exponential_and_async_event():
    rates = np.array([1.0, 2.0, 5.0])
    keys = jax.random.split(KEY, 50000)
    mc = jnp.max(jax.vmap(lambda k: jax.random.exponential(k, (3,)))(keys) / rates, axis=1).mean()
    np.testing.assert_allclose(federated.expected_max_exponential(rates), mc, rtol=0.02)
    who, dt = jax.vmap(lambda k: federated.async_event(k, rates))(keys)
    np.testing.assert_allclose(
        np.bincount(np.asarray(who), minlength=3) / len(keys), rates / rates.sum(), atol=0.01
    )
    np.testing.assert_allclose(dt.mean(), 1 / rates.sum(), rtol=0.02)


def test_errors():
    with pytest.raises(ValueError, match="^c must"):
        federated.isotropic(jnp.ones(3))
    with pytest.raises(ValueError, match="^steps"):
        federated.local_sgd(federated.isotropic(jnp.ones((2, 2))), jnp.zeros(2), KEY, 0.1, 0)
    with pytest.raises(ValueError, match="^weights"):
        federated.isotropic(jnp.ones((2, 2)), weights=jnp.array([0.2, 0.2]))
