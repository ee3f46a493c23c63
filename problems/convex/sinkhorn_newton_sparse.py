"""Entropic optimal transport: Sinkhorn and Sinkhorn–Newton–Sparse (SNS) on the Lyapunov potential.

For a cost C ∈ R^{n×n}, marginals r, c (probability vectors) and inverse temperature η = 1/ε,
Sinkhorn maximizes the concave Lyapunov potential (Tang et al. 2024)

    f(x, y) = −(1/η) Σ_ij exp(η(−C_ij + x_i + y_j) − 1) + ⟨r, x⟩ + ⟨c, y⟩,

whose plan P_ij = exp(η(−C_ij + x_i + y_j) − 1) gives ∇f = (r − P1, c − Pᵀ1) and
∇²f = −η [[diag(P1), P], [Pᵀ, diag(Pᵀ1)]]. A Sinkhorn step maximizes f exactly in x, then in y
(log-sum-exp form). SNS runs Sinkhorn for a warm-up, then Newton steps with the Hessian's
off-diagonal block P replaced by its sparsification (the largest `keep` entries of each row;
`keep = 0` keeps only the diagonal blocks), solved densely, with a backtracking line search on f.
The error is the marginal violation ‖P1 − r‖₁ + ‖Pᵀ1 − c‖₁.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax.scipy.special import logsumexp

from problems import _checks


class Transport(NamedTuple):
    """An entropic OT instance."""

    cost: jax.Array  # (n, n)
    r: jax.Array  # (n,) source marginal
    c: jax.Array  # (n,) target marginal
    eta: jax.Array  # () inverse regularization 1/ε


def random_points(key: jax.Array, n: int, eta: float, dim: int = 2) -> Transport:
    """Uniform marginals on n i.i.d. uniform points in [0, 1]^dim each side, squared-distance cost."""
    n = _checks.positive_int("n", n)
    _checks.require("eta", eta, lambda v: v > 0, "> 0")
    k_a, k_b = jax.random.split(key)
    a, b = jax.random.uniform(k_a, (n, dim)), jax.random.uniform(k_b, (n, dim))
    cost = jnp.sum((a[:, None, :] - b[None, :, :]) ** 2, axis=-1)
    uniform = jnp.full(n, 1.0 / n)
    return Transport(cost=cost, r=uniform, c=uniform, eta=jnp.asarray(eta, dtype=float))


def plan(p: Transport, x: jax.Array, y: jax.Array) -> jax.Array:
    """P_ij = exp(η(−C_ij + x_i + y_j) − 1)."""
    return jnp.exp(p.eta * (-p.cost + x[:, None] + y[None, :]) - 1.0)


def potential(p: Transport, x: jax.Array, y: jax.Array) -> jax.Array:
    """The Lyapunov potential f(x, y)."""
    return -jnp.sum(plan(p, x, y)) / p.eta + p.r @ x + p.c @ y


def marginal_error(p: Transport, x: jax.Array, y: jax.Array) -> jax.Array:
    """‖P1 − r‖₁ + ‖Pᵀ1 − c‖₁."""
    pl = plan(p, x, y)
    return jnp.sum(jnp.abs(pl.sum(1) - p.r)) + jnp.sum(jnp.abs(pl.sum(0) - p.c))


def sinkhorn_step(p: Transport, x: jax.Array, y: jax.Array) -> tuple[jax.Array, jax.Array]:
    """Exact maximization of f in x, then in y (log-domain)."""
    x = (jnp.log(p.r) - logsumexp(p.eta * (-p.cost + y[None, :]) - 1.0, axis=1)) / p.eta
    y = (jnp.log(p.c) - logsumexp(p.eta * (-p.cost + x[:, None]) - 1.0, axis=0)) / p.eta
    return x, y


def sparsify_rows(pl: jax.Array, keep: int) -> jax.Array:
    """Keep the `keep` largest entries of each row of P (zero elsewhere); keep = 0 gives 0."""
    if keep == 0:
        return jnp.zeros_like(pl)
    threshold = jax.lax.top_k(pl, keep)[0][:, -1:]
    return jnp.where(pl >= threshold, pl, 0.0)


def newton_direction(p: Transport, x: jax.Array, y: jax.Array, keep: int) -> tuple[jax.Array, jax.Array]:
    """Ascent direction −H̃⁻¹∇f with H̃ the Hessian whose off-diagonal block is sparsified.

    H̃ is negative semidefinite with the null direction (1, −1), orthogonal to ∇f; a ridge of
    1e-12·η·max(P1) makes the dense solve well posed without changing the direction noticeably.
    """
    pl = plan(p, x, y)
    rows, cols = pl.sum(1), pl.sum(0)
    grad = jnp.concatenate([p.r - rows, p.c - cols])
    n = x.shape[0]
    if keep == 0:  # diagonal blocks only: the solve is a division
        step = grad / (p.eta * jnp.concatenate([rows, cols]))
        return step[:n], step[n:]
    sparse = sparsify_rows(pl, keep)
    neg_hessian = p.eta * jnp.block([[jnp.diag(rows), sparse], [sparse.T, jnp.diag(cols)]])
    ridge = 1e-12 * p.eta * jnp.max(rows)
    step = jnp.linalg.solve(neg_hessian + ridge * jnp.eye(2 * n), grad)
    return step[:n], step[n:]


def newton_step(p: Transport, x: jax.Array, y: jax.Array, keep: int, halvings: int = 30):
    """One sparse-Newton step with backtracking: the largest 2^{−j} (j < halvings) increasing f."""
    dx, dy = newton_direction(p, x, y, keep)
    f0 = potential(p, x, y)

    def worse(carry):
        j, alpha = carry
        return (j < halvings) & ~(potential(p, x + alpha * dx, y + alpha * dy) > f0)

    j, alpha = jax.lax.while_loop(worse, lambda c: (c[0] + 1, c[1] / 2), (jnp.asarray(0), jnp.asarray(1.0)))
    alpha = jnp.where(j < halvings, alpha, 0.0)
    return x + alpha * dx, y + alpha * dy


def sinkhorn_iterations(p: Transport, tol: float, max_iter: int) -> jax.Array:
    """Sinkhorn steps from (0, 0) until the marginal error is ≤ tol (capped at max_iter)."""
    n = p.r.shape[0]

    def cond(carry):
        k, x, y = carry
        return (k < max_iter) & (marginal_error(p, x, y) > tol)

    def body(carry):
        k, x, y = carry
        return (k + 1, *sinkhorn_step(p, x, y))

    k, _, _ = jax.lax.while_loop(cond, body, (jnp.asarray(0), jnp.zeros(n), jnp.zeros(n)))
    return k


def sns_iterations(p: Transport, tol: float, warmup: int, keep: int, max_newton: int) -> jax.Array:
    """SNS iterations (warm-up Sinkhorn steps plus Newton steps) until the marginal error is ≤ tol.

    Newton steps are capped at max_newton; the warm-up counts as `warmup` iterations.
    """
    n = p.r.shape[0]
    x, y = jax.lax.fori_loop(0, warmup, lambda _, z: sinkhorn_step(p, *z), (jnp.zeros(n), jnp.zeros(n)))

    def cond(carry):
        k, x, y = carry
        return (k < max_newton) & (marginal_error(p, x, y) > tol)

    def body(carry):
        k, x, y = carry
        return (k + 1, *newton_step(p, x, y, keep))

    k, _, _ = jax.lax.while_loop(cond, body, (jnp.asarray(0), x, y))
    return warmup + k
