"""AdaGO: AdaGrad-norm stepsizes for orthogonalized (Muon) updates, as an optax
GradientTransformation (optax has no AdaGO).

Reference: "AdaGrad Meets Muon: Adaptive Stepsizes for Orthogonal Updates",
arXiv:2509.02981, Algorithm 1:
    M_t   = mu M_{t-1} + (1 - mu) G_t
    v_t^2 = v_{t-1}^2 + min(||G_t||_F^2, gamma^2)
    a_t   = max(eps, eta * min(||G_t||_F, gamma) / v_t)
    X_{t+1} = X_t - a_t * orth(M_t)
orth is the polar factor U V^T, computed by the cubic Newton-Schulz iteration run to
convergence (problems.methods.orthogonalize, `ns_steps`). Single 2-d parameter only.
v_0 = v0 (default 0: the first step is exactly eta unless G_1 = 0, which gives a_1 = eps).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import optax

from problems.methods import orthogonalize


class AdaGOState(NamedTuple):
    M: jax.Array  # momentum
    v_sq: jax.Array  # () accumulated min(||G||^2, gamma^2)


def adago(eta=0.5, mu=0.9, gamma=10.0, eps=0.0, v0=0.0, ns_steps=40) -> optax.GradientTransformation:
    """AdaGO on one 2-d parameter; see the module docstring."""

    def init(params):
        return AdaGOState(jnp.zeros_like(params), jnp.asarray(v0**2, dtype=params.dtype))

    def update(G, state, params=None):
        del params
        M = mu * state.M + (1.0 - mu) * G
        g_norm = jnp.minimum(jnp.linalg.norm(G), gamma)
        v_sq = state.v_sq + g_norm**2
        ratio = jnp.where(v_sq > 0, g_norm / jnp.sqrt(jnp.where(v_sq > 0, v_sq, 1.0)), 0.0)
        step = jnp.maximum(eps, eta * ratio)
        direction = orthogonalize.newton_schulz(M, ns_steps, orthogonalize.CUBIC_COEFFS)
        return -step * direction, AdaGOState(M, v_sq)

    return optax.GradientTransformation(init, update)
