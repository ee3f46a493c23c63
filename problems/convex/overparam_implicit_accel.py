"""l_p linear regression trained directly or through a depth-2 linear factorization.

Model (the setting of Arora, Cohen, Hazan 2018, "On the Optimization of Deep Networks: Implicit
Acceleration by Overparameterization", arXiv 1802.06509): data X (n x d), y = X w_true (realizable,
so the minimum loss is 0), loss
    L_p(w) = (1/n) sum_i |<x_i, w> - y_i|^p / p.
Depth 1: gradient descent on w. Depth 2: w = W2 W1 with W1 (k x d), W2 (1 x k), gradient descent
on (W1, W2) of L_p(W2 W1) from a small near-balanced initialization. For p > 2 the loss has zero
curvature at the realizable minimizer, so GD on w slows down polynomially; the depth-2
parameterization rescales its steps with the norm of w (the paper's preconditioning view).
`run_best_step` runs a step-size grid and keeps, per draw, the step with the lowest final loss
(a diverged step counts as +inf). Static arguments: `n`, `d`, `width`, `steps` and the grid.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class Regression(NamedTuple):
    """Realizable linear regression data."""

    x: jax.Array  # (n, d)
    y: jax.Array  # (n,)


def make(key, n, d, condition=1.0):
    """x_i ~ N(0, D^2), D = diag(log-spaced from 1 to condition^-1/2); y = X w_true, w_true ~ N(0, I/d)."""
    _checks.positive_int("n", n)
    _checks.positive_int("d", d)
    k_x, k_w = jax.random.split(key)
    x = jax.random.normal(k_x, (n, d)) * jnp.geomspace(1.0, condition**-0.5, d)
    return Regression(x, x @ (jax.random.normal(k_w, (d,)) / jnp.sqrt(d)))


def lp_loss(data: Regression, w, p):
    """(1/n) sum |<x_i, w> - y_i|^p / p."""
    return jnp.mean(jnp.abs(data.x @ w - data.y) ** p) / p


def init_factors(key, d, width, scale):
    """Near-balanced small factors: W1 = scale N(0, I)/sqrt(d), W2 = scale N(0, I)/sqrt(width)."""
    k1, k2 = jax.random.split(key)
    return scale * jax.random.normal(k1, (width, d)) / jnp.sqrt(d), scale * jax.random.normal(
        k2, (1, width)
    ) / jnp.sqrt(width)


def _trajectory(step, params, loss_of, count, record_every):
    grad = jax.grad(loss_of)

    def body(params, _):
        params = jax.lax.fori_loop(
            0, record_every, lambda _, q: jax.tree.map(lambda a, g: a - step * g, q, grad(q)), params
        )
        return params, loss_of(params)

    _, losses = jax.lax.scan(body, params, None, length=count)
    return losses


def run_best_step(data: Regression, p, depth, steps_grid, count, record_every, factors=None):
    """Loss every `record_every` steps (count records) for the grid step with the lowest final loss."""
    _checks.one_of("depth", str(depth), ("1", "2"))
    if depth == 1:
        params = jnp.zeros(data.x.shape[1])

        def loss_of(w):
            return lp_loss(data, w, p)
    else:
        params = factors

        def loss_of(f):
            return lp_loss(data, (f[1] @ f[0])[0], p)

    runs = jax.vmap(lambda s: _trajectory(s, params, loss_of, count, record_every))(jnp.asarray(steps_grid))
    runs = jnp.where(jnp.isfinite(runs), runs, jnp.inf)
    return runs[jnp.argmin(runs[:, -1])]
