"""Tests for problems.games.kuhn_poker."""

import itertools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.games import kuhn_poker as kp

PURE = jnp.array([[[1 - a, a] for a in bits] for bits in itertools.product((0.0, 1.0), repeat=6)])


def _random_strategy(key):
    return jax.nn.softmax(jax.random.normal(key, (6, 2)), axis=-1)


@pytest.mark.parametrize("alpha", [0.0, 0.2, 1 / 3])
def test_nash_family_has_zero_exploitability_and_the_value(alpha):
    x, y = kp.nash(alpha)
    np.testing.assert_allclose(kp.payoff(x, y), kp.VALUE, atol=1e-12)
    np.testing.assert_allclose(kp.exploitability(x, y), 0.0, atol=1e-12)


def test_best_responses_match_pure_enumeration():
    x, y = _random_strategy(jax.random.PRNGKey(0)), _random_strategy(jax.random.PRNGKey(1))
    br1 = jnp.max(jax.vmap(lambda xp: kp.payoff(xp, y))(PURE))
    br2 = jnp.min(jax.vmap(lambda yp: kp.payoff(x, yp))(PURE))
    np.testing.assert_allclose(kp.best_response_value_p1(y), br1, atol=1e-12)
    np.testing.assert_allclose(kp.best_response_value_p2(x), br2, atol=1e-12)
    assert float(kp.exploitability(x, y)) > 0 and float(kp.exploitability(kp.uniform(), kp.uniform())) > 0


def _counterfactual_losses(x, y, player):
    """Exact counterfactual losses by differentiating the multilinear expected loss."""
    if player == 1:
        g = jax.grad(lambda x: kp.payoff(x, y, leaf=lambda u: (2.0 - u) / 4.0))(x)
        return g / kp.reach_p1(x)[:, None]
    return jax.grad(lambda y: kp.payoff(x, y, leaf=lambda u: (2.0 + u) / 4.0))(y)


def test_fixed_sampling_estimates_are_unbiased():
    pi, y = _random_strategy(jax.random.PRNGKey(2)), _random_strategy(jax.random.PRNGKey(3))
    mu = kp.uniform()
    keys = jax.random.split(jax.random.PRNGKey(4), 200_000)
    q1 = jax.jit(jax.vmap(lambda k: kp.episode_p1(k, mu, pi, y)))(keys).mean(0)
    np.testing.assert_allclose(q1, _counterfactual_losses(pi, y, 1), atol=0.01)
    q2 = jax.jit(jax.vmap(lambda k: kp.episode_p2(k, pi, mu)))(keys).mean(0)
    np.testing.assert_allclose(q2, _counterfactual_losses(pi, y, 2), atol=0.01)


def test_local_step_is_exponential_weights():
    L = jnp.array([[0.0, 1.0]] * 6)
    np.testing.assert_allclose(kp.local_step(L, 2.0)[:, 0], 1 / (1 + np.exp(-2.0)), rtol=1e-12)
