"""Tests for problems.games.monotone_games: equilibria, exact monotonicity constants, LP Nash."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.games import monotone_games

KEY = jax.random.key(6, impl="rbg")


def test_bilinear_equilibrium():
    p = monotone_games.bilinear(KEY, 4, sigma_min=0.2, sigma_max=2.0)
    z = monotone_games.bilinear_z_star(p)
    np.testing.assert_allclose(monotone_games.bilinear_operator(p, z), 0.0, atol=1e-12)
    s = np.linalg.svd(np.asarray(p.A), compute_uv=False)
    np.testing.assert_allclose([s.max(), s.min()], [p.sigma_max, p.sigma_min], rtol=1e-10)
    gx = jax.grad(monotone_games.bilinear_value, 1)(p, p.x_star, p.y_star)
    np.testing.assert_allclose(gx, 0.0, atol=1e-12)


def _constants(m):
    m = np.asarray(m)
    s = 0.5 * (m + m.T)
    mu = np.linalg.eigvalsh(s).min()
    L = np.linalg.norm(m, 2)
    # beta = min_z <Mz, z>/||Mz||^2 = lambda_min of M^{-T} S M^{-1} (M invertible).
    mi = np.linalg.inv(m)
    beta = np.linalg.eigvalsh(mi.T @ s @ mi).min()
    return mu, L, beta


@pytest.mark.parametrize("dim", [4, 5])
def test_strongly_monotone_constants(dim):
    p = monotone_games.strongly_monotone(KEY, dim, mu=0.1, L=2.0)
    mu, L, beta = _constants(p.M)
    np.testing.assert_allclose([mu, L, beta], [p.mu, p.L, p.beta], rtol=1e-8)
    np.testing.assert_allclose([p.mu, p.L], [0.1, 2.0], rtol=1e-12)
    np.testing.assert_allclose(monotone_games.linear_operator(p, p.z_star), 0.0)


@pytest.mark.parametrize("dim", [4, 5])
def test_cocoercive_constants(dim):
    p = monotone_games.cocoercive(KEY, dim, beta=0.5, angle=1.2)
    mu, L, beta = _constants(p.M)
    np.testing.assert_allclose([mu, L, beta], [p.mu, p.L, p.beta], rtol=1e-8)
    np.testing.assert_allclose(p.beta, 0.5, rtol=1e-12)


@pytest.mark.parametrize("m, n", [(3, 3), (4, 6), (5, 2)])
def test_matrix_game_nash_duality_gap(m, n):
    g = monotone_games.random_matrix_game(jax.random.key(m * 10 + n, impl="rbg"), m, n)
    assert abs(float(monotone_games.duality_gap(g.A, g.x_star, g.y_star))) < 1e-8
    np.testing.assert_allclose(g.x_star.sum(), 1.0)
    assert float(g.x_star.min()) >= 0
    # A uniform strategy is (generically) not an equilibrium.
    assert float(monotone_games.duality_gap(g.A, jnp.ones(m) / m, jnp.ones(n) / n)) > 1e-3


def test_rock_paper_scissors():
    a = jnp.array([[0.0, 1.0, -1.0], [-1.0, 0.0, 1.0], [1.0, -1.0, 0.0]])
    g = monotone_games.solve_matrix_game(a)
    np.testing.assert_allclose(g.x_star, np.ones(3) / 3, atol=1e-9)
    np.testing.assert_allclose(g.value, 0.0, atol=1e-12)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: monotone_games.bilinear(KEY, 3, sigma_min=0.0), "sigma_min"),
        (lambda: monotone_games.strongly_monotone(KEY, 3, mu=2.0, L=1.0), "L"),
        (lambda: monotone_games.cocoercive(KEY, 3, angle=2.0), "angle"),
        (lambda: monotone_games.random_matrix_game(KEY, 0, 2), "m"),
    ],
)
def test_validation(call, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        call()


def test_vmap_over_keys():
    ps = jax.jit(jax.vmap(lambda k: monotone_games.strongly_monotone(k, 4)))(jax.random.split(KEY, 3))
    f = jax.vmap(monotone_games.linear_operator)(ps, ps.z_star)
    np.testing.assert_allclose(f, 0.0, atol=1e-12)
