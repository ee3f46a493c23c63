"""Tests for problems.methods.federated_sam."""

import functools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.distributed import federated, graphs, nonconvex_clients
from problems.methods import federated_sam as fs

KEY = jax.random.PRNGKey(0)


def _quadratic_clients(n=4, d=3):
    return federated.rotated(jax.random.PRNGKey(1), jax.random.normal(KEY, (n, d)), 0.5, 2.0)


def test_sam_gradients_on_quadratic():
    cl = _quadratic_clients()
    gf = functools.partial(federated.grads, cl)
    Y = jax.random.normal(jax.random.PRNGKey(2), cl.c.shape)
    xi = jnp.zeros_like(Y)
    g1, g2 = fs.sam_gradients(gf, Y, xi, 0.3, normalize=False)
    np.testing.assert_allclose(g2, gf(Y + 0.3 * g1), atol=1e-12)
    g1, g2 = fs.sam_gradients(gf, Y, xi, 0.3, normalize=True)
    unit = g1 / jnp.linalg.norm(g1, axis=1, keepdims=True)
    np.testing.assert_allclose(g2, gf(Y + 0.3 * unit), atol=1e-12)


def test_dfedsam_rho0_complete_graph_is_fedavg():
    cl = nonconvex_clients.random(KEY, 6, 3)
    gf = functools.partial(nonconvex_clients.grads, cl)
    x = jnp.ones(3)
    X = jnp.broadcast_to(x, (6, 3))
    Xn, Z = fs.dfedsam_round(gf, graphs.uniform_complete(6), X, KEY, 0.1, 0.0, 4)
    np.testing.assert_allclose(
        Xn, jnp.broadcast_to(fs.fedavg_round(gf, x, 6, KEY, 0.1, 4), (6, 3)), atol=1e-12
    )
    np.testing.assert_allclose(Xn.mean(0), Z.mean(0), atol=1e-12)  # doubly stochastic keeps the mean


def test_gossip_steps_apply_power():
    W = graphs.make("ring", 8).W
    X = jax.random.normal(KEY, (8, 2))
    np.testing.assert_allclose(fs.gossip(W, X, 3), jnp.linalg.matrix_power(W, 3) @ X, atol=1e-12)
    with pytest.raises(ValueError, match="^steps"):
        fs.gossip(W, X, 0)


def test_fedspeed_fixed_point_is_stationary_without_perturbation():
    cl = _quadratic_clients()
    gf = functools.partial(federated.grads, cl)
    body = lambda _, s: fs.fedspeed_round(gf, s[0], s[1], KEY, 0.1, 0.0, 0.5, 1.0, 5)
    x, lam = jax.jit(lambda s: jax.lax.fori_loop(0, 400, body, s))((jnp.zeros(3), jnp.zeros_like(cl.c)))
    np.testing.assert_allclose(x, cl.x_star, atol=1e-9)
    # the duals converge to the local gradients at the optimum, which sum to zero
    np.testing.assert_allclose(lam, gf(jnp.broadcast_to(cl.x_star, cl.c.shape)), atol=1e-8)


def test_fedavg_and_uncorrected_fedspeed_are_biased():
    cl = _quadratic_clients()
    gf = functools.partial(federated.grads, cl)
    x = jax.jit(lambda x: jax.lax.fori_loop(0, 400, lambda _, x: fs.fedavg_round(gf, x, 4, KEY, 0.1, 5), x))(
        jnp.zeros(3)
    )
    np.testing.assert_allclose(x, federated.local_fixed_point(cl, cl.weights, 0.1, 5), atol=1e-9)
    assert float(jnp.linalg.norm(x - cl.x_star)) > 1e-3
    zero = jnp.zeros_like(cl.c)
    y = jax.jit(
        lambda y: jax.lax.fori_loop(
            0,
            400,
            lambda _, y: fs.fedspeed_round(gf, y, zero, KEY, 0.1, 0.0, 0.5, 1.0, 5, correction=False)[0],
            y,
        )
    )(jnp.zeros(3))
    assert float(jnp.linalg.norm(y - cl.x_star)) > 1e-3
