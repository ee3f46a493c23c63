"""Low-rank matrix sensing in the population ("identity-sensing") limit.

With m -> infinity isotropic Gaussian measurements the sensing loss tends to its
expectation, so GD on the factorized model sees the exact population losses

    symmetric   f(X)    = 1/4 ||X X^T - M*||_F^2,   grad = (X X^T - M*) X,      X in R^{n x k}
    asymmetric  f(F, G) = 1/2 ||F G^T - M*||_F^2,   grad = (R G, R^T F),  R = F G^T - M*

with M* = U* U*^T (PSD, rank r) or U* V*^T. The factor rank k >= r (over-parameterized when
k > r). This is the testbed of Xiong, Ding, Du, "How Over-Parameterization Slows Down
Gradient Descent in Matrix Sensing" (2023, arXiv:2310.01769), and of Stoger &
Soltanolkotabi (2021); problems.recovery.matrix_sensing has the finite-m Gaussian version.
M* has orthonormal factors scaled by sqrt(sigma) with all r singular values equal to
`scale` (M* = scale * u u^T for r = 1). Static: n, rank, k, symmetric.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks
from problems._linalg import random_orthogonal


class IdentitySensing(NamedTuple):
    """Population matrix sensing: ground truth M* = U* V*^T (V* = U* when symmetric)."""

    M_star: jax.Array  # (n, n)
    U_star: jax.Array  # (n, r)
    V_star: jax.Array  # (n, r)


def make(key: jax.Array, n: int, rank: int, symmetric: bool = True, scale=1.0) -> IdentitySensing:
    """Random rank-`rank` ground truth with equal singular values `scale` (Haar factors)."""
    n = _checks.positive_int("n", n)
    rank = _checks.positive_int("rank", rank)
    if rank > n:
        raise ValueError(f"rank must be <= n = {n}, got {rank}")
    _checks.require("scale", scale, lambda s: s > 0, "> 0")
    k_u, k_v = jax.random.split(key)
    u = random_orthogonal(k_u, n)[:, :rank] * jnp.sqrt(scale)
    v = u if symmetric else random_orthogonal(k_v, n)[:, :rank] * jnp.sqrt(scale)
    return IdentitySensing(M_star=u @ v.T, U_star=u, V_star=v)


def init(key: jax.Array, n: int, k: int, scale, asymmetric: bool = False):
    """Small random init X0 = scale * N(0, 1)^{n x k}; asymmetric: independent (F0, G0)."""
    n = _checks.positive_int("n", n)
    k = _checks.positive_int("k", k)
    _checks.require("scale", scale, lambda s: s > 0, "> 0")
    k_f, k_g = jax.random.split(key)
    f0 = scale * jax.random.normal(k_f, (n, k))
    if not asymmetric:
        return f0
    return f0, scale * jax.random.normal(k_g, (n, k))


def loss_sym(p: IdentitySensing, X: jax.Array) -> jax.Array:
    """1/4 ||X X^T - M*||_F^2."""
    return 0.25 * jnp.sum((X @ X.T - p.M_star) ** 2)


def grad_sym(p: IdentitySensing, X: jax.Array) -> jax.Array:
    """(X X^T - M*) X (M* symmetric)."""
    return (X @ X.T - p.M_star) @ X


def loss(p: IdentitySensing, F: jax.Array, G: jax.Array) -> jax.Array:
    """1/2 ||F G^T - M*||_F^2."""
    return 0.5 * jnp.sum((F @ G.T - p.M_star) ** 2)


def grads(p: IdentitySensing, F: jax.Array, G: jax.Array):
    """(R G, R^T F) with R = F G^T - M*."""
    r = F @ G.T - p.M_star
    return r @ G, r.T @ F


def error(p: IdentitySensing, F: jax.Array, G: jax.Array | None = None) -> jax.Array:
    """||F G^T - M*||_F^2 (G = F when omitted): the squared Frobenius error the paper bounds."""
    G = F if G is None else G
    return jnp.sum((F @ G.T - p.M_star) ** 2)
