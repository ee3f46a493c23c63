"""Tests for problems.generalization.garbage_to_gold_latent."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.generalization import garbage_to_gold_latent as g2g

KEY = jax.random.PRNGKey(0)


def test_make_validates():
    with pytest.raises(ValueError, match="^n_proxies"):
        g2g.make(KEY, 0)
    with pytest.raises(ValueError, match="^loadings"):
        g2g.make(KEY, 5, loadings="diagonal")


def test_excess_matches_monte_carlo():
    model = g2g.make(KEY, 8)
    exact = g2g.excess_mse(model, 0.5, 0.7)
    mc = g2g.simulated_excess_mse(model, 0.5, 0.7, jax.random.PRNGKey(1), 400_000)
    np.testing.assert_allclose(mc, exact, rtol=0.02)


def test_many_proxies_beat_few_and_rank1_has_a_floor():
    model = g2g.make(KEY, 400)
    assert g2g.excess_mse(model, 1.0, 0.0) < 0.05 * g2g.excess_mse(g2g.first_proxies(model, 3), 1.0, 0.0)
    rank1 = g2g.make(KEY, 400, loadings="rank1")
    v = rank1.loadings[0] / jnp.linalg.norm(rank1.loadings[0])
    beta_perp = rank1.beta - (rank1.beta @ v) * v
    assert g2g.excess_mse(rank1, 1.0, 0.0) >= float(beta_perp @ beta_perp) - 1e-12
