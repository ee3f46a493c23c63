"""Logistic regression: well-specified Gaussian model, separable variant, exact population risk.

Model (labels y in {-1, +1}):
    x ~ N(0, I_d),   P(y = +1 | x) = sigma(<w*, x>)        (well-specified, separable=0)
    y = sign(<w*, x>)                                      (separable=1)
Loss: l(w; x, y) = log(1 + exp(-y <w, x>)); empirical risk F(w) = mean_i l + lam/2 ||w||^2.

Population risk R(w) = E l(w; x, y) depends on x only through (u, v) = (<w, x>, <w*, x>),
a 2-d Gaussian, so it is computed to near machine precision by tensor Gauss-Hermite
quadrature:  R(w) = E_{u,v}[ p(v) softplus(-u) + (1 - p(v)) softplus(u) ], p(v) = P(y=1|v).
For the well-specified model R is minimized at w* (grad R(w*) = 0).

Static arguments: `n`, `d`, `n_quad`. `separable` is stored as a float flag so instances
stay pytrees that vmap cleanly.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks


class Logistic(NamedTuple):
    """Logistic-regression data set drawn from the Gaussian model, with ground truth."""

    X: jax.Array  # (n, d) inputs, rows ~ N(0, I_d)
    y: jax.Array  # (n,) labels in {-1, +1}
    w_star: jax.Array  # (d,) population parameter (population minimizer if well-specified)
    separable: jax.Array  # () 1.0 if y = sign(<w*, x>), 0.0 if y ~ Bernoulli(sigma(<w*, x>))
    lam: jax.Array  # () ridge parameter of the empirical risk
    L: jax.Array  # () smoothness of the empirical risk: ||X||_2^2 / (4n) + lam


def make(key: jax.Array, n: int, d: int, w_star=None, norm=1.0, separable=False, lam=0.0) -> Logistic:
    """Draw n samples from the Gaussian logistic model.

    w_star defaults to `norm` * (uniform direction). separable=True labels by sign(<w*, x>).
    """
    n = _checks.positive_int("n", n)
    d = _checks.positive_int("d", d)
    _checks.require("norm", norm, lambda v: v >= 0, ">= 0")
    _checks.require("lam", lam, lambda v: v >= 0, ">= 0")
    k_w, k_x, k_y = jax.random.split(key, 3)
    if w_star is None:
        u = jax.random.normal(k_w, (d,))
        w_star = norm * u / jnp.linalg.norm(u)
    w_star = jnp.asarray(w_star, dtype=float)
    if w_star.shape != (d,):
        raise ValueError(f"w_star must have shape ({d},), got {w_star.shape}")
    x = jax.random.normal(k_x, (n, d))
    v = x @ w_star
    sep = jnp.asarray(separable, dtype=float)
    y_noisy = jnp.where(jax.random.uniform(k_y, (n,)) < jax.nn.sigmoid(v), 1.0, -1.0)
    y_sep = jnp.where(v >= 0, 1.0, -1.0)
    y = jnp.where(sep > 0.5, y_sep, y_noisy)
    lam = jnp.asarray(lam, dtype=float)
    L = jnp.linalg.eigvalsh(x.T @ x)[-1] / (4 * n) + lam
    return Logistic(X=x, y=y, w_star=w_star, separable=sep, lam=lam, L=L)


def losses(p: Logistic, w: jax.Array) -> jax.Array:
    """Per-sample losses log(1 + exp(-y_i <w, x_i>)), shape (n,)."""
    return jnp.logaddexp(0.0, -p.y * (p.X @ w))


def value(p: Logistic, w: jax.Array) -> jax.Array:
    """Empirical risk mean_i l(w; x_i, y_i) + lam/2 ||w||^2."""
    return jnp.mean(losses(p, w)) + 0.5 * p.lam * w @ w


def grad(p: Logistic, w: jax.Array) -> jax.Array:
    """grad F(w) = -mean_i y_i sigma(-y_i <w, x_i>) x_i + lam w."""
    s = jax.nn.sigmoid(-p.y * (p.X @ w))
    return -(p.X.T @ (p.y * s)) / p.X.shape[0] + p.lam * w


def sample_grad(p: Logistic, w: jax.Array, idx: jax.Array) -> jax.Array:
    """Mini-batch gradient over rows `idx` (shape (b,))."""
    xb, yb = p.X[idx], p.y[idx]
    s = jax.nn.sigmoid(-yb * (xb @ w))
    return -(xb.T @ (yb * s)) / idx.shape[0] + p.lam * w


def empirical_minimizer(p: Logistic, iters: int = 50) -> jax.Array:
    """Minimizer of the empirical risk by damped Newton (jit-able, fixed `iters`).

    Needs lam > 0 or non-separable data (otherwise no finite minimizer exists).
    """
    n, d = p.X.shape

    def step(w, _):
        z = p.X @ w
        s = jax.nn.sigmoid(z) * jax.nn.sigmoid(-z)
        h = (p.X.T * s) @ p.X / n + p.lam * jnp.eye(d) + 1e-12 * jnp.eye(d)
        g = grad(p, w)
        delta = jnp.linalg.solve(h, g)
        # Damping keeps Newton globally convergent on the self-concordant-like logistic loss.
        dec = jnp.sqrt(jnp.maximum(g @ delta, 0.0))
        t = jnp.where(dec > 0.5, 1.0 / (1.0 + dec), 1.0)
        return w - t * delta, None

    w, _ = jax.lax.scan(step, jnp.zeros(d), None, length=iters)
    return w


def _safe_sqrt(t):
    """sqrt(max(t, 0)) with a finite gradient at t <= 0 (the risk is smooth in c^2)."""
    pos = t > 0
    return jnp.where(pos, jnp.sqrt(jnp.where(pos, t, 1.0)), 0.0)


def _gh(n_quad: int):
    """Probabilists' Gauss-Hermite nodes/weights: E g(Z) ~= sum w_k g(z_k), Z ~ N(0, 1)."""
    z, w = np.polynomial.hermite_e.hermegauss(n_quad)
    return jnp.asarray(z), jnp.asarray(w / np.sqrt(2 * np.pi))


def gaussian_expectation_2d(fn, w: jax.Array, w_star: jax.Array, n_quad: int = 128):
    """E fn(<w, x>, <w*, x>) for x ~ N(0, I), by tensor Gauss-Hermite quadrature.

    Writes v = |w*| z1, u = a z1 + c z2 with a = <w, w*>/|w*|, c = sqrt(|w|^2 - a^2), which is
    exact for any (w, w*) including parallel ones. `fn` maps broadcast arrays (u, v) to values.
    """
    z, wt = _gh(n_quad)
    ns = jnp.linalg.norm(w_star)
    safe = jnp.where(ns > 0, ns, 1.0)
    a = jnp.where(ns > 0, (w @ w_star) / safe, 0.0)
    c = _safe_sqrt(w @ w - a**2)
    z1, z2 = z[:, None], z[None, :]
    u = a * z1 + c * z2
    v = ns * z1 + 0.0 * z2
    return jnp.sum(wt[:, None] * wt[None, :] * fn(u, v))


def _half_normal_nodes(n_quad: int, r_max: float = 12.0):
    """Gauss-Legendre nodes/weights on [0, r_max] for E g(|Z|), Z ~ N(0, 1) (weight 2 phi)."""
    t, w = np.polynomial.legendre.leggauss(n_quad)
    r = 0.5 * r_max * (t + 1.0)
    w = 0.5 * r_max * w * 2.0 * np.exp(-0.5 * r**2) / np.sqrt(2 * np.pi)
    return jnp.asarray(r), jnp.asarray(w)


def population_risk(p: Logistic, w: jax.Array, n_quad: int = 128) -> jax.Array:
    """R(w) = E_{x ~ N(0,I), y | x} log(1 + exp(-y <w, x>)) (no ridge term), by quadrature.

    Well-specified: tensor Gauss-Hermite in (z1, z2). Separable: y = sign(z1), so
    R = E softplus(-(a |z1| + c z2)) with |z1| half-normal (Gauss-Legendre on [0, 12]) and z2
    standard normal (Gauss-Hermite). Accuracy at the default n_quad = 128: ~1e-9 relative
    for |w|, |w*| <= 3 (well-specified; the softplus/sigmoid poles at distance ~pi/|w| from
    the real axis set the rate), ~1e-13 separable. Raise n_quad for larger norms.
    """

    def fn(u, v):
        return jax.nn.sigmoid(v) * jnp.logaddexp(0.0, -u) + jax.nn.sigmoid(-v) * jnp.logaddexp(0.0, u)

    r_spec = gaussian_expectation_2d(fn, w, p.w_star, n_quad)
    ns = jnp.linalg.norm(p.w_star)
    a = jnp.where(ns > 0, (w @ p.w_star) / jnp.where(ns > 0, ns, 1.0), 0.0)
    c = _safe_sqrt(w @ w - a**2)
    r, wr = _half_normal_nodes(2 * n_quad)
    z, wz = _gh(n_quad)
    u = a * r[:, None] + c * z[None, :]
    r_sep = jnp.sum(wr[:, None] * wz[None, :] * jnp.logaddexp(0.0, -u))
    return jnp.where(p.separable > 0.5, r_sep, r_spec)


def generalization_gap(p: Logistic, w: jax.Array, n_quad: int = 128) -> jax.Array:
    """population_risk(w) - empirical (unregularized) risk of w on p's sample."""
    return population_risk(p, w, n_quad) - jnp.mean(losses(p, w))
