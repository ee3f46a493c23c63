"""Markov-correlated client availability: independent two-state chains per client.

Client i is available (1) or not (0) following a stationary two-state Markov chain with
availability probability pi_i and correlation lambda_i (the chain's second eigenvalue):
  P(1 -> 1) = pi + (1 - pi) lambda,   P(0 -> 1) = pi (1 - lambda).
Ground truth: the stationary law is Bernoulli(pi); the autocorrelation of the indicator at lag k
is lambda^k (Cov = pi (1 - pi) lambda^k); lambda = 0 gives i.i.d. Bernoulli(pi) availability,
and the integrated autocorrelation time is (1 + lambda)/(1 - lambda) (`variance_inflation`).
Valid parameters: 0 < pi < 1 and max(-pi/(1 - pi), -(1 - pi)/pi) <= lambda < 1 (both
transition probabilities in [0, 1]); claims here use lambda >= 0.
Used for Rodio et al., "Federated Learning under Heterogeneous and Correlated Client
Availability", INFOCOM 2023 (their clients follow such chains).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks


def transition(pi, lam) -> tuple[jax.Array, jax.Array]:
    """(P(1 -> 1), P(0 -> 1)) for stationary availability pi and correlation lam."""
    pi = jnp.asarray(pi, dtype=float)
    lam = jnp.asarray(lam, dtype=float)
    _checks.require("pi", pi, lambda p: (p > 0) & (p < 1), "in (0, 1)")
    _checks.require("lam", lam, lambda v: v < 1, "< 1")
    stay, enter = pi + (1.0 - pi) * lam, pi * (1.0 - lam)
    _checks.require(
        "lam",
        (stay, enter),
        lambda se: (se >= 0).all() & (se <= 1).all(),
        "such that both transition probabilities lie in [0, 1]",
    )
    return stay, enter


def initial(key: jax.Array, pi) -> jax.Array:
    """Stationary start: independent Bernoulli(pi_i) (float 0/1)."""
    pi = jnp.asarray(pi, dtype=float)
    return (jax.random.uniform(key, pi.shape) < pi).astype(float)


def step(key: jax.Array, state: jax.Array, pi, lam) -> jax.Array:
    """Next availability indicators given the current ones (float 0/1)."""
    stay, enter = transition(pi, lam)
    prob = jnp.where(state > 0, stay, enter)
    return (jax.random.uniform(key, jnp.shape(state)) < prob).astype(float)


def variance_inflation(lam) -> jax.Array:
    """Integrated autocorrelation time sum_k lambda^|k| = (1 + lambda)/(1 - lambda)."""
    lam = jnp.asarray(lam, dtype=float)
    return (1.0 + lam) / (1.0 - lam)
