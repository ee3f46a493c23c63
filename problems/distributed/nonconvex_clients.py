"""Heterogeneous non-convex federated clients: separable Cauchy (log) losses.

Client i holds f_i(x) = sum_j log(1 + (x_j - c_ij)^2), x in R^d, and the federated objective
is f = sum_i w_i f_i (w uniform by default). Ground truth used by claims:
  - each f_i is smooth and non-convex: f_i'' per coordinate is 2(1 - u^2)/(1 + u^2)^2 with
    u = x_j - c_ij, in [-1/4, 2], so f_i and f are L-smooth with L = 2 (`SMOOTHNESS`);
  - gradients are bounded, |d f_i / d x_j| <= 1 (max of 2u/(1 + u^2)), so the heterogeneity
    ||grad f_i - grad f||^2 <= 4d is bounded (the bounded-heterogeneity assumption of most
    federated / decentralized analyses);
  - f >= 0 is bounded below and separable, so its stationary points are those of d
    one-dimensional functions.
Centres c_ij ~ N(0, spread^2) make the clients' minimisers differ (heterogeneity grows with
`spread`); with spread > 1 a coordinate of f typically has several local minima.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks

SMOOTHNESS = 2.0


class CauchyClients(NamedTuple):
    """N clients f_i(x) = sum_j log(1 + (x_j - c_ij)^2) with target weights."""

    c: jax.Array  # (N, d) centres
    weights: jax.Array  # (N,) target weights, sum 1


def make(c, weights=None) -> CauchyClients:
    """Clients from centres c (N, d); uniform target weights by default."""
    c = jnp.asarray(c, dtype=float)
    if c.ndim != 2:
        raise ValueError(f"c must have shape (N, d), got {c.shape}")
    n = c.shape[0]
    if weights is None:
        weights = jnp.full(n, 1.0 / n)
    weights = jnp.asarray(weights, dtype=float)
    if weights.shape != (n,):
        raise ValueError(f"weights must have shape ({n},), got {weights.shape}")
    _checks.require(
        "weights",
        weights,
        lambda w: (w >= 0).all() and abs(w.sum() - 1) < 1e-9,
        "non-negative and summing to 1",
    )
    return CauchyClients(c, weights)


def random(key: jax.Array, num_clients: int, dim: int, spread=2.0) -> CauchyClients:
    """Centres c_ij ~ N(0, spread^2), uniform weights."""
    n = _checks.positive_int("num_clients", num_clients)
    d = _checks.positive_int("dim", dim)
    _checks.require("spread", spread, lambda s: s >= 0, ">= 0")
    return make(spread * jax.random.normal(key, (n, d)))


def values(clients: CauchyClients, y) -> jax.Array:
    """Per-client values f_i(y_i) at points y (N, d) (or one point (d,) for all)."""
    u = jnp.asarray(y, dtype=float) - clients.c
    return jnp.sum(jnp.log1p(u**2), axis=-1)


def grads(clients: CauchyClients, y) -> jax.Array:
    """Per-client gradients grad f_i(y_i) = 2u/(1 + u^2), u = y_i - c_i (y: (N, d) or (d,))."""
    u = jnp.asarray(y, dtype=float) - clients.c
    return 2.0 * u / (1.0 + u**2)


def value(clients: CauchyClients, x) -> jax.Array:
    """f(x) = sum_i w_i f_i(x)."""
    return clients.weights @ values(clients, x)


def grad(clients: CauchyClients, x) -> jax.Array:
    """grad f(x) = sum_i w_i grad f_i(x)."""
    return clients.weights @ grads(clients, x)
