"""Finite (tabular) discounted MDPs with exact Q*, Bellman operators and a generative model.

  MDP              P (S, A, S) transition kernel, R (S, A) mean rewards in [0, r_max], discount γ,
                   and the exact optimal action-value function Q* (value iteration to γ^K < 1e-16,
                   then exact evaluation of its greedy policy by a linear solve).
  bellman          (T Q)(s, a) = R(s, a) + γ Σ_s' P(s'|s, a) max_a' Q(s', a')  (a γ-contraction
                   in ‖·‖∞ with fixed point Q*).
  sampled_bellman  the same with P(·|s, a) replaced by the empirical law of n next states drawn
                   from the generative model for every (s, a) (multinomial counts): one
                   iteration of tabular fitted Q-iteration (least squares on one-hot features
                   is the per-pair sample mean of the targets r + γ max_a' Q(s', a')).
  policy_q         exact Q^π of a deterministic policy (linear solve); `greedy` the greedy policy.
Static: `n_states`, `n_actions`, `gamma` (a Python float, it sets the value-iteration length).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class MDP(NamedTuple):
    P: jax.Array  # (S, A, S) rows sum to 1
    R: jax.Array  # (S, A) mean rewards in [0, r_max]
    gamma: jax.Array
    q_star: jax.Array  # (S, A) exact optimal action values
    r_max: jax.Array


def bellman(m: MDP, q: jax.Array) -> jax.Array:
    """Bellman optimality operator T Q = R + γ P max_a Q."""
    return m.R + m.gamma * m.P @ jnp.max(q, axis=-1)


def sampled_bellman(m: MDP, key: jax.Array, q: jax.Array, n: int) -> jax.Array:
    """T̂ Q with n fresh next-state samples per (s, a) from the generative model."""
    counts = jax.random.multinomial(key, n, m.P)
    return m.R + m.gamma * (counts / n) @ jnp.max(q, axis=-1)


def greedy(q: jax.Array) -> jax.Array:
    """Greedy deterministic policy (S,) of Q."""
    return jnp.argmax(q, axis=-1)


def policy_q(m: MDP, policy: jax.Array) -> jax.Array:
    """Exact Q^π of the deterministic policy π: V = (I − γ P_π)^{-1} r_π, Q = R + γ P V."""
    s = m.R.shape[0]
    idx = jnp.arange(s)
    p_pi, r_pi = m.P[idx, policy], m.R[idx, policy]
    v = jnp.linalg.solve(jnp.eye(s) - m.gamma * p_pi, r_pi)
    return m.R + m.gamma * m.P @ v


def random_mdp(
    key: jax.Array, n_states: int, n_actions: int, gamma: float = 0.9, concentration: float = 1.0
) -> MDP:
    """Random MDP: rows of P ~ Dirichlet(concentration · 1), rewards R ~ U[0, 1] (r_max = 1)."""
    n_states = _checks.positive_int("n_states", n_states)
    n_actions = _checks.positive_int("n_actions", n_actions)
    _checks.require("gamma", gamma, lambda g: 0 < g < 1, "in (0, 1)")
    _checks.require("concentration", concentration, lambda c: c > 0, "> 0")
    gamma = float(gamma)
    k_p, k_r = jax.random.split(key)
    P = jax.random.dirichlet(k_p, jnp.full(n_states, float(concentration)), (n_states, n_actions))
    R = jax.random.uniform(k_r, (n_states, n_actions))
    m = MDP(P=P, R=R, gamma=jnp.asarray(gamma), q_star=jnp.zeros_like(R), r_max=jnp.asarray(1.0))
    n_iter = int(math.ceil(math.log(1e-16) / math.log(gamma))) + 10
    q = jax.lax.fori_loop(0, n_iter, lambda i, q: bellman(m, q), jnp.zeros_like(R))
    return m._replace(q_star=policy_q(m, greedy(q)))
