"""Partial-sharing online federated learning (PSO-Fed) of a linear model with Byzantine noise injection.

The setting of Lari, Arablouei, Gogineni, Werner, "Resilience in Online Federated Learning:
Mitigating Model-Poisoning Attacks via Partial Sharing", arXiv:2403.13108 (PSO-Fed: Gogineni et
al.). K clients observe streaming data y = xᵀw° + v (x ~ N(0, I_D), v ~ N(0, σ_v²)) and each runs
LMS on its own model w_k every iteration. Each iteration every client is scheduled independently
with probability `participation`. A scheduled client first takes M of the D entries of the
global model (a fresh uniform M-subset, mask S_k) and keeps its own values elsewhere:
w_k ← S_k w + (I − S_k) w_k; then, after its LMS step, it shares M entries of its model (another
fresh subset S'_k). The server replaces, for each scheduled client, the shared entries of its
copy of w and averages the copies: w ← mean_k [S'_k s_k + (I − S'_k) w]. A Byzantine client
(the first `attackers` clients) shares s_k = w_k + n_k, n_k ~ N(0, σ_a² I), with probability
`attack_prob` in each iteration it is scheduled; an honest client shares s_k = w_k. With
`shared = D` this is full-sharing online FedAvg. `pso_fed_step` is one iteration.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class PsoFed(NamedTuple):
    """The setting: sizes, data noise, scheduling and attack parameters."""

    num_clients: int
    dim: int
    shared: int  # M entries exchanged per direction
    participation: float
    attackers: int
    attack_prob: float
    attack_std: float
    noise_std: float  # σ_v of the observations


def entry_masks(key: jax.Array, num_clients: int, dim: int, shared: int) -> jax.Array:
    """(K, D) 0/1 masks, each selecting a uniform `shared`-subset of the D entries."""
    shared = _checks.positive_int("shared", shared)
    if shared > dim:
        raise ValueError(f"shared must be <= dim = {dim}, got {shared}")
    ranks = jnp.argsort(jax.random.uniform(key, (num_clients, dim)), axis=1)
    return (ranks < shared).astype(float)


def pso_fed_step(setting: PsoFed, key: jax.Array, w, clients, w_true, lr):
    """One PSO-Fed iteration: (global model w (D,), client models (K, D)) → updated pair."""
    k_sched, k_down, k_up, k_x, k_v, k_coin, k_atk = jax.random.split(key, 7)
    n, d = setting.num_clients, setting.dim
    scheduled = jax.random.bernoulli(k_sched, setting.participation, (n,)).astype(float)[:, None]
    down = scheduled * entry_masks(k_down, n, d, setting.shared)
    clients = down * w[None, :] + (1.0 - down) * clients
    x = jax.random.normal(k_x, (n, d))
    y = x @ w_true + setting.noise_std * jax.random.normal(k_v, (n,))
    clients = clients + lr * x * (y - jnp.sum(x * clients, axis=1))[:, None]
    attacking = (jnp.arange(n) < setting.attackers) & jax.random.bernoulli(k_coin, setting.attack_prob, (n,))
    shared_values = clients + attacking[:, None] * setting.attack_std * jax.random.normal(k_atk, (n, d))
    up = entry_masks(k_up, n, d, setting.shared)
    copies = up * shared_values + (1.0 - up) * w[None, :]
    count = jnp.sum(scheduled)
    merged = jnp.sum(scheduled * copies, axis=0) / jnp.maximum(count, 1.0)
    return jnp.where(count > 0, merged, w), clients
