"""Tests for problems.rl.rl_planning_pg_collapse."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.rl import rl_planning_pg_collapse as plan

KEY = jax.random.PRNGKey(0)
DAG = plan.DIAMOND


def test_diamond_paths_and_uniform_policy():
    assert DAG.correct.sum() == 4 and len(DAG.correct) == 5
    pi = plan.policy(DAG, jnp.zeros(DAG.succ.shape))
    np.testing.assert_allclose(plan.success(DAG, pi), 2.0 / 3.0)
    np.testing.assert_allclose(plan.path_diversity(DAG, pi), 1.0)
    with pytest.raises(ValueError, match="path"):
        plan.make_dag({0: (1,)}, target=1)


def test_q_learning_converges_to_equal_values_on_correct_paths():
    def body(t, q):
        return plan.q_learning_step(DAG, q, jax.random.fold_in(KEY, t), 0.5)

    q = jax.jit(lambda q: jax.lax.fori_loop(0, 300, body, q))(jnp.zeros(DAG.succ.shape))
    np.testing.assert_allclose(q[0, :3], [1.0, 1.0, 0.0], atol=1e-6)
    pi = plan.boltzmann(DAG, q, 0.1)
    np.testing.assert_allclose(plan.path_diversity(DAG, pi), 1.0, atol=1e-6)


def test_reinforce_only_moves_on_success_and_entropy_bonus_pulls_to_uniform():
    logits = jnp.zeros(DAG.succ.shape).at[0, 2].set(50.0)
    np.testing.assert_allclose(plan.reinforce_step(DAG, logits, KEY, 1.0), logits, atol=1e-12)
    skewed = jnp.zeros(DAG.succ.shape).at[1, 0].set(2.0)
    pi = plan.policy(DAG, skewed)
    grad = plan._entropy_gradient(pi)
    assert float(grad[1, 0]) < 0 < float(grad[1, 1])
