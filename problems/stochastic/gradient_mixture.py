"""Mixing an unbiased high-variance and a biased low-variance gradient estimator.

Model (the bias-variance setting of BVPO, Zhu et al. 2025, arXiv 2510.05095): at any point the
true (marginal) gradient is g, and two estimators are available,
    g_t = g + zeta + xi_t                 unbiased; xi_t ~ N(0, sigma_trace^2 I) is the
                                          trace-sampling noise (high variance),
    g_e = g + b + zeta + xi_e             biased by a fixed vector b; xi_e ~ N(0, sigma_empty^2 I)
                                          (low variance),
where zeta ~ N(0, sigma_shared^2 I) is noise both estimators share (the sampled prompt/pair),
and zeta, xi_t, xi_e are independent and independent of the point. The mixture is
g_c(alpha) = alpha g_t + (1 - alpha) g_e.

Ground truth (d = dimension, e_. = g_. - g):
  V_t = E||e_t||^2 = d (sigma_shared^2 + sigma_trace^2),
  V_e = E||e_e||^2 = ||b||^2 + d (sigma_shared^2 + sigma_empty^2),
  C   = E<e_t, e_e> = d sigma_shared^2,
  MSE(alpha) = E||g_c - g||^2 = alpha^2 V_t + (1 - alpha)^2 V_e + 2 alpha (1 - alpha) C
             = d sigma_shared^2 + alpha^2 d sigma_trace^2 + (1 - alpha)^2 (||b||^2 + d sigma_empty^2),
  alpha*     = argmin MSE = (V_e - C) / (V_t + V_e - 2C)     (`optimal_weight`, any moments)
             = (||b||^2 + d sigma_empty^2) / (||b||^2 + d sigma_empty^2 + d sigma_trace^2),
  trace-induced variance of g_c = alpha^2 d sigma_trace^2.

SGD on a quadratic f(x) = 1/2 (x - x*)^T A (x - x*) with x <- x - lr g_c(alpha) (0 < lr eig < 2)
has a stationary law with E grad f = -(1 - alpha) b and, because the noise is isotropic,
  lim E||grad f(x_t)||^2 = (1 - alpha)^2 ||b||^2 + s^2 sum_i lr eig_i / (2 - lr eig_i),
s^2 = sigma_shared^2 + alpha^2 sigma_trace^2 + (1 - alpha)^2 sigma_empty^2 (`sgd_grad_plateau`).

Static argument: `dim`. Every other field may be traced.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class Mixture(NamedTuple):
    """The two estimators' error model: bias vector and the three noise scales."""

    bias: jax.Array  # (d,) bias b of the empty-trace estimator
    sigma_shared: jax.Array  # () per-coordinate std of the noise both estimators share
    sigma_trace: jax.Array  # () per-coordinate std of the trace-sampling noise (g_t only)
    sigma_empty: jax.Array  # () per-coordinate std of the empty-trace estimator's own noise


def make(
    key: jax.Array, dim: int, bias_norm=1.0, sigma_shared=0.3, sigma_trace=1.0, sigma_empty=0.1
) -> Mixture:
    """Error model in dimension `dim` with a bias of norm `bias_norm` in a uniform direction."""
    dim = _checks.positive_int("dim", dim)
    _checks.require("bias_norm", bias_norm, lambda v: v >= 0, ">= 0")
    for name, v in (
        ("sigma_shared", sigma_shared),
        ("sigma_trace", sigma_trace),
        ("sigma_empty", sigma_empty),
    ):
        _checks.require(name, v, lambda s: s >= 0, ">= 0")
    u = jax.random.normal(key, (dim,))
    return Mixture(
        bias=bias_norm * u / jnp.linalg.norm(u),
        sigma_shared=jnp.asarray(sigma_shared, dtype=float),
        sigma_trace=jnp.asarray(sigma_trace, dtype=float),
        sigma_empty=jnp.asarray(sigma_empty, dtype=float),
    )


def errors(p: Mixture, key: jax.Array) -> tuple[jax.Array, jax.Array]:
    """One draw of the errors (e_t, e_e) = (g_t - g, g_e - g)."""
    k_s, k_t, k_e = jax.random.split(key, 3)
    d = p.bias.shape[0]
    shared = p.sigma_shared * jax.random.normal(k_s, (d,))
    e_t = shared + p.sigma_trace * jax.random.normal(k_t, (d,))
    e_e = p.bias + shared + p.sigma_empty * jax.random.normal(k_e, (d,))
    return e_t, e_e


def mixed_gradient(p: Mixture, key: jax.Array, g: jax.Array, alpha) -> jax.Array:
    """g_c = alpha g_t + (1 - alpha) g_e at true gradient g."""
    e_t, e_e = errors(p, key)
    return g + alpha * e_t + (1.0 - alpha) * e_e


def moments(p: Mixture) -> tuple[jax.Array, jax.Array, jax.Array]:
    """(V_t, V_e, C) = (E||e_t||^2, E||e_e||^2, E<e_t, e_e>)."""
    d = p.bias.shape[0]
    v_t = d * (p.sigma_shared**2 + p.sigma_trace**2)
    v_e = p.bias @ p.bias + d * (p.sigma_shared**2 + p.sigma_empty**2)
    return v_t, v_e, d * p.sigma_shared**2


def mse_from_moments(v_t, v_e, c, alpha):
    """E||alpha e_t + (1 - alpha) e_e||^2 from the second moments."""
    return alpha**2 * v_t + (1.0 - alpha) ** 2 * v_e + 2.0 * alpha * (1.0 - alpha) * c


def optimal_weight(v_t, v_e, c):
    """Unconstrained minimizer (V_e - C) / (V_t + V_e - 2C) of `mse_from_moments` over alpha."""
    return (v_e - c) / (v_t + v_e - 2.0 * c)


def mse(p: Mixture, alpha) -> jax.Array:
    """MSE(alpha) = E||g_c(alpha) - g||^2 in closed form."""
    return mse_from_moments(*moments(p), alpha)


def optimal_alpha(p: Mixture) -> jax.Array:
    """alpha* = (||b||^2 + d sigma_empty^2) / (||b||^2 + d sigma_empty^2 + d sigma_trace^2)."""
    return optimal_weight(*moments(p))


def trace_variance(p: Mixture, alpha) -> jax.Array:
    """Trace-induced variance of g_c(alpha): alpha^2 d sigma_trace^2."""
    return alpha**2 * p.bias.shape[0] * p.sigma_trace**2


def sgd_grad_plateau(p: Mixture, eigs: jax.Array, lr, alpha) -> jax.Array:
    """Stationary E||grad f||^2 of SGD with g_c(alpha) on a quadratic with Hessian eigenvalues eigs.

    Needs 0 < lr * eigs < 2 (the isotropic noise makes the Hessian's eigenvectors irrelevant).
    """
    s2 = p.sigma_shared**2 + alpha**2 * p.sigma_trace**2 + (1.0 - alpha) ** 2 * p.sigma_empty**2
    h = lr * jnp.asarray(eigs)
    return (1.0 - alpha) ** 2 * (p.bias @ p.bias) + s2 * jnp.sum(h / (2.0 - h))
