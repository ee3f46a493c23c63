"""PLACEHOLDER"""

import functools

import jax
import jax.numpy as jnp
import optax

import theorytest as tt
from problems import wide_networks as wn


def ntk_experiment(key, m, act="erf", param="ntk", n=20, d=5, lr=0.5, steps=200):
    """Kernel fluctuation at init, kernel drift over training, and deviation from Θ_∞ dynamics."""
    k_x, k_p = jax.random.split(key)
    X = wn.sphere_data(k_x, n, d)
    y = jnp.sin(3.0 * X[:, 0]) + X[:, 1] * X[:, 2]
    scale, step = (m ** -0.5, lr) if param == "ntk" else (1.0 / m, lr * m)
    norm = scale ** -2 / m  # m·scale² = 1 (NTK); mean-field kernels are multiplied by m
    params = wn.init_two_layer(k_p, m, d)
    theta_inf = wn.limit_ntk(X, act)
    theta_0 = norm * wn.empirical_ntk(params, X, act, scale)
    r0 = wn.apply(params, X, act, scale) - y
    opt = optax.sgd(step)
    grad = jax.grad(wn.mean_loss)
    r_lin = wn.linear_residuals(theta_0, r0, lr, n, jnp.arange(1, steps + 1))

    def body(t, state):
        p, s, dev = state
        updates, s = opt.update(grad(p, X, y, act, scale), s, p)
        p = optax.apply_updates(p, updates)
        r = wn.apply(p, X, act, scale) - y
        return p, s, jnp.maximum(dev, jnp.linalg.norm(r - r_lin[t]))

    params_t, _, dev = jax.lax.fori_loop(0, steps, body, (params, opt.init(params), 0.0))
    theta_t = norm * wn.empirical_ntk(params_t, X, act, scale)
    fro = jnp.linalg.norm
    return {"init_fluctuation": fro(theta_0 - theta_inf) / fro(theta_inf),
            "training_drift": fro(theta_t - theta_0) / fro(theta_0),
            "linear_deviation": dev / fro(r0)}
