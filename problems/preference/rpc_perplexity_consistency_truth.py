"""Perplexity consistency with reasoning pruning, its error measured against the TRUE answer
probability p(a) (not against the pruned estimator's own limit).

With kept paths K = {j : p_j >= tau}, Z = sum_{j in K} p_j and weights w_j = p_j / Z on the
kept paths of answer a, the pruned estimate is p_hat = sum_{j} w_j (1 - U_j) (U_j = 1 when path
j is not among the n samples). Its limit is l = sum_j w_j; with b = l - p(a) the pruning bias,
    E[(p_hat - p(a))^2] = b^2 - 2 b sum_j w_j (1 - p_j)^n + sum_{j,k} w_j w_k P(U_j U_k = 1),
the last term being `self_consistency.pc_mse(inst, n, tau=tau)` (the MSE about the limit).
tau=None gives the unpruned estimator (Z = 1, b = 0).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems.preference import self_consistency


def pruning_bias(inst: self_consistency.ReasoningPaths, a=0, tau=None) -> jax.Array:
    """b = (limit of the pruned, renormalized estimate) - p(a)."""
    keep = jnp.ones_like(inst.p, bool) if tau is None else inst.p >= tau
    z = jnp.sum(jnp.where(keep, inst.p, 0.0))
    limit = jnp.sum(jnp.where((inst.answer == a) & keep, inst.p, 0.0)) / z
    return limit - self_consistency.answer_prob(inst, a)


def pc_mse_vs_truth(inst: self_consistency.ReasoningPaths, n, a=0, tau=None) -> jax.Array:
    """E[(p_hat - p(a))^2] of (pruned) perplexity consistency, for n in an array."""
    n = jnp.atleast_1d(jnp.asarray(n, dtype=float))
    keep = jnp.ones_like(inst.p, bool) if tau is None else inst.p >= tau
    z = jnp.sum(jnp.where(keep, inst.p, 0.0))
    w = jnp.where((inst.answer == a) & keep, inst.p / z, 0.0)
    b = pruning_bias(inst, a, tau)
    unsampled = jnp.sum(w[None, :] * (1.0 - inst.p)[None, :] ** n[:, None], axis=1)  # E sum w_j U_j
    return b**2 - 2.0 * b * unsampled + self_consistency.pc_mse(inst, n, a, tau=tau)
