"""Compressors and error-feedback methods for communication-compressed distributed SGD.

Compressors C: R^d -> R^d (flattened arrays; `k` static):
  top_k(x, k)                 keep the k largest |x_i|: contractive,
                              ||C(x) - x||^2 <= (1 - k/d) ||x||^2
  rand_k(key, x, k, unbiased) keep k uniformly random coordinates; unbiased=True scales by
                              d/k (E C(x) = x, E||C(x)||^2 = d/k ||x||^2), else contractive
                              with E||C(x) - x||^2 = (1 - k/d) ||x||^2
Error-feedback steps over n workers (rows of the (n, d) arrays); `compress(key, v)` acts on
one worker's vector (use functools.partial / lambda to fix k):
  ef14_step   (Seide et al. 2014; Stich & Karimireddy 2020):
              m_i = C(e_i + lr g_i);  e_i+ = e_i + lr g_i - m_i;  x+ = x - mean_i m_i
  ef21_step   (Richtarik, Sokolov, Fatkhullin 2021):
              x+ = x - lr mean_i h_i;  c_i = C(grad_i(x+) - h_i);  h_i+ = h_i + c_i
  econtrol_step (Gao, Islamov, Stich 2024, "EControl"): e_i, h_i per worker,
              delta_i = C(eta e_i + g_i - h_i);  x+ = x - lr mean_i (h_i + delta_i);
              e_i+ = e_i + g_i - h_i - delta_i;  h_i+ = h_i + delta_i
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

from problems import _checks


def top_k(x: jax.Array, k: int) -> jax.Array:
    """Keep the k entries of largest magnitude (over the flattened array), zero the rest."""
    k = _checks.positive_int("k", k)
    flat = jnp.ravel(x)
    if k > flat.shape[0]:
        raise ValueError(f"k must be <= size {flat.shape[0]}, got {k}")
    _, idx = jax.lax.top_k(jnp.abs(flat), k)
    return jnp.zeros_like(flat).at[idx].set(flat[idx]).reshape(x.shape)


def rand_k(key: jax.Array, x: jax.Array, k: int, unbiased: bool = False) -> jax.Array:
    """Keep k uniformly random coordinates (without replacement); scale d/k if unbiased."""
    k = _checks.positive_int("k", k)
    flat = jnp.ravel(x)
    d = flat.shape[0]
    if k > d:
        raise ValueError(f"k must be <= size {d}, got {k}")
    _, idx = jax.lax.top_k(jax.random.uniform(key, (d,)), k)
    scale = d / k if unbiased else 1.0
    return jnp.zeros_like(flat).at[idx].set(scale * flat[idx]).reshape(x.shape)


Compressor = Callable[[jax.Array, jax.Array], jax.Array]


def _per_worker(compress: Compressor, key: jax.Array, v: jax.Array) -> jax.Array:
    return jax.vmap(compress)(jax.random.split(key, v.shape[0]), v)


def ef14_step(compress: Compressor, key, x, e, g, lr):
    """EF14 / error feedback. x: (d,), e, g: (n, d). Returns (x+, e+)."""
    v = e + lr * g
    m = _per_worker(compress, key, v)
    return x - m.mean(0), v - m


def ef21_step(compress: Compressor, key, x, h, grads: Callable, lr):
    """EF21. h: (n, d) gradient estimates; grads(x) -> (n, d) worker gradients at x.

    Returns (x+, h+). Initialize h = grads(x0) (or its compression).
    """
    x_new = x - lr * h.mean(0)
    c = _per_worker(compress, key, grads(x_new) - h)
    return x_new, h + c


def econtrol_step(compress: Compressor, key, x, e, h, g, lr, eta):
    """EControl step with error e and gradient-shift h (both (n, d)); g: (n, d) stochastic grads.

    Returns (x+, e+, h+). eta in (0, 1] controls the error feedback strength.
    """
    delta = _per_worker(compress, key, eta * e + g - h)
    x_new = x - lr * (h + delta).mean(0)
    return x_new, e + g - h - delta, h + delta
