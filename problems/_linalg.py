"""Small linear-algebra helpers shared by the problem families."""

from __future__ import annotations

import jax
import jax.numpy as jnp


def random_orthogonal(key: jax.Array, dim: int) -> jax.Array:
    """Haar-distributed orthogonal matrix (QR of a Gaussian matrix with sign fix).

    Reference: Mezzadri, "How to generate random matrices from the classical compact groups"
    (2007). `dim` is static.
    """
    g = jax.random.normal(key, (dim, dim))
    q, r = jnp.linalg.qr(g)
    return q * jnp.sign(jnp.diag(r))[None, :]


def sym(a: jax.Array) -> jax.Array:
    """Symmetric part (A + A^T)/2."""
    return 0.5 * (a + a.T)
