"""Tests for problems.stochastic.markov_dsgd_stability_chains."""

import jax
import numpy as np

from problems.stochastic import markov_dsgd_stability_chains as chains

KEY = jax.random.key(7, impl="rbg")


def test_matrix_is_stochastic_with_uniform_stationary_law_and_gap():
    p = chains.complete_walk_matrix(6, 0.5)
    np.testing.assert_allclose(p.sum(1), 1.0)
    np.testing.assert_allclose(np.ones(6) @ p / 6, np.ones(6) / 6)
    eigs = np.sort(np.linalg.eigvalsh(p))
    np.testing.assert_allclose(eigs[-2], 0.5)


def test_walk_holds_with_the_laziness_and_is_uniform():
    path = np.asarray(chains.lazy_complete_walk(KEY, 5, 100_000, laziness=0.5))
    assert path.shape == (100_000,)
    # a step keeps the state w.p. laziness + (1 − laziness)/n
    np.testing.assert_allclose(np.mean(np.diff(path) == 0), 0.5 + 0.5 / 5, atol=0.01)
    np.testing.assert_allclose(np.bincount(path, minlength=5) / path.size, 0.2, atol=0.01)


def test_start_and_vmap():
    keys = jax.random.split(KEY, 4)
    paths = jax.jit(jax.vmap(lambda k: chains.lazy_complete_walk(k, 9, 12, start=3)))(keys)
    assert paths.shape == (4, 12)
    assert np.all(np.asarray(paths)[:, 0] == 3)
    iid = np.asarray(chains.lazy_complete_walk(KEY, 4, 50_000, laziness=0.0))
    np.testing.assert_allclose(np.mean(np.diff(iid) == 0), 0.25, atol=0.01)
