"""Min-max games and monotone operators with known equilibria.

  Bilinear       f(x, y) = x^T A y + b^T x + c^T y (min x, max y); F(z) = (A y + b, -(A^T x + c)).
                 A square invertible with singular values in [sigma_min, sigma_max]; equilibrium
                 x* = -A^{-T} c, y* = -A^{-1} b. Monotone, not strongly monotone.
  LinearVI       F(z) = M (z - z*) with M = Q blockdiag(r_j [[cos t_j, -sin t_j],
                 [sin t_j, cos t_j]]) Q^T: strongly monotone with mu = min r cos t, Lipschitz
                 L = max r, cocoercive with beta = min cos t / r. Built by `strongly_monotone`
                 (mu, L given) and `cocoercive` (beta given).
  MatrixGame     min_{x in simplex} max_{y in simplex} x^T A y; Nash equilibrium and value by
                 linear programming (scipy.optimize.linprog, numpy side, not jit-able).
  duality_gap    max_j (A^T x)_j - min_i (A y)_i  (>= 0, = 0 exactly at a Nash equilibrium).
Static: `dim`, `m`, `n`.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import scipy.optimize

from problems import _checks
from problems._linalg import random_orthogonal


class Bilinear(NamedTuple):
    """f(x, y) = x^T A y + b^T x + c^T y with its saddle point."""

    A: jax.Array  # (d, d)
    b: jax.Array  # (d,)
    c: jax.Array  # (d,)
    x_star: jax.Array
    y_star: jax.Array
    sigma_max: jax.Array  # Lipschitz constant of F
    sigma_min: jax.Array


def bilinear(key: jax.Array, dim: int, sigma_min=0.1, sigma_max=1.0) -> Bilinear:
    """Random bilinear game; singular values of A log-uniform in [sigma_min, sigma_max]."""
    dim = _checks.positive_int("dim", dim)
    _checks.require("sigma_min", sigma_min, lambda s: s > 0, "> 0")
    _checks.require("sigma_max", sigma_max, lambda s: s >= sigma_min, ">= sigma_min")
    t = jnp.linspace(0.0, 1.0, dim) if dim > 1 else jnp.ones(1)
    s = jnp.exp(jnp.log(sigma_min) + (jnp.log(sigma_max) - jnp.log(sigma_min)) * t)
    return bilinear_with_spectrum(jax.random.split(key, 4), s)


def bilinear_with_spectrum(keys: jax.Array, s: jax.Array) -> Bilinear:
    """The bilinear game A = U diag(s) Vᵀ (U, V Haar-random from keys[0], keys[1]) with a
    Gaussian saddle point (x*, y*) from keys[2], keys[3]."""
    dim = s.shape[0]
    u, v = random_orthogonal(keys[0], dim), random_orthogonal(keys[1], dim)
    a = (u * s[None, :]) @ v.T
    x_star, y_star = jax.random.normal(keys[2], (dim,)), jax.random.normal(keys[3], (dim,))
    return Bilinear(
        A=a,
        b=-a @ y_star,
        c=-a.T @ x_star,
        x_star=x_star,
        y_star=y_star,
        sigma_max=jnp.max(s),
        sigma_min=jnp.min(s),
    )


def bilinear_value(p: Bilinear, x, y):
    """f(x, y)."""
    return x @ p.A @ y + p.b @ x + p.c @ y


def bilinear_operator(p: Bilinear, z: jax.Array) -> jax.Array:
    """F(z) = (grad_x f, -grad_y f) at z = concat(x, y)."""
    d = p.b.shape[0]
    x, y = z[:d], z[d:]
    return jnp.concatenate([p.A @ y + p.b, -(p.A.T @ x + p.c)])


def bilinear_z_star(p: Bilinear) -> jax.Array:
    """Equilibrium as one vector concat(x*, y*)."""
    return jnp.concatenate([p.x_star, p.y_star])


class LinearVI(NamedTuple):
    """Affine operator F(z) = M (z - z_star) with exact monotonicity constants."""

    M: jax.Array  # (d, d)
    z_star: jax.Array  # (d,) unique zero of F (solution of the VI)
    mu: jax.Array  # strong monotonicity: <F z - F z', z - z'> >= mu ||z - z'||^2
    L: jax.Array  # Lipschitz: ||F z - F z'|| <= L ||z - z'||
    beta: jax.Array  # cocoercivity: <F z - F z', z - z'> >= beta ||F z - F z'||^2


def _rotation_blocks(key, dim, radii, angles) -> LinearVI:
    k_q, k_z = jax.random.split(key)
    m = dim // 2
    blocks = jnp.zeros((dim, dim))
    cos, sin = jnp.cos(angles), jnp.sin(angles)
    i = 2 * jnp.arange(m)
    blocks = blocks.at[i, i].set(radii[:m] * cos[:m]).at[i + 1, i + 1].set(radii[:m] * cos[:m])
    blocks = blocks.at[i, i + 1].set(-radii[:m] * sin[:m]).at[i + 1, i].set(radii[:m] * sin[:m])
    if dim % 2:
        blocks = blocks.at[dim - 1, dim - 1].set(radii[m] * cos[m])
    q = random_orthogonal(k_q, dim)
    n_blocks = m + dim % 2
    r, cs = radii[:n_blocks], cos[:n_blocks]
    z_star = jax.random.normal(k_z, (dim,))
    return LinearVI(M=q @ blocks @ q.T, z_star=z_star, mu=jnp.min(r * cs), L=jnp.max(r), beta=jnp.min(cs / r))


def strongly_monotone(key: jax.Array, dim: int, mu=0.1, L=1.0) -> LinearVI:
    """mu-strongly monotone, L-Lipschitz affine operator with exact constants mu and L.

    All blocks have modulus r = L; their cosines run from mu/L (a rotation-dominated block
    attaining mu = r cos t) to 1 (a pure-scaling block), so both constants are attained.
    """
    dim = _checks.positive_int("dim", dim)
    _checks.require("mu", mu, lambda v: v > 0, "> 0")
    _checks.require("L", L, lambda v: v >= mu, ">= mu")
    nb = dim // 2 + dim % 2
    # Block 0: radius L, real part mu (rotation-dominated); last block: radius L, angle 0.
    radii = jnp.full((nb,), L, dtype=float)
    cos0 = jnp.linspace(mu / L, 1.0, nb) if nb > 1 else jnp.full((1,), mu / L)
    angles = jnp.arccos(jnp.clip(cos0, -1.0, 1.0))
    if dim % 2 and nb > 1:  # the odd 1x1 block must be real: angle 0, value L.
        angles = angles.at[-1].set(0.0)
    return _rotation_blocks(key, dim, radii, angles)


def cocoercive(key: jax.Array, dim: int, beta=1.0, angle=1.0) -> LinearVI:
    """beta-cocoercive affine operator (not a gradient: blocks rotated by `angle` radians).

    Each 2x2 block has r = cos(angle)/beta (so Re lambda = beta |lambda|^2 exactly: the
    cocoercivity constant is attained); angle in [0, pi/2).
    """
    dim = _checks.positive_int("dim", dim)
    _checks.require("beta", beta, lambda v: v > 0, "> 0")
    _checks.require("angle", angle, lambda a: (a >= 0) & (a < np.pi / 2), "in [0, pi/2)")
    nb = dim // 2 + dim % 2
    angles = jnp.full((nb,), angle, dtype=float)
    if dim % 2:
        angles = angles.at[-1].set(0.0)
    radii = jnp.cos(angles) / beta
    return _rotation_blocks(key, dim, radii, angles)


def linear_operator(p: LinearVI, z: jax.Array) -> jax.Array:
    """F(z) = M (z - z*)."""
    return p.M @ (z - p.z_star)


class MatrixGame(NamedTuple):
    """Zero-sum game min_x max_y x^T A y over simplices, with a Nash equilibrium."""

    A: jax.Array  # (m, n) loss of the row (min) player
    x_star: jax.Array  # (m,) row equilibrium strategy
    y_star: jax.Array  # (n,) column equilibrium strategy
    value: jax.Array  # game value x*^T A y*


def solve_matrix_game(A) -> MatrixGame:
    """Nash equilibrium by two LPs (numpy/scipy; not jit-able).

    Row: min_{x, v} v s.t. A^T x <= v 1, x in simplex. Column: max_{y, w} w s.t. A y >= w 1.
    """
    a = np.asarray(A, dtype=float)
    m, n = a.shape

    def solve(mat):  # min v s.t. mat^T p <= v, p in simplex (p of size rows(mat))
        r, c = mat.shape
        cost = np.r_[np.zeros(r), 1.0]
        a_ub = np.c_[mat.T, -np.ones(c)]
        a_eq = np.r_[np.ones(r), 0.0][None, :]
        res = scipy.optimize.linprog(
            cost,
            A_ub=a_ub,
            b_ub=np.zeros(c),
            A_eq=a_eq,
            b_eq=[1.0],
            bounds=[(0, None)] * r + [(None, None)],
            method="highs",
        )
        if not res.success:
            raise RuntimeError(f"linprog failed: {res.message}")
        return res.x[:r], res.x[r]

    x, v = solve(a)
    y, w = solve(-a.T)  # min -w s.t. (-A^T)^T y = -A y <= -w  <=>  A y >= w
    x, y = np.clip(x, 0, None), np.clip(y, 0, None)
    x, y = x / x.sum(), y / y.sum()
    return MatrixGame(
        A=jnp.asarray(a), x_star=jnp.asarray(x), y_star=jnp.asarray(y), value=jnp.asarray(x @ a @ y)
    )


def random_matrix_game(key: jax.Array, m: int, n: int) -> MatrixGame:
    """Matrix game with i.i.d. U[-1, 1] payoffs and its LP-computed equilibrium (not jit-able)."""
    m = _checks.positive_int("m", m)
    n = _checks.positive_int("n", n)
    return solve_matrix_game(jax.random.uniform(key, (m, n), minval=-1.0, maxval=1.0))


def duality_gap(A: jax.Array, x: jax.Array, y: jax.Array) -> jax.Array:
    """max_{y'} x^T A y' - min_{x'} x'^T A y = max_j (A^T x)_j - min_i (A y)_i (jit-able)."""
    return jnp.max(A.T @ x) - jnp.min(A @ y)
