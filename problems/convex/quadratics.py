"""Quadratic testbeds with a prescribed Hessian spectrum.

    f(x) = 1/2 (x - x*)^T A (x - x*) + f*,   A = Q diag(eigs) Q^T,

so grad f(x) = A (x - x*), L = max eigs, mu = min eigs, kappa = L / mu. These are the
canonical instances for linear-rate and accelerated-rate claims (Nesterov, "Lectures on
Convex Optimization", 2018, Sec. 2.1). The spectrum shape decides which rate an instance
attains (see DESIGN.md: a log-uniform spectrum hides worst-case behaviour).

Static arguments: `dim`, `spectrum`, `rotate`. `kappa`, `L` may be traced (vmap over them).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks
from problems._linalg import random_orthogonal

SPECTRA = ("uniform", "log-uniform", "two-clusters", "extremes")


class Quadratic(NamedTuple):
    """f(x) = 1/2 (x - x_star)^T A (x - x_star) + f_star, with ground truth."""

    A: jax.Array  # (d, d) symmetric PSD Hessian
    b: jax.Array  # (d,) linear term: f(x) = 1/2 x^T A x - b^T x + const, b = A x_star
    x_star: jax.Array  # (d,) minimizer
    f_star: jax.Array  # () optimal value
    L: jax.Array  # () largest eigenvalue (smoothness)
    mu: jax.Array  # () smallest eigenvalue (strong convexity)
    eigs: jax.Array  # (d,) eigenvalues, ascending


def spectrum(dim: int, kappa=10.0, kind: str = "log-uniform", L=1.0) -> jax.Array:
    """Ascending eigenvalues in [L/kappa, L] with the named shape.

    kinds: "uniform" (evenly spaced), "log-uniform" (geometric), "two-clusters" (first half
    at mu = L/kappa, rest at L), "extremes" (one eigenvalue at mu, one at L, the rest evenly
    spaced between: the smallest set with exactly the prescribed extremes). dim=1 gives [L].
    """
    dim = _checks.positive_int("dim", dim)
    _checks.one_of("kind", kind, SPECTRA)
    _checks.require("kappa", kappa, lambda k: k >= 1, ">= 1")
    _checks.require("L", L, lambda v: v > 0, "> 0")
    L = jnp.asarray(L, dtype=float)
    mu = L / jnp.asarray(kappa, dtype=float)
    if dim == 1:
        return L[None]
    t = jnp.linspace(0.0, 1.0, dim)
    if kind in ("uniform", "extremes"):
        return mu + (L - mu) * t
    if kind == "log-uniform":
        return jnp.exp(jnp.log(mu) + (jnp.log(L) - jnp.log(mu)) * t)
    half = dim // 2
    return jnp.where(jnp.arange(dim) < half, mu, L)


_spectrum = spectrum  # alias: `make` has an argument named `spectrum`


def from_eigs(key: jax.Array, eigs, rotate: bool = True, x_star=None, f_star=0.0) -> Quadratic:
    """Quadratic with the given eigenvalues (any order; must be >= 0, not all 0).

    rotate=True: A = Q diag(eigs) Q^T with Haar Q; False: A diagonal. x_star ~ N(0, I) from
    `key` unless given.
    """
    eigs = jnp.sort(jnp.asarray(eigs, dtype=float))
    if eigs.ndim != 1 or eigs.shape[0] < 1:
        raise ValueError(f"eigs must be a non-empty 1-d array, got shape {eigs.shape}")
    _checks.require("eigs", eigs, lambda e: e >= 0, "non-negative")
    _checks.require("eigs", eigs, lambda e: e.max() > 0, "not all zero")
    dim = eigs.shape[0]
    k_rot, k_x = jax.random.split(key)
    if rotate:
        q = random_orthogonal(k_rot, dim)
        a = (q * eigs[None, :]) @ q.T
        a = 0.5 * (a + a.T)
    else:
        a = jnp.diag(eigs)
    if x_star is None:
        x_star = jax.random.normal(k_x, (dim,))
    x_star = jnp.asarray(x_star, dtype=float)
    if x_star.shape != (dim,):
        raise ValueError(f"x_star must have shape ({dim},), got {x_star.shape}")
    return Quadratic(
        A=a,
        b=a @ x_star,
        x_star=x_star,
        f_star=jnp.asarray(f_star, dtype=float),
        L=eigs[-1],
        mu=eigs[0],
        eigs=eigs,
    )


def make(
    key: jax.Array,
    dim: int,
    kappa=10.0,
    spectrum: str = "log-uniform",
    L=1.0,
    rotate: bool = True,
    x_star=None,
    f_star=0.0,
) -> Quadratic:
    """Random quadratic with condition number `kappa` and spectrum shape `spectrum`.

    See `spectrum` for the shapes; `from_eigs` for explicit eigenvalues.
    """
    eigs = _spectrum(dim, kappa, spectrum, L)
    return from_eigs(key, eigs, rotate=rotate, x_star=x_star, f_star=f_star)


def value(p: Quadratic, x: jax.Array) -> jax.Array:
    """f(x) = 1/2 (x - x*)^T A (x - x*) + f*."""
    d = x - p.x_star
    return 0.5 * d @ (p.A @ d) + p.f_star


def grad(p: Quadratic, x: jax.Array) -> jax.Array:
    """grad f(x) = A (x - x*) = A x - b."""
    return p.A @ x - p.b


def hessian(p: Quadratic) -> jax.Array:
    """The (constant) Hessian A."""
    return p.A


def gd_rate(p: Quadratic, lr=None) -> jax.Array:
    """Exact contraction factor of gradient descent on ||x - x*||: max_i |1 - lr eig_i|.

    lr defaults to 2/(L + mu), where the factor is (kappa - 1)/(kappa + 1).
    """
    if lr is None:
        lr = 2.0 / (p.L + p.mu)
    return jnp.max(jnp.abs(1.0 - lr * p.eigs))
