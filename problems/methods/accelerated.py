"""Nesterov's accelerated gradient method with the FISTA momentum sequence.

    λ_0 = 1,  λ_{t+1} = (1 + √(1 + 4λ_t²))/2,
    x_{t+1} = y_t − η ∇f(y_t),   y_{t+1} = x_{t+1} + (λ_t − 1)/λ_{t+1} · (x_{t+1} − x_t).

With η = 1/L on L-smooth convex f: f(x_k) − f* ≤ 2L‖x0 − x*‖²/(k + 1)² (Beck & Teboulle 2009,
Thm 4.4; Nesterov 1983). optax's `sgd(momentum=β, nesterov=True)` uses a constant β, so the
varying sequence is written here.
"""

from __future__ import annotations

from typing import NamedTuple

import jax.numpy as jnp


class NesterovState(NamedTuple):
    x: jnp.ndarray
    y: jnp.ndarray
    lam: jnp.ndarray


def nesterov_init(x0) -> NesterovState:
    return NesterovState(x=x0, y=x0, lam=jnp.asarray(1.0))


def nesterov_step(grad, state: NesterovState, lr) -> NesterovState:
    """One step of accelerated gradient: returns the next (x, y, λ)."""
    lam_next = (1.0 + jnp.sqrt(1.0 + 4.0 * state.lam**2)) / 2.0
    x_next = state.y - lr * grad(state.y)
    y_next = x_next + (state.lam - 1.0) / lam_next * (x_next - state.x)
    return NesterovState(x=x_next, y=y_next, lam=lam_next)
