"""Clipped private SGD without clipping bias: the DiceSGD direction, per-sample clipping,
and a least-squares testbed whose per-sample gradients are asymmetric.

  clip(g, C) = g * min(1, C/||g||)                            (per sample, l2)
  DPSGD-GC (Abadi et al. 2016): v_t = mean_i clip(g_i, C) (+ noise); optax has it as
      optax.contrib.differentially_private_aggregate.
  DiceSGD (Zhang, Bu, Wu & Hong, "Differentially Private SGD Without Clipping Bias: An
  Error-Feedback Approach", ICLR 2024, arXiv:2311.14632, Algorithm 1):
      v_t     = mean_i clip(g_i, C1) + clip(e_t, C2)
      e_{t+1} = e_t + mean_i g_i - v_t
      x_{t+1} = x_t - eta (v_t + w_t),   w_t the DP noise (the caller's).
  The error buffer e accumulates what clipping removed and feeds it back, so a fixed point
  of DiceSGD (with w = 0) has mean_i g_i = 0; a fixed point of DPSGD-GC only has
  mean_i clip(g_i, C) = 0, which is not stationary when the g_i are clipped asymmetrically.

Testbed `skewed_least_squares`: rows x_i ~ N(0, I_d), y = X w_true + (Exp(scale) - scale)
(mean-zero, right-skewed residuals), as a problems.convex.least_squares.LeastSquares; per-sample
gradients g_i(w) = x_i (<x_i, w> - y_i) (`per_sample_grads`). At w_star the per-sample
gradients x_i r_i with skewed r_i clip asymmetrically, so DPSGD-GC's fixed point is biased.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks
from problems.convex import least_squares


def skewed_least_squares(key: jax.Array, n: int, d: int, scale=2.0) -> least_squares.LeastSquares:
    """Least squares with Gaussian rows and centred Exp(scale) residuals; w_true ~ N(0, I)."""
    n = _checks.positive_int("n", n)
    d = _checks.positive_int("d", d)
    _checks.require("scale", scale, lambda s: s > 0, "> 0")
    k_x, k_w, k_e = jax.random.split(key, 3)
    X = jax.random.normal(k_x, (n, d))
    w_true = jax.random.normal(k_w, (d,))
    y = X @ w_true + scale * (jax.random.exponential(k_e, (n,)) - 1.0)
    return least_squares.from_data(X, y, w_true=w_true, noise=scale)


def per_sample_grads(p: least_squares.LeastSquares, w: jax.Array) -> jax.Array:
    """(n, d) rows g_i = x_i (<x_i, w> - y_i) + lam w (mean over rows = least_squares.grad)."""
    return p.X * (p.X @ w - p.y)[:, None] + p.lam * w[None, :]


def clip(g: jax.Array, C) -> jax.Array:
    """l2 clipping of the last axis: g * min(1, C/||g||) (C = 0 gives 0)."""
    norm = jnp.linalg.norm(g, axis=-1, keepdims=True)
    return g * jnp.minimum(1.0, C / jnp.maximum(norm, 1e-300))


def dicesgd_direction(grads: jax.Array, e: jax.Array, C1, C2) -> tuple[jax.Array, jax.Array]:
    """(v_t, e_{t+1}) of DiceSGD from per-sample grads (b, d) and the error buffer e (d,)."""
    v = jnp.mean(clip(grads, C1), axis=0) + clip(e, C2)
    return v, e + jnp.mean(grads, axis=0) - v
