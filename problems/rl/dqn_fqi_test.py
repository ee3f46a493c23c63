"""Tests for problems.rl.dqn_fqi."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.rl import dqn_fqi
from problems.rl import tabular_mdp as tm

M = tm.random_mdp(jax.random.PRNGKey(0), 6, 3, gamma=0.8)


def test_incremental_bellman_is_the_bellman_operator_at_step_one():
    q = jax.random.normal(jax.random.PRNGKey(1), M.R.shape)
    np.testing.assert_allclose(dqn_fqi.incremental_bellman(M, q, 1.0), tm.bellman(M, q), atol=1e-14)
    np.testing.assert_allclose(dqn_fqi.incremental_bellman(M, M.q_star, 0.5), M.q_star, atol=1e-12)


def test_incremental_bellman_contracts_at_one_minus_step_times_one_minus_gamma():
    rate = 1.0 - 0.5 * (1.0 - 0.8)
    q = jax.lax.fori_loop(0, 200, lambda i, q: dqn_fqi.incremental_bellman(M, q, 0.5), jnp.zeros_like(M.R))
    err = float(jnp.max(jnp.abs(q - M.q_star)))
    scale = float(jnp.max(M.q_star))
    assert err <= rate**200 * scale * 1.0001
    assert err >= rate**200 * float(jnp.min(M.q_star)) * 0.9999  # R ≥ 0, Q_0 = 0: attained


def test_buffered_bellman_is_unbiased_and_saturates_at_the_buffer_size():
    q = jax.random.normal(jax.random.PRNGKey(2), M.R.shape)
    keys = jax.random.split(jax.random.PRNGKey(3), 400)
    draws = {n: jax.vmap(lambda k: dqn_fqi.buffered_bellman(M, k, q, n, 16))(keys) for n in (256, 2048)}
    np.testing.assert_allclose(draws[256].mean(0), tm.bellman(M, q), atol=0.06)
    spread = [float(draws[n].std(0).mean()) for n in (256, 2048)]
    np.testing.assert_allclose(spread[0] / spread[1], 1.0, rtol=0.15)  # no n^{-1/2} beyond the buffer
