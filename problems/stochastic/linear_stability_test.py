"""Tests for problems.stochastic.linear_stability."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.stochastic import linear_stability as ls

KEY = jax.random.key(4)


def test_single_sample_is_gd():
    # n = 1: SGD is GD, the threshold is 2/||x||^2 and lr_c tr(H) = 2 exactly.
    x = jax.random.normal(KEY, (1, 5))
    lr = ls.critical_lr(x)
    np.testing.assert_allclose(lr, 2.0 / jnp.sum(x**2), rtol=1e-8)
    np.testing.assert_allclose(lr, ls.gd_critical_lr(x), rtol=1e-8)


def test_operator_matches_simulated_second_moment():
    X = jax.random.normal(KEY, (3, 6))
    lr = 0.1
    A = ls._coordinates(X)
    S = jnp.eye(3) + 0.1
    P = [jnp.eye(3) - lr * jnp.outer(a, a) for a in A]
    direct = sum(p @ S @ p for p in P) / 3
    np.testing.assert_allclose(
        (ls.second_moment_operator(X, lr) @ S.reshape(-1)).reshape(3, 3), direct, atol=1e-12
    )


def test_threshold_separates_stable_and_unstable():
    X = jax.random.normal(KEY, (6, 12))
    lr = ls.critical_lr(X)
    assert ls.spectral_radius(X, 0.99 * lr) <= 1.0
    assert ls.spectral_radius(X, 1.01 * lr) > 1.0
    assert lr <= ls.gd_critical_lr(X)
