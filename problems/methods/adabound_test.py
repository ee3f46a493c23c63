"""Tests for problems.methods.adabound."""

import jax.numpy as jnp
import numpy as np
import optax
import pytest

from problems.methods import adabound


def _run(opt, grads):
    x = jnp.zeros(2)
    state = opt.init(x)
    out = []
    for g in grads:
        u, state = opt.update(jnp.asarray(g), state, x)
        out.append(np.asarray(u))
    return np.array(out), state


GRADS = [[1.0, -2.0], [3.0, 0.5], [-1.0, 1.0], [0.2, 4.0]]


def test_unclipped_is_adam_without_bias_correction():
    alpha, b2 = 0.5, 0.1
    u, _ = _run(adabound.adabound(alpha, b1=0.0, b2=b2, clip=False), GRADS)
    v = np.zeros(2)
    for t, g in enumerate(np.array(GRADS), start=1):
        v = b2 * v + (1 - b2) * g * g
        np.testing.assert_allclose(u[t - 1], -alpha / np.sqrt(t) * g / np.sqrt(v), rtol=1e-12)


@pytest.mark.parametrize("amsbound", [False, True])
def test_steps_respect_the_bounds(amsbound):
    grads = np.random.default_rng(0).normal(size=(50, 2)) * 10
    opt = adabound.adabound(100.0, final_lr=0.1, b1=0.0, b2=0.1, gamma=0.1, amsbound=amsbound)
    u, state = _run(opt, grads)
    t = np.arange(1, 51)[:, None]
    step = -u / grads * np.sqrt(t)  # the per-coordinate eta before the 1/sqrt(t)
    lo, hi = adabound.bounds(t, 0.1, 0.1)
    assert np.all(step >= np.asarray(lo) - 1e-12) and np.all(step <= np.asarray(hi) + 1e-12)
    assert int(state.count) == 50


def test_amsbound_vhat_is_running_max():
    opt = adabound.adabound(1.0, b2=0.5, amsbound=True)
    _, state = _run(opt, [[4.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(state.vhat, [8.0, 0.5])  # v = (8, 0), (4, 0), (2, 0.5)
    assert isinstance(opt, optax.GradientTransformation)
