"""Two-domain least squares balanced by upsampling (temperature sampling) or upweighting (scalarization).

Model (the two strategies of Li et al. 2025, "Upsample or Upweight?", arXiv 2410.04579): domain k
holds n_k points (a_i, b_i) with per-point loss l_i(x) = 1/2 (a_i^T x - b_i)^2, and the balanced
objective puts mixture weight p_k on domain k,
    F(x) = sum_k p_k mean_{i in k} l_i(x) = sum_i q_i l_i(x),    q_i = p_k / n_k for i in domain k.
Two unbiased stochastic gradients of F from a batch of B indices:
    upsample  (temperature sampling): i ~ q,        g = mean_batch grad l_i(x),
    upweight  (scalarization):        i ~ uniform,  g = mean_batch N q_i grad l_i(x),
with N = sum_k n_k. Their full-batch gradients are the same vector sum_i q_i grad l_i(x), written
two ways (`full_grad_upsample`, `full_grad_upweight`). Per-index second moments at x:
    upsample  sum_i q_i ||grad l_i||^2,      upweight  N sum_i q_i^2 ||grad l_i||^2,
so with equal per-point gradient norms upsampling has the smaller one (N sum q_i^2 >= 1 by
Cauchy-Schwarz, equality iff q is uniform, i.e. p_k = n_k / N); `second_moments` computes both.

Data: a_i ~ N(0, I_d), b_i = a_i^T x_true + noise_k xi_i with a per-domain noise level.
Static arguments: `sizes`, `dim`, `batch`. Every other field may be traced.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks


class Domains(NamedTuple):
    """Stacked data of all domains with each point's mixture mass q_i (sums to 1)."""

    a: jax.Array  # (N, d) inputs
    b: jax.Array  # (N,) targets
    q: jax.Array  # (N,) mixture mass of each point, p_k / n_k
    cdf: jax.Array  # (N,) cumulative sum of q, for inverse-CDF sampling


def make(key, sizes, dim, weights, noise):
    """Domains of the given sizes with mixture weights `weights` and label-noise std `noise` per domain.

    `weights=None` means weights proportional to the sizes, stored as exactly uniform q = 1/N (then
    the two sampling schemes below draw the same indices with the same weights, bit for bit).
    """
    sizes = tuple(int(n) for n in sizes)
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"sizes: need at least two non-empty domains, got {sizes}")
    _checks.positive_int("dim", dim)
    if (weights is not None and len(weights) != len(sizes)) or len(noise) != len(sizes):
        raise ValueError("weights: one mixture weight and one noise level per domain")
    k_a, k_x, k_e = jax.random.split(key, 3)
    n_total = sum(sizes)
    a = jax.random.normal(k_a, (n_total, dim))
    x_true = jax.random.normal(k_x, (dim,))
    domain = np.repeat(np.arange(len(sizes)), sizes)
    scale = jnp.asarray(noise)[domain]
    b = a @ x_true + scale * jax.random.normal(k_e, (n_total,))
    if weights is None:
        q = jnp.full(n_total, 1.0 / n_total)
    else:
        q = jnp.asarray(weights)[domain] / jnp.asarray(sizes, dtype=a.dtype)[domain]
        q = q / jnp.sum(q)
    return Domains(a, b, q, jnp.cumsum(q))


def _inverse_cdf(cdf, u):
    """Indices i with cdf[i-1] <= u * cdf[-1] < cdf[i] (inverse-CDF sampling from uniforms u)."""
    return jnp.minimum(jnp.searchsorted(cdf, u * cdf[-1], side="right"), cdf.shape[0] - 1)


def objective(p: Domains, x):
    """F(x) = sum_i q_i 1/2 (a_i^T x - b_i)^2."""
    return 0.5 * jnp.sum(p.q * (p.a @ x - p.b) ** 2)


def minimizer(p: Domains):
    """argmin F: the q-weighted least-squares solution."""
    aq = p.a * p.q[:, None]
    return jnp.linalg.solve(aq.T @ p.a, aq.T @ p.b)


def per_point_grads(p: Domains, x):
    """(N, d) gradients grad l_i(x) = a_i (a_i^T x - b_i)."""
    return p.a * (p.a @ x - p.b)[:, None]


def full_grad_upsample(p: Domains, x):
    """Expected temperature-sampling gradient: E_{i~q} grad l_i(x)."""
    return p.a.T @ (p.q * (p.a @ x - p.b))


def full_grad_upweight(p: Domains, x):
    """Expected scalarization gradient: mean over all N points of N q_i grad l_i(x)."""
    n_total = p.q.shape[0]
    return jnp.mean(per_point_grads(p, x) * (n_total * p.q)[:, None], axis=0)


def stochastic_grad(p: Domains, x, key, batch, strategy):
    """Mini-batch gradient of F: 'upsample' draws i ~ q, 'upweight' draws i uniformly and weights N q_i.

    Both draw their indices by inverse-CDF sampling from the same uniforms of `key` (common
    random numbers: with uniform q the two schemes coincide exactly).
    """
    n_total = p.q.shape[0]
    u = jax.random.uniform(key, (batch,))
    uniform_mass = jnp.full(n_total, 1.0 / n_total)
    if strategy == "upsample":
        idx = _inverse_cdf(p.cdf, u)
        weight = jnp.ones(batch)
    elif strategy == "upweight":
        idx = _inverse_cdf(jnp.cumsum(uniform_mass), u)
        weight = p.q[idx] / uniform_mass[idx]
    else:
        raise ValueError(f"strategy: 'upsample' or 'upweight', got {strategy!r}")
    a = p.a[idx]
    residual = a @ x - p.b[idx]
    return jnp.mean(a * (weight * residual)[:, None], axis=0)


def second_moments(p: Domains, x):
    """Per-index second moments (upsample, upweight) of the two one-sample gradient estimators at x."""
    sq = jnp.sum(per_point_grads(p, x) ** 2, axis=1)
    n_total = p.q.shape[0]
    return jnp.sum(p.q * sq), n_total * jnp.sum(p.q**2 * sq)
