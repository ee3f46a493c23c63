"""Tests for problems.methods.nash_self_play on exact regularized preference equilibria."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.methods import nash_self_play
from problems.preference import preference_games

KEY = jax.random.PRNGKey(0)


def test_methods_fix_the_regularized_equilibrium_and_converge():
    g = preference_games.random_skew(KEY, 8)
    star = preference_games.regularized_nash(g.P, g.mu, 0.2)
    z = jnp.log(star)
    for step in (
        nash_self_play.nash_mirror_prox_step,
        nash_self_play.egpo_extragradient_step,
        nash_self_play.self_play_mirror_descent_step,
    ):
        np.testing.assert_allclose(jnp.exp(step(z, g.mu, 0.2, 0.5, g.P)), star, atol=1e-12)
    z = jnp.log(g.mu)
    for _ in range(200):
        z = nash_self_play.nash_mirror_prox_step(z, g.mu, 0.2, 2.0, g.P)
    assert float(preference_games.kl(star, jnp.exp(z))) < 1e-12
