"""Online convex optimization (OCO) instances with linear losses on a box, and their regret.

Losses f_t(x) = <g_t, x> on the box [-r, r]^d; the learner plays x_t, then sees g_t.
Regret R(T) = sum_{t<=T} <g_t, x_t> - min_{x in box} sum_{t<=T} <g_t, x>
            = sum_{t<=T} <g_t, x_t> + r ||sum_{t<=T} g_t||_1    (the best fixed point is
                                                                 -r sign(sum g_t)).

Instances:
  reddi       the 1-D counterexample of Reddi, Kale & Kumar, "On the Convergence of Adam
              and Beyond", ICLR 2018 (Sec. 3): on [-1, 1], g_t = C if t mod 3 == 1 else -1
              (t = 1, 2, ...). With C > 2 the best point is x* = -1, yet Adam with
              beta2 = 1/(1 + C^2) drifts to +1 and suffers linear regret.
  gaussian    g_t i.i.d. N(mu, I_d) (mu a fixed drift vector): a random OCO instance.
`gradient(p, key, t)` is g_t for the 0-based step t (the loss revealed after playing x_t);
`regret_step` accumulates the regret state along a run. (problems.online.omd_ball holds the
Euclidean-ball instances and optimistic OMD.)
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks

KINDS = ("reddi", "gaussian")


class LinearOCO(NamedTuple):
    """An OCO instance with linear losses on the box [-radius, radius]^d."""

    kind: str  # "reddi" or "gaussian" (static)
    C: jax.Array  # () Reddi's large gradient (reddi)
    mu: jax.Array  # (d,) mean of g_t (gaussian)
    radius: jax.Array  # () box half-width


def reddi(C=3.0) -> LinearOCO:
    """Reddi et al.'s instance on [-1, 1]: g_t = C if t mod 3 == 1 (1-based) else -1."""
    _checks.require("C", C, lambda c: c > 2, "> 2 (so that the best point is x* = -1)")
    return LinearOCO("reddi", jnp.asarray(C, dtype=float), jnp.zeros(1), jnp.asarray(1.0))


def gaussian(mu, radius=1.0) -> LinearOCO:
    """g_t i.i.d. N(mu, I) on [-radius, radius]^d, d = len(mu)."""
    mu = jnp.atleast_1d(jnp.asarray(mu, dtype=float))
    _checks.require("radius", radius, lambda r: r > 0, "> 0")
    return LinearOCO("gaussian", jnp.asarray(0.0), mu, jnp.asarray(radius, dtype=float))


def dim(p: LinearOCO) -> int:
    return p.mu.shape[0]


def gradient(p: LinearOCO, key: jax.Array, t) -> jax.Array:
    """g_t for the 0-based step t (the 1-based round is t + 1)."""
    _checks.one_of("kind", p.kind, KINDS)
    if p.kind == "reddi":
        return jnp.where((t + 1) % 3 == 1, p.C, -1.0)[None]
    return p.mu + jax.random.normal(jax.random.fold_in(key, t), p.mu.shape)


def project(p: LinearOCO, x: jax.Array) -> jax.Array:
    """Euclidean projection onto the box."""
    return jnp.clip(x, -p.radius, p.radius)


class RegretState(NamedTuple):
    loss: jax.Array  # () sum_t <g_t, x_t>
    grad_sum: jax.Array  # (d,) sum_t g_t


def regret_init(p: LinearOCO) -> RegretState:
    return RegretState(jnp.asarray(0.0), jnp.zeros(dim(p)))


def regret_step(s: RegretState, g: jax.Array, x: jax.Array) -> RegretState:
    """Add round (x_t, g_t)."""
    return RegretState(s.loss + jnp.dot(g, x), s.grad_sum + g)


def regret(p: LinearOCO, s: RegretState) -> jax.Array:
    """R(T) = sum <g_t, x_t> - min_{x in box} <sum g_t, x>."""
    return s.loss + p.radius * jnp.sum(jnp.abs(s.grad_sum))
