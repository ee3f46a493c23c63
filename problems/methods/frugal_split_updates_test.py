"""Tests for problems.methods.frugal_split_updates."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.methods import frugal_split_updates as frugal

KEY = jax.random.PRNGKey(0)


def test_block_mask_has_rank_ones():
    mask = frugal.block_mask(KEY, 20, 5)
    assert float(mask.sum()) == 5.0
    with pytest.raises(ValueError, match="rank"):
        frugal.block_mask(KEY, 3, 4)


def test_empty_block_is_sgd_and_full_block_is_heavy_ball():
    g = jnp.array([1.0, -2.0, 0.5])
    sgd = frugal.step(frugal.init(jnp.zeros(3), 0.1, 0.9, jnp.zeros(3)), g, 0.1, 0.9)
    np.testing.assert_allclose(sgd.x, -0.1 * g)
    s = frugal.init(jnp.zeros(3), 0.1, 0.9, jnp.ones(3))
    s = frugal.step(frugal.step(s, g, 0.1, 0.9), g, 0.1, 0.9)
    np.testing.assert_allclose(s.x, -0.1 * g - 0.1 * (0.9 * g + g))


def test_low_rank_only_leaves_the_complement_and_reselect_resets_momentum():
    g = jnp.ones(4)
    mask = jnp.array([1.0, 1.0, 0.0, 0.0])
    s = frugal.step(frugal.init(jnp.zeros(4), 0.1, 0.9, mask), g, 0.1, 0.9, state_free=False)
    np.testing.assert_array_equal(s.x[2:], 0.0)
    kept = frugal.reselect(s, KEY, 3, 2, 4, 0.1, 0.9)
    np.testing.assert_array_equal(kept.mask, mask)
    new = frugal.reselect(s, KEY, 4, 2, 4, 0.1, 0.9)
    assert float(new.mask.sum()) == 2.0
    np.testing.assert_array_equal(jax.tree_util.tree_leaves(new.opt_state)[0], 0.0)
