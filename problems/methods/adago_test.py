"""Tests for problems.methods.adago."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.methods import adago, orthogonalize


def test_steps_follow_the_adagrad_norm_rule():
    eta, mu, gamma = 0.5, 0.9, 3.0
    opt = adago.adago(eta, mu, gamma)
    X = jnp.zeros((4, 3))
    state = opt.init(X)
    M, v_sq = np.zeros((4, 3)), 0.0
    for i in range(4):
        G = jax.random.normal(jax.random.PRNGKey(i), (4, 3)) * (1 + 2 * i)
        u, state = opt.update(G, state, X)
        M = mu * M + (1 - mu) * np.asarray(G)
        g = min(np.linalg.norm(G), gamma)
        v_sq += g**2
        np.testing.assert_allclose(
            u, -eta * g / np.sqrt(v_sq) * orthogonalize.polar(jnp.asarray(M)), rtol=1e-8, atol=1e-10
        )
    np.testing.assert_allclose(state.v_sq, v_sq, rtol=1e-12)


def test_first_step_is_eta():
    opt = adago.adago(eta=0.3)
    G = jax.random.normal(jax.random.PRNGKey(0), (3, 3))
    u, _ = opt.update(G, opt.init(G))
    np.testing.assert_allclose(np.linalg.svd(np.asarray(u), compute_uv=False), 0.3, rtol=1e-8)
