"""Tests for problems.generalization.pairwise."""

import itertools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.generalization import pairwise

KEY = jax.random.key(3, impl="rbg")


def _brute_value(p, w):
    n = p.X.shape[0]
    a = np.asarray(p.X @ w - p.y)
    point = 0.5 * np.mean(a**2)
    pair = np.mean([0.5 * (a[i] - a[j]) ** 2 for i, j in itertools.permutations(range(n), 2)])
    return float(p.tau) * point + (1 - float(p.tau)) * pair + 0.5 * float(p.lam) * float(w @ w)


def test_value_matches_pair_sum_and_grad_matches_autodiff():
    p = pairwise.make(KEY, 9, 4, tau=0.3, lam=0.1)
    w = jnp.array([0.2, -0.5, 1.0, 0.3])
    np.testing.assert_allclose(pairwise.value(p, w), _brute_value(p, w), rtol=1e-12)
    np.testing.assert_allclose(pairwise.grad(p, w), jax.grad(lambda v: pairwise.value(p, v))(w), rtol=1e-10)


def test_pair_grads_average_to_grad():
    p = pairwise.make(KEY, 7, 3, tau=0.6, lam=0.05)
    w = jnp.array([0.4, -0.1, 0.8])
    pairs = list(itertools.permutations(range(7), 2))
    mean = np.mean([np.asarray(pairwise.pair_grad(p, w, i, j)) for i, j in pairs], axis=0)
    np.testing.assert_allclose(mean, pairwise.grad(p, w), rtol=1e-10)


def test_sample_pair_distinct_and_uniform():
    i, j = jax.vmap(lambda k: pairwise.sample_pair(k, 4))(jax.random.split(KEY, 24_000))
    assert bool(jnp.all(i != j))
    counts = np.bincount(np.asarray(i * 4 + j), minlength=16).reshape(4, 4)
    off = counts[~np.eye(4, dtype=bool)]
    assert off.min() > 1700 and off.max() < 2300  # 2000 expected each


def test_rrm_is_stationary_and_data_on_sphere():
    p = pairwise.make(KEY, 50, 6, tau=0.5, lam=0.03)
    np.testing.assert_allclose(jnp.linalg.norm(p.X, axis=1), 1.0, rtol=1e-12)
    assert float(jnp.max(jnp.abs(p.y))) <= 1.0
    np.testing.assert_allclose(pairwise.grad(p, pairwise.rrm(p)), 0.0, atol=1e-12)
    assert float(jnp.linalg.norm(pairwise.rrm(p))) <= float(pairwise.rrm_radius(p))


@pytest.mark.parametrize("tau", [0.0, 0.5, 1.0])
def test_replace_changes_one_sample_and_stability_bound_holds(tau):
    p = pairwise.make(KEY, 40, 5, tau=tau, lam=0.1)
    q = pairwise.replace(p, jax.random.key(9, impl="rbg"), 0)
    assert bool(jnp.all(q.X[1:] == p.X[1:])) and bool(jnp.any(q.X[0] != p.X[0]))
    gap = jnp.linalg.norm(pairwise.rrm(p) - pairwise.rrm(q))
    assert 0 < float(gap) <= float(pairwise.rrm_stability_bound(p, q))


def test_constructor_errors_name_the_parameter():
    with pytest.raises(ValueError, match="^tau"):
        pairwise.make(KEY, 10, 3, tau=1.5)
    with pytest.raises(ValueError, match="^n"):
        pairwise.make(KEY, 1, 3)
