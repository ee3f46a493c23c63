"""Finite sums of affine cocoercive operators whose components have distinct zeros.

    F_i(z) = M_i (z - c_i),   M_i = A^{1/2} (I + E_i) A^{1/2},   F = (1/n) sum_i F_i,

with A = Q diag(eigs) Q^T, E_i symmetric, sum_i E_i = 0 and max ||E_i|| = spread < 1, so each
M_i is PSD with ||M_i|| <= (1 + spread) ||A|| (each F_i is ||M_i||-cocoercive, being the gradient
of a convex quadratic) and the mean Jacobian is exactly A. The zeros c_i = z_bar + offset u_i are
distinct, so the single-sample operator F_i(z*) is not zero at the solution z*: an estimator
without variance reduction keeps a noise floor there (the testbed of a finite-sum inclusion that
is not interpolating). Used by claims/optimization/vr_halpern.py.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems.convex import quadratics
from problems.methods import minmax


class ComponentSum(NamedTuple):
    """F_i(z) = M[i] (z - c[i]); the mean operator is F(z) = A z - b with zero z_star."""

    M: jax.Array  # (n, d, d) component Jacobians
    c: jax.Array  # (n, d) component zeros
    A: jax.Array  # (d, d) mean Jacobian
    b: jax.Array  # (d,) mean offset: F(z) = A z - b
    z_star: jax.Array  # (d,) zero of F
    L: jax.Array  # () max_i ||M_i|| (every component L-cocoercive)


def make(key: jax.Array, n: int, dim: int, kappa: float, spread: float, offset: float) -> ComponentSum:
    """n components in dimension dim, mean spectrum log-uniform on [1/kappa, 1] (rotated)."""
    k_q, k_e, k_c, k_u = jax.random.split(key, 4)
    q = quadratics.make(k_q, dim, kappa=kappa, spectrum="log-uniform")
    w, V = jnp.linalg.eigh(q.A)
    root = (V * jnp.sqrt(jnp.maximum(w, 0.0))) @ V.T
    E = jax.random.normal(k_e, (n, dim, dim))
    E = 0.5 * (E + jnp.swapaxes(E, 1, 2))
    E = E - E.mean(0)
    E = spread * E / jnp.max(jnp.linalg.norm(E, ord=2, axis=(1, 2)))
    M = jnp.einsum("ij,njk,kl->nil", root, jnp.eye(dim) + E, root)
    c = jax.random.normal(k_c, (dim,)) + offset * jax.random.normal(k_u, (n, dim))
    b = jnp.einsum("nij,nj->i", M, c) / n
    z_star = jnp.linalg.solve(q.A, b)
    L = jnp.max(jnp.linalg.norm(M, ord=2, axis=(1, 2)))
    return ComponentSum(M=M, c=c, A=q.A, b=b, z_star=z_star, L=L)


def component(problem: ComponentSum, i, z: jax.Array) -> jax.Array:
    """F_i(z) = M_i (z - c_i) (i may be traced)."""
    return problem.M[i] @ (z - problem.c[i])


def mean(problem: ComponentSum, z: jax.Array) -> jax.Array:
    """F(z) = (1/n) sum_i F_i(z) = A z - b."""
    return problem.A @ z - problem.b


def noise_at_solution(problem: ComponentSum) -> jax.Array:
    """sqrt((1/n) sum_i ||F_i(z*)||^2): the single-sample estimator's noise at the solution."""
    r = jnp.einsum("nij,nj->ni", problem.M, problem.z_star[None, :] - problem.c)
    return jnp.sqrt(jnp.mean(jnp.sum(r**2, axis=1)))


def stochastic_halpern_step(problem: ComponentSum, key: jax.Array, z, z0, k, lr):
    """Halpern on the forward map with the plain single-sample estimate g = F_i(z) (no variance
    reduction): minmax.halpern_step on the forward map z - lr g, i.e.
    z+ = beta_k z0 + (1 - beta_k)(z - lr g), beta_k = 1/(k+2), i uniform."""
    i = jax.random.randint(key, (), 0, problem.M.shape[0])
    return minmax.halpern_step(minmax.forward_map(lambda w: component(problem, i, w), lr), z, z0, k)
