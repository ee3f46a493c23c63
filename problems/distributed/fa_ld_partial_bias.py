"""Federated averaging Langevin dynamics (FA-LD) on Gaussian clients: the exact stationary moments.

Deng, Zhang, Ma, Song, Lin, "On Convergence of Federated Averaging Langevin Dynamics", UAI 2024,
arXiv:2112.05120. N clients hold one-dimensional Gaussian likelihood factors
f_i(x) = a_i (x − c_i)²/2; the target posterior π ∝ exp(−Σ_i f_i) is N(m*, 1/Σ_i a_i),
m* = Σ_i a_i c_i / Σ_i a_i (`posterior`). With weights p_i = 1/N each client runs K local
Langevin steps on its scaled potential F_i = f_i/p_i from the server value,

    x ← x − η N a_i (x − c_i) + √(2ηN) ξ,   ξ ~ N(0, 1) independent,

and the server averages the returned values of the participating clients with equal weights:
all N (full participation) or S drawn uniformly without replacement (partial participation,
the injected noise not rescaled). One round is therefore the random affine map
x' = A_S x + B_S + noise of variance V_S, with A_S, B_S, V_S the subset means/sums of the
per-client α_i = (1 − ηNa_i)^K, β_i = (1 − α_i) c_i and v_i = 2ηN Σ_{k<K} (1 − ηNa_i)^{2k}
(`round_coefficients`). Its stationary mean and variance follow exactly by averaging the first-
and second-moment recursions over all C(N, S) subsets (`stationary_moments`).

For one-dimensional laws W2² ≥ (m − m*)² + (s − s*)² (means m, standard deviations s), with
equality between Gaussians (`w2_moment_bound`): it is W2 exactly under full participation (the
chain is Gaussian) and a lower bound on W2 under partial participation (a Gaussian mixture).
"""

from __future__ import annotations

import itertools

import jax.numpy as jnp
import numpy as np

from problems import _checks


def posterior(a, c) -> tuple[jnp.ndarray, jnp.ndarray]:
    """Mean and variance of π ∝ exp(−Σ_i a_i (x − c_i)²/2)."""
    precision = jnp.sum(a)
    return jnp.sum(a * c) / precision, 1.0 / precision


def round_coefficients(a, c, eta, local_steps: int):
    """Per-client (α_i, β_i, v_i) of K local Langevin steps from a common start (see module doc)."""
    local_steps = _checks.positive_int("local_steps", local_steps)
    n = a.shape[0]
    contraction = 1.0 - eta * n * a
    alpha = contraction**local_steps
    beta = (1.0 - alpha) * c
    v = 2.0 * eta * n * (1.0 - alpha**2) / (1.0 - contraction**2)
    return alpha, beta, v


def subsets(num_clients: int, participants: int) -> np.ndarray:
    """All C(N, S) participant sets, as an index array (C(N, S), S)."""
    num_clients = _checks.positive_int("num_clients", num_clients)
    participants = _checks.positive_int("participants", participants)
    if participants > num_clients:
        raise ValueError(f"participants must be <= num_clients = {num_clients}, got {participants}")
    return np.array(list(itertools.combinations(range(num_clients), participants)))


def stationary_moments(a, c, eta, local_steps: int, participants: int):
    """Exact stationary mean and variance of the server value under uniform S-of-N participation."""
    alpha, beta, v = round_coefficients(a, c, eta, local_steps)
    index = subsets(a.shape[0], participants)
    s = index.shape[1]
    big_a = alpha[index].mean(axis=1)
    big_b = beta[index].mean(axis=1)
    big_v = v[index].sum(axis=1) / s**2
    mean = jnp.mean(big_b) / (1.0 - jnp.mean(big_a))
    second = (jnp.mean(big_b**2) + 2.0 * jnp.mean(big_a * big_b) * mean + jnp.mean(big_v)) / (
        1.0 - jnp.mean(big_a**2)
    )
    return mean, second - mean**2


def w2_moment_bound(mean, var, target_mean, target_var) -> jnp.ndarray:
    """√((m − m*)² + (s − s*)²): W2 between Gaussians, a lower bound on W2 for any 1-d laws."""
    return jnp.sqrt((mean - target_mean) ** 2 + (jnp.sqrt(var) - jnp.sqrt(target_var)) ** 2)
