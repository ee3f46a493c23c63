"""Tests for problems.networks.conv_filter_gd."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.networks import conv_filter_gd as cf

KEY = jax.random.PRNGKey(0)


def test_placements_validate_and_tile():
    with pytest.raises(ValueError, match="^stride"):
        cf.placements(3, 2, 0)
    place = cf.placements(3, 2, 2)
    assert place.shape == (3, 2, 6)
    np.testing.assert_array_equal(jnp.sum(place, axis=(0, 1)), 1.0)


def test_loss_matches_monte_carlo_and_gradient_matches_differences():
    place = cf.placements(4, 3, 2)
    k1, k2, k3 = jax.random.split(KEY, 3)
    w, w_star = jax.random.normal(k1, (3,)), jax.random.normal(k2, (3,))
    x = jax.random.normal(k3, (400_000, place.shape[2]))

    def f(v):
        return jnp.mean(jax.nn.relu(x @ jnp.einsum("ipd,p->id", place, v).T), axis=1)

    mc = 0.5 * jnp.mean((f(w) - f(w_star)) ** 2)
    np.testing.assert_allclose(cf.population_loss(place, w, w_star), mc, rtol=0.02)
    eps = 1e-6  # central differences: autodiff through arccos is singular on the diagonal terms
    fd = jnp.stack(
        [
            (cf.population_loss(place, w + eps * e, w_star) - cf.population_loss(place, w - eps * e, w_star))
            / (2 * eps)
            for e in jnp.eye(3)
        ]
    )
    np.testing.assert_allclose(cf.population_grad(place, w, w_star), fd, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(cf.population_grad(place, w_star, w_star), 0.0, atol=1e-12)


def test_hessian_extremes_nonoverlap():
    k, p = 5, 3
    place = cf.placements(k, p, p)
    w_star = jnp.array([1.0, -2.0, 0.5])
    eps = 1e-6
    cols = [(cf.population_grad(place, w_star + eps * e, w_star)) / eps for e in jnp.eye(p)]
    eig = jnp.linalg.eigvalsh(0.5 * (jnp.stack(cols) + jnp.stack(cols).T))
    np.testing.assert_allclose((eig[0], eig[-1]), cf.hessian_extremes_nonoverlap(k), rtol=1e-4)
