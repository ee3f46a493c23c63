"""Tests for problems.preference.delta_learning_teachers."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.preference import delta_learning_teachers as dl

KEY = jax.random.PRNGKey(0)


def test_make_validates_and_places_accuracies():
    with pytest.raises(ValueError, match="^d"):
        dl.make(KEY, 1, 10, 0.8, 0.65, 0.6)
    s = dl.make(KEY, 20, 10, 0.8, 0.65, 0.6)
    for theta, acc in ((s.student, 0.8), (s.chosen, 0.65), (s.rejected, 0.6)):
        np.testing.assert_allclose(dl.accuracy(theta, s.w_star), acc, rtol=1e-10)


def test_accuracy_matches_monte_carlo():
    s = dl.make(KEY, 10, 200_000, 0.8, 0.65, 0.6)
    mc = jnp.mean(jnp.sign(s.x @ s.chosen) == jnp.sign(s.x @ s.w_star))
    np.testing.assert_allclose(mc, 0.65, atol=0.005)


def test_equal_teachers_give_zero_preference_gradient():
    s = dl.make(KEY, 10, 500, 0.8, 0.6, 0.6)
    np.testing.assert_array_equal(dl.loss_grad(s, "preference")(s.student), 0.0)


def test_sft_drifts_toward_chosen_teacher():
    s = dl.make(KEY, 10, 2000, 0.8, 0.65, 0.6)
    theta = dl.tune(s, "sft", 2.0, 100)
    assert dl.accuracy(theta, s.w_star) < 0.7
