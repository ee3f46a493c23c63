"""Tests for problems.preference.btl."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.convex import logistic
from problems.preference import btl as preference

KEY = jax.random.PRNGKey(3)
THETA = jnp.array([1.0, -1.0, 0.5, 0.0])


def test_btl_labels_follow_the_model_and_mle_is_consistent():
    n = 40_000
    p = preference.make_pairwise(KEY, n, THETA, lam=1e-6)
    # E[y | x] = 2 sigma(<theta*, x>) - 1.
    resid = p.y - (2 * jax.nn.sigmoid(p.X @ THETA) - 1)
    assert abs(float(jnp.mean(resid))) < 5 / np.sqrt(n)
    theta = logistic.empirical_minimizer(p, iters=15)
    assert float(jnp.linalg.norm(theta - THETA)) < 0.1  # ~4x the CLT scale 0.6/sqrt(n) per coordinate


def test_uncovered_direction_has_no_information():
    p = preference.make_pairwise(KEY, 1000, THETA, uncovered=0, lam=1e-6)
    np.testing.assert_array_equal(p.X[:, 0], 0.0)
    theta = logistic.empirical_minimizer(p)
    assert abs(float(theta[0])) < 1e-8  # the ridge sets the uncovered coordinate to 0


def test_pl_with_two_actions_is_btl():
    inst = preference.make_kwise(KEY, 500, 2, THETA)
    win = jnp.take_along_axis(inst.phi, inst.ranking[:, :, None], axis=1)
    x = win[:, 0] - win[:, 1]
    theta = jnp.array([0.3, 0.2, -0.1, 0.4])
    btl = jnp.mean(jnp.logaddexp(0.0, -(x @ theta)))
    np.testing.assert_allclose(preference.pl_nll(inst, theta), btl, rtol=1e-12)


def test_pl_first_choice_probabilities():
    # P(action k ranked first) = softmax(r)_k for a fixed context (Gumbel-max).
    n, K = 40_000, 4
    inst = preference.make_kwise(KEY, n, K, THETA)
    phi0 = inst.phi[0]
    fixed = preference.KWise(phi=jnp.broadcast_to(phi0, inst.phi.shape), ranking=None, theta_star=THETA)
    noisy = fixed.phi @ THETA + jax.random.gumbel(jax.random.PRNGKey(9), (n, K))
    freq = jnp.bincount(jnp.argmax(noisy, axis=1), length=K) / n
    np.testing.assert_allclose(freq, jax.nn.softmax(phi0 @ THETA), atol=1e-2)


def test_pl_mle_and_split_mle_are_consistent():
    inst = preference.make_kwise(KEY, 20_000, 4, THETA)
    assert float(jnp.linalg.norm(preference.pl_mle(inst, iters=15) - THETA)) < 0.08
    split = preference.split_pairwise(inst, lam=1e-6)
    assert split.X.shape == (6 * 20_000, 4)
    assert float(jnp.linalg.norm(logistic.empirical_minimizer(split, iters=15) - THETA)) < 0.1


def test_sigma_norm():
    X = jnp.array([[1.0, 0.0], [0.0, 2.0]])
    np.testing.assert_allclose(preference.sigma_norm(X, jnp.array([1.0, 1.0])), np.sqrt(2.5))
