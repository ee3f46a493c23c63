"""Heterogeneous federated learning with online model extraction: masks, masked local work, coverage.

Each round every client trains a sub-model: a 0/1 mask m_i over the d coordinates (its extracted
model); its local steps move only the masked coordinates, the others stay at the server value.
The server averages each coordinate over the clients that trained it ("coverage" aggregation of
Zhou et al., "Every Parameter Matters: Ensuring the Convergence of Federated Learning with Dynamic
Heterogeneous Models Reduction", arXiv:2310.08670); a coordinate that no client covered keeps its
value. The minimum coverage index of a round is min_j Σ_i m_ij (Γ_min in the paper).

`coverage_masks` draws masks that keep each coordinate with probability `keep` independently and
give every coordinate one uniformly drawn owner that always keeps it, so Γ_min ≥ 1 and the clients
are exchangeable (each coordinate's covering set is a client-symmetric random set); the
coordinates listed in `uncovered` are kept by nobody (Γ_min = 0).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks
from problems.distributed import federated


def coverage_masks(key: jax.Array, num_clients: int, dim: int, keep: float, uncovered=()) -> jax.Array:
    """(N, d) 0/1 masks: Bernoulli(keep) entries OR one random owner per coordinate; `uncovered` all 0."""
    num_clients = _checks.positive_int("num_clients", num_clients)
    dim = _checks.positive_int("dim", dim)
    _checks.require("keep", keep, lambda v: (v >= 0) & (v <= 1), "in [0, 1]")
    k_keep, k_owner = jax.random.split(key)
    kept = jax.random.bernoulli(k_keep, keep, (num_clients, dim))
    owner = jax.random.randint(k_owner, (dim,), 0, num_clients)
    owned = jnp.arange(num_clients)[:, None] == owner[None, :]
    mask = (kept | owned).astype(float)
    if uncovered:
        mask = mask.at[:, jnp.asarray(uncovered)].set(0.0)
    return mask


def min_coverage(mask) -> jax.Array:
    """Γ_min = min over coordinates of the number of clients that train it."""
    return jnp.min(jnp.sum(mask, axis=0))


def masked_local_gd(clients: federated.Clients, x, mask, lr, steps: int) -> jax.Array:
    """Updates Δ_i of `steps` local GD steps on each client's sub-model (masked coordinates only)."""
    steps = _checks.positive_int("steps", steps)
    y0 = jnp.broadcast_to(jnp.asarray(x, dtype=float), clients.c.shape)

    def body(_, y):
        return y - lr * mask * federated.grads(clients, y)

    return jax.lax.fori_loop(0, steps, body, y0) - y0


def coverage_aggregate(deltas, mask) -> jax.Array:
    """Per-coordinate mean of the updates over the clients that covered it (0 where nobody did)."""
    count = jnp.sum(mask, axis=0)
    return jnp.sum(mask * deltas, axis=0) / jnp.maximum(count, 1.0)


def full_gradient(clients: federated.Clients, x) -> jax.Array:
    """∇f(x) of the standard FL objective f = Σ_i w_i f_i (the full model)."""
    per_client = federated.grads(clients, jnp.broadcast_to(x, clients.c.shape))
    return clients.weights @ per_client
