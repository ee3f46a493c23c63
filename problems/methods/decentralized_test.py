"""Tests for problems.methods.decentralized."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.distributed import graphs
from problems.methods import decentralized


def test_one_step_by_hand():
    w = jnp.array([[0.5, 0.5], [0.5, 0.5]])
    x = jnp.array([[1.0, 0.0], [3.0, 2.0]])
    g = jnp.array([[1.0, 1.0], [0.0, -1.0]])
    np.testing.assert_allclose(decentralized.gossip_sgd_step(w, x, g, 0.1), [[1.9, 0.9], [2.0, 1.1]])
    np.testing.assert_allclose(decentralized.gossip_sgd_step_atc(w, x, g, 0.1), [[1.95, 1.0], [1.95, 1.0]])
    xs, ys = decentralized.decentralized_sgda_step(w, x, x, g, g, 0.1, 0.2)
    np.testing.assert_allclose(xs, [[1.9, 0.9], [2.0, 1.1]])
    np.testing.assert_allclose(ys, [[2.2, 1.2], [2.0, 0.8]])
    np.testing.assert_allclose(decentralized.consensus_distance(x), 2.0)


def test_gossip_contracts_consensus_at_rate_rho():
    g = graphs.make("ring", 10)
    x = jax.random.normal(jax.random.key(0, impl="rbg"), (10, 3))
    step = jax.jit(lambda x: decentralized.gossip_sgd_step(g.W, x, jnp.zeros_like(x), 0.1))
    x1 = step(x)
    assert decentralized.consensus_distance(x1) <= g.rho**2 * decentralized.consensus_distance(x)
    np.testing.assert_allclose(x1.mean(0), x.mean(0), atol=1e-12)  # average preserved
