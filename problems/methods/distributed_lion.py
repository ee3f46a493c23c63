"""Distributed Lion (Liu et al. 2024, arXiv:2404.00438): sign updates aggregated by a server.

Worker i keeps its own Lion momentum m_i and sends the binary vector
    delta_i = sign(b1 m_i + (1 - b1) g_i),     m_i <- b2 m_i + (1 - b2) g_i
(optax.scale_by_lion applied elementwise to the stacked (N, d) worker gradients). The server
aggregates Delta = majority_vote(delta) = sign(sum_i delta_i) (ties give 0) or
Delta = average(delta) = (1/N) sum_i delta_i, and every worker applies
    x <- x - lr (Delta + wd x)                (decoupled weight decay, as in Lion).
Both aggregates lie in [-1, 1]^d, so the box F = {|x_j| <= 1/wd} attracts: the l_inf
distance to F contracts at least by (1 - lr wd) per step (`box_distance`).

  init(num_workers, dim, b1, b2)   stacked optax Lion states
  worker_signs(state, G, b1, b2)   (deltas, new state)
  majority_vote(deltas), average(deltas)
  server_step(x, Delta, lr, wd)
  box_distance(x, wd)              max_j (|x_j| - 1/wd)_+
Pure and jit/vmap-safe; the gradient oracle is the caller's.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import optax


def _lion(b1, b2) -> optax.GradientTransformation:
    return optax.scale_by_lion(b1=b1, b2=b2)


def init(num_workers: int, dim: int, b1=0.9, b2=0.99):
    """Per-worker Lion states (momenta zero), stacked along axis 0."""
    if num_workers < 1:
        raise ValueError(f"num_workers must be >= 1, got {num_workers}")
    if dim < 1:
        raise ValueError(f"dim must be >= 1, got {dim}")
    return _lion(b1, b2).init(jnp.zeros((num_workers, dim)))


def worker_signs(state, G: jax.Array, b1=0.9, b2=0.99):
    """Each worker's binary update sign(b1 m_i + (1 - b1) g_i) and its momentum update (optax)."""
    return _lion(b1, b2).update(G, state)


def majority_vote(deltas: jax.Array) -> jax.Array:
    """sign(sum_i delta_i): the per-coordinate majority (0 on a tie)."""
    return jnp.sign(jnp.sum(deltas, axis=0))


def average(deltas: jax.Array) -> jax.Array:
    """(1/N) sum_i delta_i."""
    return jnp.mean(deltas, axis=0)


def server_step(x: jax.Array, Delta: jax.Array, lr, wd) -> jax.Array:
    """x <- x - lr (Delta + wd x)."""
    return x - lr * (Delta + wd * x)


def box_distance(x: jax.Array, wd) -> jax.Array:
    """l_inf distance from x to the box {||x||_inf <= 1/wd}."""
    return jnp.max(jnp.maximum(jnp.abs(x) - 1.0 / wd, 0.0))
