"""Complex-valued momentum on bilinear zero-sum games, with the exact iteration map.

Lorraine, Acuna, Vicol & Duvenaud, "Complex Momentum for Optimization in Games" (AISTATS 2022,
arXiv:2102.08431): with the joint vector field ĝ(ω) = (∇_x f, −∇_y f) of min_x max_y f,
    μ_{j+1} = β μ_j − ĝ(ω_j),    ω_{j+1} = ω_j + Re(α μ_{j+1}),
with β ∈ ℂ (complex momentum) and α > 0 real. β real is classical (heavy-ball) momentum and
β = 0 is gradient descent–ascent. `alternating=True` updates x first and evaluates the
y-player's field at the new x (alternating updates).

On f(x, y) = xᵀAy + bᵀx + cᵀy (problems.games.monotone_games.Bilinear) the update is affine in the real state
s = (Re μ, Im μ, ω) ∈ ℝ^{3·2d}; `iteration_matrix` is its exact linear part (the Jacobian of
one update, computed by forward-mode AD), and `spectral_radius` the modulus of its largest
eigenvalue: the iterates converge to the saddle point for every start iff it is < 1, and
‖ω_j − ω*‖ then decays like ρ^j.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems.games import monotone_games


class State(NamedTuple):
    mu: jax.Array  # (2d,) complex momentum buffer, x part then y part
    omega: jax.Array  # (2d,) real joint parameters (x, y)


def init(omega0: jax.Array) -> State:
    """Zero momentum at ω₀."""
    return State(mu=jnp.zeros(omega0.shape, dtype=jnp.complex128), omega=omega0)


def step(p: monotone_games.Bilinear, state: State, alpha, beta, alternating: bool = False) -> State:
    """One complex-momentum update on the bilinear game `p` (β may be complex)."""
    d = p.b.shape[0]
    beta = jnp.asarray(beta, dtype=jnp.complex128)
    if not alternating:
        g = monotone_games.bilinear_operator(p, state.omega)
        mu = beta * state.mu - g
        return State(mu=mu, omega=state.omega + jnp.real(alpha * mu))
    x, y = state.omega[:d], state.omega[d:]
    mu_x = beta * state.mu[:d] - (p.A @ y + p.b)
    x = x + jnp.real(alpha * mu_x)
    mu_y = beta * state.mu[d:] + (p.A.T @ x + p.c)
    y = y + jnp.real(alpha * mu_y)
    return State(mu=jnp.concatenate([mu_x, mu_y]), omega=jnp.concatenate([x, y]))


def _pack(state: State) -> jax.Array:
    return jnp.concatenate([jnp.real(state.mu), jnp.imag(state.mu), state.omega])


def _unpack(s: jax.Array) -> State:
    n = s.shape[0] // 3
    return State(mu=s[:n] + 1j * s[n : 2 * n], omega=s[2 * n :])


def iteration_matrix(p: monotone_games.Bilinear, alpha, beta, alternating: bool = False) -> jax.Array:
    """The exact real (3·2d)×(3·2d) linear part of one update on s = (Re μ, Im μ, ω)."""
    n = 2 * p.b.shape[0]
    f = lambda s: _pack(step(p, _unpack(s), alpha, beta, alternating))  # noqa: E731
    return jax.jacfwd(f)(jnp.zeros(3 * n))


def spectral_radius(p: monotone_games.Bilinear, alpha, beta, alternating: bool = False) -> jax.Array:
    """max |eigenvalue| of the iteration matrix (< 1 iff the method converges)."""
    return jnp.max(jnp.abs(jnp.linalg.eigvals(iteration_matrix(p, alpha, beta, alternating))))
