"""Pairwise preference data whose labels do NOT follow the Bradley-Terry-Luce model.

The negative control of the BTL MLE rate (Zhu, Jordan & Jiao 2023): the same design as
`problems.preference.btl.make_pairwise` (phi ~ N(0, I_d) for two actions, x = phi_1 - phi_2), but
the label is drawn with a step link, P(y = +1 | x) = 1/2 + margin * sign(<theta*, x>), instead
of sigma(<theta*, x>). The logistic MLE then converges to the pseudo-true parameter (by the
rotational symmetry of x, a multiple c * theta* with c determined by the margin), not to
theta*, so its error against theta* stops decaying: the model is misspecified.
Static argument: `n`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks
from problems.convex import logistic


def step_link(z: jax.Array, margin=0.4) -> jax.Array:
    """P(y = +1) = 1/2 + margin * sign(z): a preference that ignores the size of the reward gap."""
    return 0.5 + margin * jnp.sign(z)


def make_pairwise_step_link(key: jax.Array, n: int, theta_star, margin=0.4, lam=0.0) -> logistic.Logistic:
    """n comparisons labelled by `step_link`; the logistic problem on x = phi_1 - phi_2."""
    n = _checks.positive_int("n", n)
    _checks.require("margin", margin, lambda m: (m > 0) & (m <= 0.5), "in (0, 1/2]")
    theta_star = jnp.asarray(theta_star, dtype=float)
    d = theta_star.shape[0]
    k1, k2, k_y = jax.random.split(key, 3)
    x = jax.random.normal(k1, (n, d)) - jax.random.normal(k2, (n, d))
    y = jnp.where(jax.random.uniform(k_y, (n,)) < step_link(x @ theta_star, margin), 1.0, -1.0)
    lam = jnp.asarray(lam, dtype=float)
    L = jnp.linalg.eigvalsh(x.T @ x)[-1] / (4 * n) + lam
    return logistic.Logistic(X=x, y=y, w_star=theta_star, separable=jnp.asarray(0.0), lam=lam, L=L)
