"""Tests for problems.methods.aegd_energy."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.convex import quadratics
from problems.methods import aegd_energy


def _quadratic():
    p = quadratics.make(jax.random.PRNGKey(0), 10, kappa=50.0)
    return p, lambda x: (quadratics.value(p, x), quadratics.grad(p, x))


def test_energy_never_increases_for_any_step():
    p, vg = _quadratic()
    for lr in (1e-2, 1.0, 1e2, 1e4):
        state = aegd_energy.init(jnp.zeros(10), quadratics.value(p, jnp.zeros(10)), 1.0)
        for _ in range(50):
            new = aegd_energy.step(state, vg, lr, 1.0)
            assert new[1] <= state[1]
            state = new


def test_small_step_converges_and_identity_preconditioner_is_plain_aegd():
    p, vg = _quadratic()
    state = aegd_energy.init(jnp.zeros(10), quadratics.value(p, jnp.zeros(10)), 1.0)
    plain = aegd_energy.step(state, vg, 0.5, 1.0)
    np.testing.assert_allclose(aegd_energy.step(state, vg, 0.5, 1.0, jnp.eye(10))[0], plain[0])
    for _ in range(2000):
        state = aegd_energy.step(state, vg, 0.5, 1.0)
    assert quadratics.value(p, state[0]) - p.f_star < 1e-6


def test_explicit_energy_can_increase():
    p, vg = _quadratic()
    state = aegd_energy.init(jnp.zeros(10), quadratics.value(p, jnp.zeros(10)), 1.0)
    new = aegd_energy.step(state, vg, 1e4, 1.0, explicit_energy=True)
    assert jnp.abs(new[1]) > state[1]
