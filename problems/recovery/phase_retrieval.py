"""Sparse phase retrieval with Gaussian measurements, and its first/second-order methods.

    data:  a_i ~ N(0, I_n) (rows of A in R^{m x n}),  y_i = (a_i^T x*)^2   (noiseless)
    x*:    s-sparse, uniformly random support, entries +-U[low, high]  (x_min = low)
    f(x) = 1/(4m) sum_i ((a_i^T x)^2 - y_i)^2                          (intensity loss)
    grad f(x) = 1/m sum_i ((a_i^T x)^2 - y_i)(a_i^T x) a_i
    Hess f(x) = 1/m sum_i (3 (a_i^T x)^2 - y_i) a_i a_i^T

Ground truth: x* (recovered only up to global sign: `distance` is
min(||x - x*||, ||x + x*||) / ||x*||), its support, x_min; f(+-x*) = 0 and grad f(+-x*) = 0.

Methods (pure functions of one iterate; s is static):
  spectral_init     sparse spectral initialization (support = top-s of 1/m sum_i y_i a_ij^2,
                    then the scaled leading eigenvector of 1/m sum_i y_i a_iS a_iS^T)
  newton_ht_step    Newton step with hard thresholding ("A Fast and Provable Algorithm for
                    Sparse Phase Retrieval", Cai, Long, Wen, Ying, ICLR 2024, arXiv 2309.02046):
                    the support S+ = top-s of |x - eta grad g(x)| with g the AMPLITUDE loss
                    1/(2m) sum_i (|a_i^T x| - sqrt(y_i))^2 (the paper's dual-loss strategy), then
                    the Newton step on the intensity loss f restricted to S+, with the
                    coordinates leaving the support set to zero.
  iht_step          hard-thresholded gradient descent  x+ = H_s(x - eta grad f(x))  (first order)

Static arguments: `n`, `s`, `m`. `low`, `high` may be traced.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks
from problems.methods import compression


class PhaseRetrieval(NamedTuple):
    """Sparse phase retrieval instance with ground truth."""

    A: jax.Array  # (m, n) Gaussian measurement vectors a_i as rows
    y: jax.Array  # (m,) intensities (a_i^T x*)^2
    x_star: jax.Array  # (n,) planted s-sparse signal
    support: jax.Array  # (n,) bool, support of x_star
    x_min: jax.Array  # () smallest nonzero |x*_j| lower limit (= low)


def make(key: jax.Array, n: int, s: int, m: int, low=1.0, high=2.0) -> PhaseRetrieval:
    """Gaussian sparse phase retrieval: s-sparse x* with entries +-U[low, high], m measurements."""
    n = _checks.positive_int("n", n)
    s = _checks.positive_int("s", s)
    m = _checks.positive_int("m", m)
    if s > n:
        raise ValueError(f"s must be <= n = {n}, got {s}")
    _checks.require("low", low, lambda v: v > 0, "> 0")
    _checks.require("high", high, lambda v: v >= low, ">= low")
    k_supp, k_mag, k_sign, k_a = jax.random.split(key, 4)
    idx = jax.random.choice(k_supp, n, (s,), replace=False)
    mag = jax.random.uniform(k_mag, (s,), minval=low, maxval=high)
    sign = jnp.where(jax.random.bernoulli(k_sign, 0.5, (s,)), 1.0, -1.0)
    x_star = jnp.zeros(n).at[idx].set(sign * mag)
    A = jax.random.normal(k_a, (m, n))
    y = (A @ x_star) ** 2
    return PhaseRetrieval(A, y, x_star, x_star != 0, jnp.asarray(low, dtype=x_star.dtype))


def value(p: PhaseRetrieval, x: jax.Array) -> jax.Array:
    """f(x) = 1/(4m) sum_i ((a_i^T x)^2 - y_i)^2."""
    return jnp.mean(((p.A @ x) ** 2 - p.y) ** 2) / 4.0


def grad(p: PhaseRetrieval, x: jax.Array) -> jax.Array:
    """grad f(x) = 1/m sum_i ((a_i^T x)^2 - y_i)(a_i^T x) a_i."""
    ax = p.A @ x
    return p.A.T @ ((ax**2 - p.y) * ax) / p.y.shape[0]


def amplitude_grad(p: PhaseRetrieval, x: jax.Array) -> jax.Array:
    """Gradient of the amplitude loss g(x) = 1/(2m) sum_i (|a_i^T x| - sqrt(y_i))^2."""
    ax = p.A @ x
    return p.A.T @ (ax - jnp.sqrt(p.y) * jnp.sign(ax)) / p.y.shape[0]


def hessian_rows(p: PhaseRetrieval, x: jax.Array, idx: jax.Array) -> jax.Array:
    """Rows idx of the Hessian: (1/m) A_idx^T diag(3 (Ax)^2 - y) A, shape (len(idx), n)."""
    w = 3.0 * (p.A @ x) ** 2 - p.y
    return (p.A[:, idx] * w[:, None]).T @ p.A / p.y.shape[0]


def hessian_on_support(p: PhaseRetrieval, x: jax.Array, idx: jax.Array) -> jax.Array:
    """H_{S,S} for S = idx: (1/m) A_S^T diag(3 (Ax)^2 - y) A_S, shape (len(idx), len(idx))."""
    w = 3.0 * (p.A @ x) ** 2 - p.y
    a_s = p.A[:, idx]
    return (a_s * w[:, None]).T @ a_s / p.y.shape[0]


def distance(p: PhaseRetrieval, x: jax.Array) -> jax.Array:
    """Relative error up to global sign: min(||x - x*||, ||x + x*||) / ||x*||."""
    d = jnp.minimum(jnp.linalg.norm(x - p.x_star), jnp.linalg.norm(x + p.x_star))
    return d / jnp.linalg.norm(p.x_star)


def top_s(v: jax.Array, s: int) -> jax.Array:
    """Indices of the s largest |v_j| (the support of the hard threshold H_s(v))."""
    return jax.lax.top_k(jnp.abs(v), s)[1]


def hard_threshold(v: jax.Array, s: int) -> jax.Array:
    """H_s(v): keep the s largest-magnitude entries of v, zero the rest."""
    return compression.top_k(v, s)


def spectral_init(p: PhaseRetrieval, s: int) -> jax.Array:
    """Sparse spectral initialization, scaled to norm sqrt(mean(y)) (E y = ||x*||^2)."""
    m = p.y.shape[0]
    idx = top_s(p.y @ p.A**2 / m, s)
    a_s = p.A[:, idx]
    y_mat = (a_s * p.y[:, None]).T @ a_s / m
    v = jnp.linalg.eigh(y_mat)[1][:, -1]
    return jnp.zeros(p.A.shape[1]).at[idx].set(jnp.sqrt(jnp.mean(p.y)) * v)


def newton_ht_step(p: PhaseRetrieval, x: jax.Array, s: int, eta) -> jax.Array:
    """One Newton step with hard thresholding.

    S+ = top-s of |x - eta grad g(x)| (g = amplitude loss); with T = old support minus S+, solve
    H_{S+,S+} d = grad_{S+} f(x) - H_{S+,T} x_T and set x+_{S+} = x_{S+} - d, x+ = 0 off S+.
    This is the minimizer of the quadratic model of f at x over {z : supp(z) in S+}.
    """
    m = p.y.shape[0]
    ax = p.A @ x
    # One pass of A^T for both gradients (intensity loss f and amplitude loss g).
    resid = jnp.stack([(ax**2 - p.y) * ax, ax - jnp.sqrt(p.y) * jnp.sign(ax)], axis=1)
    grads = p.A.T @ resid / m
    g, g_amp = grads[:, 0], grads[:, 1]
    idx = top_s(x - eta * g_amp, s)
    off = x.at[idx].set(0.0)  # x restricted to the coordinates that leave the support
    w = 3.0 * ax**2 - p.y
    a_s = p.A[:, idx]
    aw = (a_s * w[:, None]).T / m  # (s, m)
    h_ss = aw @ a_s
    rhs = g[idx] - aw @ (p.A @ off)  # H_{S+,T} x_T without forming the (s, n) rows
    d = jnp.linalg.solve(h_ss, rhs)
    return jnp.zeros_like(x).at[idx].set(x[idx] - d)


def iht_step(p: PhaseRetrieval, x: jax.Array, s: int, eta) -> jax.Array:
    """Hard-thresholded gradient descent: x+ = H_s(x - eta grad f(x))."""
    return hard_threshold(x - eta * grad(p, x), s)
