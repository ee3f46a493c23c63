"""A fast-mixing Markov chain on sample indices: the lazy walk on the complete graph.

  lazy_complete_walk  i_{t+1} = i_t w.p. `laziness`, else a fresh uniform index in {0..n-1}.
                      Uniform stationary distribution; transition matrix
                      P = laziness·I + (1 − laziness)·11ᵀ/n, eigenvalues 1 and `laziness`
                      (n − 1 times), so the spectral gap 1 − laziness does not depend on n
                      and the chain mixes in O(1) steps. laziness = 0 gives i.i.d. indices.
  complete_walk_matrix  that P (numpy).

Used by the Markov-sampling D-SGD/SGDA stability claims as the fast chain: unlike i.i.d.
indices, consecutive indices are dependent (the chain holds its state for a geometric time),
so the claims exercise Markov sampling, with a mixing time that stays bounded in n.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks


def lazy_complete_walk(key: jax.Array, n: int, T: int, laziness=0.5, start=None) -> jax.Array:
    """(i_0, ..., i_{T-1}) of the lazy walk on the complete graph of n indices.

    `start`: the initial index (an int or traced int), or None for a uniform (stationary) one.
    """
    n = _checks.positive_int("n", n)
    T = _checks.positive_int("T", T)
    _checks.require("laziness", laziness, lambda a: (a >= 0) & (a < 1), "in [0, 1)")
    k_stay, k_new, k_start = jax.random.split(key, 3)
    first = jax.random.randint(k_start, (), 0, n) if start is None else jnp.asarray(start, int)
    fresh = jax.random.randint(k_new, (T,), 0, n).at[0].set(first)
    refresh = jnp.concatenate([jnp.ones(1, bool), jax.random.uniform(k_stay, (T - 1,)) >= laziness])
    last = jax.lax.cummax(jnp.where(refresh, jnp.arange(T), 0))
    return fresh[last]


def complete_walk_matrix(n: int, laziness=0.5) -> np.ndarray:
    """Transition matrix of `lazy_complete_walk` (numpy)."""
    n = _checks.positive_int("n", n)
    return laziness * np.eye(n) + (1.0 - laziness) * np.ones((n, n)) / n
