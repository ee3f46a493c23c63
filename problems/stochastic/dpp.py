"""Projection DPPs on a grid and weighted least-squares approximation in polynomial spaces.

Space V_m: the first m orthonormal Legendre polynomials on [-1, 1] w.r.t. the uniform
probability measure, phi_j(x) = sqrt(2j + 1) P_j(x), j < m. The continuum is represented by
a fine grid of G midpoints (uniform weights 1/G), on which all L^2 norms are computed.

  legendre_features(x, m)       (len(x), m) matrix of phi_j(x)
  grid(G)                       midpoints of G equal cells of [-1, 1]
  christoffel_weights(Phi)      w(x) = m / sum_j phi_j(x)^2 (the optimal LS weights)
  projection_dpp(key, Phi)      one draw of the projection DPP with kernel
                                K(x, y) = sum_j phi_j(x) phi_j(y) on the grid (m points), by
                                the chain rule of Hough, Krishnapur, Peres, Virag (2006):
                                pick x w.p. proportional to ||row x of the residual feature
                                matrix||^2, then project that row's direction out
  optimal_density_iid(key, Phi, n)  n i.i.d. grid points with density (1/m) sum_j phi_j^2
  uniform_iid(key, G, n)        n i.i.d. uniform grid indices
  weighted_ls(Phi_s, f_s, w_s)  coefficients minimizing sum_i w_i (f_i - Phi_s c)^2
  l2_error_sq(Phi, f, c)        ||f - Phi c||^2 in L^2(grid)
  best_error_sq(Phi, f)         ||f - P_m f||^2 (exact L^2(grid) projection)
Reference: Nouy & Michel (2023), "Weighted least-squares approximation with determinantal
point processes and generalized volume sampling"; Cohen & Migliorati (2017). Sizes static.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks


def grid(G: int) -> jax.Array:
    """Midpoints of G equal cells of [-1, 1]."""
    G = _checks.positive_int("G", G)
    return -1.0 + (2.0 * jnp.arange(G) + 1.0) / G


def legendre_features(x: jax.Array, m: int) -> jax.Array:
    """phi_j(x) = sqrt(2j+1) P_j(x) for j < m (three-term recurrence); shape (len(x), m)."""
    m = _checks.positive_int("m", m)
    cols = [jnp.ones_like(x)]
    if m > 1:
        cols.append(x)
    for j in range(1, m - 1):
        cols.append(((2 * j + 1) * x * cols[j] - j * cols[j - 1]) / (j + 1))
    P = jnp.stack(cols[:m], axis=-1)
    return P * jnp.sqrt(2.0 * jnp.arange(m) + 1.0)


def christoffel_weights(Phi: jax.Array) -> jax.Array:
    """w(x) = m / sum_j phi_j(x)^2."""
    return Phi.shape[1] / jnp.sum(Phi**2, axis=1)


def projection_dpp(key: jax.Array, Phi: jax.Array) -> jax.Array:
    """Indices of one projection-DPP draw (m distinct grid points) with kernel Phi Phi^T."""
    G, m = Phi.shape
    Q, _ = jnp.linalg.qr(Phi / jnp.sqrt(G))  # orthonormal columns spanning the same space

    def body(j, carry):
        R, idx = carry
        p = jnp.sum(R**2, axis=1)
        i = jax.random.choice(jax.random.fold_in(key, j), G, p=p / p.sum())
        v = R[i] / jnp.linalg.norm(R[i])
        return R - jnp.outer(R @ v, v), idx.at[j].set(i.astype(idx.dtype))

    _, idx = jax.lax.fori_loop(0, m, body, (Q, jnp.zeros(m, dtype=jnp.int32)))
    return idx


def optimal_density_iid(key: jax.Array, Phi: jax.Array, n: int) -> jax.Array:
    """n i.i.d. grid indices with probability proportional to sum_j phi_j(x)^2."""
    p = jnp.sum(Phi**2, axis=1)
    return jax.random.choice(key, Phi.shape[0], (n,), p=p / p.sum())


def uniform_iid(key: jax.Array, G: int, n: int) -> jax.Array:
    """n i.i.d. uniform grid indices."""
    return jax.random.randint(key, (n,), 0, G)


def weighted_ls(Phi_s: jax.Array, f_s: jax.Array, w_s: jax.Array) -> jax.Array:
    """argmin_c sum_i w_i (f_i - (Phi_s c)_i)^2 (least-squares solve of the sqrt-weighted system)."""
    sw = jnp.sqrt(w_s)
    return jnp.linalg.lstsq(Phi_s * sw[:, None], f_s * sw)[0]


def l2_error_sq(Phi: jax.Array, f: jax.Array, c: jax.Array) -> jax.Array:
    """||f - Phi c||^2 in L^2 of the uniform grid measure."""
    return jnp.mean((f - Phi @ c) ** 2)


def best_error_sq(Phi: jax.Array, f: jax.Array) -> jax.Array:
    """||f - P_m f||^2: the error of the exact L^2(grid) projection."""
    return l2_error_sq(Phi, f, jnp.linalg.lstsq(Phi, f)[0])
