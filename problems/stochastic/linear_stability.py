"""Linear (mean-square) stability of SGD at an interpolating minimum of least squares.

At a global minimum w* of L(w) = 1/(2n) sum_i (x_i^T w - y_i)^2 with y = X w* (interpolation),
single-sample SGD with replacement moves the error e = w - w* by e+ = (I - lr x_i x_i^T) e.
Its second moment S = E e e^T evolves by the linear map

    S -> (1/n) sum_i (I - lr x_i x_i^T) S (I - lr x_i x_i^T),

and the minimum is mean-square (linearly) stable iff this map has spectral radius <= 1
(Wu, Ma, E 2018; Ma & Ying 2021; Wu & Su 2023). Directions orthogonal to every x_i do not
move (the manifold of minima), so the map is restricted to the row span of X (dimension
rank(X)), where stability means spectral radius <= 1 on the span.

  second_moment_operator(X, lr)   the restricted map as an r^2 x r^2 symmetric matrix
  spectral_radius(X, lr)          its spectral radius
  critical_lr(X, ...)             sup{lr : spectral radius <= 1}, by bisection on
                                  [0, 2 / lambda_max(H)] (mean-square stability implies
                                  stability of the mean, whose threshold is 2/lambda_max)
  gd_critical_lr(X)               2 / lambda_max(H), H = X^T X / n (full-batch GD)
All pure and jit/vmap-safe; X is (n, d) with n <= d or any rank (rank taken as min(n, d)).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp


def _coordinates(X: jax.Array) -> jax.Array:
    """Rows of X in an orthonormal basis of their span: (n, r), r = min(n, d)."""
    _, s, vt = jnp.linalg.svd(X, full_matrices=False)
    return X @ vt.T


def hessian(X: jax.Array) -> jax.Array:
    """H = X^T X / n."""
    return X.T @ X / X.shape[0]


def second_moment_operator(X: jax.Array, lr) -> jax.Array:
    """(1/n) sum_i (I - lr a_i a_i^T) kron (I - lr a_i a_i^T) on the row span (a_i coordinates)."""
    A = _coordinates(X)
    r = A.shape[1]
    P = jnp.eye(r)[None] - lr * jnp.einsum("ni,nj->nij", A, A)
    return jnp.einsum("nij,nkl->ikjl", P, P).reshape(r * r, r * r) / X.shape[0]


def spectral_radius(X: jax.Array, lr) -> jax.Array:
    """Spectral radius of the (symmetric) second-moment map."""
    return jnp.max(jnp.abs(jnp.linalg.eigvalsh(second_moment_operator(X, lr))))


def gd_critical_lr(X: jax.Array) -> jax.Array:
    """2 / lambda_max(X^T X / n): the linear-stability threshold of full-batch GD."""
    return 2.0 / jnp.linalg.eigvalsh(hessian(X))[-1]


def critical_lr(X: jax.Array, iters: int = 60, tol: float = 1e-10) -> jax.Array:
    """Largest lr with spectral radius <= 1 + tol (bisection, `iters` halvings)."""

    def body(_, bounds):
        lo, hi = bounds
        mid = 0.5 * (lo + hi)
        stable = spectral_radius(X, mid) <= 1.0 + tol
        return jnp.where(stable, mid, lo), jnp.where(stable, hi, mid)

    lo, _ = jax.lax.fori_loop(0, iters, body, (0.0, gd_critical_lr(X)))
    return lo
