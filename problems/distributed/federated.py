"""Federated quadratic clients, partial participation, and the aggregation rules around them.

Clients:  f_i(x) = 1/2 (x - c_i)^T A_i (x - c_i),  i = 1..N,  target f = sum_i w_i f_i
(w = target weights, uniform by default). The minimiser of any weighting q of the clients is
in closed form, x_q = (sum_i q_i A_i)^{-1} sum_i q_i A_i c_i (`weighted_optimum`), so the
federated optimum x* and every biased limit (FedAvg under heterogeneous participation,
asynchronous FedAvg under heterogeneous speeds) are exact ground truths.

Local work: `local_sgd` runs `steps` SGD steps on every client from the same start with
additive N(0, noise^2 I) gradient noise and returns the updates Delta_i = y_i - x.
`local_fixed_point` is the noise-free limit of FedAvg with K local steps at constant lr:
the root of sum_i q_i M_i (x - c_i) = 0, M_i = I - (I - lr A_i)^K (objective inconsistency,
Wang et al. 2020, "Tackling the objective inconsistency problem in heterogeneous federated
optimization", arXiv:2007.07481).

Participation weighting (Wang & Ji, "A Lightweight Method for Tackling Unknown Participation
Statistics in Federated Averaging", arXiv:2306.03401, Algorithm 1 and the authors' code
github.com/IBM/fedau): `IntervalEstimator` keeps, per client, the number of rounds since its
last participation and the running mean of its recorded participation intervals; an
interval is recorded when the client participates (rounds since last + 1) or when K rounds
pass without participation (K, the cutoff). The FedAU weight used in a round is the mean of
the intervals recorded before that round (1 before any is recorded). The recorded intervals
are i.i.d. min(Geom(p), K), so E[weight] -> (1 - (1 - p)^K)/p: 1/p up to the cutoff bias.
Aggregations: `fedavg_participating` (mean over participants), `weighted_all` (sum over
participants of weight_i * Delta_i, divided by N: FedAU with the estimator's weights, the
oracle with 1/p_i).

Asynchronous clients (Fraboni et al., "A General Theory for Federated Optimization with
Asynchronous and Heterogeneous Clients Updates", arXiv:2206.10189): `async_event` simulates
the next finishing client under exponential compute times (the minimum of independent
exponential clocks is the client i with probability rate_i / sum rate, after an
Exp(sum rate) time; memorylessness lets every client restart its clock at every event).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks
from problems._linalg import random_orthogonal


class Clients(NamedTuple):
    """N quadratic clients f_i(x) = 1/2 (x - c_i)^T A_i (x - c_i), with the federated optimum."""

    A: jax.Array  # (N, d, d) symmetric positive definite Hessians
    c: jax.Array  # (N, d) local minimisers
    weights: jax.Array  # (N,) target weights w_i, sum 1
    x_star: jax.Array  # (d,) argmin sum_i w_i f_i


def weighted_optimum(clients: Clients, q) -> jax.Array:
    """argmin_x sum_i q_i f_i(x) = (sum q_i A_i)^{-1} sum q_i A_i c_i (q >= 0, not all 0)."""
    q = jnp.asarray(q, dtype=float)
    H = jnp.einsum("i,ijk->jk", q, clients.A)
    b = jnp.einsum("i,ijk,ik->j", q, clients.A, clients.c)
    return jnp.linalg.solve(H, b)


def make(A, c, weights=None) -> Clients:
    """Clients from Hessians A (N, d, d) and centres c (N, d); uniform target weights by default."""
    A = jnp.asarray(A, dtype=float)
    c = jnp.asarray(c, dtype=float)
    if A.ndim != 3 or A.shape[1] != A.shape[2]:
        raise ValueError(f"A must have shape (N, d, d), got {A.shape}")
    if c.shape != A.shape[:2]:
        raise ValueError(f"c must have shape {A.shape[:2]}, got {c.shape}")
    n = A.shape[0]
    if weights is None:
        weights = jnp.full(n, 1.0 / n)
    weights = jnp.asarray(weights, dtype=float)
    _checks.require(
        "weights",
        weights,
        lambda w: (w >= 0).all() and abs(w.sum() - 1) < 1e-9,
        "non-negative and summing to 1",
    )
    clients = Clients(A, c, weights, jnp.zeros(A.shape[1]))
    return clients._replace(x_star=weighted_optimum(clients, weights))


def isotropic(c, weights=None) -> Clients:
    """Clients f_i(x) = 1/2 ||x - c_i||^2 (A_i = I): any q-weighted optimum is sum q_i c_i / sum q_i."""
    c = jnp.asarray(c, dtype=float)
    if c.ndim != 2:
        raise ValueError(f"c must have shape (N, d), got {c.shape}")
    return make(jnp.broadcast_to(jnp.eye(c.shape[1]), (c.shape[0],) + (c.shape[1],) * 2), c, weights)


def rotated(key: jax.Array, c, eig_lo=0.5, eig_hi=2.0, weights=None) -> Clients:
    """Clients with A_i = Q_i diag(linspace(eig_lo, eig_hi, d)) Q_i^T, Q_i Haar-random."""
    c = jnp.asarray(c, dtype=float)
    if c.ndim != 2:
        raise ValueError(f"c must have shape (N, d), got {c.shape}")
    _checks.require("eig_lo", eig_lo, lambda v: v > 0, "> 0")
    _checks.require("eig_hi", eig_hi, lambda v: v >= eig_lo, ">= eig_lo")
    n, d = c.shape
    eigs = jnp.linspace(eig_lo, eig_hi, d)
    Q = jax.vmap(lambda k: random_orthogonal(k, d))(jax.random.split(key, n))
    A = jnp.einsum("nij,j,nkj->nik", Q, eigs, Q)
    return make(A, c, weights)


def select(clients: Clients, i) -> Clients:
    """Client i alone, as a one-client `Clients` (i may be traced)."""
    return Clients(clients.A[i][None], clients.c[i][None], jnp.ones(1), clients.c[i])


def grads(clients: Clients, y) -> jax.Array:
    """Per-client gradients A_i (y_i - c_i) at per-client points y (N, d)."""
    return jnp.einsum("nij,nj->ni", clients.A, y - clients.c)


def local_sgd(clients: Clients, x, key: jax.Array, lr, steps: int, noise=0.0) -> jax.Array:
    """Updates Delta_i = y_i^K - x_i of `steps` local SGD steps on every client.

    x: one start (d,) shared by all clients, or one start per client (N, d) (stale starts).
    y^{k+1} = y^k - lr (A_i (y^k - c_i) + noise * xi), xi ~ N(0, I) independent per client/step.
    """
    steps = _checks.positive_int("steps", steps)
    y0 = jnp.broadcast_to(jnp.asarray(x, dtype=float), clients.c.shape)
    xi = jax.random.normal(key, (steps,) + y0.shape)

    def body(k, y):
        return y - lr * (grads(clients, y) + noise * xi[k])

    return jax.lax.fori_loop(0, steps, body, y0) - y0


def local_sgd_isotropic(clients: Clients, x, key: jax.Array, lr, steps: int, noise=0.0) -> jax.Array:
    """`local_sgd` for isotropic clients (A_i = I), sampled exactly in one draw.

    With A_i = I the K-step SGD update is Gaussian: Delta_i = -(1 - (1 - lr)^K)(x - c_i)
    + lr * noise * sqrt(sum_{j<K} (1 - lr)^{2j}) * xi, xi ~ N(0, I); the same law as
    `local_sgd`, for the cost of one normal draw (used where the Hessians are I).
    """
    steps = _checks.positive_int("steps", steps)
    shrink = 1.0 - (1.0 - lr) ** steps
    rho2 = (1.0 - lr) ** 2
    var_sum = jnp.where(jnp.abs(1.0 - rho2) > 1e-12, (1.0 - rho2**steps) / (1.0 - rho2 + 1e-300), steps)
    xi = jax.random.normal(key, clients.c.shape)
    return -shrink * (x - clients.c) + lr * noise * jnp.sqrt(var_sum) * xi


def local_fixed_point(clients: Clients, q, lr, steps: int) -> jax.Array:
    """Root of sum_i q_i M_i (x - c_i) = 0, M_i = I - (I - lr A_i)^steps: the noise-free limit
    of aggregating `steps`-step local GD updates with weights q (K = 1 gives the q-optimum)."""
    steps = _checks.positive_int("steps", steps)
    d = clients.c.shape[1]
    M = jnp.eye(d) - jax.vmap(lambda a: jnp.linalg.matrix_power(jnp.eye(d) - lr * a, steps))(clients.A)
    q = jnp.asarray(q, dtype=float)
    H = jnp.einsum("i,ijk->jk", q, M)
    b = jnp.einsum("i,ijk,ik->j", q, M, clients.c)
    return jnp.linalg.solve(H, b)


# ---------------------------------------------------------------- partial participation


def participate(key: jax.Array, p) -> jax.Array:
    """Independent Bernoulli(p_i) participation indicators (float 0/1, shape of p)."""
    p = jnp.asarray(p, dtype=float)
    return (jax.random.uniform(key, p.shape) < p).astype(float)


class IntervalEstimator(NamedTuple):
    """FedAU's online estimate of each client's mean participation interval (about 1/p_i)."""

    since: jax.Array  # (N,) rounds since the last recorded interval
    count: jax.Array  # (N,) number of recorded intervals
    mean: jax.Array  # (N,) running mean of the recorded intervals


def estimator_init(num_clients: int) -> IntervalEstimator:
    n = _checks.positive_int("num_clients", num_clients)
    return IntervalEstimator(jnp.zeros(n), jnp.zeros(n), jnp.zeros(n))


def estimator_weights(est: IntervalEstimator) -> jax.Array:
    """The FedAU aggregation weights for this round: mean recorded interval, 1 before any."""
    return jnp.where(est.count > 0, est.mean, 1.0)


def estimator_update(est: IntervalEstimator, q, cutoff) -> IntervalEstimator:
    """Record this round's participation q (0/1 per client) with cutoff K = `cutoff`.

    A participating client records since + 1 and resets; a non-participating one increments
    `since` and, on reaching K, records K and resets (as in the authors' code).
    """
    since = est.since + 1.0
    record = (q > 0) | (since >= cutoff)
    count = est.count + record
    mean = jnp.where(record, est.mean + (since - est.mean) / jnp.maximum(count, 1.0), est.mean)
    return IntervalEstimator(jnp.where(record, 0.0, since), count, mean)


def expected_interval(p, cutoff) -> jax.Array:
    """E[min(G, K)] for G ~ Geom(p) on {1, 2, ...}: (1 - (1 - p)^K) / p."""
    p = jnp.asarray(p, dtype=float)
    return (1.0 - (1.0 - p) ** cutoff) / p


def fedavg_participating(deltas, q) -> jax.Array:
    """FedAvg over the participants: sum_i q_i Delta_i / max(sum_i q_i, 1)."""
    return jnp.einsum("i,ij->j", q, deltas) / jnp.maximum(jnp.sum(q), 1.0)


def weighted_all(deltas, q, weights) -> jax.Array:
    """(1/N) sum_i q_i weight_i Delta_i: FedAU (weights = interval estimates), oracle (1/p_i)."""
    return jnp.einsum("i,i,ij->j", q, weights, deltas) / q.shape[0]


# ---------------------------------------------------------------- asynchronous clients


def expected_max_exponential(rates) -> float:
    """E[max_i T_i], T_i ~ Exp(rate_i) independent: the mean length of a synchronous round.

    Computed on concrete rates by quadrature of E[max] = ∫_0^∞ (1 − Π_i (1 − e^{−rate_i t})) dt.
    """
    import numpy as np

    rates = np.asarray(rates, dtype=float)
    _checks.require("rates", rates, lambda r: (r > 0).all(), "positive")
    t = np.linspace(0.0, 60.0 / rates.min(), 200_001)
    tail = 1.0 - np.prod(1.0 - np.exp(-np.outer(t, rates)), axis=1)
    return float(np.sum((tail[1:] + tail[:-1]) * 0.5 * np.diff(t)))


def async_event(key: jax.Array, rates) -> tuple[jax.Array, jax.Array]:
    """(client, elapsed time) of the next completion among independent Exp(rate_i) clocks."""
    rates = jnp.asarray(rates, dtype=float)
    k_who, k_dt = jax.random.split(key)
    total = jnp.sum(rates)
    who = jax.random.categorical(k_who, jnp.log(rates))
    return who, jax.random.exponential(k_dt) / total
