"""Tests for problems.nlhf."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems import nlhf

KEY = jax.random.PRNGKey(0)


@pytest.mark.parametrize("make", [nlhf.random_skew, nlhf.tanh_skew])
def test_preference_matrix_is_constant_sum(make):
    g = make(KEY, 7)
    np.testing.assert_allclose(g.P + g.P.T, 1.0, atol=1e-15)
    pi = jax.random.dirichlet(KEY, jnp.ones(7))
    np.testing.assert_allclose(pi @ g.P @ pi, 0.5, atol=1e-14)
    assert float(nlhf.gap(g.P, pi)) >= 0


def test_lp_equilibrium_has_zero_gap():
    for s in range(3):
        g = nlhf.random_skew(jax.random.PRNGKey(s), 9)
        pi = nlhf.nash_lp(g.P)
        np.testing.assert_allclose(pi.sum(), 1.0, atol=1e-12)
        assert float(nlhf.gap(g.P, pi)) < 1e-8
    np.testing.assert_allclose(nlhf.nash_lp(nlhf.rock_paper_scissors().P), 1 / 3, atol=1e-9)
    np.testing.assert_allclose(nlhf.nash_lp(nlhf.cyclic_tournament(5).P), 0.2, atol=1e-9)


def test_regularized_nash_is_a_fixed_point_with_zero_gap():
    g = nlhf.random_skew(KEY, 12, mu=jax.nn.softmax(jax.random.normal(KEY, (12,))))
    star = nlhf.regularized_nash(g.P, g.mu, 0.1)
    assert float(nlhf.fixed_point_residual(g.P, g.mu, 0.1, star)) < 1e-12
    assert abs(float(nlhf.regularized_gap(g.P, g.mu, 0.1, star))) < 1e-12
    assert float(nlhf.regularized_gap(g.P, g.mu, 0.1, g.mu)) > 0


def test_methods_fix_the_regularized_equilibrium_and_converge():
    g = nlhf.random_skew(KEY, 8)
    star = nlhf.regularized_nash(g.P, g.mu, 0.2)
    z = jnp.log(star)
    for step in (nlhf.mirror_prox_step, nlhf.extragradient_step):
        np.testing.assert_allclose(jnp.exp(step(z, g.mu, 0.2, 0.5, g.P)), star, atol=1e-12)
    np.testing.assert_allclose(jnp.exp(nlhf.mirror_descent_step(z, g.mu, 0.2, 0.5, g.P)), star, atol=1e-12)
    z = jnp.log(g.mu)
    for _ in range(200):
        z = nlhf.mirror_prox_step(z, g.mu, 0.2, 2.0, g.P)
    assert float(nlhf.kl(star, jnp.exp(z))) < 1e-12


def test_condorcet_winner_detection():
    assert not bool(nlhf.has_condorcet_winner(nlhf.rock_paper_scissors().P))
    P = jnp.array([[0.5, 0.7, 0.6], [0.3, 0.5, 0.9], [0.4, 0.1, 0.5]])
    assert bool(nlhf.has_condorcet_winner(P))
