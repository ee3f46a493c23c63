"""Least squares and ridge regression with a planted model and label noise.

    data:  X in R^{n x d} (rows x_i), y = X w_true + noise * eps,  eps ~ N(0, I_n)
    f(w) = 1/(2n) ||X w - y||^2 + lam/2 ||w||^2
    f_i(w) = 1/2 (<x_i, w> - y_i)^2 + lam/2 ||w||^2     (so f = mean_i f_i)

Ground truth: the exact minimizer w_star = (X^T X / n + lam I)^{-1} X^T y / n, f_star,
the Hessian spectrum (L, mu, eigs), and the population risk under x ~ N(0, Sigma) when the
design is Gaussian. Rows are x_i = Sigma^{1/2} z_i with Sigma's eigenvalues from
`quadratics.spectrum(d, kappa, spectrum)` (identity by default).

Static arguments: `n`, `d`, `spectrum`. `noise`, `lam`, `kappa` may be traced.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks
from problems._linalg import random_orthogonal
from problems.convex import quadratics


class LeastSquares(NamedTuple):
    """Regularized least squares instance with ground truth."""

    X: jax.Array  # (n, d) design
    y: jax.Array  # (n,) responses
    w_true: jax.Array  # (d,) planted parameter
    lam: jax.Array  # () ridge parameter
    noise: jax.Array  # () label-noise standard deviation
    cov: jax.Array  # (d, d) population covariance Sigma of the rows
    w_star: jax.Array  # (d,) exact empirical minimizer
    f_star: jax.Array  # () optimal empirical value
    L: jax.Array  # () largest eigenvalue of X^T X / n + lam I
    mu: jax.Array  # () smallest eigenvalue of X^T X / n + lam I
    eigs: jax.Array  # (d,) ascending Hessian eigenvalues
    L_max: jax.Array  # () max_i ||x_i||^2 + lam (smoothness of each f_i, for SGD step sizes)


def make(
    key: jax.Array,
    n: int,
    d: int,
    noise=0.1,
    lam=0.0,
    kappa=1.0,
    spectrum: str = "uniform",
    w_true=None,
) -> LeastSquares:
    """Gaussian-design least squares (ridge when lam > 0). Rows x_i ~ N(0, Sigma).

    Sigma = Q diag(s) Q^T with s = quadratics.spectrum(d, kappa, spectrum) (identity for
    kappa = 1). w_true ~ N(0, I_d / d) unless given.
    """
    n = _checks.positive_int("n", n)
    d = _checks.positive_int("d", d)
    _checks.require("noise", noise, lambda v: v >= 0, ">= 0")
    _checks.require("lam", lam, lambda v: v >= 0, ">= 0")
    k_q, k_x, k_w, k_e = jax.random.split(key, 4)
    s = quadratics.spectrum(d, kappa, spectrum, 1.0)
    q = random_orthogonal(k_q, d)
    cov = (q * s[None, :]) @ q.T
    x = jax.random.normal(k_x, (n, d)) * jnp.sqrt(s)[None, :] @ q.T
    if w_true is None:
        w_true = jax.random.normal(k_w, (d,)) / jnp.sqrt(d)
    w_true = jnp.asarray(w_true, dtype=float)
    y = x @ w_true + noise * jax.random.normal(k_e, (n,))
    return from_data(x, y, lam=lam, w_true=w_true, noise=noise, cov=cov)


def from_data(X, y, lam=0.0, w_true=None, noise=0.0, cov=None) -> LeastSquares:
    """Least-squares instance from given data; computes the exact minimizer and spectrum."""
    X = jnp.asarray(X, dtype=float)
    y = jnp.asarray(y, dtype=float)
    n, d = X.shape
    if y.shape != (n,):
        raise ValueError(f"y must have shape ({n},), got {y.shape}")
    lam = jnp.asarray(lam, dtype=float)
    h = X.T @ X / n + lam * jnp.eye(d)
    eigs = jnp.linalg.eigvalsh(h)
    w_star = jnp.linalg.solve(h, X.T @ y / n)
    f_star = 0.5 * jnp.mean((X @ w_star - y) ** 2) + 0.5 * lam * w_star @ w_star
    return LeastSquares(
        X=X,
        y=y,
        w_true=jnp.zeros(d) if w_true is None else jnp.asarray(w_true, dtype=float),
        lam=lam,
        noise=jnp.asarray(noise, dtype=float),
        cov=jnp.eye(d) if cov is None else jnp.asarray(cov, dtype=float),
        w_star=w_star,
        f_star=f_star,
        L=eigs[-1],
        mu=eigs[0],
        eigs=eigs,
        L_max=jnp.max(jnp.sum(X**2, axis=1)) + lam,
    )


def value(p: LeastSquares, w: jax.Array) -> jax.Array:
    """f(w) = 1/(2n) ||X w - y||^2 + lam/2 ||w||^2."""
    r = p.X @ w - p.y
    return 0.5 * jnp.mean(r**2) + 0.5 * p.lam * w @ w


def grad(p: LeastSquares, w: jax.Array) -> jax.Array:
    """grad f(w) = X^T (X w - y) / n + lam w."""
    return p.X.T @ (p.X @ w - p.y) / p.X.shape[0] + p.lam * w


def sample_grad(p: LeastSquares, w: jax.Array, idx: jax.Array) -> jax.Array:
    """Mini-batch gradient over the rows `idx` (int array, shape (b,)): mean_i grad f_i(w)."""
    xb, yb = p.X[idx], p.y[idx]
    return xb.T @ (xb @ w - yb) / idx.shape[0] + p.lam * w


def population_risk(p: LeastSquares, w: jax.Array) -> jax.Array:
    """E_(x,y) 1/2 (<x, w> - y)^2 = 1/2 (w - w_true)^T Sigma (w - w_true) + noise^2 / 2.

    Exact for the Gaussian-design model of `make` (no ridge term).
    """
    d = w - p.w_true
    return 0.5 * d @ (p.cov @ d) + 0.5 * p.noise**2


def excess_risk(p: LeastSquares, w: jax.Array) -> jax.Array:
    """population_risk(w) - noise^2 / 2 = 1/2 ||w - w_true||_Sigma^2."""
    d = w - p.w_true
    return 0.5 * d @ (p.cov @ d)
