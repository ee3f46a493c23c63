"""Multi-user multi-carrier power control: iterative water-filling (IWF) games.

Q users share N carriers. User q transmits powers p_q ∈ ℝ^N_{≥0}, Σ_k p_q(k) = P_q, and
maximizes Σ_k log(1 + G_qq(k)p_q(k) / (σ² + Σ_{r≠q} G_qr(k)p_r(k))), where G_qr(k) = |H_qr(k)|²
is the power gain from transmitter r to receiver q on carrier k. The best response is
water-filling against the interference: p_q(k) = max(0, λ − (σ² + I_q(k))/G_qq(k)) with the
water level λ set by the budget (computed exactly here by sorting the floor levels).

Contraction (Scutari, Palomar & Barbarossa 2008; Luo & Pang 2006): with
S^max_qr = max_k G_qr(k)/G_qq(k) (r ≠ q; 0 on the diagonal), if the spectral radius
ρ(S^max) < 1 the water-filling map is a contraction in a weighted block-max norm with modulus
ρ(S^max), so the NE is unique and simultaneous, sequential and asynchronous IWF converge.

Instances: `random_channels` draws direct gains 0.5 + Exp(1) (bounded away from 0) and cross
gains Exp(1), then rescales all cross gains by one factor so that ρ(S^max) equals `rho`.
`symmetric_two_user` is the strong-interference counterexample (Q = N = 2, direct gains 1,
cross gains g on both carriers): ρ(S^max) = g.
Schemes: `simultaneous_round` (Jacobi), `sequential_round` (Gauss–Seidel) and
`async_tick` (each user updates with probability q, against the others' powers from a random
recent tick, i.e. bounded staleness).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class PowerGame(NamedTuple):
    G: jax.Array  # (Q, Q, N) power gains G[q, r, k] (transmitter r -> receiver q)
    budget: jax.Array  # (Q,) power budgets P_q
    noise: jax.Array  # () noise power σ²


def s_max(G: jax.Array) -> jax.Array:
    """S^max_qr = max_k G_qr(k)/G_qq(k) for r ≠ q, 0 on the diagonal."""
    Q = G.shape[0]
    direct = G[jnp.arange(Q), jnp.arange(Q)]  # (Q, N)
    ratio = jnp.max(G / direct[:, None, :], axis=-1)
    return jnp.where(jnp.eye(Q, dtype=bool), 0.0, ratio)


def spectral_radius(M: jax.Array) -> jax.Array:
    return jnp.max(jnp.abs(jnp.linalg.eigvals(M)))


def random_channels(key: jax.Array, Q: int, N: int, rho, budget=16.0, noise=1.0) -> PowerGame:
    """Direct gains 0.5 + Exp(1), cross gains Exp(1) rescaled so that ρ(S^max) = rho."""
    Q = _checks.positive_int("Q", Q)
    N = _checks.positive_int("N", N)
    _checks.require("rho", rho, lambda r: r > 0, "> 0")
    k_d, k_c = jax.random.split(key)
    direct = 0.5 + jax.random.exponential(k_d, (Q, N))
    cross = jax.random.exponential(k_c, (Q, Q, N))
    eye = jnp.eye(Q, dtype=bool)[:, :, None]
    G = jnp.where(eye, 0.0, cross)
    G = G * (rho / spectral_radius(s_max(G + jnp.where(eye, direct[:, None, :], 0.0))))
    G = jnp.where(eye, direct[:, None, :], G)
    return PowerGame(G=G, budget=jnp.full((Q,), float(budget)), noise=jnp.asarray(float(noise)))


def symmetric_two_user(g=2.0, budget=16.0, noise=1.0) -> PowerGame:
    """Q = N = 2, direct gains 1, cross gains g on both carriers: ρ(S^max) = g."""
    G = jnp.array([[[1.0, 1.0], [g, g]], [[g, g], [1.0, 1.0]]])
    return PowerGame(G=G, budget=jnp.full((2,), float(budget)), noise=jnp.asarray(float(noise)))


def water_fill(levels: jax.Array, budget) -> jax.Array:
    """argmax Σ log(λ-type): p(k) = max(0, λ − levels(k)) with Σ p = budget (exact, by sorting)."""
    n = levels.shape[0]
    a = jnp.sort(levels)
    m = jnp.arange(1, n + 1)
    lam = (budget + jnp.cumsum(a)) / m  # water level if the m lowest carriers are active
    valid = lam > a  # the m-th carrier is active under that level
    m_star = jnp.max(jnp.where(valid, m, 0))
    lam_star = lam[m_star - 1]
    return jnp.maximum(lam_star - levels, 0.0)


def best_response(game: PowerGame, p: jax.Array, q: int | jax.Array) -> jax.Array:
    """User q's water-filling response to the others' powers p (Q, N)."""
    interference = jnp.sum(game.G[q] * p, axis=0) - game.G[q, q] * p[q]
    levels = (game.noise + interference) / game.G[q, q]
    return water_fill(levels, game.budget[q])


def simultaneous_round(game: PowerGame, p: jax.Array) -> jax.Array:
    """All users water-fill against the current powers at once (Jacobi)."""
    Q = p.shape[0]
    return jax.vmap(lambda q: best_response(game, p, q))(jnp.arange(Q))


def sequential_round(game: PowerGame, p: jax.Array) -> jax.Array:
    """Users water-fill one after another, each against the latest powers (Gauss–Seidel)."""

    def body(q, p):
        return p.at[q].set(best_response(game, p, q))

    return jax.lax.fori_loop(0, p.shape[0], body, p)


def async_tick(game: PowerGame, key: jax.Array, history: jax.Array, prob=0.5) -> jax.Array:
    """One asynchronous tick. history: (S, Q, N), history[0] the current powers, history[s] the
    powers s ticks ago. Each user updates with probability `prob`, water-filling against the
    others' powers read from a uniformly chosen tick among the last S (staleness ≤ S − 1).
    Returns the shifted history with the new powers in front."""
    S, Q, _ = history.shape
    k_u, k_s = jax.random.split(key)
    update = jax.random.uniform(k_u, (Q,)) < prob
    delay = jax.random.randint(k_s, (Q,), 0, S)
    new = jax.vmap(lambda q, s: best_response(game, history[s], q))(jnp.arange(Q), delay)
    p = jnp.where(update[:, None], new, history[0])
    return jnp.concatenate([p[None], history[:-1]], axis=0)
