"""PDHG / Arrow–Hurwicz / Chambolle–Pock on bilinear games, with the exact iteration map.

On f(x, y) = xᵀAy + bᵀx + cᵀy (problems.games.monotone_games.Bilinear; min over x, max over y) write it in
the primal–dual form min_x max_y ⟨Kx, y⟩ + g(x) − f*(y) of problems.methods.minmax.pdhg_step
with K = Aᵀ, g(x) = bᵀx (prox_{τg}(v) = v − τb) and f*(y) = −cᵀy (prox_{σf*}(v) = v + σc):
    x+ = x − τ(Ay + b),   x̄ = x+ + θ(x+ − x),   y+ = y + σ(Aᵀx̄ + c).
θ = 0 is the original PDHG of Zhu & Chan (the Arrow–Hurwicz method), θ = 1 is Chambolle–Pock.
The update is affine in z = (x, y) with fixed point z* = (x*, y*); `iteration_matrix` is its
exact linear part (forward-mode Jacobian of `iteration_map`) and `spectral_radius` the modulus of its
largest eigenvalue: the iterates converge to z* from every start iff it is < 1.

Closed form (used by the tests): in the singular basis of A the map splits into 2×2 blocks
[[1, −τs], [σs, 1 − (1 + θ)a]] with a = τσs² (s a singular value), determinant 1 − θa and
trace 2 − (1 + θ)a. So for θ = 0 every block has determinant 1 and ρ ≥ 1 for every τ, σ
(ρ = 1 exactly when τσ‖A‖² ≤ 4: the iterates circle z* on ellipses); for θ = 1 the block
eigenvalues have modulus √(1 − a) when a ≤ 1 and are real, −(a − 1) ± √(a² − a), when a > 1,
so ρ < 1 iff τσ‖A‖² < 4/3 (A invertible) — Chambolle–Pock's sufficient condition
τσ‖A‖² < 1 is not necessary on bilinear problems, but the steps are bounded by the spectrum.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems.games import monotone_games
from problems.methods import minmax


def iteration_map(p: monotone_games.Bilinear, z: jax.Array, tau, sigma, theta) -> jax.Array:
    """z = concat(x, y) after one minmax.pdhg_step (extrapolation θ) on the game `p`: θ = 0
    Arrow–Hurwicz, θ = 1 Chambolle–Pock. Only the primal–dual form of `p` is set up here."""
    d = p.b.shape[0]
    x, y = minmax.pdhg_step(
        p.A.T, z[:d], z[d:], lambda v, t: v - t * p.b, lambda v, s: v + s * p.c, tau, sigma, theta
    )
    return jnp.concatenate([x, y])


def iteration_matrix(p: monotone_games.Bilinear, tau, sigma, theta) -> jax.Array:
    """The exact 2d×2d linear part of one step (z+ − z* = M (z − z*))."""
    n = 2 * p.b.shape[0]
    return jax.jacfwd(lambda z: iteration_map(p, z, tau, sigma, theta))(jnp.zeros(n))


def spectral_radius(p: monotone_games.Bilinear, tau, sigma, theta) -> jax.Array:
    """max |eigenvalue| of the iteration matrix (< 1 iff PDHG converges from every start)."""
    return jnp.max(jnp.abs(jnp.linalg.eigvals(iteration_matrix(p, tau, sigma, theta))))


def block_radius(singular_values, tau, sigma, theta) -> jax.Array:
    """Closed-form ρ: the largest |eigenvalue| of the 2×2 blocks over the singular values."""
    a = tau * sigma * jnp.asarray(singular_values) ** 2
    tr, det = 2.0 - (1.0 + theta) * a, 1.0 - theta * a
    disc = (tr / 2.0) ** 2 - det
    root = jnp.sqrt(jnp.abs(disc))
    real_case = jnp.maximum(jnp.abs(tr / 2.0 + root), jnp.abs(tr / 2.0 - root))
    complex_case = jnp.sqrt(jnp.abs(det))
    return jnp.max(jnp.where(disc >= 0, real_case, complex_case))
