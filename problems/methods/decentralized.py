"""Decentralized (gossip) SGD and SGDA steps on stacked per-node iterates.

Node i holds row i of X (shape (n, d)); W is a gossip matrix (problems.distributed.graphs).

  gossip_sgd_step        X+ = W X - lr G    (D-SGD: x_i = sum_j W_ij x_j - lr g_i;
                         Lian et al. 2017, Koloskova et al. 2020)
  gossip_sgd_step_atc    X+ = W (X - lr G)            (adapt-then-combine variant)
  decentralized_sgda_step  X+ = W X - lr_x Gx,  Y+ = W Y + lr_y Gy   (descent in x, ascent in y)
  consensus_distance     (1/n) sum_i ||x_i - xbar||^2
Pure and jit/vmap-safe; the gradient oracle is the caller's.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp


def gossip_sgd_step(W: jax.Array, X: jax.Array, G: jax.Array, lr) -> jax.Array:
    """w_i <- sum_j W_ij w_j - lr g_i for all nodes (G[i] = g_i evaluated at the old w_i)."""
    return W @ X - lr * G


def gossip_sgd_step_atc(W: jax.Array, X: jax.Array, G: jax.Array, lr) -> jax.Array:
    """Adapt-then-combine: w_i <- sum_j W_ij (w_j - lr g_j)."""
    return W @ (X - lr * G)


def decentralized_sgda_step(W, X, Y, Gx, Gy, lr_x, lr_y):
    """Gossip SGDA for min_x max_y: x_i <- sum_j W_ij x_j - lr_x gx_i, y_i <- ... + lr_y gy_i.

    Returns (X+, Y+). Gx, Gy are the per-node partial gradients at the old (x_i, y_i).
    """
    return W @ X - lr_x * Gx, W @ Y + lr_y * Gy


def consensus_distance(X: jax.Array) -> jax.Array:
    """(1/n) sum_i ||x_i - mean_j x_j||^2."""
    return jnp.mean(jnp.sum((X - X.mean(0, keepdims=True)) ** 2, axis=-1))
