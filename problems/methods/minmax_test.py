"""Tests for problems.methods.minmax: one hand-computed step each, and convergence."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.games import monotone_games
from problems.methods import minmax

# 2-d bilinear f(x, y) = x y: F(x, y) = (y, -x).
F = lambda z: jnp.array([z[1], -z[0]])  # noqa: E731
Z = jnp.array([1.0, 0.0])


def test_steps_by_hand():
    np.testing.assert_allclose(minmax.gda_step(F, Z, 0.5), [1.0, 0.5])
    # z_half = (1, 0.5); F(z_half) = (0.5, -1); z+ = (1 - 0.25, 0 + 0.5).
    np.testing.assert_allclose(minmax.extragradient_step(F, Z, 0.5), [0.75, 0.5])
    z1, fz = minmax.optimistic_step(F, Z, jnp.array([0.0, 0.0]), 0.5)
    np.testing.assert_allclose(z1, [1.0, 1.0])
    np.testing.assert_allclose(fz, [0.0, -1.0])
    t = minmax.forward_map(F, 0.5)
    np.testing.assert_allclose(minmax.halpern_step(t, Z, jnp.zeros(2), 0), [0.5, 0.25])
    np.testing.assert_allclose(
        minmax.hedge_step(jnp.array([0.5, 0.5]), jnp.array([0.0, 1.0]), jnp.log(2.0)), [2 / 3, 1 / 3]
    )
    x, y = minmax.alternating_gda_step(lambda x, y: y, lambda x, y: x, 1.0, 0.0, 0.5, 0.5)
    np.testing.assert_allclose([x, y], [1.0, 0.5])


def test_gda_diverges_eg_og_converge_on_bilinear():
    p = monotone_games.bilinear(jax.random.key(0, impl="rbg"), 3, 0.5, 1.0)
    op = lambda z: monotone_games.bilinear_operator(p, z)  # noqa: E731
    zs = monotone_games.bilinear_z_star(p)
    z0 = zs + 1.0

    def run(step, carry):
        return jax.lax.fori_loop(0, 500, lambda _, c: step(c), carry)

    gda = run(lambda z: minmax.gda_step(op, z, 0.1), z0)
    eg = run(lambda z: minmax.extragradient_step(op, z, 0.3), z0)
    og, _ = run(lambda c: minmax.optimistic_step(op, c[0], c[1], 0.3), (z0, op(z0)))
    d0 = jnp.linalg.norm(z0 - zs)
    assert jnp.linalg.norm(gda - zs) > d0
    assert jnp.linalg.norm(eg - zs) < 1e-2 * d0
    assert jnp.linalg.norm(og - zs) < 1e-1 * d0


def test_halpern_and_vr_halpern_on_cocoercive():
    p = monotone_games.cocoercive(jax.random.key(1, impl="rbg"), 4, beta=1.0, angle=0.5)
    op = lambda z: monotone_games.linear_operator(p, z)  # noqa: E731
    z0 = p.z_star + 1.0
    t = minmax.forward_map(op, 1.0)  # lr = beta <= 2 beta
    zk = jax.lax.fori_loop(0, 1000, lambda k, z: minmax.halpern_step(t, z, z0, k), z0)
    # ||F(z_k)|| = O(||z0 - z*|| / (beta k)); constant 2 from Diakonikolas (2020).
    assert jnp.linalg.norm(op(zk)) <= 2 * jnp.linalg.norm(z0 - p.z_star) / 1000
    # Finite sum F = mean_i F_i with F_i(z) = M_i (z - z*), sum_i M_i = n M.
    n = 4
    noise = jax.random.normal(jax.random.key(2, impl="rbg"), (n, 4, 4)) * 0.1
    ms = p.M[None] + noise - noise.mean(0)
    f_i = lambda i, z: ms[i] @ (z - p.z_star)  # noqa: E731

    def body(k, c):
        z, w, fw, key = c
        key, sub = jax.random.split(key)
        z, w, fw = minmax.vr_halpern_step(f_i, op, n, sub, z, z0, w, fw, k, 0.5, 0.25)
        return z, w, fw, key

    z, *_ = jax.lax.fori_loop(0, 2000, body, (z0, z0, op(z0), jax.random.key(3, impl="rbg")))
    assert jnp.linalg.norm(op(z)) < 0.05 * jnp.linalg.norm(op(z0))


def test_mirror_prox_matrix_game():
    g = monotone_games.random_matrix_game(jax.random.key(4, impl="rbg"), 4, 5)
    grads = lambda x, y: (g.A @ y, g.A.T @ x)  # noqa: E731
    x, y = jnp.ones(4) / 4, jnp.ones(5) / 5

    def body(_, c):
        x, y, sx, sy = c
        x, y = minmax.mirror_prox_step(grads, x, y, 0.5)
        return x, y, sx + x, sy + y

    _, _, sx, sy = jax.lax.fori_loop(0, 2000, body, (x, y, 0 * x, 0 * y))
    assert monotone_games.duality_gap(g.A, sx / 2000, sy / 2000) < 5e-3


def test_pdhg_step_by_hand_and_converges():
    # min_x max_y y (x - 1) + x^2/2 ... with g(x) = x^2 / 2, f*(y) = y (K = 1):
    # min_x max_y <x, y> + x^2/2 - y  =>  saddle x* = 1, y* = -1.
    k = jnp.eye(1)
    prox_g = lambda v, tau: v / (1 + tau)  # noqa: E731
    prox_fs = lambda v, s: v - s  # noqa: E731
    x1, y1 = minmax.pdhg_step(k, jnp.ones(1) * 0.0, jnp.ones(1) * 0.0, prox_g, prox_fs, 0.5, 0.5)
    # x+ = 0; x_bar = 0; y+ = 0 + 0.5 * 0 - 0.5 = -0.5.
    np.testing.assert_allclose([x1[0], y1[0]], [0.0, -0.5])
    x, y = jax.lax.fori_loop(
        0, 500, lambda _, c: minmax.pdhg_step(k, *c, prox_g, prox_fs, 0.5, 0.5), (jnp.zeros(1), jnp.zeros(1))
    )
    np.testing.assert_allclose([x[0], y[0]], [1.0, -1.0], atol=1e-8)
