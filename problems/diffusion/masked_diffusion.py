"""Masked (absorbing) diffusion sampling of a binary Markov-chain "text", with the exact
sampling error in KL, for convergence theories of diffusion language models.

Data: X = (X_1, ..., X_L) in {0, 1}^L, a stationary symmetric two-state Markov chain with
flip probability q: X_1 ~ Bernoulli(1/2), X_{i+1} = X_i with probability 1 - q. The k-step
flip probability is f_k = (1 - r^k)/2 with r = 1 - 2q (f_inf = 1/2). q = 1/2 gives
independent tokens; small q gives strongly dependent neighbours.

Sampler (Li & Cai 2025, arXiv:2505.21400, with the optimal mask predictor, i.e. zero
training error): a partition of the positions into T groups is drawn (`random_partition`:
uniformly random, group sizes s_t = L/T for a balanced schedule); at step t = 1..T every
position of group t is sampled INDEPENDENTLY from its exact conditional marginal given the
tokens revealed at steps < t. The output law is q_M(x) = prod_i p(x_i | x_{R_i}), R_i the
positions revealed before i's step. By the Markov property p(x_i | x_{R_i}) =
p(x_i | x_{a_i}, x_{b_i}) with a_i / b_i the nearest revealed positions left / right of i, so

  KL(p || q_M) = sum_i H(X_i | X_{a_i}, X_{b_i}) - H(X),
  H(X_i | X_{i-k}, X_{i+l}) = h(f_k) + h(f_l) - h(f_{k+l}),   H(X) = log 2 + (L-1) h(q)

(h the binary entropy in nats; a missing neighbour is k = inf). `kl_closed_form` evaluates
this exactly in O(T L) per partition (jit/vmap-able over keys); `kl_enumerate` is the
brute-force reference for small L (all 2^L sequences, conditionals by marginalising the
joint, not using the Markov shortcut), used by the tests.

Information quantity of the theorem: `sum_mutual_information` = sum_i I(X_i; X_{-i}) =
sum_i [log 2 - H(X_i | X_{i-1}, X_{i+1})] (one neighbour at the two ends).
`li_cai_bound` = (2^ceil(log2 s_max) - 1)/L * sum_i I(X_i; X_{-i}), the right side of their
Theorem 1 with zero training error.
"""

from __future__ import annotations

import itertools
import math

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks

_FAR = 10**9  # distance used for "no revealed neighbour on this side" (f_far = 1/2)


def _check_q(q) -> None:
    _checks.require("q", q, lambda v: (v > 0) & (v <= 0.5), "in (0, 1/2]")


def _check_sizes(L: int, T: int) -> tuple[int, int]:
    L = _checks.positive_int("L", L)
    T = _checks.positive_int("T", T)
    if T > L or L % T:
        raise ValueError(f"T must divide L (balanced schedule, s = L/T), got L={L}, T={T}")
    return L, T


def binary_entropy(p):
    """h(p) = -p log p - (1-p) log(1-p) in nats (0 at p = 0 or 1)."""
    p = jnp.asarray(p, dtype=jnp.float64)
    return -(jax.scipy.special.xlogy(p, p) + jax.scipy.special.xlogy(1 - p, 1 - p))


def flip_probability(q, k):
    """f_k = P(X_{i+k} != X_i) = (1 - (1 - 2q)^k)/2; k >= 1 (k = _FAR or more gives 1/2)."""
    k = jnp.asarray(k, dtype=jnp.float64)
    r = 1.0 - 2.0 * jnp.asarray(q, dtype=jnp.float64)
    return 0.5 * (1.0 - jnp.where(k >= _FAR, 0.0, r**k))


def entropy(q, L: int):
    """H(X) = log 2 + (L-1) h(q) of the stationary chain, in nats."""
    _check_q(q)
    L = _checks.positive_int("L", L)
    return jnp.log(2.0) + (L - 1) * binary_entropy(q)


def sum_mutual_information(q, L: int):
    """sum_i I(X_i; X_{-i}) for the stationary chain of length L >= 2 (nats)."""
    _check_q(q)
    L = _checks.positive_int("L", L)
    if L < 2:
        raise ValueError(f"L must be >= 2 for a mutual information, got {L}")
    hq, h2 = binary_entropy(q), binary_entropy(flip_probability(q, 2))
    interior = jnp.log(2.0) - (2 * hq - h2)
    end = jnp.log(2.0) - hq
    return 2 * end + (L - 2) * interior


def li_cai_bound(q, L: int, T: int):
    """(2^ceil(log2 s_max) - 1)/L * sum_i I(X_i; X_{-i}) with s_max = L/T (balanced)."""
    L, T = _check_sizes(L, T)
    s_max = L // T
    factor = 2 ** math.ceil(math.log2(s_max)) - 1
    return factor / L * sum_mutual_information(q, L)


def partition_from_order(order: jax.Array, group_size) -> jax.Array:
    """Step index of each position when the positions are revealed in `order`, group_size at a time.

    order: a permutation of 0..L-1 (order[j] is the j-th position revealed); group_size may be
    traced, so one compiled graph serves every balanced T = L/group_size.
    """
    L = order.shape[0]
    return jnp.zeros(L, dtype=jnp.int32).at[order].set((jnp.arange(L) // group_size).astype(jnp.int32))


def random_partition(key: jax.Array, L: int, T: int) -> jax.Array:
    """Step index in {0..T-1} of each position: a uniformly random balanced partition."""
    L, T = _check_sizes(L, T)
    return partition_from_order(jax.random.permutation(key, L), L // T)


def neighbour_distances(steps: jax.Array, num_steps: int | None = None) -> tuple[jax.Array, jax.Array]:
    """Distances to the nearest position revealed at an earlier step, left and right (_FAR if none).

    `num_steps` (static) must exceed every step index (default L, always safe); the work is
    O(num_steps * L).
    """
    L = steps.shape[0]
    n = L if num_steps is None else _checks.positive_int("num_steps", num_steps)
    idx = jnp.arange(L)
    before = steps[None, :] < jnp.arange(n)[:, None]  # (step t, position j): j revealed before t
    left_pos = jax.lax.cummax(jnp.where(before, idx, -1), axis=1)
    right_pos = jax.lax.cummin(jnp.where(before, idx, L), axis=1, reverse=True)
    row_l, row_r = left_pos[steps, idx], right_pos[steps, idx]  # position i read at its own step
    left = jnp.where(row_l < 0, _FAR, idx - row_l)
    right = jnp.where(row_r >= L, _FAR, row_r - idx)
    return left, right


def kl_closed_form(q, steps: jax.Array, num_steps: int | None = None):
    """KL(p || q_M) in nats for the partition `steps` (step index per position), exactly."""
    _check_q(q)
    L = steps.shape[0]
    left, right = neighbour_distances(steps, num_steps)
    far = (left >= _FAR) | (right >= _FAR)
    span = jnp.where(far, _FAR, left + right)
    h = lambda d: binary_entropy(flip_probability(q, d))  # noqa: E731
    cond = h(left) + h(right) - h(span)
    return jnp.sum(cond) - (jnp.log(2.0) + (L - 1) * binary_entropy(q))


def kl_enumerate(q: float, steps) -> float:
    """Brute-force KL(p || q_M) over all 2^L sequences (numpy; small L only, for tests).

    Conditionals p(x_i | x_R) are computed by summing the joint over the unrevealed positions,
    without using the Markov structure.
    """
    _check_q(q)
    steps = np.asarray(steps)
    L = steps.shape[0]
    if L > 14:
        raise ValueError(f"L must be <= 14 for enumeration, got {L}")
    xs = np.array(list(itertools.product((0, 1), repeat=L)))
    flips = np.sum(xs[:, 1:] != xs[:, :-1], axis=1)
    p = 0.5 * q**flips * (1 - q) ** (L - 1 - flips)
    log_q = np.zeros(len(xs))
    for i in range(L):
        revealed = np.flatnonzero(steps < steps[i])
        # p(x_R) and p(x_i, x_R) by marginalising the joint: codes of the revealed patterns.
        code_r = (
            xs[:, revealed] @ (2 ** np.arange(revealed.size)) if revealed.size else np.zeros(len(xs), int)
        )
        code_ir = 2 * code_r + xs[:, i]
        marg_r = np.bincount(code_r, weights=p, minlength=2**revealed.size)
        marg_ir = np.bincount(code_ir, weights=p, minlength=2 ** (revealed.size + 1))
        log_q += np.log(marg_ir[code_ir] / marg_r[code_r])
    return float(np.sum(p * (np.log(p) - log_q)))
