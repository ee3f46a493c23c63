"""Tests for problems.stochastic.index_sampling."""

import jax
import numpy as np
import pytest

from problems.stochastic import index_sampling

KEY = jax.random.key(4, impl="rbg")


@pytest.mark.parametrize("n, laziness", [(5, 0.5), (8, 0.75)])
def test_cycle_walk_matrix_and_gap(n, laziness):
    p = index_sampling.cycle_walk_matrix(n, laziness)
    np.testing.assert_allclose(p.sum(1), 1.0)
    np.testing.assert_allclose(np.ones(n) @ p / n, np.ones(n) / n)  # uniform stationary
    eigs = np.sort(np.linalg.eigvalsh(p))
    assert eigs[0] >= -1e-12  # PSD for laziness >= 1/2
    np.testing.assert_allclose(1 - eigs[-2], index_sampling.cycle_walk_spectral_gap(n, laziness))
    # Total variation from a point mass after t_mix_bound steps is <= 1/4.
    t = int(np.ceil(index_sampling.mixing_time_bound(n, laziness, 0.25)))
    dist = np.linalg.matrix_power(p, t)[0]
    assert 0.5 * np.abs(dist - 1 / n).sum() <= 0.25


def test_walk_moves_by_at_most_one_and_is_uniform():
    path = index_sampling.lazy_cycle_walk(KEY, 6, 60_000, laziness=0.5)
    d = np.mod(np.diff(np.asarray(path)), 6)
    assert set(np.unique(d)) <= {0, 1, 5}
    np.testing.assert_allclose(np.mean(d == 0), 0.5, atol=0.01)
    np.testing.assert_allclose(np.bincount(np.asarray(path), minlength=6) / 60_000, 1 / 6, atol=0.02)


def test_minibatches_and_iid_vmap():
    keys = jax.random.split(KEY, 3)
    b = jax.jit(jax.vmap(lambda k: index_sampling.minibatches(k, 10, 7, 4, replace=False)))(keys)
    assert b.shape == (3, 7, 4)
    assert all(len(set(row.tolist())) == 4 for row in np.asarray(b).reshape(-1, 4))
    i = jax.vmap(lambda k: index_sampling.iid_uniform(k, 10, 5))(keys)
    assert i.shape == (3, 5) and int(i.max()) < 10
    w = jax.vmap(lambda k: index_sampling.lazy_cycle_walk(k, 7, 9))(keys)
    assert w.shape == (3, 9)


@pytest.mark.parametrize(
    "fn, args, name",
    [
        (index_sampling.lazy_cycle_walk, (KEY, 0, 5), "n"),
        (index_sampling.lazy_cycle_walk, (KEY, 5, 5, 1.0), "laziness"),
        (index_sampling.minibatches, (KEY, 3, 2, 5, False), "b"),
    ],
)
def test_validation(fn, args, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        fn(*args)
