"""FRUGAL gradient splitting: a stateful optimizer on a coordinate block, a state-free one elsewhere.

Zmushko, Beznosikov, Takáč, Horváth, "FRUGAL: Memory-Efficient Optimization by Reducing State
Overhead for Scalable Training", ICML 2025, arXiv:2411.07837. Each step the gradient g is split by
a 0/1 mask m (the state-full block, re-selected every `period` steps, blockwise as in BAdam):
m ⊙ g goes to SGD with heavy-ball momentum (optax.sgd(lr, momentum=beta)), whose state is reset
when the block changes (the state only lives on the current block); (1 − m) ⊙ g goes to plain
SGD (state-free), so the update is full-rank. `state_free=False` drops the state-free part: only
the block moves (a low-rank-only update, GaLore/BAdam-style); with a block that never changes
the coordinates outside it are never trained.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import optax

from problems import _checks


def block_mask(key: jax.Array, dim: int, rank: int) -> jax.Array:
    """A 0/1 mask selecting `rank` of `dim` coordinates uniformly at random."""
    dim = _checks.positive_int("dim", dim)
    rank = _checks.positive_int("rank", rank)
    if rank > dim:
        raise ValueError(f"rank must be <= dim = {dim}, got {rank}")
    chosen = jax.random.permutation(key, dim)[:rank]
    return jnp.zeros(dim).at[chosen].set(1.0)


class FrugalState(NamedTuple):
    """Iterate, the state-full optimizer's state, and the current block mask."""

    x: jax.Array
    opt_state: optax.OptState
    mask: jax.Array


def init(x0, lr, beta, mask) -> FrugalState:
    """State at x0 with the first block `mask`."""
    return FrugalState(x0, optax.sgd(lr, momentum=beta).init(x0), mask)


def reselect(state: FrugalState, key: jax.Array, t, rank: int, period: int, lr, beta) -> FrugalState:
    """At steps t ≡ 0 (mod period) draw a new block (from fold_in(key, t)) and reset the momentum."""
    period = _checks.positive_int("period", period)
    switch = t % period == 0
    mask = jnp.where(switch, block_mask(jax.random.fold_in(key, t), state.x.shape[0], rank), state.mask)
    fresh = optax.sgd(lr, momentum=beta).init(state.x)
    opt_state = jax.tree_util.tree_map(lambda a, b: jnp.where(switch, a, b), fresh, state.opt_state)
    return FrugalState(state.x, opt_state, mask)


def step(state: FrugalState, grad, lr, beta, state_free: bool = True) -> FrugalState:
    """One FRUGAL step: heavy-ball SGD on the block's gradient, plain SGD (if state_free) on the rest."""
    stateful = optax.sgd(lr, momentum=beta)
    block_update, opt_state = stateful.update(state.mask * grad, state.opt_state, state.x)
    free_update = -lr * (1.0 - state.mask) * grad if state_free else jnp.zeros_like(grad)
    return FrugalState(state.x + state.mask * block_update + free_update, opt_state, state.mask)
