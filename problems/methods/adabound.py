"""AdaBound / AMSBound (Luo, Xiong, Liu & Sun, "Adaptive Gradient Methods with Dynamic
Bound of Learning Rate", ICLR 2019, arXiv:1902.09843, Algorithm 2 / 3), as an optax
GradientTransformation (optax has no AdaBound).

  beta1_t = b1 * b1_decay^(t-1)                        (t = 1, 2, ...)
  m_t = beta1_t m_{t-1} + (1 - beta1_t) g_t
  v_t = b2 v_{t-1} + (1 - b2) g_t^2                   (no bias correction, as in the paper)
  vhat_t = max(vhat_{t-1}, v_t) for AMSBound, v_t for AdaBound
  eta_t = Clip(alpha / sqrt(vhat_t), eta_l(t), eta_u(t)) / sqrt(t)
  update = -eta_t * m_t                               (the caller projects onto the domain)
with the paper's bound functions eta_l(t) = final_lr (1 - 1/(gamma t + 1)),
eta_u(t) = final_lr (1 + 1/(gamma t)), both -> final_lr (= alpha* of Theorem 4).
`clip=False` removes the bounds: Adam without bias correction, with alpha_t = alpha/sqrt(t)
(the unbounded method that the bounds repair). A zero vhat gives the upper bound (clip=True)
or a zero update (clip=False).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import optax


class AdaBoundState(NamedTuple):
    count: jax.Array  # () steps taken
    m: optax.Updates
    v: optax.Updates
    vhat: optax.Updates


def bounds(t, final_lr=0.1, gamma=1e-3):
    """(eta_l(t), eta_u(t)) for the 1-based step t."""
    t = jnp.asarray(t, dtype=float)
    return final_lr * (1.0 - 1.0 / (gamma * t + 1.0)), final_lr * (1.0 + 1.0 / (gamma * t))


def adabound(
    learning_rate=1e-3, final_lr=0.1, b1=0.9, b2=0.999, gamma=1e-3, b1_decay=1.0, amsbound=False, clip=True
) -> optax.GradientTransformation:
    """AdaBound (amsbound=False) or AMSBound (amsbound=True); see the module docstring."""

    def init(params):
        zeros = jax.tree.map(jnp.zeros_like, params)
        return AdaBoundState(jnp.zeros([], jnp.int32), zeros, zeros, zeros)

    def update(updates, state, params=None):
        del params
        t = (state.count + 1).astype(float)
        beta1 = b1 * b1_decay ** (t - 1.0)
        m = jax.tree.map(lambda m, g: beta1 * m + (1.0 - beta1) * g, state.m, updates)
        v = jax.tree.map(lambda v, g: b2 * v + (1.0 - b2) * g * g, state.v, updates)
        vhat = jax.tree.map(jnp.maximum, state.vhat, v) if amsbound else v
        lo, hi = bounds(t, final_lr, gamma)

        def direction(m, vh):
            positive = vh > 0
            step = jnp.where(positive, learning_rate / jnp.sqrt(jnp.where(positive, vh, 1.0)), jnp.inf)
            step = jnp.clip(step, lo, hi) if clip else jnp.where(positive, step, 0.0)
            return -step / jnp.sqrt(t) * m

        return jax.tree.map(direction, m, vhat), AdaBoundState(state.count + 1, m, v, vhat)

    return optax.GradientTransformation(init, update)
