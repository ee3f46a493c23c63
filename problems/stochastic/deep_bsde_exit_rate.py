"""Brownian motion stopped at the exit of (0, 1): discrete versus continuous exit monitoring.

A surrogate for the exit-time part of deep-BSDE error analyses on bounded domains: the
BSDE Y_t = g(X_{τ∧T}) with X a Brownian motion started at x0 ∈ (0, 1), τ its exit time of
(0, 1), and g(x) = x², so Y_0 = E g(X_{τ∧T}) solves the heat equation on (0, 1) with
boundary values g(0) = 0, g(1) = 1 and terminal value x²; `exact_value` sums its sine series.

`stopped_values` simulates one set of paths on a fine grid of n_fine steps and returns, for
each coarse grid of n steps (n divides n_fine), the path stopped at the first coarse date
outside (0, 1) (clipped to the boundary), together with a reference stopped at the
continuous exit, detected on the fine grid with the Brownian-bridge crossing probability
exp(−2 d d'/δ) of each barrier (d, d' the distances of the endpoints to it).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks


def exact_value(x0: float, T: float, n_terms: int = 400) -> float:
    """Y_0 = E[g(X_{τ∧T})] for g(x) = x², by the sine series of x² − x (only odd terms)."""
    _checks.require("x0", x0, lambda x: (x > 0) & (x < 1), "in (0, 1)")
    k = np.arange(1, 2 * n_terms, 2, dtype=float)
    coef = -8.0 / (k * np.pi) ** 3
    return float(x0 + np.sum(coef * np.sin(k * np.pi * x0) * np.exp(-0.5 * (k * np.pi) ** 2 * T)))


def _bridge_exit(key, x, x_new, delta):
    """(exits, value): the bridge from x to x_new over time δ leaves (0, 1), and the barrier it hits."""
    inside = (x_new > 0) & (x_new < 1)
    p_low = jnp.where(inside, jnp.exp(-2.0 * x * x_new / delta), 1.0)
    p_high = jnp.where(inside, jnp.exp(-2.0 * (1 - x) * (1 - x_new) / delta), 1.0)
    k_exit, k_side = jax.random.split(key)
    p_exit = jnp.where(inside, 1.0 - (1.0 - p_low) * (1.0 - p_high), 1.0)
    exits = jax.random.uniform(k_exit, x.shape) < p_exit
    low_first = jax.random.uniform(k_side, x.shape) * (p_low + p_high) < p_low
    value = jnp.where(inside, jnp.where(low_first, 0.0, 1.0), jnp.clip(x_new, 0.0, 1.0))
    return exits, value


def stopped_values(
    key, coarse_steps, n_fine: int, n_paths: int, x0: float = 0.3, T: float = 1.0, monitor_steps=None
):
    """(coarse, reference): X_{τ_h∧T} for each coarse grid and X_{τ∧T} (continuous exit), clipped.

    coarse has shape (len(coarse_steps), n_paths). Exit of the grid of n steps is checked only
    at its dates t_j = jT/n. `monitor_steps`, if given, replaces each grid's monitoring dates by
    those of a grid with that many steps (exit detection that is not refined with h).
    """
    n_fine = _checks.positive_int("n_fine", n_fine)
    n_paths = _checks.positive_int("n_paths", n_paths)
    monitors = [monitor_steps or n for n in coarse_steps]
    for n in monitors:
        if n_fine % n:
            raise ValueError(f"coarse_steps must divide n_fine = {n_fine}, got {n}")
    every = jnp.asarray([n_fine // n for n in monitors])
    delta = T / n_fine
    k_paths, k_bridge = jax.random.split(key)
    x_start = jnp.full((n_paths,), x0)

    def step(state, t):
        x, ref_alive, ref_val, alive, val = state
        xi = jax.random.normal(jax.random.fold_in(k_paths, t), (n_paths,))
        x_new = x + jnp.sqrt(delta) * xi
        exits, hit = _bridge_exit(jax.random.fold_in(k_bridge, t), x, x_new, delta)
        ref_stop = ref_alive & exits
        ref_val = jnp.where(ref_stop, hit, ref_val)
        ref_alive = ref_alive & ~exits
        outside = (x_new <= 0) | (x_new >= 1)
        monitored = ((t + 1) % every == 0)[:, None]
        stop = alive & outside[None, :] & monitored
        val = jnp.where(stop, jnp.clip(x_new, 0.0, 1.0)[None, :], val)
        alive = alive & ~stop
        return (x_new, ref_alive, ref_val, alive, val), None

    levels = len(monitors)
    init = (
        x_start,
        jnp.ones(n_paths, bool),
        x_start,
        jnp.ones((levels, n_paths), bool),
        jnp.broadcast_to(x_start, (levels, n_paths)),
    )
    (x_T, ref_alive, ref_val, alive, val), _ = jax.lax.scan(step, init, jnp.arange(n_fine))
    reference = jnp.where(ref_alive, x_T, ref_val)
    coarse = jnp.where(alive, x_T[None, :], val)
    return coarse, reference


def payoff(x):
    """g(x) = x² (0 and 1 on the boundary)."""
    return x**2
