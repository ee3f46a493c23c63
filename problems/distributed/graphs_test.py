"""Tests for problems.distributed.graphs."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.distributed import graphs

KEY = jax.random.key(5, impl="rbg")


@pytest.mark.parametrize(
    "kind, n, weights",
    [
        ("ring", 8, "metropolis"),
        ("ring", 7, "lazy-metropolis"),
        ("torus", 9, "metropolis"),
        ("complete", 6, "metropolis"),
        ("complete", 6, "uniform"),
        ("star", 5, "metropolis"),
        ("exponential", 8, "metropolis"),
        ("erdos-renyi", 10, "lazy-metropolis"),
    ],
)
def test_mixing_matrix_ground_truth(kind, n, weights):
    g = graphs.make(kind, n, key=KEY, p=0.5, weights=weights)
    w = np.asarray(g.W)
    np.testing.assert_allclose(w, w.T, atol=1e-14)
    np.testing.assert_allclose(w.sum(0), 1.0, atol=1e-12)
    np.testing.assert_allclose(w.sum(1), 1.0, atol=1e-12)
    assert (w >= -1e-15).all()
    assert ((w > 0) <= (np.asarray(g.adjacency) + np.eye(n) > 0)).all()  # respects edges
    eigs = np.sort(np.linalg.eigvalsh(w))
    np.testing.assert_allclose(eigs[-1], 1.0, atol=1e-12)
    gap = 1 - max(abs(eigs[-2]), abs(eigs[0]))
    np.testing.assert_allclose(g.spectral_gap, gap, atol=1e-10)
    assert graphs.is_connected(g.adjacency)
    if weights == "lazy-metropolis":
        assert eigs[0] >= -1e-12


def test_known_gaps():
    # Ring with MH weights (all degrees 2): W = I/3 + (shift + shift^T)/3,
    # eigenvalues (1 + 2 cos(2 pi k / n))/3.
    n = 8
    g = graphs.make("ring", n)
    lam = (1 + 2 * np.cos(2 * np.pi * np.arange(n) / n)) / 3
    np.testing.assert_allclose(g.rho, np.sort(np.abs(lam))[-2], atol=1e-12)
    np.testing.assert_allclose(graphs.make("complete", 5, weights="uniform").spectral_gap, 1.0)
    assert graphs.make("exponential", 16).spectral_gap > graphs.make("ring", 16).spectral_gap


@pytest.mark.parametrize("n", [6, 7])
def test_random_matchings(n):
    ws = graphs.random_matchings(KEY, n, 4000)
    np.testing.assert_allclose(ws.sum(1), 1.0)
    np.testing.assert_allclose(ws, jnp.swapaxes(ws, 1, 2))
    mean = np.asarray(ws.mean(0))
    eigs = np.sort(np.linalg.eigvalsh(mean))
    np.testing.assert_allclose(1 - eigs[-2], graphs.expected_matching_gap(n), atol=0.03)
    batched = jax.jit(jax.vmap(lambda k: graphs.random_matchings(k, n, 3)))(jax.random.split(KEY, 2))
    assert batched.shape == (2, 3, n, n)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: graphs.make("hypercube", 4), "kind"),
        (lambda: graphs.make("ring", 0), "n"),
        (lambda: graphs.erdos_renyi(KEY, 30, 0.01), "adjacency"),
        (lambda: graphs.erdos_renyi(KEY, 5, 1.5), "p"),
        (lambda: graphs.make("ring", 5, weights="uniform"), "weights"),
        (lambda: graphs.make("ring", 5, weights="max-degree"), "weights"),
    ],
)
def test_validation(call, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        call()
