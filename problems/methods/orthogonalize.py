"""Newton-Schulz orthogonalization (the polar factor U V^T of G = U S V^T) for Muon-type updates.

Iteration on X_0 = G / (||G||_F + eps) (all singular values in (0, 1]):
    X+ = a X + b (X X^T) X + c (X X^T)^2 X,
i.e. each singular value s -> p(s) = a s + b s^3 + c s^5.
  CUBIC_COEFFS = (1.5, -0.5, 0.0): classical Newton-Schulz; p(s) -> 1 quadratically near 1,
    converges to U V^T for every s in (0, sqrt(3)) (Higham, "Functions of Matrices", 2008, 8.3).
  MUON_COEFFS = (3.4445, -4.7750, 2.0315): the quintic of optax.contrib.muon / Keller Jordan's
    Muon (2024), tuned for slope at 0; after 5 steps singular values land in ~[0.7, 1.2]
    rather than exactly 1 (it does not converge to U V^T).
`polar(G)` is the exact U V^T by SVD. `scale_by_newton_schulz` is the optax
GradientTransformation applying it to every 2-d update leaf (Muon without momentum).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import optax

CUBIC_COEFFS = (1.5, -0.5, 0.0)
MUON_COEFFS = (3.4445, -4.7750, 2.0315)


def newton_schulz(G: jax.Array, steps: int = 5, coeffs=MUON_COEFFS, eps=1e-7) -> jax.Array:
    """`steps` Newton-Schulz iterations on G / (||G||_F + eps) (G 2-d; steps static).

    Works on the wide orientation (transposes tall inputs), as optax does.
    """
    if G.ndim != 2:
        raise ValueError(f"G must be 2-d, got shape {G.shape}")
    a, b, c = coeffs
    tall = G.shape[0] > G.shape[1]
    x = G.T if tall else G
    x = x / (jnp.linalg.norm(x) + eps)

    def body(_, x):
        s = x @ x.T
        return a * x + (b * s + c * s @ s) @ x

    x = jax.lax.fori_loop(0, steps, body, x)
    return x.T if tall else x


def polar(G: jax.Array) -> jax.Array:
    """Exact orthogonal polar factor U V^T of G = U S V^T (thin SVD)."""
    u, _, vt = jnp.linalg.svd(G, full_matrices=False)
    return u @ vt


def singular_value_map(s: jax.Array, steps: int = 5, coeffs=MUON_COEFFS) -> jax.Array:
    """Scalar map p^{(steps)} applied to (already normalized) singular values s."""
    a, b, c = coeffs
    for _ in range(steps):
        s = a * s + b * s**3 + c * s**5
    return s


class _EmptyState(NamedTuple):
    pass


def scale_by_newton_schulz(steps: int = 5, coeffs=MUON_COEFFS, eps=1e-7) -> optax.GradientTransformation:
    """optax transformation: 2-d update leaves -> newton_schulz(update); others unchanged."""

    def init_fn(params):
        del params
        return _EmptyState()

    def update_fn(updates, state, params=None):
        del params

        def f(u):
            return newton_schulz(u, steps, coeffs, eps) if u.ndim == 2 else u

        return jax.tree_util.tree_map(f, updates), state

    return optax.GradientTransformation(init_fn, update_fn)
