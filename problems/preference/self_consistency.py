"""Synthetic reasoning-path distributions for answer-probability estimation in LLM reasoning
(self-consistency vs perplexity consistency), with closed-form mean squared errors.

An LLM's reasoning paths j = 1..P have probabilities p_j and each path ends in an answer
answer[j]; the probability of answer a is p(a) = sum_{j: answer[j] = a} p_j. From n i.i.d.
sampled paths (Zhou et al. 2025, "Bridging Internal Probability and Self-Consistency"):
  self-consistency (SC):       p_hat(a) = (# sampled paths with answer a) / n,
                               MSE = p(a)(1 - p(a)) / n;
  perplexity consistency (PC): p_hat(a) = sum of p_j over the DISTINCT sampled paths j with
                               answer a. Its error is minus the unsampled mass of a, so with
                               U_j = 1[path j not sampled], P(U_j U_k = 1) = (1 - p_j - p_k)^n
                               (j != k) and (1 - p_j)^n (j = k):
                               MSE = sum_{j,k in a} p_j p_k P(U_j U_k = 1).
  PC + reasoning pruning:      paths with p_j < tau are discarded and the kept mass is
                               renormalized: p_hat(a) = sum over sampled kept j in a of p_j / Z,
                               Z = sum_{kept} p_j. Its MSE about its own limit
                               sum_{kept j in a} p_j / Z is the same double sum over kept j in a
                               with weights p_j / Z (sampling still from the full p).

`make` draws the head p ~ Dirichlet(concentration * 1) over `n_paths` paths, answers uniform
over `n_answers`, and assigns the most likely path to the true answer 0. The long-tail variant
scales the head by 1 - tail_mass and adds `tail_paths` paths of equal mass tail_mass/tail_paths
ending in the true answer (`tail` marks them). Static arguments: `n_paths`, `n_answers`,
`tail_paths`.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class ReasoningPaths(NamedTuple):
    """Path probabilities, their answers (true answer = 0) and the long-tail marker."""

    p: jax.Array  # (P,) path probabilities, sum 1
    answer: jax.Array  # (P,) int answer of each path
    tail: jax.Array  # (P,) bool, True for the added long-tail paths


def make(
    key: jax.Array,
    n_paths: int = 30,
    n_answers: int = 3,
    concentration=5.0,
    tail_paths: int = 0,
    tail_mass=0.0,
) -> ReasoningPaths:
    """Head ~ Dirichlet(concentration), plus an optional long tail on the true answer."""
    n_paths = _checks.positive_int("n_paths", n_paths)
    n_answers = _checks.positive_int("n_answers", n_answers)
    if not isinstance(tail_paths, int) or tail_paths < 0:
        raise ValueError(f"tail_paths must be a non-negative integer, got {tail_paths!r}")
    _checks.require("concentration", concentration, lambda c: c > 0, "> 0")
    _checks.require("tail_mass", tail_mass, lambda m: (m >= 0) & (m < 1), "in [0, 1)")
    k_p, k_a = jax.random.split(key)
    p = jax.random.dirichlet(k_p, concentration * jnp.ones(n_paths))
    answer = jax.random.randint(k_a, (n_paths,), 0, n_answers)
    answer = answer.at[jnp.argmax(p)].set(0)
    tail = jnp.zeros(n_paths, bool)
    if tail_paths:
        p = jnp.concatenate([(1.0 - tail_mass) * p, jnp.full(tail_paths, tail_mass / tail_paths)])
        answer = jnp.concatenate([answer, jnp.zeros(tail_paths, answer.dtype)])
        tail = jnp.concatenate([tail, jnp.ones(tail_paths, bool)])
    return ReasoningPaths(p=p, answer=answer, tail=tail)


def answer_prob(inst: ReasoningPaths, a=0) -> jax.Array:
    """p(a) = total probability of the paths ending in answer a."""
    return jnp.sum(jnp.where(inst.answer == a, inst.p, 0.0))


def sc_mse(inst: ReasoningPaths, n, a=0) -> jax.Array:
    """MSE of self-consistency: p(a)(1 - p(a)) / n (n may be an array)."""
    pa = answer_prob(inst, a)
    return pa * (1.0 - pa) / jnp.asarray(n, dtype=float)


def pc_mse(inst: ReasoningPaths, n, a=0, tau=None) -> jax.Array:
    """MSE of perplexity consistency (tau=None) or PC + pruning at threshold tau (about its limit).

    n may be an array; the double sum runs over paths row by row (memory O(P * len(n))).
    """
    n = jnp.atleast_1d(jnp.asarray(n, dtype=float))
    keep = jnp.ones_like(inst.p, bool) if tau is None else inst.p >= tau
    z = jnp.sum(jnp.where(keep, inst.p, 0.0))
    w = jnp.where((inst.answer == a) & keep, inst.p / z, 0.0)
    idx = jnp.arange(inst.p.shape[0])

    def row(j):
        q = 1.0 - inst.p[j] - inst.p + jnp.where(idx == j, inst.p[j], 0.0)  # P(U_j U_k = 1)^(1/n)
        surv = jnp.clip(q, 0.0, 1.0)[None, :] ** n[:, None]
        return w[j] * jnp.sum(w[None, :] * surv, axis=1)

    return jnp.sum(jax.lax.map(row, idx), axis=0)


def head_rate(inst: ReasoningPaths, a=0) -> jax.Array:
    """1 - min p_j over the non-tail paths of answer a: the asymptotic per-sample decay factor
    of the PC error on the head distribution."""
    return 1.0 - jnp.min(jnp.where((inst.answer == a) & ~inst.tail, inst.p, jnp.inf))
