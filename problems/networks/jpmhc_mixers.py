"""Residual-stream mixers of hyper-connections: orthogonal (Cayley), bistochastic (Sinkhorn), free.

Testbed for JPmHC (Sengupta, Wang, Brunswic, arXiv:2602.18308): a hyper-connection keeps n
parallel residual streams and replaces the identity skip by an n×n mixer M_l per layer, so the
skip path's Jacobian through L layers is the product M_L ⋯ M_1. Constraining M_l to the
orthogonal group keeps every singular value of the product at 1; doubly stochastic M_l keep
σ₁ = 1 (the all-ones direction) and shrink the complement, so the product tends to rank one.
The JAX functions are jit/vmap-able; `mean_second_singular_value` is a NumPy Monte Carlo
constant for a claim's threshold (no JAX work at import).
"""

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks

SINKHORN_ITERATIONS = 200


def cayley(skew):
    """(I + S)⁻¹(I − S): orthogonal for any skew-symmetric S."""
    eye = jnp.eye(skew.shape[0])
    return jnp.linalg.solve(eye + skew, eye - skew)


def orthogonal_mixer(key, n, scale=1.0):
    """Cayley transform of a random skew matrix (G − Gᵀ)·scale/2, G standard Gaussian."""
    g = jax.random.normal(key, (n, n))
    return cayley(scale * (g - g.T) / 2.0)


def sinkhorn(positive, iterations=SINKHORN_ITERATIONS):
    """Alternate row and column normalization of a positive matrix (→ doubly stochastic)."""

    def step(_, k):
        k = k / jnp.sum(k, axis=1, keepdims=True)
        return k / jnp.sum(k, axis=0, keepdims=True)

    return jax.lax.fori_loop(0, iterations, step, positive)


def bistochastic_mixer(key, n, scale=1.0):
    """Sinkhorn projection of exp(scale·G), G standard Gaussian (the mHC parametrization)."""
    return sinkhorn(jnp.exp(scale * jax.random.normal(key, (n, n))))


def free_mixer(key, n, scale=1.0):
    """I + scale·G/√n: an unconstrained mixer near the identity (plain hyper-connections)."""
    return jnp.eye(n) + scale * jax.random.normal(key, (n, n)) / jnp.sqrt(n)


MIXERS = {"orthogonal": orthogonal_mixer, "bistochastic": bistochastic_mixer, "free": free_mixer}


def mixer(kind):
    """The mixer constructor named `kind` (orthogonal, bistochastic, free)."""
    _checks.one_of("kind", kind, tuple(MIXERS))
    return MIXERS[kind]


def mean_second_singular_value(n, scale=1.0, samples=4096, seed=0):
    """(mean, standard error) of σ₂ of one Sinkhorn mixer, by NumPy Monte Carlo.

    For doubly stochastic factors σ₂(M_L⋯M_1) ≤ ∏ σ₂(M_l) (each factor fixes the all-ones
    vector and maps its complement to itself), so with independent factors the mean σ₂ of the
    product is at most (E σ₂(M))^L: the contraction factor a claim can compare against.
    """
    rng = np.random.default_rng(seed)
    k = np.exp(scale * rng.standard_normal((samples, n, n)))
    for _ in range(SINKHORN_ITERATIONS):
        k = k / k.sum(axis=2, keepdims=True)
        k = k / k.sum(axis=1, keepdims=True)
    s2 = np.linalg.svd(k, compute_uv=False)[:, 1]
    return float(s2.mean()), float(s2.std(ddof=1) / np.sqrt(samples))
