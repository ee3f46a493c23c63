"""Tests for problems.methods.onebit_adam."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.methods import onebit_adam as ob

KEY = jax.random.PRNGKey(0)


def test_scaled_sign_is_contractive_with_exact_error():
    X = jax.random.normal(KEY, (50, 7))
    C = ob.scaled_sign(X)
    err = jnp.sum((C - X) ** 2, axis=1)
    np.testing.assert_allclose(err, jnp.sum(X**2, 1) - jnp.sum(jnp.abs(X), 1) ** 2 / 7, atol=1e-12)
    assert bool(jnp.all(err <= (1 - 1 / 7) * jnp.sum(X**2, 1) + 1e-12))
    np.testing.assert_allclose(jnp.abs(C[3]), jnp.mean(jnp.abs(X[3])))  # one scale per vector


def test_error_feedback_bookkeeping():
    G = jax.random.normal(KEY, (4, 5))
    s = ob.init(jnp.zeros(5), jnp.ones(5), 4)
    v = jnp.full(5, 4.0)
    s1 = ob.onebit_step(s, G, v, lr=0.1, beta1=0.9, eps=0.0)
    M = 0.9 * jnp.ones(5) + 0.1 * G
    # worker errors: what compression dropped; server error likewise
    np.testing.assert_allclose(s1.e_workers, M - ob.scaled_sign(M), atol=1e-12)
    a = ob.scaled_sign(M).mean(0)
    np.testing.assert_allclose(s1.e_server, a - ob.scaled_sign(a), atol=1e-12)
    np.testing.assert_allclose(s1.m, ob.scaled_sign(a), atol=1e-12)
    np.testing.assert_allclose(s1.x, -0.1 * s1.m / 2.0, atol=1e-12)
    s2 = ob.onebit_step(s, G, v, lr=0.1, error_feedback=False)
    assert float(jnp.abs(s2.e_workers).max()) == 0.0 and float(jnp.abs(s2.e_server).max()) == 0.0


def test_error_feedback_tracks_uncompressed_sum():
    # with identical worker momenta, x_ef differs from uncompressed only by the current errors
    d, n = 6, 3
    v = jnp.ones(d)

    def body(t, carry):
        s, x_ref = carry
        g = jnp.broadcast_to(jax.random.normal(jax.random.fold_in(KEY, t), (d,)), (n, d))
        m_in = 0.9 * s.m + 0.1 * g[0]
        return ob.onebit_step(s, g, v, lr=1.0, eps=0.0), x_ref - m_in

    s, x_ref = jax.jit(lambda c: jax.lax.fori_loop(0, 200, body, c))(
        (ob.init(jnp.zeros(d), jnp.zeros(d), n), jnp.zeros(d))
    )
    # sum of transmitted = sum of intended minus the outstanding errors (worker + server)
    np.testing.assert_allclose(s.x, x_ref + s.e_workers[0] + s.e_server, atol=1e-9)


def test_momentum_step():
    G = jax.random.normal(KEY, (3, 2))
    x, m = ob.momentum_step(jnp.zeros(2), jnp.ones(2), G, jnp.full(2, 9.0), 0.3, beta1=0.5, eps=0.0)
    np.testing.assert_allclose(m, 0.5 + 0.5 * G.mean(0), atol=1e-12)
    np.testing.assert_allclose(x, -0.1 * m, atol=1e-12)
