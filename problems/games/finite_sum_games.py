"""Finite-sum convex-concave games with per-sample data and neighbouring data sets.

Sample z = (A_z, b_z, c_z) defines
    f(x, y; z) = mu/2 ||x||^2 + x^T A_z y - mu/2 ||y||^2 + b_z^T x - c_z^T y   (min x, max y),
mu-strongly convex in x and mu-strongly concave in y (bilinear, merely convex-concave, when
mu = 0). The empirical game is F_S(x, y) = (1/n) sum_i f(x, y; z_i). Data model (`make`):
A_i = A + spread * G_i / sqrt(d), G_i ~ N(0, I_{d x d}), with a shared base A (`base`: a
Gaussian matrix scaled to spectral norm 1), b_i, c_i ~ N(0, I_d). The linear terms matter for
stability experiments: without them the saddle point is 0 for every data set.

Ground truth:
  sample_grads(g, x, y, i) = (mu x + A_i y + b_i,  A_i^T x - mu y - c_i)  (partial gradients;
                 x descends along the first, y ascends along the second); their mean over i is
                 `grads`.
  saddle(g)      the exact saddle point of F_S: [[mu I, Abar], [-Abar^T, mu I]] (x, y) =
                 (-bbar, -cbar) (needs mu > 0 or Abar invertible).
  lipschitz(g)   max_i ||J_i|| with J_i = [[mu I, A_i], [-A_i^T, mu I]], the Jacobian of the
                 operator z -> (grad_x f, -grad_y f); ||J_i||^2 = mu^2 + ||A_i||^2 (mu I plus a
                 skew-symmetric matrix).
  gda_expansion(mu, sigma, lr)  the operator norm of the simultaneous GDA map Jacobian
                 I - lr J_i for a sample with ||A_i|| = sigma (the cross terms cancel since
                 J_i - mu I is skew): sqrt((1 - lr mu)^2 + lr^2 sigma^2); < 1 iff
                 lr < 2 mu / (mu^2 + sigma^2),
                 and > 1 for every lr > 0 when mu = 0 (GDA is expansive on bilinear games).
  replace(g, key, i)  the neighbouring data set: sample i redrawn from the same model.
Static: `n`, `d`.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class FiniteSumGame(NamedTuple):
    """n samples (A_i, b_i, c_i) of a convex-concave quadratic game."""

    A: jax.Array  # (n, d, d) per-sample coupling matrices
    b: jax.Array  # (n, d) linear terms in x
    c: jax.Array  # (n, d) linear terms in y
    base: jax.Array  # (d, d) shared base coupling A
    mu: jax.Array  # () strong convexity / concavity
    spread: jax.Array  # () per-sample perturbation scale of A_i


def base(key: jax.Array, d: int) -> jax.Array:
    """A Gaussian d x d matrix scaled to spectral norm 1."""
    d = _checks.positive_int("d", d)
    g = jax.random.normal(key, (d, d))
    return g / jnp.linalg.norm(g, 2)


def _draw(key, n, base_a, spread):
    d = base_a.shape[0]
    k_a, k_b, k_c = jax.random.split(key, 3)
    a = base_a + spread * jax.random.normal(k_a, (n, d, d)) / jnp.sqrt(d)
    return a, jax.random.normal(k_b, (n, d)), jax.random.normal(k_c, (n, d))


def make(key: jax.Array, n: int, base_a, mu=0.5, spread=0.3) -> FiniteSumGame:
    """n samples around the shared base coupling `base_a` (shape (d, d))."""
    n = _checks.positive_int("n", n)
    base_a = jnp.asarray(base_a, dtype=float)
    if base_a.ndim != 2 or base_a.shape[0] != base_a.shape[1]:
        raise ValueError(f"base_a must be a square matrix, got shape {base_a.shape}")
    _checks.require("mu", mu, lambda v: v >= 0, ">= 0")
    _checks.require("spread", spread, lambda v: v >= 0, ">= 0")
    a, b, c = _draw(key, n, base_a, spread)
    return FiniteSumGame(
        A=a, b=b, c=c, base=base_a, mu=jnp.asarray(mu, float), spread=jnp.asarray(spread, float)
    )


def replace(g: FiniteSumGame, key: jax.Array, i=0) -> FiniteSumGame:
    """The neighbouring data set: sample i redrawn from the same model."""
    a, b, c = _draw(key, 1, g.base, g.spread)
    return g._replace(A=g.A.at[i].set(a[0]), b=g.b.at[i].set(b[0]), c=g.c.at[i].set(c[0]))


def value(g: FiniteSumGame, x: jax.Array, y: jax.Array) -> jax.Array:
    """F_S(x, y) = (1/n) sum_i f(x, y; z_i)."""
    abar, bbar, cbar = g.A.mean(0), g.b.mean(0), g.c.mean(0)
    return 0.5 * g.mu * (x @ x - y @ y) + x @ abar @ y + bbar @ x - cbar @ y


def sample_grads(g: FiniteSumGame, x: jax.Array, y: jax.Array, i) -> tuple[jax.Array, jax.Array]:
    """(grad_x f, grad_y f) of sample i at (x, y)."""
    a = g.A[i]
    return g.mu * x + a @ y + g.b[i], a.T @ x - g.mu * y - g.c[i]


def grads(g: FiniteSumGame, x: jax.Array, y: jax.Array) -> tuple[jax.Array, jax.Array]:
    """(grad_x F_S, grad_y F_S) at (x, y)."""
    abar = g.A.mean(0)
    return g.mu * x + abar @ y + g.b.mean(0), abar.T @ x - g.mu * y - g.c.mean(0)


def saddle(g: FiniteSumGame) -> tuple[jax.Array, jax.Array]:
    """The exact saddle point (x*, y*) of F_S."""
    d = g.base.shape[0]
    abar = g.A.mean(0)
    eye = jnp.eye(d)
    m = jnp.block([[g.mu * eye, abar], [-abar.T, g.mu * eye]])
    z = jnp.linalg.solve(m, jnp.concatenate([-g.b.mean(0), -g.c.mean(0)]))
    return z[:d], z[d:]


def lipschitz(g: FiniteSumGame) -> jax.Array:
    """max_i sqrt(mu^2 + ||A_i||^2): the largest per-sample operator Lipschitz constant."""
    sig = jnp.linalg.norm(g.A, ord=2, axis=(1, 2))
    return jnp.sqrt(g.mu**2 + jnp.max(sig) ** 2)


def gda_expansion(mu, sigma, lr) -> jax.Array:
    """sqrt((1 - lr mu)^2 + lr^2 sigma^2) = ||I - lr J_i|| when ||A_i|| = sigma."""
    return jnp.sqrt((1.0 - lr * mu) ** 2 + (lr * sigma) ** 2)
