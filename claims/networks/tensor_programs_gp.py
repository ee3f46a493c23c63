"""PLACEHOLDER"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems import wide_networks as wn

_SIGMA_W2, _SIGMA_U2 = 1.5, 1.0


def rnn_kernel_error(key, n, weights="gaussian", sequences=4, steps=3, d_in=3):
    """Relative Frobenius error of the width-n RNN kernels against their GP limits."""
    k_x, k_net = jax.random.split(key)
    inputs = jax.random.normal(k_x, (sequences, steps, d_in))
    pre_limit, post_limit = wn.rnn_gp_kernel(inputs, _SIGMA_W2, _SIGMA_U2)
    g, h = wn.rnn_features(k_net, inputs, n, _SIGMA_W2, _SIGMA_U2, weights=weights)
    fro = jnp.linalg.norm
    out = {"post_activation": fro(h @ h.T / n - post_limit) / fro(post_limit)}
    if weights == "gaussian":  # with Cauchy weights the pre-activations have infinite variance
        out["pre_activation"] = fro(g @ g.T / n - pre_limit) / fro(pre_limit)
    return out
