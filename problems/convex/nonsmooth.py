"""Nonsmooth Lipschitz convex testbeds: the l1 norm plus an optional ridge term.

    f(x) = ||x||_1 + (lam/2) ||x||^2,   x in R^d,

a G-Lipschitz convex function on the unbounded domain R^d (G = sqrt(d) on the unit-step
subgradient, plus lam ||x|| from the ridge); lam-strongly convex when lam > 0. The minimizer
is x* = 0 with f* = 0 for every lam >= 0, and the subgradient used is
sign(x) + lam x (sign(0) = 0, a valid element of the subdifferential).
These are the standard instances for last-iterate SGD claims on Lipschitz (strongly)
convex functions (Shamir & Zhang 2013; Harvey, Liaw, Plan & Randhawa 2019): with noisy
subgradients the iterate fluctuates around 0 at the step-size scale, so the gap
f(x_T) - f* is of the order of the step size and the O(1/sqrt T) (lam = 0, eta_t ~ 1/sqrt t)
and O(1/T) (lam > 0, eta_t = 1/(lam t)) rates are attained up to their log factors.

`lam` may be traced; `dim` is static.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class L1Ridge(NamedTuple):
    """f(x) = ||x||_1 + lam/2 ||x||^2, with its ground truth."""

    lam: jax.Array  # () ridge (strong convexity) parameter, >= 0
    x_star: jax.Array  # (d,) minimizer, 0
    f_star: jax.Array  # () optimal value, 0


def make(dim: int, lam=0.0) -> L1Ridge:
    """The l1(-plus-ridge) instance in R^dim."""
    dim = _checks.positive_int("dim", dim)
    _checks.require("lam", lam, lambda v: v >= 0, ">= 0")
    return L1Ridge(lam=jnp.asarray(lam, dtype=float), x_star=jnp.zeros(dim), f_star=jnp.asarray(0.0))


def value(p: L1Ridge, x: jax.Array) -> jax.Array:
    """f(x) = ||x||_1 + lam/2 ||x||^2."""
    return jnp.sum(jnp.abs(x)) + 0.5 * p.lam * jnp.sum(x * x)


def subgrad(p: L1Ridge, x: jax.Array) -> jax.Array:
    """A subgradient: sign(x) + lam x (sign(0) = 0)."""
    return jnp.sign(x) + p.lam * x
