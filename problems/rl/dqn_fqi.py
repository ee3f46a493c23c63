"""Fitted Q-iteration variants that remove one ingredient of DQN's analysis (tabular MDPs).

  incremental_bellman  Q + η(TQ − Q): one gradient step of size η on the squared regression loss
                       ½‖Q − TQ_k‖² per target update, i.e. the regression onto the frozen target
                       is not solved before the target moves (DQN without a held target network).
                       The map is a contraction with factor exactly 1 − η(1 − γ) > γ for η < 1.
  buffered_bellman     sampled FQI whose n regression samples per (s, a) are drawn with
                       replacement from a replay buffer of `buffer` fresh transitions: the samples
                       are not i.i.d. from the generative model, the effective sample size
                       saturates at the buffer size, and the statistical error stops falling
                       with n once n ≫ buffer.
Both use problems.rl.tabular_mdp's MDP and operators; nothing here changes them.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks
from problems.rl import tabular_mdp


def incremental_bellman(m: tabular_mdp.MDP, q: jax.Array, step: float) -> jax.Array:
    """(1 − η)Q + η·TQ: one regression step of size η = `step` toward the current target."""
    _checks.require("step", step, lambda s: (s > 0) & (s <= 1), "in (0, 1]")
    return q + step * (tabular_mdp.bellman(m, q) - q)


def buffered_bellman(m: tabular_mdp.MDP, key: jax.Array, q: jax.Array, n, buffer: int) -> jax.Array:
    """T̂Q from n draws (with replacement) out of `buffer` fresh next states per (s, a)."""
    buffer = _checks.positive_int("buffer", buffer)
    k_fill, k_draw = jax.random.split(key)
    stored = jax.random.multinomial(k_fill, buffer, m.P)  # buffer counts per next state
    counts = jax.random.multinomial(k_draw, n, stored / buffer)
    return m.R + m.gamma * (counts / n) @ jnp.max(q, axis=-1)
