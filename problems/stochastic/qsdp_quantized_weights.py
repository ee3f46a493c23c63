"""Gradient descent that only keeps quantized weights: rounding to a uniform grid after every step.

The setting of Markov, Vladu, Guo, Alistarh, "Quantized Distributed Training of Large Models with
Convergence Guarantees" (QSDP), ICML 2023, arXiv:2302.02390: the iterate lives on the grid δℤ^d,
x_{t+1} = Q(x_t − η ∇f(x_t)). `stochastic_round` is the unbiased quantizer (round up with
probability equal to the fractional position, E Q(u) = u, variance ≤ δ²/4 per coordinate);
`nearest_round` the deterministic one, under which a step shorter than δ/2 in every coordinate
is undone, so the iterate stalls.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks


def stochastic_round(key: jax.Array, x, delta) -> jax.Array:
    """Unbiased rounding of x to δℤ: up with probability frac(x/δ), else down."""
    _checks.require("delta", delta, lambda v: v > 0, "> 0")
    scaled = x / delta
    low = jnp.floor(scaled)
    up = jax.random.uniform(key, jnp.shape(x)) < scaled - low
    return (low + up) * delta


def nearest_round(x, delta) -> jax.Array:
    """Deterministic rounding of x to the nearest point of δℤ."""
    _checks.require("delta", delta, lambda v: v > 0, "> 0")
    return jnp.round(x / delta) * delta


def quantized_step(key: jax.Array, x, grad, lr, delta, stochastic: bool = True) -> jax.Array:
    """x ← Q(x − lr·grad): one gradient step whose result is rounded back to the grid."""
    moved = x - lr * grad
    return stochastic_round(key, moved, delta) if stochastic else nearest_round(moved, delta)
