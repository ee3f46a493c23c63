"""Index sampling for stochastic and Markov-chain gradient methods, with known mixing.

  iid_uniform        i.i.d. uniform indices in {0..n-1}
  minibatches        T mini-batches of size b (with or without replacement inside a batch)
  lazy_cycle_walk    lazy random walk on the cycle Z_n: stay w.p. `laziness`, else +-1 w.p.
                     (1-laziness)/2 each. Uniform stationary distribution.
  cycle_walk_matrix  its transition matrix P; cycle_walk_spectral_gap its exact gap
                     1 - lambda_2(P) = (1 - laziness)(1 - cos(2 pi / n)) (laziness >= 1/2 makes
                     P PSD, so the absolute gap equals it); mixing_time_bound the standard
                     t_mix(eps) <= log(1/(eps pi_min)) / gap (Levin-Peres-Wilmer, Thm 12.4).

Markov-chain SGD claims (e.g. Duchi et al. 2012, "Ergodic mirror descent"; Doan 2023) use the
walk; `n`, `T`, `b` are static.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks


def iid_uniform(key: jax.Array, n: int, T: int) -> jax.Array:
    """T i.i.d. uniform indices in {0, ..., n-1}."""
    n = _checks.positive_int("n", n)
    T = _checks.positive_int("T", T)
    return jax.random.randint(key, (T,), 0, n)


def minibatches(key: jax.Array, n: int, T: int, b: int, replace: bool = True) -> jax.Array:
    """(T, b) indices: each row a mini-batch, uniform with or without replacement within it."""
    n = _checks.positive_int("n", n)
    T = _checks.positive_int("T", T)
    b = _checks.positive_int("b", b)
    if not replace and b > n:
        raise ValueError(f"b must be <= n when replace=False, got b={b}, n={n}")
    if replace:
        return jax.random.randint(key, (T, b), 0, n)
    # The b largest of n i.i.d. uniforms index a uniformly random b-subset.
    return jax.lax.top_k(jax.random.uniform(key, (T, n)), b)[1]


def lazy_cycle_walk(key: jax.Array, n: int, T: int, laziness=0.5, start=0) -> jax.Array:
    """T states of the lazy random walk on the cycle {0..n-1}, starting from `start`.

    i_{t+1} = i_t + s_t mod n, s_t = 0 w.p. laziness, +-1 w.p. (1 - laziness)/2. Returns
    (i_0, ..., i_{T-1}).
    """
    n = _checks.positive_int("n", n)
    T = _checks.positive_int("T", T)
    _checks.require("laziness", laziness, lambda a: (a >= 0) & (a < 1), "in [0, 1)")
    u = jax.random.uniform(key, (T - 1,))
    half = (1.0 - laziness) / 2.0
    steps = jnp.where(u < half, -1, jnp.where(u < 2 * half, 1, 0))
    path = jnp.mod(start + jnp.concatenate([jnp.zeros(1, int), jnp.cumsum(steps)]), n)
    return path


def cycle_walk_matrix(n: int, laziness=0.5) -> np.ndarray:
    """Transition matrix P of `lazy_cycle_walk` (numpy, n >= 3)."""
    n = _checks.positive_int("n", n)
    if n < 3:
        raise ValueError(f"n must be >= 3 for the cycle walk matrix, got {n}")
    p = np.eye(n) * laziness
    i = np.arange(n)
    p[i, (i + 1) % n] += (1 - laziness) / 2
    p[i, (i - 1) % n] += (1 - laziness) / 2
    return p


def cycle_walk_spectral_gap(n: int, laziness=0.5):
    """Exact spectral gap 1 - lambda_2 = (1 - laziness)(1 - cos(2 pi / n))."""
    return (1.0 - laziness) * (1.0 - jnp.cos(2.0 * jnp.pi / n))


def mixing_time_bound(n: int, laziness=0.5, eps=0.25):
    """Upper bound on the eps-mixing time: log(n / eps) / gap (uniform stationary, pi_min=1/n).

    Valid when P is PSD (laziness >= 1/2), so the absolute spectral gap equals the gap.
    """
    return jnp.log(n / eps) / cycle_walk_spectral_gap(n, laziness)
