"""Tests for problems.games.small_gain."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.games import small_gain as sg

KEY = jax.random.PRNGKey(0)


def test_band_matches_the_card_and_certifies():
    g = sg.coupled_game(KEY, 3, 3.0, 0.2)
    lo, hi = sg.timescale_band(g.mu1, g.mu2, g.L12, g.L21)
    np.testing.assert_allclose([lo, hi], [0.01501, 0.29610], atol=1e-4)
    for r in (lo * 1.01, jnp.sqrt(lo * hi), hi * 0.99):
        cert = sg.certified_modulus(g.mu1, g.mu2, g.L12, g.L21, r)
        m_w, _ = sg.weighted_constants(g, r)
        assert 0 < float(cert) <= float(m_w) + 1e-12
    assert float(sg.certified_modulus(g.mu1, g.mu2, g.L12, g.L21, 1.0)) < 0
    assert float(sg.euclidean_modulus(g)) < 0  # not monotone in the Euclidean metric


def test_no_band_without_small_gain():
    lo, hi = sg.timescale_band(1.0, 1.0, 3.0, 0.5)
    assert np.isnan(lo) and np.isnan(hi)


def test_blocks_have_the_stated_constants():
    g = sg.coupled_game(KEY, 4, 2.0, 0.3)
    a1 = g.J[:4, :4]
    np.testing.assert_allclose(np.linalg.eigvalsh(np.asarray(a1)), np.linspace(1, 2, 4), atol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(np.asarray(g.J[:4, 4:]), 2), 2.0, rtol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(np.asarray(g.J[4:, :4]), 2), 0.3, rtol=1e-12)
    x = jnp.arange(8.0)
    np.testing.assert_allclose(
        sg.weighted_norm(g, x, 0.5) ** 2, 0.5 * jnp.sum(x[:4] ** 2) + jnp.sum(x[4:] ** 2)
    )
