"""Gaussian diffusion targets with exact scores, the samplers run on them, and closed-form
distances, so that a sampler's error is pure discretization error.

Forward process (variance preserving Ornstein-Uhlenbeck): dX = -X dt + sqrt(2) dW, so
X_t = e^{-t} X_0 + sqrt(1 - e^{-2t}) Z. For a diagonal Gaussian target N(m, diag(v)) the
marginal is N(e^{-t} m, e^{-2t} v + 1 - e^{-2t}) and the score is exact and affine in x
(`ou_marginal`, `ou_score`).

Probability-flow ODE, integrated backwards from t = T_end to 0 on a time grid (reverse time
tau = T_end - t): dy/dtau = y + score(y, t). One step of size h from t to t - h:
  `pf_euler_step`       y + h (y + s(y, t))
  `pf_exp_euler_step`   e^h y + (e^h - 1) s(y, t)    (exponential integrator, score frozen)

Because these steps (and any step that is affine in the state and in Gaussian noise,
coordinatewise) map a diagonal Gaussian law to a diagonal Gaussian law, `push_law` propagates
the sampler's output law EXACTLY: with b = step(0, 0), a = step(1, 0) - b, c = step(0, 1) - b,
mean' = a mean + b and var' = a^2 var + c^2. Distances between diagonal Gaussians are closed
forms: `w2_gaussian`, `kl_gaussian`, and `tv_gaussian_1d` (1-D total variation from the
crossing points of the two densities).

DDIM variables (Song et al. 2021; Wizadwongsa et al. 2024, "Diffusion Sampling with Momentum"):
xbar = x0 + sigma * eps with sigma = sigmabar in [0, sigma_max]; for data N(m, v) the
noise prediction is eps(xbar, sigma) = sigma (xbar - m) / (v + sigma^2) (`ve_eps`) and the
probability-flow ODE dxbar/dsigma = eps(xbar, sigma) has the exact solution
xbar(0) = m + (xbar(sigma_max) - m) sqrt(v / (v + sigma_max^2)) (`ve_exact_endpoint`).
`plms_hb_solve` integrates it with PLMS (Adams-Bashforth of order 1..4 on eps, lower orders at
the start; order 1 is DDIM) plus Polyak heavy-ball momentum on the combined eps:
  v_{n+1} = (1 - beta) v_n + beta * sum_j c_j eps_{n-j},
  xbar_{n+1} = xbar_n + (sigma_{n+1} - sigma_n) v_{n+1},
with v_0 = the first combined eps (beta = 1 is plain PLMS/DDIM).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks


class GaussianTarget(NamedTuple):
    """Diagonal Gaussian target N(mean, diag(var))."""

    mean: jax.Array
    var: jax.Array


class GaussianLaw(NamedTuple):
    """Diagonal Gaussian law of a sampler's state."""

    mean: jax.Array
    var: jax.Array


def make_target(mean, var) -> GaussianTarget:
    """Validate and build N(mean, diag(var)); mean and var broadcast to a common shape."""
    mean = jnp.asarray(mean, dtype=float)
    var = jnp.asarray(var, dtype=float)
    _checks.require("var", var, lambda v: v > 0, "> 0")
    mean, var = jnp.broadcast_arrays(mean, var)
    return GaussianTarget(mean=mean, var=var)


def ou_marginal(target: GaussianTarget, t) -> GaussianLaw:
    """Law of X_t under dX = -X dt + sqrt(2) dW started from the target."""
    a = jnp.exp(-t)
    return GaussianLaw(mean=a * target.mean, var=a**2 * target.var + 1.0 - a**2)


def ou_score(target: GaussianTarget, x, t):
    """Exact score grad log p_t(x) = -(x - m_t) / v_t."""
    law = ou_marginal(target, t)
    return -(x - law.mean) / law.var


def pf_euler_step(score: Callable, y, t, h):
    """Euler step of the reverse-time probability-flow ODE from time t to t - h."""
    return y + h * (y + score(y, t))


def pf_exp_euler_step(score: Callable, y, t, h):
    """Exponential-Euler step (linear part exact, score frozen at t) from t to t - h."""
    eh = jnp.exp(h)
    return eh * y + (eh - 1.0) * score(y, t)


def push_law(law: GaussianLaw, step: Callable) -> GaussianLaw:
    """Exact law of step(x, xi) for x ~ law, xi ~ N(0, I), when step is coordinatewise affine
    in (x, xi)."""
    zero = jnp.zeros_like(law.mean)
    b = step(zero, zero)
    a = step(zero + 1.0, zero) - b
    c = step(zero, zero + 1.0) - b
    return GaussianLaw(mean=a * law.mean + b, var=a**2 * law.var + c**2)


def pf_ode_law(
    target: GaussianTarget,
    K: int,
    T_end=10.0,
    method="euler",
    score_error=0.0,
    start: GaussianLaw | None = None,
) -> GaussianLaw:
    """Output law of the probability-flow ODE with K uniform steps on [0, T_end], exact score
    plus a constant `score_error`, started from `start` (default N(0, I))."""
    if isinstance(K, int):
        K = _checks.positive_int("K", K)
    else:  # a traced step count (vmapped over K): the loop becomes a while loop
        _checks.require("K", K, lambda k: k >= 1, ">= 1")
    _checks.one_of("method", method, ("euler", "exp_euler"))
    step_fn = pf_euler_step if method == "euler" else pf_exp_euler_step
    h = T_end / K
    if start is None:
        start = GaussianLaw(mean=jnp.zeros_like(target.mean), var=jnp.ones_like(target.var))

    def score(y, t):
        return ou_score(target, y, t) + score_error

    def body(k, law):
        t = T_end - k * h
        return push_law(law, lambda x, xi: step_fn(score, x, t, h))

    return jax.lax.fori_loop(0, K, body, start)


def w2_gaussian(p: GaussianLaw, q) -> jax.Array:
    """W2 between diagonal Gaussians: sqrt(|m_p - m_q|^2 + sum (sqrt v_p - sqrt v_q)^2)."""
    return jnp.sqrt(jnp.sum((p.mean - q.mean) ** 2) + jnp.sum((jnp.sqrt(p.var) - jnp.sqrt(q.var)) ** 2))


def kl_gaussian(p: GaussianLaw, q) -> jax.Array:
    """KL(p || q) between diagonal Gaussians."""
    r = p.var / q.var
    return 0.5 * jnp.sum(r - 1.0 - jnp.log(r) + (p.mean - q.mean) ** 2 / q.var)


def _norm_cdf(x):
    return 0.5 * jax.scipy.special.erfc(-x / jnp.sqrt(2.0))


def tv_gaussian_1d(m1, v1, m2, v2) -> jax.Array:
    """Total variation between N(m1, v1) and N(m2, v2) (scalars), exact.

    The log-density difference is a quadratic A x^2 + B x + C; TV = |P1(S) - P2(S)| over the
    set S between its roots (or a half-line when v1 = v2). Roots by the cancellation-free
    quadratic formula, so nearly equal variances are handled.
    """
    s1, s2 = jnp.sqrt(v1), jnp.sqrt(v2)
    A = 0.5 / v2 - 0.5 / v1
    B = m1 / v1 - m2 / v2
    C = 0.5 * m2**2 / v2 - 0.5 * m1**2 / v1 + jnp.log(s2 / s1)
    disc = jnp.sqrt(jnp.maximum(B**2 - 4 * A * C, 0.0))
    qq = -0.5 * (B + jnp.where(B >= 0, disc, -disc))
    safe_q = jnp.where(qq == 0, 1.0, qq)
    r1 = jnp.where(qq == 0, 0.0, C / safe_q)  # the finite root (always exists when B != 0)
    r2 = jnp.where(A == 0, jnp.inf, qq / jnp.where(A == 0, 1.0, A))
    lo, hi = jnp.minimum(r1, r2), jnp.maximum(r1, r2)

    def mass(m, s):
        return _norm_cdf((hi - m) / s) - _norm_cdf((lo - m) / s)

    equal_means_vars = (A == 0) & (B == 0)
    return jnp.where(equal_means_vars, 0.0, jnp.abs(mass(m1, s1) - mass(m2, s2)))


def ve_eps(target: GaussianTarget, xbar, sigma):
    """Exact noise prediction E[eps | xbar] = sigma (xbar - m) / (v + sigma^2)."""
    return sigma * (xbar - target.mean) / (target.var + sigma**2)


def quadratic_sigma_grid(sigma_max, N):
    """sigma_i = sigma_max (1 - i/N)^2, i = 0..N, as a function of i (N may be traced)."""
    return lambda i: sigma_max * (1.0 - i / N) ** 2


def ve_exact_endpoint(target: GaussianTarget, xbar_max, sigma_max):
    """Exact probability-flow ODE solution at sigma = 0 from xbar(sigma_max)."""
    return target.mean + (xbar_max - target.mean) * jnp.sqrt(target.var / (target.var + sigma_max**2))


_AB = {1: (1.0,), 2: (1.5, -0.5), 3: (23 / 12, -16 / 12, 5 / 12), 4: (55 / 24, -59 / 24, 37 / 24, -9 / 24)}


def plms_hb_solve(eps_fn: Callable, xbar, sigmas, order: int = 1, beta=1.0, n_steps=None):
    """PLMS of `order` (1 = DDIM) with heavy-ball momentum beta on the grid `sigmas` (decreasing,
    length N + 1), or on sigmas(i) for i = 0..n_steps when `sigmas` is a callable (n_steps may
    then be traced). Returns xbar at the last grid point."""
    order = _checks.positive_int("order", order)
    if order > 4:
        raise ValueError(f"order must be <= 4, got {order}")
    _checks.require("beta", beta, lambda b: (b > 0) & (b <= 1), "in (0, 1]")
    if callable(sigmas):
        if n_steps is None:
            raise ValueError("n_steps must be given when sigmas is a callable")
        sig = sigmas
    else:
        grid = jnp.asarray(sigmas, dtype=float)
        n_steps = grid.shape[0] - 1
        sig = grid.__getitem__
    coefs = np.zeros((order, order))  # row k: coefficients when k + 1 past evaluations exist
    for k in range(order):
        coefs[k, : k + 1] = _AB[k + 1]
    coefs = jnp.asarray(coefs)
    hist0 = jnp.zeros((order,) + jnp.shape(xbar))

    def body(n, state):
        x, v, hist = state
        e = eps_fn(x, sig(n))
        hist = jnp.concatenate([e[None], hist[:-1]], axis=0)  # hist[j] = eps_{n-j}
        row = coefs[jnp.minimum(n, order - 1)]
        comb = jnp.tensordot(row, hist, axes=1)
        v = jnp.where(n == 0, comb, (1.0 - beta) * v + beta * comb)
        x = x + (sig(n + 1) - sig(n)) * v
        return x, v, hist

    x, _, _ = jax.lax.fori_loop(0, n_steps, body, (xbar, jnp.zeros_like(xbar), hist0))
    return x
