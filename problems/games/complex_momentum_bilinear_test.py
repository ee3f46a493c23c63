"""Tests for problems.games.complex_momentum_bilinear."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.games import complex_momentum_bilinear as cmb
from problems.games import monotone_games


def test_singular_values_in_range_and_differ_across_draws():
    s1 = jnp.linalg.svd(cmb.random_spectrum(jax.random.PRNGKey(0), 5).A, compute_uv=False)
    s2 = jnp.linalg.svd(cmb.random_spectrum(jax.random.PRNGKey(1), 5).A, compute_uv=False)
    assert float(s1.min()) >= 0.5 - 1e-12 and float(s1.max()) <= 2.0 + 1e-12
    assert float(jnp.max(jnp.abs(s1 - s2))) > 1e-3


def test_saddle_point_is_a_zero_of_the_operator():
    p = cmb.random_spectrum(jax.random.PRNGKey(3), 5)
    np.testing.assert_allclose(
        monotone_games.bilinear_operator(p, monotone_games.bilinear_z_star(p)), 0.0, atol=1e-12
    )
