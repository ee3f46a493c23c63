"""Preference data for RLHF reward learning: pairwise (Bradley-Terry-Luce) and K-wise
(Plackett-Luce) comparisons under a linear reward, with the MLEs.

Model (Zhu, Jordan & Jiao 2023, arXiv 2301.11270): a context s comes with K actions whose
features phi(s, a_k) ~ N(0, I_d) are i.i.d.; the reward is r(s, a) = <theta*, phi(s, a)>.
  BTL (K = 2):  P(a_1 preferred to a_2) = sigma(r(s, a_1) - r(s, a_2)).
  PL (K-wise):  a ranking is drawn by repeatedly choosing the next action among those left
                with probability proportional to exp(r); equivalently (Gumbel-max) it is the
                order of r_k + G_k with G_k i.i.d. standard Gumbel.

The BTL MLE is logistic regression on the feature differences x = phi_1 - phi_2 with labels
y = +1 if a_1 wins, so `make_pairwise` returns a `problems.convex.logistic.Logistic` instance and the
MLE is `logistic.empirical_minimizer` (damped Newton). The estimation error is measured in the
paper's data-covariance norm ||v||_{Sigma_D} with Sigma_D = (1/n) sum_i x_i x_i^T
(`sigma_norm`).

`uncovered` (an index j) builds the degenerate design of the paper's coverage discussion:
phi(s, a_2)_j = phi(s, a_1)_j, so no comparison carries information about theta*_j.

K-wise: `make_kwise` draws PL rankings; `pl_mle` maximizes the PL likelihood (damped Newton on
its convex negative log-likelihood); `split_pairwise` turns every ranking into its K(K-1)/2
pairwise comparisons (the "pairwise split" estimator, treated as independent BTL data).
Static arguments: `n`, `K`, `uncovered`, `iters`.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks
from problems.convex import logistic


def make_pairwise(
    key: jax.Array, n: int, theta_star, uncovered: int | None = None, lam=0.0
) -> logistic.Logistic:
    """n BTL comparisons with phi ~ N(0, I_d); returns the logistic problem on x = phi_1 - phi_2.

    `lam` is the ridge parameter of the MLE objective.
    """
    n = _checks.positive_int("n", n)
    theta_star = jnp.asarray(theta_star, dtype=float)
    if theta_star.ndim != 1:
        raise ValueError(f"theta_star must be a vector, got shape {theta_star.shape}")
    d = theta_star.shape[0]
    if uncovered is not None and not 0 <= uncovered < d:
        raise ValueError(f"uncovered must be an index in [0, {d}), got {uncovered}")
    _checks.require("lam", lam, lambda v: v >= 0, ">= 0")
    k1, k2, k_y = jax.random.split(key, 3)
    phi1 = jax.random.normal(k1, (n, d))
    phi2 = jax.random.normal(k2, (n, d))
    if uncovered is not None:
        phi2 = phi2.at[:, uncovered].set(phi1[:, uncovered])
    x = phi1 - phi2
    y = jnp.where(jax.random.uniform(k_y, (n,)) < jax.nn.sigmoid(x @ theta_star), 1.0, -1.0)
    lam = jnp.asarray(lam, dtype=float)
    L = jnp.linalg.eigvalsh(x.T @ x)[-1] / (4 * n) + lam
    return logistic.Logistic(X=x, y=y, w_star=theta_star, separable=jnp.asarray(0.0), lam=lam, L=L)


def sigma_norm(X: jax.Array, v: jax.Array) -> jax.Array:
    """||v||_{Sigma_D} = sqrt(v^T (X^T X / n) v) for the rows x_i of X (feature differences)."""
    return jnp.sqrt(jnp.mean((X @ v) ** 2))


class KWise(NamedTuple):
    """n K-wise comparisons: features (n, K, d), rankings (n, K) best first, ground truth."""

    phi: jax.Array
    ranking: jax.Array
    theta_star: jax.Array


def make_kwise(key: jax.Array, n: int, K: int, theta_star) -> KWise:
    """n contexts with K actions, phi ~ N(0, I_d), rankings drawn from Plackett-Luce."""
    n = _checks.positive_int("n", n)
    K = _checks.positive_int("K", K)
    if K < 2:
        raise ValueError(f"K must be >= 2, got {K}")
    theta_star = jnp.asarray(theta_star, dtype=float)
    d = theta_star.shape[0]
    k_phi, k_g = jax.random.split(key)
    phi = jax.random.normal(k_phi, (n, K, d))
    noisy = phi @ theta_star + jax.random.gumbel(k_g, (n, K))
    ranking = jnp.argsort(-noisy, axis=1)
    return KWise(phi=phi, ranking=ranking, theta_star=theta_star)


def pl_nll(inst: KWise, theta: jax.Array) -> jax.Array:
    """Mean PL negative log-likelihood: -(1/n) sum_i sum_k [r_(k) - logsumexp_{j >= k} r_(j)]."""
    r = jnp.take_along_axis(inst.phi @ theta, inst.ranking, axis=1)  # rewards in ranked order
    # logsumexp over the suffix j >= k, computed as a reversed cumulative logsumexp.
    suffix = jax.lax.cumlogsumexp(r[:, ::-1], axis=1)[:, ::-1]
    return -jnp.mean(jnp.sum(r[:, :-1] - suffix[:, :-1], axis=1))


def pl_mle(inst: KWise, iters: int = 30, lam=0.0) -> jax.Array:
    """PL MLE by damped Newton on the convex objective pl_nll + lam/2 ||theta||^2."""
    d = inst.theta_star.shape[0]

    def f(theta):
        return pl_nll(inst, theta) + 0.5 * lam * theta @ theta

    def step(theta, _):
        g = jax.grad(f)(theta)
        h = jax.hessian(f)(theta) + 1e-12 * jnp.eye(d)
        delta = jnp.linalg.solve(h, g)
        dec = jnp.sqrt(jnp.maximum(g @ delta, 0.0))
        t = jnp.where(dec > 0.5, 1.0 / (1.0 + dec), 1.0)
        return theta - t * delta, None

    theta, _ = jax.lax.scan(step, jnp.zeros(d), None, length=iters)
    return theta


def split_pairwise(inst: KWise, lam=0.0) -> logistic.Logistic:
    """All K(K-1)/2 pairs of every ranking as BTL data (winner first, label +1)."""
    n, K, d = inst.phi.shape
    ranked = jnp.take_along_axis(inst.phi, inst.ranking[:, :, None], axis=1)  # (n, K, d)
    i, j = np.triu_indices(K, k=1)
    x = (ranked[:, i, :] - ranked[:, j, :]).reshape(-1, d)
    y = jnp.ones(x.shape[0])
    lam = jnp.asarray(lam, dtype=float)
    L = jnp.linalg.eigvalsh(x.T @ x)[-1] / (4 * x.shape[0]) + lam
    return logistic.Logistic(X=x, y=y, w_star=inst.theta_star, separable=jnp.asarray(0.0), lam=lam, L=L)
