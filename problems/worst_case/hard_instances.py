"""Instances built to be hard: Nesterov's chain quadratic and plane rotations.

Chain quadratic (Nesterov, "Lectures on Convex Optimization", 2018, Sec. 2.1.2):

    f(x) = L/8 [x_1² + Σ_{i<n} (x_i − x_{i+1})² + x_n²] − L/4 x_1,

whose Hessian (L/4)·tridiag(−1, 2, −1) has eigenvalues L/2 (1 − cos(iπ/(n+1))) in (0, L), so
f is L-smooth and convex with condition number growing like n². Its minimizer is
x*_i = 1 − i/(n + 1) and f* = L/8 (1/(n + 1) − 1). First-order methods started at 0 see one
new coordinate per step, which is what makes it the lower-bound instance; for k ≪ n it decays
like 1/k under accelerated methods (DESIGN.md), far from their worst case.

Rotation: T z = R_θ z in the plane is nonexpansive with the single fixed point 0; Halpern's
iteration on it decays like 1/k.
"""

from __future__ import annotations

import jax.numpy as jnp

from problems import _checks
from problems.convex.quadratics import Quadratic


def chain_quadratic(dim: int, L: float = 1.0) -> Quadratic:
    """Nesterov's worst-case chain quadratic in `dim` dimensions (static), as a Quadratic."""
    dim = _checks.positive_int("dim", dim)
    _checks.require("L", L, lambda v: v > 0, "> 0")
    i = jnp.arange(1, dim + 1, dtype=float)
    a = (L / 4.0) * (2.0 * jnp.eye(dim) - jnp.eye(dim, k=1) - jnp.eye(dim, k=-1))
    x_star = 1.0 - i / (dim + 1)
    eigs = (L / 2.0) * (1.0 - jnp.cos(i * jnp.pi / (dim + 1)))
    return Quadratic(
        A=a,
        b=a @ x_star,
        x_star=x_star,
        f_star=jnp.asarray(L / 8.0 * (1.0 / (dim + 1) - 1.0)),
        L=jnp.asarray(float(L)),
        mu=eigs[0],
        eigs=eigs,
    )


def rotation(theta):
    """The plane rotation by θ, a nonexpansive operator z ↦ R_θ z with fixed point 0."""
    c, s = jnp.cos(theta), jnp.sin(theta)
    matrix = jnp.array([[c, -s], [s, c]])
    return lambda z: matrix @ z
