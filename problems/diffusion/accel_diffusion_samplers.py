"""Deterministic diffusion samplers in the discrete-time VP setting of Li et al. (DDIM-type and
an accelerated, second-order variant), run on Gaussian targets with exact scores, so that the
output law is Gaussian and its distance to the target is a closed form.

Forward process (discrete VP): X_t = √α_t X_{t−1} + √(1 − α_t) W_t, t = 1..T, ᾱ_t = Π_{i≤t} α_i,
so for a target N(m, v) the law of X_t is q_t = N(√ᾱ_t m, ᾱ_t v + 1 − ᾱ_t) and its score s_t is
affine in x (`vp_marginal`, `vp_score`).

Schedule (`li_schedule`, the learning-rate schedule of Li, Wei, Chen, Chi (2023) as used by the
accelerated-sampler paper): β_t = 1 − α_t with β_1 = T^{−c0} and
β_{t+1} = (c1 log T / T)·min{β_1 (1 + c1 log T / T)^t, 1}: the relative step in noise level is
≈ c1 log T / T everywhere (geometric growth near the data, capped at c1 log T / T after).

Samplers, from Y_T ~ N(0, 1) down to Y_1 (compared with q_1):
  DDIM-type      Y_{t−1} = (Y_t + ((1 − α_t)/2)·s_t(Y_t)) / √α_t   (first order in the step)
  accelerated    the DDIM-type step plus a correction built from one extra score evaluation at
                 Y_t^- = √α_{t+1}(Y_t − ((1 − α_{t+1})/2)·s_t(Y_t)), a first-order step of the
                 ODE one grid point back (towards more noise):
                   + (1 − α_t)²/(4(1 − α_{t+1})) · (s_t(Y_t) − √α_{t+1}·s_{t+1}(Y_t^-)) / √α_t.
                 With u = −log ᾱ and h_t = −log α_t, the score difference estimates h_{t+1}·ds/du
                 + (h_{t+1}/2)·s, and the coefficient h_t²/(4h_{t+1}) turns the DDIM-type step
                 into a second-order accurate one (local error O(h³)): the exact step of the
                 probability-flow ODE dx/du = −(x + s)/2 is e^{h/2}x + (e^{h/2} − 1)s_t +
                 (h²/4)·ds/du + O(h³), and the DDIM-type step supplies e^{h/2}x + sinh(h/2)s_t.
                 `correction=False` drops the correction (the DDIM-type sampler).
Every step is affine in the state, so `output_law` propagates the exact Gaussian law
(problems.diffusion.gaussian_samplers.push_law).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks
from problems.diffusion import gaussian_samplers


def li_schedule(T, t_max: int, c0: float, c1: float):
    """(α, ᾱ) as arrays indexed by t = 0..t_max + 1 (index 0 unused: α_0 = ᾱ_0 = 1) for T steps.

    T may be traced (≤ t_max); entries past T + 1 follow the same formula and are not used.
    """
    _checks.require("c0", c0, lambda c: c > 0, "> 0")
    _checks.require("c1", c1, lambda c: c > 0, "> 0")
    T = jnp.asarray(T, dtype=float)
    rate = c1 * jnp.log(T) / T
    beta1 = T ** (-c0)
    t = jnp.arange(t_max + 2, dtype=float)
    beta = jnp.where(t <= 1, beta1, rate * jnp.minimum(beta1 * (1 + rate) ** (t - 1), 1.0))
    beta = jnp.where(t == 0, 0.0, beta)
    alpha = 1.0 - beta
    return alpha, jnp.exp(jnp.cumsum(jnp.log(alpha)))


def vp_marginal(target: gaussian_samplers.GaussianTarget, alpha_bar) -> gaussian_samplers.GaussianLaw:
    """q_t = N(√ᾱ m, ᾱ v + 1 − ᾱ)."""
    return gaussian_samplers.GaussianLaw(
        mean=jnp.sqrt(alpha_bar) * target.mean, var=alpha_bar * target.var + 1.0 - alpha_bar
    )


def vp_score(target: gaussian_samplers.GaussianTarget, x, alpha_bar):
    """Exact score of q_t at x."""
    law = vp_marginal(target, alpha_bar)
    return -(x - law.mean) / law.var


def ddim_step(score_t, y, alpha_t):
    """DDIM-type step Y_{t−1} = (Y_t + ((1 − α_t)/2) s_t(Y_t)) / √α_t."""
    return (y + 0.5 * (1.0 - alpha_t) * score_t(y)) / jnp.sqrt(alpha_t)


def accelerated_step(score_t, score_next, y, alpha_t, alpha_next, correction=True):
    """The DDIM-type step plus the second-order correction (see the module docstring)."""
    base = ddim_step(score_t, y, alpha_t)
    if not correction:
        return base
    s = score_t(y)
    y_back = jnp.sqrt(alpha_next) * (y - 0.5 * (1.0 - alpha_next) * s)
    coef = (1.0 - alpha_t) ** 2 / (4.0 * (1.0 - alpha_next))
    return base + coef * (s - jnp.sqrt(alpha_next) * score_next(y_back)) / jnp.sqrt(alpha_t)


def output_law(
    target: gaussian_samplers.GaussianTarget, T, t_max: int, method: str, c0: float, c1: float
) -> tuple[gaussian_samplers.GaussianLaw, gaussian_samplers.GaussianLaw]:
    """(law of Y_1, q_1) for `method` in {"ddim", "accelerated", "accelerated-no-correction"}.

    T may be traced (≤ t_max, so a vmap over T compiles once).
    """
    _checks.one_of("method", method, ("ddim", "accelerated", "accelerated-no-correction"))
    t_max = _checks.positive_int("t_max", t_max)
    alpha, alpha_bar = li_schedule(T, t_max, c0, c1)
    start = gaussian_samplers.GaussianLaw(mean=jnp.zeros_like(target.mean), var=jnp.ones_like(target.var))

    def body(i, law):
        t = T - i  # t = T, T − 1, ..., 2
        score_t = lambda x: vp_score(target, x, alpha_bar[t])  # noqa: E731
        score_next = lambda x: vp_score(target, x, alpha_bar[t + 1])  # noqa: E731
        if method == "ddim":
            step = lambda x, xi: ddim_step(score_t, x, alpha[t])  # noqa: E731
        else:
            step = lambda x, xi: accelerated_step(
                score_t,
                score_next,
                x,
                alpha[t],
                alpha[t + 1],  # noqa: E731
                correction=method == "accelerated",
            )
        return gaussian_samplers.push_law(law, step)

    law = jax.lax.fori_loop(0, T - 1, body, start)
    return law, vp_marginal(target, alpha_bar[1])
