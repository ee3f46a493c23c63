"""Mixtures of pointwise and pairwise learning (PPL): least squares on the unit sphere.

Data: x_i uniform on the unit sphere S^{d-1}, y_i = clip(<w_true, x_i> + noise * xi_i, -1, 1),
xi ~ N(0, 1). With a_i = <w, x_i> - y_i the PPL objective is
    F(w) = tau * 1/n sum_i a_i^2 / 2
           + (1 - tau) * 1/(n(n-1)) sum_{i != j} (a_i - a_j)^2 / 2  + lam/2 ||w||^2
         = tau/(2n) ||a||^2 + (1 - tau)/(n-1) ||a - mean(a)||^2 + lam/2 ||w||^2,
a pointwise squared loss plus a pairwise (ranking-type) squared loss on differences
(Wang et al. 2023, "Stability-based Generalization Analysis for Mixtures of Pointwise and
Pairwise Learning", arXiv:2302.09967). It is a quadratic, so regularized risk minimization
(RRM) has the closed form `rrm` (H w = b with H = tau X^T X/n + 2(1-tau)/(n-1) Xc^T Xc + lam I).

Stability ground truth: `replace(p, key, i)` is the neighbouring data set with sample i
redrawn from the same model. On the ball ||w|| <= r the pointwise loss is G_f = r + 1
Lipschitz and the pairwise loss G_g = 2 (2r + 2) Lipschitz (||x|| = 1, |y| <= 1); sample i
enters the pointwise mean with weight 1/n and 2(n-1) of the n(n-1) ordered pairs, so for a
lam-strongly convex objective ||w_S - w_S'|| <= (2 tau G_f + 4 (1 - tau) G_g)/(lam n)
(`rrm_stability_bound`, with r = sqrt(2 F_S(0)/lam) bounding both minimizers).
SGD: `pair_grad` is the stochastic gradient of one ordered pair (i, j), i != j, whose mean
over all ordered pairs is `grad`; `sample_pair` draws such a pair.
Static arguments: `n`, `d`.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class PPL(NamedTuple):
    """A PPL least-squares data set with its mixing weight and ridge parameter."""

    X: jax.Array  # (n, d) inputs on the unit sphere
    y: jax.Array  # (n,) responses in [-1, 1]
    w_true: jax.Array  # (d,) planted parameter
    tau: jax.Array  # () weight of the pointwise loss (1 - tau on the pairwise loss)
    lam: jax.Array  # () ridge parameter
    noise: jax.Array  # () label-noise standard deviation before clipping


def _draw(key, n, d, w_true, noise):
    k_x, k_e = jax.random.split(key)
    x = jax.random.normal(k_x, (n, d))
    x = x / jnp.linalg.norm(x, axis=1, keepdims=True)
    y = jnp.clip(x @ w_true + noise * jax.random.normal(k_e, (n,)), -1.0, 1.0)
    return x, y


def make(key: jax.Array, n: int, d: int, tau=0.5, lam=0.0, noise=0.3, w_true=None) -> PPL:
    """n samples of the unit-sphere model; w_true defaults to a uniform unit vector."""
    n = _checks.positive_int("n", n)
    d = _checks.positive_int("d", d)
    if n < 2:
        raise ValueError(f"n must be >= 2 for pairs, got {n}")
    _checks.require("tau", tau, lambda t: (t >= 0) & (t <= 1), "in [0, 1]")
    _checks.require("lam", lam, lambda v: v >= 0, ">= 0")
    _checks.require("noise", noise, lambda v: v >= 0, ">= 0")
    k_w, k_d = jax.random.split(key)
    if w_true is None:
        u = jax.random.normal(k_w, (d,))
        w_true = u / jnp.linalg.norm(u)
    w_true = jnp.asarray(w_true, dtype=float)
    if w_true.shape != (d,):
        raise ValueError(f"w_true must have shape ({d},), got {w_true.shape}")
    x, y = _draw(k_d, n, d, w_true, noise)
    return PPL(
        X=x,
        y=y,
        w_true=w_true,
        tau=jnp.asarray(tau, float),
        lam=jnp.asarray(lam, float),
        noise=jnp.asarray(noise, float),
    )


def replace(p: PPL, key: jax.Array, i=0) -> PPL:
    """The neighbouring data set: sample i redrawn from the same model."""
    x, y = _draw(key, 1, p.X.shape[1], p.w_true, p.noise)
    return p._replace(X=p.X.at[i].set(x[0]), y=p.y.at[i].set(y[0]))


def value(p: PPL, w: jax.Array) -> jax.Array:
    """F(w): tau * pointwise mean + (1 - tau) * ordered-pair mean + lam/2 ||w||^2."""
    n = p.X.shape[0]
    a = p.X @ w - p.y
    return (
        p.tau * 0.5 * jnp.mean(a**2)
        + (1 - p.tau) * jnp.sum((a - a.mean()) ** 2) / (n - 1)
        + 0.5 * p.lam * w @ w
    )


def grad(p: PPL, w: jax.Array) -> jax.Array:
    """grad F(w) = tau X^T a/n + 2(1 - tau)/(n-1) Xc^T (a - mean a) + lam w."""
    n = p.X.shape[0]
    a = p.X @ w - p.y
    xc = p.X - p.X.mean(0)
    return p.tau * p.X.T @ a / n + 2 * (1 - p.tau) * xc.T @ (a - a.mean()) / (n - 1) + p.lam * w


def pair_grad(p: PPL, w: jax.Array, i, j) -> jax.Array:
    """Stochastic gradient of the ordered pair (i, j), i != j: its mean over pairs is `grad`."""
    xi, xj = p.X[i], p.X[j]
    ai, aj = xi @ w - p.y[i], xj @ w - p.y[j]
    return p.tau * ai * xi + (1 - p.tau) * (ai - aj) * (xi - xj) + p.lam * w


def sample_pair(key: jax.Array, n: int):
    """A uniform ordered pair (i, j) of distinct indices in {0..n-1}."""
    k_i, k_j = jax.random.split(key)
    i = jax.random.randint(k_i, (), 0, n)
    j = (i + jax.random.randint(k_j, (), 1, n)) % n
    return i, j


def rrm(p: PPL) -> jax.Array:
    """The exact minimizer of F (needs lam > 0 or a nonsingular data Hessian)."""
    n, d = p.X.shape
    xc = p.X - p.X.mean(0)
    yc = p.y - p.y.mean()
    h = p.tau * p.X.T @ p.X / n + 2 * (1 - p.tau) * xc.T @ xc / (n - 1) + p.lam * jnp.eye(d)
    b = p.tau * p.X.T @ p.y / n + 2 * (1 - p.tau) * xc.T @ yc / (n - 1)
    return jnp.linalg.solve(h, b)


def smoothness(p: PPL) -> jax.Array:
    """A bound on the smoothness of every pair loss: tau + 4 (1 - tau) + lam (||x|| = 1)."""
    return p.tau + 4 * (1 - p.tau) + p.lam


def lipschitz(p: PPL, radius) -> tuple[jax.Array, jax.Array]:
    """(G_f, G_g): Lipschitz constants of the pointwise and pairwise losses on ||w|| <= radius."""
    ymax = jnp.max(jnp.abs(p.y))
    g_f = radius + ymax
    g_g = 2.0 * (2.0 * radius + 2.0 * ymax)
    return g_f, g_g


def rrm_radius(p: PPL) -> jax.Array:
    """sqrt(2 F(0)/lam) >= ||rrm(p)|| (F(w*) + lam/2 ||w*||^2 <= F(0))."""
    return jnp.sqrt(2.0 * value(p, jnp.zeros(p.X.shape[1])) / p.lam)


def rrm_stability_bound(p: PPL, q: PPL) -> jax.Array:
    """(2 tau G_f + 4 (1 - tau) G_g)/(lam n) >= ||rrm(p) - rrm(q)|| for neighbours p, q."""
    n = p.X.shape[0]
    r = jnp.maximum(rrm_radius(p), rrm_radius(q))
    g_f, g_g = lipschitz(p, r)
    h_f, h_g = lipschitz(q, r)
    g_f, g_g = jnp.maximum(g_f, h_f), jnp.maximum(g_g, h_g)
    return (2 * p.tau * g_f + 4 * (1 - p.tau) * g_g) / (p.lam * n)
