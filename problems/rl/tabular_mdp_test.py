"""Tests for problems.rl.tabular_mdp."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.rl import tabular_mdp as tm

M = tm.random_mdp(jax.random.PRNGKey(0), 6, 3, gamma=0.8)


def test_kernel_is_stochastic():
    np.testing.assert_allclose(M.P.sum(-1), 1.0, atol=1e-12)
    assert float(M.P.min()) >= 0 and 0 <= float(M.R.min()) and float(M.R.max()) <= 1


def test_q_star_is_the_fixed_point():
    np.testing.assert_allclose(tm.bellman(M, M.q_star), M.q_star, atol=1e-12)
    # and it is the value of its own greedy policy, which no deterministic policy beats
    np.testing.assert_allclose(tm.policy_q(M, tm.greedy(M.q_star)), M.q_star, atol=1e-12)
    other = jnp.zeros(6, dtype=int)
    assert bool(jnp.all(tm.policy_q(M, other) <= M.q_star + 1e-12))


def test_bellman_contracts_at_gamma():
    q = jax.random.normal(jax.random.PRNGKey(1), M.R.shape)
    lhs = jnp.max(jnp.abs(tm.bellman(M, q) - M.q_star))
    assert float(lhs) <= 0.8 * float(jnp.max(jnp.abs(q - M.q_star))) + 1e-12


def test_sampled_bellman_is_unbiased_and_concentrates():
    q = jax.random.normal(jax.random.PRNGKey(2), M.R.shape)
    keys = jax.random.split(jax.random.PRNGKey(3), 4000)
    draws = jax.vmap(lambda k: tm.sampled_bellman(M, k, q, 8))(keys)
    np.testing.assert_allclose(draws.mean(0), tm.bellman(M, q), atol=0.03)
    spread = [
        float(jax.vmap(lambda k: tm.sampled_bellman(M, k, q, n))(keys[:500]).std(0).mean()) for n in (8, 128)
    ]
    np.testing.assert_allclose(spread[0] / spread[1], 4.0, rtol=0.15)  # sd ∝ n^{-1/2}


@pytest.mark.parametrize(
    "kwargs,name",
    [
        (dict(n_states=0), "n_states"),
        (dict(n_actions=0), "n_actions"),
        (dict(gamma=1.0), "gamma"),
        (dict(concentration=0.0), "concentration"),
    ],
)
def test_constructor_errors_name_the_parameter(kwargs, name):
    args = dict(n_states=3, n_actions=2, gamma=0.9) | kwargs
    with pytest.raises(ValueError, match=f"^{name}"):
        tm.random_mdp(jax.random.PRNGKey(0), **args)
