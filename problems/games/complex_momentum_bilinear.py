"""Bilinear zero-sum games whose spectrum is random per draw (for complex-momentum claims).

`problems.games.monotone_games.bilinear` spaces the singular values of A deterministically (log-uniform grid
between sigma_min and sigma_max), so every draw has the same spectrum and any spectral quantity
(the iteration map's spectral radius) is identical across seeds. `random_spectrum` draws the
singular values i.i.d. log-uniform in [sigma_min, sigma_max] instead, so seeds sample different
spectra from the same class. Static argument: `dim`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks
from problems.games import monotone_games


def random_spectrum(key: jax.Array, dim: int, sigma_min=0.5, sigma_max=2.0) -> monotone_games.Bilinear:
    """Random bilinear game min_x max_y xᵀAy + bᵀx + cᵀy, singular values i.i.d. log-uniform."""
    dim = _checks.positive_int("dim", dim)
    _checks.require("sigma_min", sigma_min, lambda s: s > 0, "> 0")
    _checks.require("sigma_max", sigma_max, lambda s: s >= sigma_min, ">= sigma_min")
    keys = jax.random.split(key, 5)
    s = jnp.exp(jax.random.uniform(keys[0], (dim,), minval=jnp.log(sigma_min), maxval=jnp.log(sigma_max)))
    return monotone_games.bilinear_with_spectrum(keys[1:], s)
