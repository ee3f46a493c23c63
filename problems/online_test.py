"""Tests for problems.online."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems import online


def test_reddi_sequence_and_best_point():
  p = online.reddi(3.0)
  gs = jnp.stack([online.gradient(p, None, t) for t in range(6)])[:, 0]
  np.testing.assert_allclose(gs, [3.0, -1.0, -1.0, 3.0, -1.0, -1.0])
  # Playing the best point x* = -1 for 3k rounds has zero regret; playing +1 has regret 2 per
  # unit of sum|g| over the cycle: (3 - 2)*1 - (-(1)) = 2 per cycle of 3 rounds.
  s_best, s_worst = online.regret_init(p), online.regret_init(p)
  for t in range(30):
    g = online.gradient(p, None, t)
    s_best = online.regret_step(s_best, g, jnp.array([-1.0]))
    s_worst = online.regret_step(s_worst, g, jnp.array([1.0]))
  np.testing.assert_allclose(online.regret(p, s_best), 0.0, atol=1e-12)
  np.testing.assert_allclose(online.regret(p, s_worst), 20.0)


def test_gaussian_regret_is_against_best_box_point():
  p = online.gaussian(jnp.array([0.5, -0.2, 0.0]), radius=2.0)
  key = jax.random.PRNGKey(0)
  s = online.regret_init(p)
  gs = []
  for t in range(20):
    g = online.gradient(p, key, t)
    gs.append(g)
    s = online.regret_step(s, g, jnp.zeros(3))
  G = np.sum(np.stack(gs), 0)
  corners = np.array(np.meshgrid(*[[-2.0, 2.0]] * 3)).reshape(3, -1).T
  np.testing.assert_allclose(online.regret(p, s), -np.min(corners @ G), rtol=1e-12)
  np.testing.assert_allclose(online.project(p, jnp.array([3.0, -5.0, 1.0])), [2.0, -2.0, 1.0])


def test_validation():
  with pytest.raises(ValueError, match="^C"):
    online.reddi(1.5)
  with pytest.raises(ValueError, match="^radius"):
    online.gaussian([0.0], radius=0.0)
