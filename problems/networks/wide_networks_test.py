"""Tests for problems.networks.wide_networks."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.networks import wide_networks as wn

KEY = jax.random.PRNGKey(0)


@pytest.mark.parametrize("act", ["relu", "erf"])
def test_limit_ntk_matches_wide_network(act):
    X = wn.sphere_data(KEY, 5, 3)
    params = wn.init_two_layer(jax.random.PRNGKey(1), 2**17, 3)
    emp = wn.empirical_ntk(params, X, act, 2**-8.5)
    lim = wn.limit_ntk(X, act)
    assert np.linalg.norm(emp - lim) / np.linalg.norm(lim) < 0.02
    assert np.linalg.eigvalsh(np.asarray(lim)).min() > 0


def test_empirical_ntk_is_jacobian_gram():
    X = wn.sphere_data(KEY, 4, 3)
    params = wn.init_two_layer(jax.random.PRNGKey(2), 7, 3)
    J = jax.jacrev(lambda p: wn.apply(p, X, "erf", 0.3))(params)
    Jm = jnp.concatenate([J.W.reshape(4, -1), J.a], axis=1)
    np.testing.assert_allclose(wn.empirical_ntk(params, X, "erf", 0.3), Jm @ Jm.T, rtol=1e-10)


def test_linear_residuals():
    K = jnp.array([[2.0, 0.5], [0.5, 1.0]])
    r0 = jnp.array([1.0, -1.0])
    out = wn.linear_residuals(K, r0, 0.3, 2, jnp.array([0, 1, 2]))
    np.testing.assert_allclose(out[0], r0, atol=1e-12)
    M = jnp.eye(2) - 0.3 * K / 2
    np.testing.assert_allclose(out[2], M @ M @ r0, atol=1e-12)


def test_selu_fixed_point_and_jacobian():
    np.testing.assert_allclose(wn.selu_moment_map(0.0, 1.0), [0.0, 1.0], atol=1e-3)
    J = jax.jacfwd(lambda v: wn.selu_moment_map(v[0], v[1]))(jnp.array([0.0, 1.0]))
    np.testing.assert_allclose(np.linalg.norm(np.asarray(J), 2), 0.7879, atol=2e-3)
    np.testing.assert_allclose(wn.gauss_expect(lambda z: z**2, 1.0, 4.0), 5.0, rtol=1e-10)


def test_rnn_gp_kernel_first_step_and_features():
    inputs = jax.random.normal(KEY, (3, 1, 2))
    pre, _ = wn.rnn_gp_kernel(inputs, 1.5, 1.0)
    np.testing.assert_allclose(pre, inputs[:, 0] @ inputs[:, 0].T / 2, atol=1e-12)
    inputs = jax.random.normal(KEY, (3, 3, 2))
    pre, post = wn.rnn_gp_kernel(inputs, 1.5, 1.0)
    g, h = wn.rnn_features(jax.random.PRNGKey(3), inputs, 4096, 1.5, 1.0)
    assert np.linalg.norm(g @ g.T / 4096 - pre) / np.linalg.norm(pre) < 0.1
    assert np.linalg.norm(h @ h.T / 4096 - post) / np.linalg.norm(post) < 0.1


def test_errors():
    with pytest.raises(ValueError, match="^name"):
        wn.activation("gelu")
    with pytest.raises(ValueError, match="^width"):
        wn.init_two_layer(KEY, 0, 3)
    with pytest.raises(ValueError, match="^weights"):
        wn.rnn_features(KEY, jnp.ones((1, 1, 1)), 4, 1.0, 1.0, weights="laplace")
