"""Tests for problems.games.bilinear_momentum."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.games import bilinear_momentum as bm
from problems.games import monotone_games

P = monotone_games.bilinear(jax.random.PRNGKey(0), 3, 0.5, 2.0)


def test_gda_radius_is_known():
    # β = 0, simultaneous: eigenvalues 1 ± iασ_j, so ρ = √(1 + α²σ_max²).
    np.testing.assert_allclose(bm.spectral_radius(P, 0.1, 0.0), np.sqrt(1 + 0.01 * 4.0), rtol=1e-10)


def test_iteration_matrix_matches_one_step():
    M = bm.iteration_matrix(P, 0.05, 0.9 * np.exp(1j * np.pi / 8), alternating=True)
    z = monotone_games.bilinear_z_star(P)
    s = bm.State(mu=jnp.arange(6.0) * (1 + 0.5j), omega=z + jnp.linspace(-1, 1, 6))
    out = bm.step(P, s, 0.05, 0.9 * np.exp(1j * np.pi / 8), alternating=True)
    packed = lambda s: jnp.concatenate([s.mu.real, s.mu.imag, s.omega])  # noqa: E731
    fixed = bm.State(mu=jnp.zeros(6, complex), omega=z)
    np.testing.assert_allclose(packed(out) - packed(fixed), M @ (packed(s) - packed(fixed)), atol=1e-12)


def test_complex_momentum_converges():
    beta = 0.9 * np.exp(1j * np.pi / 8)
    assert float(bm.spectral_radius(P, 0.035, beta)) < 1
    z = monotone_games.bilinear_z_star(P)
    s = bm.init(z + 1.0)
    run = jax.jit(lambda s: jax.lax.fori_loop(0, 20000, lambda i, s: bm.step(P, s, 0.035, beta), s))
    assert float(jnp.linalg.norm(run(s).omega - z)) < 1e-3
