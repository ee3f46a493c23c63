"""Activation-aware sparse regression and iterative hard thresholding (projected gradient descent).

AWP (Liu et al. 2025) prunes a layer by solving, row by row, min_w ‖X w − X w₀‖² subject to
‖w‖₀ ≤ s, with X the calibration activations, by projected gradient descent onto the sparsity
constraint (iterative hard thresholding, IHT). Here one row: a design X ∈ R^{n×d} and an
exactly s-sparse w₀ (zero approximation error), so the IHT limit is w₀ itself when X satisfies
a restricted-isometry property.

Designs: `gaussian_design` (entries N(0, 1/n): RIP holds for s ≪ n) and `ill_conditioned_design`
(the same singular vectors, singular values log-spaced over [1/κ, 1]: RIP fails for large κ).
Once the iterate's support equals supp(w₀), an IHT step is a gradient step on the restricted
least squares ½‖X_S (w − w₀)_S‖², so its asymptotic contraction is `restricted_contraction`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks
from problems.methods import compression


def gaussian_design(key: jax.Array, rows: int, cols: int) -> jax.Array:
    """X with i.i.d. N(0, 1/rows) entries (columns of unit norm on average)."""
    rows, cols = _checks.positive_int("rows", rows), _checks.positive_int("cols", cols)
    return jax.random.normal(key, (rows, cols)) / jnp.sqrt(rows)


def ill_conditioned_design(key: jax.Array, rows: int, cols: int, kappa: float) -> jax.Array:
    """A Gaussian design's singular vectors with singular values log-spaced over [1/kappa, 1]."""
    _checks.require("kappa", kappa, lambda v: v >= 1, ">= 1")
    u, _, vt = jnp.linalg.svd(gaussian_design(key, rows, cols), full_matrices=False)
    sigma = jnp.geomspace(1.0, 1.0 / kappa, u.shape[1])
    return (u * sigma) @ vt


def sparse_target(key: jax.Array, cols: int, support: int) -> jax.Array:
    """w₀ supported on the first `support` coordinates, entries ±(1 + |N(0, 1)|) (bounded away from 0)."""
    k_sign, k_size = jax.random.split(key)
    size = 1.0 + jnp.abs(jax.random.normal(k_size, (support,)))
    sign = jnp.where(jax.random.bernoulli(k_sign, 0.5, (support,)), 1.0, -1.0)
    return jnp.zeros(cols).at[:support].set(sign * size)


def iht_step(x: jax.Array, w0: jax.Array, w: jax.Array, step: float, support: int | None) -> jax.Array:
    """One projected gradient step on ½‖X(w − w₀)‖²; `support=None` skips the projection (plain GD)."""
    moved = w - step * x.T @ (x @ (w - w0))
    # Projection onto {‖w‖₀ ≤ support}: keep the `support` largest-magnitude entries.
    return moved if support is None else compression.top_k(moved, support)


def step_size(x) -> float:
    """1/λ_max(XᵀX), the safe step for the full least squares."""
    return float(1.0 / np.linalg.norm(np.asarray(x), 2) ** 2)


def restricted_contraction(x, support: int, step: float) -> float:
    """max_i |1 − step·λ_i(X_SᵀX_S)| on S = the first `support` columns: IHT's rate once S is found."""
    xs = np.asarray(x)[:, :support]
    lam = np.linalg.eigvalsh(xs.T @ xs)
    return float(np.max(np.abs(1.0 - step * lam)))
