"""Tests for problems.online.linear_box_regret."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.online import linear_box_regret


def test_reddi_sequence_and_best_point():
    p = linear_box_regret.reddi(3.0)
    gs = jnp.stack([linear_box_regret.gradient(p, None, t) for t in range(6)])[:, 0]
    np.testing.assert_allclose(gs, [3.0, -1.0, -1.0, 3.0, -1.0, -1.0])
    # The best point x* = -1 has zero regret; +1 costs 2(C - 2) = 2 per 3-round cycle.
    s_best, s_worst = linear_box_regret.regret_init(p), linear_box_regret.regret_init(p)
    for t in range(30):
        g = linear_box_regret.gradient(p, None, t)
        s_best = linear_box_regret.regret_step(s_best, g, jnp.array([-1.0]))
        s_worst = linear_box_regret.regret_step(s_worst, g, jnp.array([1.0]))
    np.testing.assert_allclose(linear_box_regret.regret(p, s_best), 0.0, atol=1e-12)
    np.testing.assert_allclose(linear_box_regret.regret(p, s_worst), 20.0)


def test_gaussian_regret_is_against_best_box_point():
    p = linear_box_regret.gaussian(jnp.array([0.5, -0.2, 0.0]), radius=2.0)
    key = jax.random.PRNGKey(0)
    s = linear_box_regret.regret_init(p)
    gs = []
    for t in range(20):
        g = linear_box_regret.gradient(p, key, t)
        gs.append(g)
        s = linear_box_regret.regret_step(s, g, jnp.zeros(3))
    G = np.sum(np.stack(gs), 0)
    corners = np.array(np.meshgrid(*[[-2.0, 2.0]] * 3)).reshape(3, -1).T
    np.testing.assert_allclose(linear_box_regret.regret(p, s), -np.min(corners @ G), rtol=1e-12)
    np.testing.assert_allclose(linear_box_regret.project(p, jnp.array([3.0, -5.0, 1.0])), [2.0, -2.0, 1.0])


def test_validation():
    with pytest.raises(ValueError, match="^C"):
        linear_box_regret.reddi(1.5)
    with pytest.raises(ValueError, match="^radius"):
        linear_box_regret.gaussian([0.0], radius=0.0)
