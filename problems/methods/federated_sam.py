"""Sharpness-aware local steps for federated and decentralized learning: DFedSAM(-MGS), FedSpeed.

All methods act on stacked per-client arrays (row i = client i) and take a batched oracle
`grad_fn(Y) -> G` returning every client's gradient at its own point (e.g.
`functools.partial(nonconvex_clients.grads, clients)` or `federated.grads`). Stochastic
gradients are grad_fn(Y) + noise * xi with xi ~ N(0, I) drawn per client and local step;
both gradients of a SAM step share the same xi (the same minibatch, as in SAM).

  sam_gradients(grad_fn, Y, xi, rho, normalize)
      g1 = grad_fn(Y) + xi,  Y~ = Y + rho * g1 / ||g1|| (normalize=True, SAM of Foret et al.
      2021) or Y + rho * g1 (normalize=False, FedSpeed's ascent step),  g2 = grad_fn(Y~) + xi.
  dfedsam_round  (Shi et al. 2023, "Improving the Model Consistency of Decentralized Federated
      Learning", arXiv:2302.04083): every client runs `steps` local SAM steps y <- y - lr g2
      from its own model, then the models are mixed by `gossip_steps` = Q gossip steps,
      X+ = W^Q Z (Q = 1: DFedSAM; Q > 1: DFedSAM-MGS). rho = 0 gives decentralized FedAvg
      (local SGD + gossip).
  fedspeed_round (Sun et al. 2023, "FedSpeed: Larger Local Interval, Less Communication Round,
      and Higher Generalization Accuracy", arXiv:2302.10429, Algorithm 1; the same recursion as
      the authors' FL-Simulator code, whose h_i equals -lambda * lamhat_i):
        local, k < K:  g = (1 - alpha) g1 + alpha g2   (sam_gradients, normalize=False)
                       y <- y - lr (g - lamhat_i + prox (y - x))          (prox = 1/lambda)
        lamhat_i <- lamhat_i - prox (y_K - x)         (prox-correction / dual update)
        x+ = mean_i (y_K - lamhat_i / prox)
      correction=False keeps lamhat = 0 (FedProx with the same perturbed gradient).
  fedavg_round   local SGD from the server model, x+ = x + mean_i Delta_i.
Full participation, uniform weights. Pure and jit/vmap-safe.
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

from problems import _checks

GradFn = Callable[[jax.Array], jax.Array]


def sam_gradients(grad_fn: GradFn, Y: jax.Array, xi: jax.Array, rho, normalize: bool = True):
    """(g1, g2): the stochastic gradient at Y and at the ascent point Y + rho * (normalised) g1."""
    g1 = grad_fn(Y) + xi
    if normalize:
        direction = g1 / jnp.maximum(jnp.linalg.norm(g1, axis=-1, keepdims=True), 1e-12)
    else:
        direction = g1
    return g1, grad_fn(Y + rho * direction) + xi


def gossip(W: jax.Array, X: jax.Array, steps: int) -> jax.Array:
    """W^steps X (steps >= 1 gossip rounds with the same mixing matrix)."""
    steps = _checks.positive_int("steps", steps)
    return jax.lax.fori_loop(0, steps, lambda _, Z: W @ Z, X)


def dfedsam_round(
    grad_fn: GradFn,
    W: jax.Array,
    X: jax.Array,
    key: jax.Array,
    lr,
    rho,
    steps: int,
    noise=0.0,
    gossip_steps: int = 1,
):
    """One DFedSAM(-MGS) round: `steps` local SAM steps per client, then Q gossip steps.

    Returns (X+, Z): the mixed models and the local models before mixing.
    """
    steps = _checks.positive_int("steps", steps)
    xi = noise * jax.random.normal(key, (steps,) + X.shape)

    def local(k, Y):
        _, g2 = sam_gradients(grad_fn, Y, xi[k], rho, normalize=True)
        return Y - lr * g2

    Z = jax.lax.fori_loop(0, steps, local, X)
    return gossip(W, Z, gossip_steps), Z


def fedspeed_round(
    grad_fn: GradFn,
    x: jax.Array,
    lamhat: jax.Array,
    key: jax.Array,
    lr,
    rho,
    alpha,
    prox,
    steps: int,
    noise=0.0,
    correction: bool = True,
):
    """One FedSpeed round from server model x (d,) with duals lamhat (N, d); returns (x+, lamhat+)."""
    steps = _checks.positive_int("steps", steps)
    Y0 = jnp.broadcast_to(x, lamhat.shape)
    xi = noise * jax.random.normal(key, (steps,) + lamhat.shape)

    def local(k, Y):
        g1, g2 = sam_gradients(grad_fn, Y, xi[k], rho, normalize=False)
        g = (1.0 - alpha) * g1 + alpha * g2
        return Y - lr * (g - lamhat + prox * (Y - x))

    Y = jax.lax.fori_loop(0, steps, local, Y0)
    if correction:
        lamhat = lamhat - prox * (Y - x)
    return jnp.mean(Y - lamhat / prox, axis=0), lamhat


def fedavg_round(
    grad_fn: GradFn, x: jax.Array, num_clients: int, key: jax.Array, lr, steps: int, noise=0.0
) -> jax.Array:
    """One FedAvg round with full participation: x+ = mean_i y_i^K, local SGD from x."""
    steps = _checks.positive_int("steps", steps)
    n = _checks.positive_int("num_clients", num_clients)
    Y0 = jnp.broadcast_to(x, (n,) + x.shape)
    xi = noise * jax.random.normal(key, (steps,) + Y0.shape)
    Y = jax.lax.fori_loop(0, steps, lambda k, Y: Y - lr * (grad_fn(Y) + xi[k]), Y0)
    return jnp.mean(Y, axis=0)
