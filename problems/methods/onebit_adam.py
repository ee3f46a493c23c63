"""1-bit Adam's compression stage: error-compensated scaled-sign compression of momentum.

Tang et al., "1-bit Adam: Communication Efficient Large-Scale Training with Adam's Convergence
Speed", ICML 2021, arXiv:2102.02888, Algorithm 1. After a warm-up with plain Adam (use
optax.adam), Adam's second moment v is frozen and used as a fixed preconditioner; every step
then communicates 1-bit compressed momentum with error feedback on both sides:

  worker i:  m_i = beta1 m + (1 - beta1) g_i;  c_i = C(m_i + e_i);  e_i <- m_i + e_i - c_i
  server:    a = mean_i c_i;  c = C(a + e_s);  e_s <- a + e_s - c
  all:       m <- c;  x <- x - lr m / (sqrt(v) + eps)

C is the scaled sign `scaled_sign(x) = (||x||_1 / d) sign(x)`, the l2-optimal scale for a sign
vector, which is contractive: ||C(x) - x||^2 = ||x||^2 - ||x||_1^2 / d <= (1 - 1/d) ||x||^2.
`error_feedback=False` drops e_i and e_s (plain compression, the ablation). The uncompressed
reference is `momentum_step`: m <- beta1 m + (1 - beta1) mean_i g_i with the same preconditioner.
Pure and jit/vmap-safe; rows of (n, d) arrays are workers.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp


def scaled_sign(x: jax.Array) -> jax.Array:
    """(||x||_1 / d) sign(x) along the last axis (1 bit per coordinate plus one scale)."""
    return jnp.mean(jnp.abs(x), axis=-1, keepdims=True) * jnp.sign(x)


class OneBitState(NamedTuple):
    x: jax.Array  # (d,) model
    m: jax.Array  # (d,) shared momentum
    e_workers: jax.Array  # (n, d) worker-side compression errors
    e_server: jax.Array  # (d,) server-side compression error


def init(x, m, num_workers: int) -> OneBitState:
    """Compression-stage state from the warm-up's model and momentum, zero errors."""
    x = jnp.asarray(x, dtype=float)
    return OneBitState(x, jnp.asarray(m, dtype=float), jnp.zeros((num_workers,) + x.shape), jnp.zeros_like(x))


def onebit_step(
    state: OneBitState, G: jax.Array, v: jax.Array, lr, beta1=0.9, eps=1e-8, error_feedback: bool = True
) -> OneBitState:
    """One compression-stage step with worker gradients G (n, d) and frozen second moment v."""
    M = beta1 * state.m + (1.0 - beta1) * G
    fb = 1.0 if error_feedback else 0.0
    C = scaled_sign(M + fb * state.e_workers)
    e_workers = fb * (M + state.e_workers - C)
    a = jnp.mean(C, axis=0)
    c = scaled_sign(a + fb * state.e_server)
    e_server = fb * (a + state.e_server - c)
    return OneBitState(state.x - lr * c / (jnp.sqrt(v) + eps), c, e_workers, e_server)


def momentum_step(x, m, G: jax.Array, v: jax.Array, lr, beta1=0.9, eps=1e-8):
    """Uncompressed reference: m <- beta1 m + (1 - beta1) mean_i g_i; x <- x - lr m/(sqrt(v)+eps)."""
    m = beta1 * m + (1.0 - beta1) * jnp.mean(G, axis=0)
    return x - lr * m / (jnp.sqrt(v) + eps), m
