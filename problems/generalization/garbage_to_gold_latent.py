"""Latent-factor regression: predicting y from many error-prone proxies of a few latent factors.

Model (the data architecture of Lee-St. John et al. 2026, "From Garbage to Gold", arXiv
2603.12288, in its Gaussian linear form): latent factors z ~ N(0, I_r), outcome y = beta^T z + eps,
and p proxies
    x_j = a_j^T z + s_j + m_j,    s_j ~ N(0, sigma_s^2) structural uncertainty (a stochastic
                                   mapping from z to the proxy, irreducible),
                                   m_j ~ N(0, sigma_m^2) predictor (measurement) error,
with loadings a_j ~ N(0, I_r) ("full" rank) or a_j = c_j v for one fixed direction v ("rank1",
no shared-cause structure beyond one factor). "Cleaning" sets sigma_m = 0; sigma_s stays.

Ground truth: (x, y) are jointly Gaussian, so the Bayes predictor of y from x is linear and its
excess mean squared error over the oracle that knows z (MSE = Var eps) is
    E(A, sigma^2) = beta^T (I_r + A^T A / sigma^2)^{-1} beta,     sigma^2 = sigma_s^2 + sigma_m^2,
(Woodbury on Var(x) = A A^T + sigma^2 I_p; `excess_mse`), an r x r solve for any p. With full-rank
Gaussian loadings A^T A ~ Wishart(p, I_r) and E ~ sigma^2 ||beta||^2 / p; with rank-1 loadings
E >= ||beta_perp||^2 (the part of beta orthogonal to v) for every p.
Static arguments: `n_proxies`, `n_factors`, `loadings`.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks

LOADINGS = ("full", "rank1")


class LatentModel(NamedTuple):
    """Outcome weights on the latent factors and the proxies' loadings."""

    beta: jax.Array  # (r,) outcome weights
    loadings: jax.Array  # (p, r) proxy loadings A


def make(key, n_proxies, n_factors=3, loadings="full"):
    """beta ~ N(0, I_r) and p proxy loadings, Gaussian ('full') or all along one direction ('rank1')."""
    _checks.positive_int("n_proxies", n_proxies)
    _checks.positive_int("n_factors", n_factors)
    _checks.one_of("loadings", loadings, LOADINGS)
    k_beta, k_a, k_v = jax.random.split(key, 3)
    beta = jax.random.normal(k_beta, (n_factors,))
    if loadings == "full":
        a = jax.random.normal(k_a, (n_proxies, n_factors))
    else:
        v = jax.random.normal(k_v, (n_factors,))
        a = jax.random.normal(k_a, (n_proxies, 1)) * (v / jnp.linalg.norm(v))[None, :]
    return LatentModel(beta, a)


def first_proxies(model: LatentModel, count):
    """The model restricted to its first `count` proxies (a low-dimensional predictor set)."""
    return LatentModel(model.beta, model.loadings[:count])


def excess_mse(model: LatentModel, sigma_s, sigma_m):
    """Excess MSE of the Bayes (linear) predictor from the proxies over the oracle knowing z."""
    noise = sigma_s**2 + sigma_m**2
    a = model.loadings
    precision = jnp.eye(a.shape[1]) + a.T @ a / noise
    return model.beta @ jnp.linalg.solve(precision, model.beta)


def simulated_excess_mse(model: LatentModel, sigma_s, sigma_m, key, n_samples):
    """Monte-Carlo check of `excess_mse`: population-fitted linear predictor's MSE minus Var eps."""
    r = model.beta.shape[0]
    k_z, k_s, k_m = jax.random.split(key, 3)
    z = jax.random.normal(k_z, (n_samples, r))
    x = z @ model.loadings.T
    x = x + sigma_s * jax.random.normal(k_s, x.shape) + sigma_m * jax.random.normal(k_m, x.shape)
    cov_x = model.loadings @ model.loadings.T + (sigma_s**2 + sigma_m**2) * jnp.eye(x.shape[1])
    w = jnp.linalg.solve(cov_x, model.loadings @ model.beta)
    return jnp.mean((z @ model.beta - x @ w) ** 2)
