"""A smooth nonconvex matrix objective for Muon-type (orthogonalized) methods.

    f(X) = sum_ij log(1 + R_ij^2),   R = A X B - Y,   X in R^{m x n},
    grad f(X) = A^T (2 R / (1 + R^2)) B^T.

The Cauchy / log-cosh-like loss log(1 + r^2) is smooth (second derivative in [-1/4, 2]) and
nonconvex, so f is L-smooth with L <= 2 ||A||_2^2 ||B||_2^2 and nonconvex. With Y = A X* B
the global minimum is f* = 0 at X* (also a stationary point). A, B have i.i.d. N(0, 1/m)
and N(0, 1/n) entries (square by default), so ||A||_2, ||B||_2 = O(1).
Stationarity is measured in the nuclear norm ||grad f||_* (the dual of the spectral norm in
which orthogonalized updates are steepest descent).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class RobustMatrix(NamedTuple):
    """f(X) = sum log(1 + (A X B - Y)^2) with a planted X*."""

    A: jax.Array  # (m, m)
    B: jax.Array  # (n, n)
    Y: jax.Array  # (m, n) = A X* B
    X_star: jax.Array  # (m, n) planted global minimizer, f(X*) = 0


def make(key: jax.Array, m: int, n: int | None = None) -> RobustMatrix:
    """A, B Gaussian / sqrt(size), X* ~ N(0, 1) entries, Y = A X* B."""
    m = _checks.positive_int("m", m)
    n = m if n is None else _checks.positive_int("n", n)
    ka, kb, kx = jax.random.split(key, 3)
    A = jax.random.normal(ka, (m, m)) / jnp.sqrt(m)
    B = jax.random.normal(kb, (n, n)) / jnp.sqrt(n)
    X_star = jax.random.normal(kx, (m, n))
    return RobustMatrix(A, B, A @ X_star @ B, X_star)


def value(p: RobustMatrix, X: jax.Array) -> jax.Array:
    R = p.A @ X @ p.B - p.Y
    return jnp.sum(jnp.log1p(R * R))


def grad(p: RobustMatrix, X: jax.Array) -> jax.Array:
    R = p.A @ X @ p.B - p.Y
    return p.A.T @ (2.0 * R / (1.0 + R * R)) @ p.B.T


def nuclear_norm(G: jax.Array) -> jax.Array:
    """||G||_* = sum of singular values."""
    return jnp.sum(jnp.linalg.svd(G, compute_uv=False))
