"""Tests for problems.preference.preference_games."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.preference import preference_games

KEY = jax.random.PRNGKey(0)


@pytest.mark.parametrize("make", [preference_games.random_skew, preference_games.tanh_skew])
def test_preference_matrix_is_constant_sum(make):
    g = make(KEY, 7)
    np.testing.assert_allclose(g.P + g.P.T, 1.0, atol=1e-15)
    pi = jax.random.dirichlet(KEY, jnp.ones(7))
    np.testing.assert_allclose(pi @ g.P @ pi, 0.5, atol=1e-14)
    assert float(preference_games.gap(g.P, pi)) >= 0


def test_lp_equilibrium_has_zero_gap():
    for s in range(3):
        g = preference_games.random_skew(jax.random.PRNGKey(s), 9)
        pi = preference_games.nash_lp(g.P)
        np.testing.assert_allclose(pi.sum(), 1.0, atol=1e-12)
        assert float(preference_games.gap(g.P, pi)) < 1e-8
    np.testing.assert_allclose(
        preference_games.nash_lp(preference_games.rock_paper_scissors().P), 1 / 3, atol=1e-9
    )
    np.testing.assert_allclose(
        preference_games.nash_lp(preference_games.cyclic_tournament(5).P), 0.2, atol=1e-9
    )


def test_regularized_nash_is_a_fixed_point_with_zero_gap():
    g = preference_games.random_skew(KEY, 12, mu=jax.nn.softmax(jax.random.normal(KEY, (12,))))
    star = preference_games.regularized_nash(g.P, g.mu, 0.1)
    assert float(preference_games.fixed_point_residual(g.P, g.mu, 0.1, star)) < 1e-12
    assert abs(float(preference_games.regularized_gap(g.P, g.mu, 0.1, star))) < 1e-12
    assert float(preference_games.regularized_gap(g.P, g.mu, 0.1, g.mu)) > 0


def test_condorcet_winner_detection():
    assert not bool(preference_games.has_condorcet_winner(preference_games.rock_paper_scissors().P))
    P = jnp.array([[0.5, 0.7, 0.6], [0.3, 0.5, 0.9], [0.4, 0.1, 0.5]])
    assert bool(preference_games.has_condorcet_winner(P))
