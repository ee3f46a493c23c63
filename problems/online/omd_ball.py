"""Online convex optimization on a Euclidean ball: optimistic online mirror descent (OMD).

Euclidean optimistic OMD (Chiang et al. 2012; Rakhlin & Sridharan 2013), with hint M_t and
an adaptive step from the hint errors (Sachs, Hadiji, van Erven, Guzmán 2022; Chen, Zhang,
Zhang, Zhao 2023, "Optimistic Online Mirror Descent for Bridging Stochastic and Adversarial
Online Convex Optimization"):

    lr_t   = D / sqrt(delta + sum_{s<t} ||g_s - M_s||^2)       (adaptive_lr)
    x_t    = Proj_D(xhat_t - lr_t M_t)                          (play)
    g_t    = grad f_t(x_t)  (observed after playing)
    xhat+  = Proj_D(xhat_t - lr_t g_t)                          (update)

Linear losses f_t(x) = <g_t, x> on the ball ||x|| <= D: the best fixed point in hindsight is
-D sum g / ||sum g||, so Regret_T = sum_t <g_t, x_t> + D ||sum_t g_t|| (linear_ball_regret).
All pure and jit/vmap-safe.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks


def project_ball(x: jax.Array, radius) -> jax.Array:
    """Euclidean projection onto {||x|| <= radius}."""
    _checks.require("radius", radius, lambda r: r > 0, "> 0")
    norm = jnp.linalg.norm(x)
    return x * jnp.minimum(1.0, radius / jnp.maximum(norm, 1e-300))


def adaptive_lr(radius, sum_sq, delta=1.0):
    """D / sqrt(delta + sum_{s<t} ||g_s - M_s||^2)."""
    return radius / jnp.sqrt(delta + sum_sq)


def play(x_hat: jax.Array, hint: jax.Array, lr, radius) -> jax.Array:
    """Optimistic play x_t = Proj(xhat_t - lr M_t)."""
    return project_ball(x_hat - lr * hint, radius)


def update(x_hat: jax.Array, g: jax.Array, lr, radius) -> jax.Array:
    """xhat_{t+1} = Proj(xhat_t - lr g_t)."""
    return project_ball(x_hat - lr * g, radius)


def linear_ball_regret(cum_loss, cum_grad: jax.Array, radius) -> jax.Array:
    """Regret of linear losses against the best fixed x in the ball: sum <g, x_t> + D ||sum g||."""
    return cum_loss + radius * jnp.linalg.norm(cum_grad)
