"""Matrix completion over a nuclear-norm ball, and Frank–Wolfe with rank-one (LoRA-like) steps.

    min_X f(X) = ½‖P_Ω(X − M)‖_F²   subject to ‖X‖_* ≤ τ,

with M a rank-r matrix whose nuclear norm is exactly τ (so X* = M is feasible, on the boundary
of the ball, and f* = 0 is known) and Ω a random mask. f is convex and 1-smooth (P_Ω is a
projection). The ball's diameter is D = 2τ.

Frank–Wolfe: S_t = argmin_{‖S‖_* ≤ τ} ⟨∇f(X_t), S⟩ = −τ u₁v₁ᵀ (the top singular pair of the
gradient: a rank-one update, the LoRA-style "chain" step), X_{t+1} = (1 − γ_t) X_t + γ_t S_t
with γ_t = 2/(t + 2) (open loop) or a constant γ.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class Completion(NamedTuple):
    """A nuclear-ball-constrained matrix completion instance with f* = 0."""

    target: jax.Array  # (m, n) M, rank r, ‖M‖_* = radius
    mask: jax.Array  # (m, n) 0/1 observation mask Ω
    radius: jax.Array  # () τ


def make(key: jax.Array, rows: int, cols: int, rank: int, observed: float, radius: float = 1.0) -> Completion:
    """Random rank-`rank` target scaled to nuclear norm `radius`, each entry observed w.p. `observed`."""
    rows, cols, rank = (
        _checks.positive_int(n, v) for n, v in (("rows", rows), ("cols", cols), ("rank", rank))
    )
    _checks.require("observed", observed, lambda v: (v > 0) & (v <= 1), "in (0, 1]")
    _checks.require("radius", radius, lambda v: v > 0, "> 0")
    k_u, k_v, k_m = jax.random.split(key, 3)
    u = jax.random.normal(k_u, (rows, rank))
    v = jax.random.normal(k_v, (rank, cols))
    low_rank = u @ v
    target = radius * low_rank / jnp.sum(jnp.linalg.svd(low_rank, compute_uv=False))
    mask = (jax.random.uniform(k_m, (rows, cols)) < observed).astype(float)
    return Completion(target=target, mask=mask, radius=jnp.asarray(radius, dtype=float))


def value(p: Completion, x: jax.Array) -> jax.Array:
    """f(X) = ½‖P_Ω(X − M)‖_F² (f* = 0 at X = M)."""
    return 0.5 * jnp.sum((p.mask * (x - p.target)) ** 2)


def grad(p: Completion, x: jax.Array) -> jax.Array:
    """∇f(X) = P_Ω(X − M)."""
    return p.mask * (x - p.target)


def linear_minimizer(p: Completion, g: jax.Array) -> jax.Array:
    """argmin over the nuclear ball of ⟨g, S⟩: −τ u₁v₁ᵀ for the top singular pair of g."""
    u, _, vt = jnp.linalg.svd(g, full_matrices=False)
    return -p.radius * jnp.outer(u[:, 0], vt[0])


def frank_wolfe_step(
    p: Completion, x: jax.Array, t: jax.Array, constant_step: float | None = None
) -> jax.Array:
    """One Frank–Wolfe step from X_t: step 2/(t + 2), or `constant_step` when given."""
    gamma = 2.0 / (t + 2.0) if constant_step is None else constant_step
    return (1.0 - gamma) * x + gamma * linear_minimizer(p, grad(p, x))
