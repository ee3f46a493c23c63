"""Adaptive gradient descent with energy (AEGD), with a preconditioner, and its explicit variant.

AEGD (Liu & Tian) introduces the energy r ≈ √(f(x) + c) and updates, with v_k = ∇f(x_k)/(2√(f(x_k) + c)),

    r_{k+1} = r_k / (1 + 2η ⟨v_k, P v_k⟩),   x_{k+1} = x_k − 2η r_{k+1} P v_k,

for a symmetric positive semidefinite preconditioner P (P = I is plain AEGD; the preconditioned
form is the AEPG family of Liu, Nurbekyan, Tian & Yang). The energy update is the implicit
(backward-Euler) discretization of ṙ = −2r⟨v, Pv⟩, so r_{k+1} ≤ r_k for every step η > 0:
"unconditional energy stability". `explicit_energy=True` uses the forward-Euler update
r_{k+1} = r_k (1 − 2η⟨v_k, P v_k⟩) instead, which has no such guarantee.

The state is (x, r) with r a scalar; `value_and_grad` is f's (value, gradient) at x.
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp


def init(x0: jax.Array, f0: jax.Array, shift: float) -> tuple[jax.Array, jax.Array]:
    """Initial state (x0, r0 = √(f(x0) + c))."""
    return x0, jnp.sqrt(f0 + shift)


def step(
    state: tuple[jax.Array, jax.Array],
    value_and_grad: Callable[[jax.Array], tuple[jax.Array, jax.Array]],
    lr: float,
    shift: float,
    precond: jax.Array | None = None,
    explicit_energy: bool = False,
) -> tuple[jax.Array, jax.Array]:
    """One (preconditioned) AEGD step; `precond` is P (None: identity)."""
    x, r = state
    f, g = value_and_grad(x)
    v = g / (2.0 * jnp.sqrt(f + shift))
    pv = v if precond is None else precond @ v
    dissipation = 2.0 * lr * jnp.dot(v, pv)
    r_next = r * (1.0 - dissipation) if explicit_energy else r / (1.0 + dissipation)
    return x - 2.0 * lr * r_next * pv, r_next
