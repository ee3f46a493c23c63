"""PLACEHOLDER"""

import functools
import itertools

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems import wide_networks as wn

_STARTS = {"a": (0.5, 2.0), "b": (-0.3, 0.3), "c": (0.0, 5.0)}
_GRID = np.array(list(itertools.product((-0.1, 0.0, 0.1), (0.8, 1.0, 1.5), (-0.1, 0.0, 0.1),
                                        (0.95, 1.0, 1.1))))


def _act(name):
    if name == "selu":
        return wn.selu
    if name == "selu-lambda-1":
        return functools.partial(wn.selu, lam=1.0)
    return wn.activation(name)[0]


def selu_experiment(key, checkpoints, act="selu", width=1024, inputs=128):
    """Exact Jacobian norms of the moment map, and per-layer distance of a random MLP's
    activation moments from (0, 1) for three starting moments."""
    f = _act(act)

    def jac_norm(mu, nu, omega, tau):
        J = jax.jacfwd(lambda v: wn.moment_map(f, v[0], v[1], omega, tau))(jnp.array([mu, nu]))
        return jnp.linalg.norm(J, 2)

    at_fixed_point = jac_norm(0.0, 1.0, 0.0, 1.0)
    g = jnp.asarray(_GRID)
    domain_max = jnp.max(jax.vmap(jac_norm)(g[:, 0], g[:, 1], g[:, 2], g[:, 3]))
    k_x, k_w = jax.random.split(key)
    x0 = jnp.concatenate([mu + jnp.sqrt(nu) * jax.random.normal(jax.random.fold_in(k_x, i), (inputs, width))
                          for i, (mu, nu) in enumerate(_STARTS.values())])
    depth = max(checkpoints)
    out = {"jacobian_norm": jnp.full(len(checkpoints), at_fixed_point),
           "domain_max_norm": jnp.full(len(checkpoints), domain_max)}
    f_batch = f
    for i, name in enumerate(_STARTS):
        # each start has its own weights stream? no: the same random network for all starts
        pass
    mom = jax.vmap(lambda x: wn.random_mlp_moments(k_w, x, depth, f_batch, checkpoints))(
        x0.reshape(len(_STARTS), inputs, width))
    for i, name in enumerate(_STARTS):
        mu, nu = mom[i, :, 0], mom[i, :, 1]
        out[f"distance_{name}"] = jnp.sqrt(mu ** 2 + (nu - 1.0) ** 2)
        out[f"abs_mean_{name}"] = jnp.abs(mu)
        out[f"abs_var_dev_{name}"] = jnp.abs(nu - 1.0)
    return out
