"""Variable-step BDF2 on random and graded time grids, for a Prothero–Robinson test equation.

Test equation (Prothero–Robinson): y' = λ (y − φ(t)) + φ'(t), φ(t) = sin t, with exact
solution y(t) = φ(t) + (y(0) − φ(0)) e^{λt}. Being linear, each implicit step is solved
exactly.

Variable-step BDF2 with step τ_n = t_n − t_{n−1} and ratio r_n = τ_n/τ_{n−1}:
    (1 + 2r)/(1 + r) y_n − (1 + r) y_{n−1} + r²/(1 + r) y_{n−2} = τ_n f(t_n, y_n),
started by one backward-Euler (BDF1) step. `variable_step=False` uses the constant-step
coefficients (3/2, −2, 1/2) whatever the ratio (the scheme without its step-ratio terms);
`order=1` is backward Euler throughout.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class ProtheroRobinson(NamedTuple):
    """y' = lam (y − sin t) + cos t on [0, T], y(0) = y0."""

    lam: float
    y0: float
    T: float


def exact(problem: ProtheroRobinson, t):
    """y(t) = sin t + (y0 − sin 0) e^{λt}."""
    return jnp.sin(t) + problem.y0 * jnp.exp(problem.lam * t)


def random_grid(key, n_steps: int, T: float, max_ratio: float = 10.0):
    """Time levels 0 = t_0 < … < t_N = T with steps ∝ U(1/max_ratio, 1): adjacent ratios ≤ max_ratio."""
    n_steps = _checks.positive_int("n_steps", n_steps)
    _checks.require("max_ratio", max_ratio, lambda r: r >= 1, ">= 1")
    w = jax.random.uniform(key, (n_steps,), minval=1.0 / max_ratio, maxval=1.0)
    return jnp.concatenate([jnp.zeros(1), T * jnp.cumsum(w) / jnp.sum(w)])


def graded_grid(n_steps: int, T: float, grading: float = 3.0):
    """t_k = T (k/N)^grading: small steps near 0, first ratio 2^grading − 1."""
    n_steps = _checks.positive_int("n_steps", n_steps)
    return T * (jnp.arange(n_steps + 1) / n_steps) ** grading


def _implicit(problem, t, rhs, a, tau):
    """Solve a·y − rhs = τ (λ (y − sin t) + cos t) for y."""
    return (rhs + tau * (-problem.lam * jnp.sin(t) + jnp.cos(t))) / (a - tau * problem.lam)


def bdf2(problem: ProtheroRobinson, grid, variable_step: bool = True, order: int = 2):
    """Numerical solution at the grid's levels (BDF1 first step, then BDF2, or BDF1 throughout)."""
    taus = jnp.diff(grid)
    y1 = _implicit(problem, grid[1], problem.y0, 1.0, taus[0])

    def step(carry, inputs):
        y_prev, y_prev2, tau_prev = carry
        t, tau = inputs
        if order == 1:
            y = _implicit(problem, t, y_prev, 1.0, tau)
        else:
            r = tau / tau_prev if variable_step else 1.0
            a = (1 + 2 * r) / (1 + r)
            rhs = (1 + r) * y_prev - r**2 / (1 + r) * y_prev2
            y = _implicit(problem, t, rhs, a, tau)
        return (y, y_prev, tau), y

    _, ys = jax.lax.scan(step, (y1, jnp.asarray(problem.y0, float), taus[0]), (grid[2:], taus[1:]))
    return jnp.concatenate([jnp.array([problem.y0]), jnp.array([y1]), ys])


def max_error(problem: ProtheroRobinson, grid, **kwargs):
    """max_n |y_n − y(t_n)| over the grid."""
    return jnp.max(jnp.abs(bdf2(problem, grid, **kwargs) - exact(problem, grid)))
