"""Two-player quadratic games and the block small-gain certificate (Small-Gain Nash).

Game: F(x) = J x with x = (x₁, x₂), x_i ∈ ℝ^{d}, J = [[A₁, B₁₂], [B₂₁, A₂]]: player i's own
block A_i is symmetric with λ_min(A_i) = μ_i (strongly monotone in its own variable) and the
cross couplings have ‖B₁₂‖ = L₁₂, ‖B₂₁‖ = L₂₁. `coupled_game` aligns them, B₁₂ = L₁₂U,
B₂₁ = L₂₁Uᵀ with U orthogonal (the worst case for monotonicity: sym(J) has the off-diagonal
block (L₁₂ + L₂₁)U/2). The unique Nash equilibrium is x* = 0.

Certificate (Small-Gain Nash, arXiv title "Small-Gain Nash: Certified Contraction to Nash
Equilibria in Differentiable Games"): in the block metric W = diag(w₁I, w₂I), r = w₁/w₂,
sym(W^{½}JW^{−½}) ⪰ λ_min([[μ₁, −c/2], [−c/2, μ₂]])·I with c = √r·L₁₂ + L₂₁/√r, which is
positive iff (rL₁₂ + L₂₁)² < 4rμ₁μ₂: the "timescale band" r ∈ (r_lo, r_hi), non-empty iff the
small-gain condition L₁₂L₂₁ < μ₁μ₂ holds (`timescale_band`). `weighted_constants` gives the
exact modulus m_W = λ_min(sym(W^{½}JW^{−½})) and Lipschitz constant L_W = ‖W^{½}JW^{−½}‖₂; Euler
steps x⁺ = x − ηJx then satisfy ‖x⁺‖_W ≤ √(1 − 2ηm_W + η²L_W²)·‖x‖_W.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks
from problems._linalg import random_orthogonal, sym
from problems.convex import quadratics


class QuadraticGame(NamedTuple):
    J: jax.Array  # (2d, 2d) Jacobian of the pseudo-gradient F(x) = J x
    d: int  # block size (static)
    mu1: jax.Array
    mu2: jax.Array
    L12: jax.Array
    L21: jax.Array


def coupled_game(key: jax.Array, d: int, L12, L21, mu=1.0, L_own=2.0) -> QuadraticGame:
    """A_i with eigenvalues evenly spaced in [μ, L_own] (random eigenvectors); B₁₂ = L₁₂U, B₂₁ = L₂₁Uᵀ."""
    d = _checks.positive_int("d", d)
    _checks.require("mu", mu, lambda v: v > 0, "> 0")
    _checks.require("L_own", L_own, lambda v: v >= mu, ">= mu")
    k1, k2, k3 = jax.random.split(key, 3)
    eigs = jnp.linspace(mu, L_own, d) if d > 1 else jnp.full((1,), mu)
    a1 = quadratics.from_eigs(k1, eigs).A
    a2 = quadratics.from_eigs(k2, eigs).A
    u = random_orthogonal(k3, d)
    J = jnp.block([[a1, L12 * u], [L21 * u.T, a2]])
    mu = jnp.asarray(mu, dtype=float)
    return QuadraticGame(
        J=J, d=d, mu1=mu, mu2=mu, L12=jnp.asarray(L12, dtype=float), L21=jnp.asarray(L21, dtype=float)
    )


def timescale_band(mu1, mu2, L12, L21):
    """(r_lo, r_hi): the weight ratios r = w₁/w₂ with (rL₁₂ + L₂₁)² < 4rμ₁μ₂ (NaN if empty)."""
    b = 4.0 * mu1 * mu2 - 2.0 * L12 * L21
    disc = 16.0 * mu1 * mu2 * (mu1 * mu2 - L12 * L21)
    root = jnp.sqrt(jnp.where(disc > 0, disc, jnp.nan))
    return (b - root) / (2.0 * L12**2), (b + root) / (2.0 * L12**2)


def certified_modulus(mu1, mu2, L12, L21, r):
    """λ_min([[μ₁, −c/2], [−c/2, μ₂]]), c = √r L₁₂ + L₂₁/√r: a lower bound on m_W."""
    c = jnp.sqrt(r) * L12 + L21 / jnp.sqrt(r)
    return 0.5 * (mu1 + mu2) - jnp.sqrt(0.25 * (mu1 - mu2) ** 2 + 0.25 * c**2)


def _scaled(game: QuadraticGame, r):
    s = jnp.concatenate([jnp.full(game.d, jnp.sqrt(r)), jnp.ones(game.d)])
    return (s[:, None] * game.J) / s[None, :]  # W^{1/2} J W^{-1/2} with w₂ = 1


def weighted_constants(game: QuadraticGame, r):
    """(m_W, L_W) = (λ_min(sym(W^{½}JW^{−½})), ‖W^{½}JW^{−½}‖₂) for W = diag(rI, I)."""
    m = _scaled(game, r)
    return jnp.linalg.eigvalsh(sym(m))[0], jnp.linalg.norm(m, ord=2)


def weighted_norm(game: QuadraticGame, x: jax.Array, r) -> jax.Array:
    """‖x‖_W = √(r‖x₁‖² + ‖x₂‖²)."""
    return jnp.sqrt(r * jnp.sum(x[: game.d] ** 2) + jnp.sum(x[game.d :] ** 2))


def euclidean_modulus(game: QuadraticGame) -> jax.Array:
    """λ_min(sym J): negative when F is not monotone in the Euclidean metric."""
    return jnp.linalg.eigvalsh(sym(game.J))[0]
