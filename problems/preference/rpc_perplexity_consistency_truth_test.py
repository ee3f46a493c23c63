"""Tests for problems.preference.rpc_perplexity_consistency_truth: closed form against Monte Carlo."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.preference import rpc_perplexity_consistency_truth as truth
from problems.preference import self_consistency

KEY = jax.random.PRNGKey(2)


def _monte_carlo(inst, n, tau, draws=10_000):
    keep = inst.p >= tau if tau is not None else jnp.ones_like(inst.p, bool)
    w = jnp.where((inst.answer == 0) & keep, inst.p, 0.0) / jnp.sum(jnp.where(keep, inst.p, 0.0))
    paths = jax.random.categorical(KEY, jnp.log(inst.p), shape=(draws, n))
    seen = jax.vmap(lambda s: jnp.zeros(inst.p.shape[0], bool).at[s].set(True))(paths)
    est = seen @ w
    return float(jnp.mean((est - self_consistency.answer_prob(inst)) ** 2))


def test_unpruned_equals_the_unsampled_mass_mse():
    inst = self_consistency.make(KEY, 30, 3, 5.0)
    n = jnp.array([1.0, 8.0, 64.0])
    np.testing.assert_allclose(truth.pc_mse_vs_truth(inst, n), self_consistency.pc_mse(inst, n), rtol=1e-12)
    assert abs(float(truth.pruning_bias(inst))) < 1e-15


def test_pruned_mse_against_truth_matches_monte_carlo():
    inst = self_consistency.make(KEY, 30, 3, 5.0, tail_paths=400, tail_mass=0.2)
    for n in (4, 32):
        exact = float(truth.pc_mse_vs_truth(inst, n, tau=1e-3)[0])
        # The Monte-Carlo error of 10⁴ draws is a few percent.
        np.testing.assert_allclose(_monte_carlo(inst, n, 1e-3), exact, rtol=0.1)


def test_pruned_error_floor_is_the_squared_bias():
    inst = self_consistency.make(KEY, 30, 3, 5.0, tail_paths=400, tail_mass=0.2)
    b = float(truth.pruning_bias(inst, tau=1e-3))
    assert abs(b) > 0.05
    np.testing.assert_allclose(float(truth.pc_mse_vs_truth(inst, 5000, tau=1e-3)[0]), b**2, rtol=1e-9)
