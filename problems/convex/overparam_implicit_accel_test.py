"""Tests for problems.convex.overparam_implicit_accel."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.convex import overparam_implicit_accel as oa

KEY = jax.random.PRNGKey(0)


def test_make_validates_and_is_realizable():
    with pytest.raises(ValueError, match="^n"):
        oa.make(KEY, 0, 3)
    data = oa.make(KEY, 2000, 4, condition=100.0)
    w = jnp.linalg.lstsq(data.x, data.y)[0]
    np.testing.assert_allclose(oa.lp_loss(data, w, 4), 0.0, atol=1e-20)
    np.testing.assert_allclose(jnp.std(data.x[:, -1]) / jnp.std(data.x[:, 0]), 0.1, rtol=0.1)


def test_best_step_skips_diverged_steps_and_decreases():
    data = oa.make(KEY, 50, 4)
    losses = oa.run_best_step(data, 4, 1, (1e-3, 1e-1, 1e3), 5, 20)
    assert bool(jnp.all(jnp.isfinite(losses)))
    assert bool(jnp.all(jnp.diff(losses) <= 0))
    factors = oa.init_factors(KEY, 4, 4, 0.1)
    deep = oa.run_best_step(data, 4, 2, (1e-2, 1e-1), 5, 20, factors)
    assert deep[-1] < oa.lp_loss(data, (factors[1] @ factors[0])[0], 4)
