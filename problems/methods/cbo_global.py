"""Consensus-based optimization (CBO) and gradient descent on the Rastrigin function.

CBO (Pinnau et al. 2017; analysed by Fornasier, Klock, Riedl and co-authors) moves N particles
towards the consensus point v_α = Σ_i x_i e^{−α f(x_i)} / Σ_i e^{−α f(x_i)} (a smoothed
argmin, by the Laplace principle) and perturbs them with noise scaled by their distance to it:
    x_i ← x_i − λ Δt (x_i − v_α) + σ √Δt ‖x_i − v_α‖ ξ_i,  ξ_i ~ N(0, I_d)   (isotropic).
It uses function values only. The weights are computed with a log-sum-exp shift so that large
α does not underflow.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from problems import _checks


def rastrigin(x):
    """f(x) = 10 d + Σ_j (x_j² − 10 cos 2π x_j): global minimum 0 at x = 0, local minima near Z^d."""
    return 10.0 * x.shape[-1] + jnp.sum(x**2 - 10.0 * jnp.cos(2 * jnp.pi * x), axis=-1)


def consensus(x, f_values, alpha):
    """v_α: the e^{−α f}-weighted mean of the particles (rows of x)."""
    logw = -alpha * (f_values - jnp.min(f_values))
    w = jnp.exp(logw)
    return w @ x / jnp.sum(w)


def init_particles(key, n_particles: int, dim: int, mean: float = 1.0, std: float = 2.0):
    """Particles ~ N(mean·1, std² I): the initial law, centred away from the minimizer 0."""
    n_particles = _checks.positive_int("n_particles", n_particles)
    dim = _checks.positive_int("dim", dim)
    return mean + std * jax.random.normal(key, (n_particles, dim))


def cbo_step(key, x, f, alpha, lam, sigma, dt, anisotropic=False):
    """One Euler–Maruyama step of CBO (isotropic noise, or anisotropic: per coordinate)."""
    v = consensus(x, f(x), alpha)
    diff = x - v
    scale = jnp.abs(diff) if anisotropic else jnp.linalg.norm(diff, axis=1, keepdims=True)
    noise = jax.random.normal(key, x.shape)
    return x - lam * dt * diff + sigma * jnp.sqrt(dt) * scale * noise


def cbo(key, x0, f, steps: int, alpha=1e5, lam=1.0, sigma=0.4, dt=0.01, anisotropic=False):
    """Run `steps` CBO steps from the particles x0; returns the final consensus point."""

    def body(t, x):
        return cbo_step(jax.random.fold_in(key, t), x, f, alpha, lam, sigma, dt, anisotropic)

    x = jax.lax.fori_loop(0, steps, body, x0)
    return consensus(x, f(x), alpha)


def gradient_descent(x0, f, steps: int, lr: float = 0.002):
    """Gradient descent from every particle; returns the particle with the lowest final f."""
    grad = jax.vmap(jax.grad(f))

    def body(_, x):
        return x - lr * grad(x)

    x = jax.lax.fori_loop(0, steps, body, x0)
    return x[jnp.argmin(f(x))]
