"""PLACEHOLDER"""

import math

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems import federated


def _clients(key, num_clients, dim, h):
    """Rotated quadratic clients whose optima shift with their speed; rates logspace(0, log10 h)."""
    k_c, k_a = jax.random.split(key)
    rates = np.logspace(0.0, math.log10(h), num_clients)
    shift = jnp.linspace(-3.0, 3.0, num_clients)[:, None]
    c = 2.0 * jax.random.normal(k_c, (num_clients, dim)) + shift
    return federated.rotated(k_a, c, 0.5, 2.0), rates


def _window_weight(tau, dt, t_wall):
    """Length of [tau, tau + dt] ∩ [t_wall/2, t_wall]: the weight of the current iterate."""
    return jnp.maximum(0.0, jnp.minimum(tau + dt, t_wall) - jnp.maximum(tau, 0.5 * t_wall))


def _run_async(clients, rates, key, lr, local_steps, noise, t_wall, x_ref, max_events):
    """Asynchronous FedAvg: on each completion x ← x + p_i Δ_i, Δ_i computed from the
    client's (stale) start; the client restarts from the new x."""
    n, d = clients.c.shape
    p = clients.weights

    def step(t, s):
        x, starts, tau, integral, hit = s
        k_e, k_l = jax.random.split(jax.random.fold_in(key, t))
        who, dt = federated.async_event(k_e, rates)
        integral = integral + _window_weight(tau, dt, t_wall) * x
        live = tau + dt <= t_wall
        delta = federated.local_sgd(federated.select(clients, who), starts[who], k_l, lr,
                                    local_steps, noise)[0]
        x_new = jnp.where(live, x + p[who] * delta, x)
        tau = tau + dt
        hit = jnp.where((hit > t_wall) & (jnp.linalg.norm(x_new - x_ref) <= 0.1 * jnp.linalg.norm(x_ref)),
                        tau, hit)
        return x_new, starts.at[who].set(x_new), tau, integral, hit

    x0 = jnp.zeros(d)
    s = (x0, jnp.zeros((n, d)), 0.0, jnp.zeros(d), jnp.inf)
    x, _, _, integral, hit = jax.lax.fori_loop(0, max_events, step, s)
    return x, integral / (0.5 * t_wall), hit


def _run_sync(clients, rates, key, lr, local_steps, noise, t_wall, x_ref, max_rounds):
    """Synchronous FedAvg: a round lasts max_i Exp(rate_i); x ← x + Σ p_i Δ_i."""
    n, d = clients.c.shape

    def step(t, s):
        x, tau, integral, hit = s
        k_t, k_l = jax.random.split(jax.random.fold_in(key, t))
        dt = jnp.max(jax.random.exponential(k_t, (n,)) / rates)
        integral = integral + _window_weight(tau, dt, t_wall) * x
        delta = federated.local_sgd(clients, x, k_l, lr, local_steps, noise)
        x_new = jnp.where(tau + dt <= t_wall, x + clients.weights @ delta, x)
        tau = tau + dt
        hit = jnp.where((hit > t_wall) & (jnp.linalg.norm(x_new - x_ref) <= 0.1 * jnp.linalg.norm(x_ref)),
                        tau, hit)
        return x_new, tau, integral, hit

    s = (jnp.zeros(d), 0.0, jnp.zeros(d), jnp.inf)
    x, _, integral, hit = jax.lax.fori_loop(0, max_rounds, step, s)
    return x, integral / (0.5 * t_wall), hit


def _run_fedfix(clients, rates, key, lr, local_steps, noise, t_wall, x_ref, period=1.0):
    """FedFix-like: every `period` aggregate the clients that finished, weight p_i/π_i,
    π_i = 1 − exp(−rate_i·period) (so E[weight] = p_i); unfinished clients keep their start."""
    n, d = clients.c.shape
    pi = 1.0 - jnp.exp(-jnp.asarray(rates) * period)
    w = clients.weights / pi

    def step(t, s):
        x, starts, tau, integral, hit = s
        k_q, k_l = jax.random.split(jax.random.fold_in(key, t))
        q = federated.participate(k_q, pi)
        integral = integral + _window_weight(tau, period, t_wall) * x
        delta = federated.local_sgd(clients, starts, k_l, lr, local_steps, noise)
        x_new = x + (q * w) @ delta
        tau = tau + period
        hit = jnp.where((hit > t_wall) & (jnp.linalg.norm(x_new - x_ref) <= 0.1 * jnp.linalg.norm(x_ref)),
                        tau, hit)
        return x_new, jnp.where(q[:, None] > 0, x_new, starts), tau, integral, hit

    s = (jnp.zeros(d), jnp.zeros((n, d)), 0.0, jnp.zeros(d), jnp.inf)
    x, _, _, integral, hit = jax.lax.fori_loop(0, int(round(t_wall / period)), step, s)
    return x, integral / (0.5 * t_wall), hit


def async_experiment(key, h, t_wall=200.0, lr=0.05, noise=0.1, local_steps=5, num_clients=10, dim=5):
    k_p, k_a, k_s, k_f = jax.random.split(key, 4)
    clients, rates = _clients(k_p, num_clients, dim, h)
    q_async = clients.weights * rates / jnp.sum(clients.weights * rates)
    x_tilde = federated.weighted_optimum(clients, q_async)
    x_star = clients.x_star
    n_async = int(1.1 * rates.sum() * t_wall + 50)
    n_sync = int(1.3 * t_wall / federated.expected_max_exponential(rates) + 50)
    xa, ma, ha = _run_async(clients, rates, k_a, lr, local_steps, noise, t_wall, x_tilde, n_async)
    xs, ms, hs = _run_sync(clients, rates, k_s, lr, local_steps, noise, t_wall, x_star, n_sync)
    xf, mf, hf = _run_fedfix(clients, rates, k_f, lr, local_steps, noise, t_wall, x_star)
    gap = jnp.linalg.norm(x_tilde - x_star)
    nrm = jnp.linalg.norm
    return {"async_to_surrogate": nrm(ma - x_tilde) / gap, "async_to_optimum": nrm(ma - x_star),
            "sync_to_optimum": nrm(ms - x_star) / gap, "fedfix_to_optimum": nrm(mf - x_star) / gap,
            "async_fluct": nrm(xa - ma), "sync_fluct": nrm(xs - ms), "fedfix_fluct": nrm(xf - mf),
            "gap": gap, "hit_async": ha, "hit_sync": hs, "hit_fedfix": hf}
