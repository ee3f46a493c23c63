"""Preference games for Nash learning from human feedback (NLHF), with exact equilibria.

A preference matrix P ∈ [0, 1]^{n×n} gives P_ij = P(response i ≻ response j), with
P + Pᵀ = 1 (so P_ii = ½). The NLHF game is the symmetric two-player constant-sum game
max_π min_π′ πᵀPπ′ (Munos et al. 2023, "Nash learning from human feedback",
arXiv:2312.00886); its β-regularized version is

    max_π min_π′  πᵀPπ′ − β KL(π‖μ) + β KL(π′‖μ).

Ground truth:
  gap(P, π) = 2·max_i (Pπ)_i − 1 is the duality gap (exploitability) of the profile (π, π);
    it is ≥ 0 and 0 exactly at a Nash equilibrium (NE). Since πᵀPπ = ½ the game value is ½.
  regularized_gap(P, μ, β, π) = 2β·log Σ_i μ_i exp((Pπ)_i/β) + 2β·KL(π‖μ) − 1, the duality
    gap of the regularized game (both KL terms included).
  regularized_nash(P, μ, β): the unique regularized NE π*_β, the fixed point
    π = softmax(log μ + Pπ/β) (the best response to itself), by a damped fixed-point
    iteration followed by Newton steps; `fixed_point_residual` certifies it.
  nash_lp(P): an exact NE of the unregularized game by linear programming
    (problems.games.monotone_games.solve_matrix_game on the host, through jax.pure_callback,
    so it runs inside a jitted, vmapped experiment): min_π max_y P(y ≻ π), optimal value ½.

Instances: `random_skew` (P = (M − Mᵀ + 1)/2, M uniform), `tanh_skew` (P = ½ + ½ tanh(S),
S = (G − Gᵀ)/√2 Gaussian), `rock_paper_scissors`, `cyclic_tournament`.

The self-play methods run on these games (Nash Mirror Prox, EGPO's extragradient, mirror
descent) are in problems.methods.nash_self_play.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks
from problems.games import monotone_games


class PreferenceGame(NamedTuple):
    """A preference matrix P (P + Pᵀ = 1) and a reference policy μ for KL regularization."""

    P: jax.Array  # (n, n)
    mu: jax.Array  # (n,) reference policy, strictly positive


def _game(P, mu):
    n = P.shape[0]
    mu = jnp.full((n,), 1.0 / n) if mu is None else jnp.asarray(mu, dtype=float)
    return PreferenceGame(P=jnp.asarray(P, dtype=float), mu=mu)


def random_skew(key: jax.Array, n: int, mu=None) -> PreferenceGame:
    """P = (M − Mᵀ + 1)/2 with M ~ U[0, 1]^{n×n}: intransitive, P + Pᵀ = 1."""
    n = _checks.positive_int("n", n)
    M = jax.random.uniform(key, (n, n))
    return _game((M - M.T + 1.0) / 2.0, mu)


def tanh_skew(key: jax.Array, n: int, mu=None) -> PreferenceGame:
    """P = ½ + ½·tanh(S), S = (G − Gᵀ)/√2 with G standard Gaussian."""
    n = _checks.positive_int("n", n)
    G = jax.random.normal(key, (n, n))
    return _game(0.5 + 0.5 * jnp.tanh((G - G.T) / jnp.sqrt(2.0)), mu)


def rock_paper_scissors() -> PreferenceGame:
    """P_ij ∈ {0, ½, 1}: rock ≺ paper ≺ scissors ≺ rock. Unique NE: uniform."""
    P = jnp.array([[0.5, 0.0, 1.0], [1.0, 0.5, 0.0], [0.0, 1.0, 0.5]])
    return _game(P, None)


def cyclic_tournament(n: int) -> PreferenceGame:
    """i beats i+1, ..., i+(n−1)/2 (mod n), n odd: P_ij ∈ {0, ½, 1}. Unique NE: uniform."""
    n = _checks.positive_int("n", n)
    if n % 2 == 0:
        raise ValueError(f"n must be odd for a cyclic tournament, got {n}")
    d = (np.arange(n)[None, :] - np.arange(n)[:, None]) % n
    P = np.where(d == 0, 0.5, np.where(d <= (n - 1) // 2, 1.0, 0.0))
    return _game(P, None)


def has_condorcet_winner(P: jax.Array) -> jax.Array:
    """True when some response beats every other one (P_ij > ½ for all j ≠ i): a pure NE."""
    n = P.shape[0]
    off = ~jnp.eye(n, dtype=bool)
    return jnp.any(jnp.all((P > 0.5) | ~off, axis=1))


def kl(p: jax.Array, q: jax.Array) -> jax.Array:
    """KL(p‖q) for probability vectors (0·log 0 = 0)."""
    return jnp.sum(jnp.where(p > 0, p * (jnp.log(jnp.where(p > 0, p, 1.0)) - jnp.log(q)), 0.0))


def gap(P: jax.Array, pi: jax.Array) -> jax.Array:
    """Duality gap of (π, π) in the unregularized game: 2·max_i (Pπ)_i − 1 ≥ 0."""
    return 2.0 * jnp.max(P @ pi) - 1.0


def regularized_gap(P: jax.Array, mu: jax.Array, beta, pi: jax.Array) -> jax.Array:
    """Duality gap of (π, π) in the β-regularized game (≥ 0, 0 exactly at π*_β)."""
    soft = beta * jax.scipy.special.logsumexp((P @ pi) / beta, b=mu)
    return 2.0 * soft + 2.0 * beta * kl(pi, mu) - 1.0


def best_response(P: jax.Array, mu: jax.Array, beta, pi: jax.Array) -> jax.Array:
    """The regularized best response to π: softmax(log μ + Pπ/β)."""
    return jax.nn.softmax(jnp.log(mu) + (P @ pi) / beta)


def fixed_point_residual(P: jax.Array, mu: jax.Array, beta, pi: jax.Array) -> jax.Array:
    """‖π − BR(π)‖₁: zero exactly at the regularized NE."""
    return jnp.sum(jnp.abs(pi - best_response(P, mu, beta, pi)))


def regularized_nash(
    P: jax.Array, mu: jax.Array, beta, damping_steps: int = 2000, newton_steps: int = 8
) -> jax.Array:
    """The β-regularized NE π*_β (β > 0): π = softmax(log μ + Pπ/β).

    Damped fixed-point iteration on the logits (step min(1, β)/2, a contraction for the
    strongly monotone regularized game) brings π close; Newton's method on
    z − log μ − P·softmax(z)/β = 0 (logits z, normalized to mean 0) then polishes it to
    machine precision. Check the result with `fixed_point_residual`.
    """
    _checks.require("beta", beta, lambda b: b > 0, "> 0")
    log_mu = jnp.log(mu)
    alpha = jnp.minimum(1.0, beta) / 2.0

    def damped(_, z):
        target = log_mu + (P @ jax.nn.softmax(z)) / beta
        z = (1 - alpha) * z + alpha * target
        return z - z.mean()

    z = jax.lax.fori_loop(0, damping_steps, damped, log_mu - log_mu.mean())

    def residual(z):
        r = z - log_mu - (P @ jax.nn.softmax(z)) / beta
        return r - r.mean()

    def newton(_, z):
        J = jax.jacfwd(residual)(z)
        n = z.shape[0]
        # The residual is invariant to adding a constant to z: pin the mean with a rank-one term.
        step = jnp.linalg.solve(J + jnp.ones((n, n)) / n, residual(z))
        z = z - step
        return z - z.mean()

    z = jax.lax.fori_loop(0, newton_steps, newton, z)
    return jax.nn.softmax(z)


def _nash_lp_host(P: np.ndarray) -> np.ndarray:
    # Row player minimizes xᵀ(Pᵀ)y = P(y ≻ x): its equilibrium strategy is a NE of the
    # symmetric preference game.
    return np.asarray(monotone_games.solve_matrix_game(np.asarray(P, dtype=np.float64).T).x_star)


def nash_lp(P: jax.Array) -> jax.Array:
    """An exact NE of the unregularized symmetric game by linear programming.

    Runs scipy's HiGHS solver on the host (jax.pure_callback; vmap runs it per matrix).
    The result π satisfies max_i (Pπ)_i = ½ to solver precision (check with `gap`).
    """
    shape = jax.ShapeDtypeStruct(P.shape[:1], jnp.float64)
    return jax.pure_callback(_nash_lp_host, shape, P, vmap_method="sequential")
