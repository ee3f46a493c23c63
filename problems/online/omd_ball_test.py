"""Tests for problems.online.omd_ball."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.online import omd_ball


def test_projection():
    x = jnp.array([3.0, 4.0])
    np.testing.assert_allclose(omd_ball.project_ball(x, 1.0), [0.6, 0.8])
    np.testing.assert_allclose(omd_ball.project_ball(0.1 * x, 1.0), 0.1 * x)
    with pytest.raises(ValueError, match="^radius"):
        omd_ball.project_ball(x, 0.0)


def test_regret_of_best_point_is_zero():
    g = jnp.array([[1.0, 2.0], [0.5, -1.0]])
    best = -2.0 * g.sum(0) / jnp.linalg.norm(g.sum(0))
    np.testing.assert_allclose(omd_ball.linear_ball_regret(jnp.sum(g @ best), g.sum(0), 2.0), 0.0, atol=1e-12)


def _oomd_regret(hint_sign, T=2000, radius=2.0):
    g = jnp.array([1.0, -0.5, 0.25])

    def step(c, _):
        x_hat, prev, sq, loss, cum = c
        hint = hint_sign * prev
        lr = omd_ball.adaptive_lr(radius, sq)
        x = omd_ball.play(x_hat, hint, lr, radius)
        return (
            omd_ball.update(x_hat, g, lr, radius),
            g,
            sq + jnp.sum((g - hint) ** 2),
            loss + g @ x,
            cum + g,
        ), None

    z = jnp.zeros(3)
    (_, _, _, loss, cum), _ = jax.lax.scan(step, (z, z, 0.0, 0.0, z), None, length=T)
    return omd_ball.linear_ball_regret(loss, cum, radius)


def test_optimism_on_a_constant_loss():
    # With the exact hint the regret is O(1); with the negated hint it grows like sqrt(T).
    assert _oomd_regret(1.0, T=4000) < 2 * _oomd_regret(1.0, T=400) < 20.0
    assert _oomd_regret(-1.0, T=4000) > 2.5 * _oomd_regret(-1.0, T=400)
