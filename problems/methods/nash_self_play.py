"""Self-play updates for symmetric (β-regularized) preference games, in log-probabilities.

The game (problems.preference.preference_games): max_π min_π′ πᵀPπ′ − β KL(π‖μ) + β KL(π′‖μ)
with P + Pᵀ = 1. Tabular, full information, self-play: one policy π, kept as log π, plays
against itself. Each step takes the preference matrix it queries as an argument, so a claim
may pass a noisy estimate of P at each query.

  nash_mirror_prox_step   Nash Mirror Prox (Tiapkin et al. 2025, arXiv:2505.19731): two
                          KL-prox steps per iteration, the regularizer handled implicitly
                          (2 queries).
  egpo_extragradient_step EGPO's tabular extragradient (Zhou, Fazel & Du 2025,
                          arXiv:2503.08942), the regularizer linearized:
                          θ½ = (1−ηβ)θ + ηβ log μ + η·Pπ_θ, θ⁺ = (1−ηβ)θ + ηβ log μ + η·Pπ_θ½
                          (2 queries).
  self_play_mirror_descent_step  the same without the extrapolation (simultaneous MWU / GDA
                          in the mirror geometry; 1 query). At β = 0 it is multiplicative
                          weights self-play, SPPO's idealized update (minmax.hedge_step with
                          loss −Pπ is the same map).

These differ from minmax.mirror_prox_step / minmax.extragradient_step (two-player, Euclidean
or entropic on probabilities, no regularizer): here one symmetric policy and a KL term.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp


def _normalize(z):
    return z - jax.scipy.special.logsumexp(z)


def nash_mirror_prox_step(
    log_pi: jax.Array, mu: jax.Array, beta, eta, P_half: jax.Array, P_full: jax.Array | None = None
) -> jax.Array:
    """One Nash Mirror Prox iteration (two preference queries), in log-probabilities.

    log π½ ∝ [η·P π + ηβ log μ + log π]/(1 + ηβ);  log π⁺ ∝ [η·P π½ + ηβ log μ + log π]/(1 + ηβ).
    P_half / P_full: the preference matrices queried at the two half-steps (P_full defaults
    to P_half).
    """
    P_full = P_half if P_full is None else P_full
    pi = jnp.exp(log_pi)
    base = eta * beta * jnp.log(mu) + log_pi
    half = _normalize((eta * (P_half @ pi) + base) / (1.0 + eta * beta))
    return _normalize((eta * (P_full @ jnp.exp(half)) + base) / (1.0 + eta * beta))


def egpo_extragradient_step(
    log_pi: jax.Array, mu: jax.Array, beta, eta, P_half: jax.Array, P_full: jax.Array | None = None
) -> jax.Array:
    """One EGPO extragradient iteration (tabular mirror form, two queries).

    θ½ = (1 − ηβ)θ + ηβ log μ + η·Pπ_θ,  θ⁺ = (1 − ηβ)θ + ηβ log μ + η·Pπ_θ½,  π_θ = softmax θ.
    """
    P_full = P_half if P_full is None else P_full
    base = (1.0 - eta * beta) * log_pi + eta * beta * jnp.log(mu)
    half = _normalize(base + eta * (P_half @ jnp.exp(log_pi)))
    return _normalize(base + eta * (P_full @ jnp.exp(half)))


def self_play_mirror_descent_step(log_pi: jax.Array, mu: jax.Array, beta, eta, P: jax.Array) -> jax.Array:
    """Simultaneous mirror descent–ascent without extrapolation (one query):
    θ⁺ = (1 − ηβ)θ + ηβ log μ + η·Pπ_θ. At β = 0 this is multiplicative weights self-play."""
    base = (1.0 - eta * beta) * log_pi + eta * beta * jnp.log(mu)
    return _normalize(base + eta * (P @ jnp.exp(log_pi)))
