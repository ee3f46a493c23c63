"""Tests for problems.games.bilinear_pdhg."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.games import bilinear_pdhg as bp
from problems.games import monotone_games

P = monotone_games.bilinear(jax.random.PRNGKey(0), 4, 0.2, 1.5)
S = np.exp(np.linspace(np.log(0.2), np.log(1.5), 4))  # the singular values games.bilinear sets


def test_saddle_point_is_fixed():
    z = monotone_games.bilinear_z_star(P)
    for theta in (0.0, 1.0):
        np.testing.assert_allclose(bp.iteration_map(P, z, 0.3, 0.7, theta), z, atol=1e-12)


def test_iteration_matrix_matches_one_step():
    z_star = monotone_games.bilinear_z_star(P)
    z = z_star + jnp.linspace(-1.0, 1.0, 8)
    M = bp.iteration_matrix(P, 0.4, 0.6, 1.0)
    np.testing.assert_allclose(bp.iteration_map(P, z, 0.4, 0.6, 1.0) - z_star, M @ (z - z_star), atol=1e-12)


@pytest.mark.parametrize("theta", [0.0, 1.0])
@pytest.mark.parametrize("tau,sigma", [(0.1, 0.2), (0.5, 1.5), (1.0, 1.0), (2.0, 1.5), (3.0, 3.0)])
def test_radius_matches_closed_form(theta, tau, sigma):
    np.testing.assert_allclose(
        bp.spectral_radius(P, tau, sigma, theta), bp.block_radius(S, tau, sigma, theta), rtol=1e-9
    )


def test_arrow_hurwicz_never_contracts():
    for tau, sigma in ((0.01, 0.01), (0.5, 0.5), (0.8, 1.5)):  # τσ‖A‖² < 4: ρ = 1 exactly
        np.testing.assert_allclose(bp.block_radius(S, tau, sigma, 0.0), 1.0, rtol=1e-12)
    assert float(bp.block_radius(S, 2.0, 2.0, 0.0)) > 1.0  # τσ‖A‖² = 9 > 4: diverges


def test_chambolle_pock_threshold_is_four_thirds():
    smax = S.max()
    for a, converges in ((0.5, True), (0.99, True), (1.2, True), (1.3, True), (1.37, False), (2.0, False)):
        step = np.sqrt(a) / smax
        assert (float(bp.block_radius(S, step, step, 1.0)) < 1.0) == converges, a
    # below 1 the radius is √(1 − τσ s_min²)
    step = np.sqrt(0.8) / smax
    np.testing.assert_allclose(bp.block_radius(S, step, step, 1.0), np.sqrt(1 - 0.8 * (S.min() / smax) ** 2))


def test_chambolle_pock_run_converges():
    z_star = monotone_games.bilinear_z_star(P)
    step = 0.9 / S.max()
    run = jax.jit(
        lambda z: jax.lax.fori_loop(0, 3000, lambda i, z: bp.iteration_map(P, z, step, step, 1.0), z)
    )
    assert float(jnp.linalg.norm(run(jnp.zeros(8)) - z_star)) < 1e-6
