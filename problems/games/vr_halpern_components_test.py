"""Tests for problems.games.vr_halpern_components."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.games import vr_halpern_components as vhc


def test_mean_is_average_of_components_and_vanishes_at_z_star():
    p = vhc.make(jax.random.PRNGKey(0), n=8, dim=5, kappa=100.0, spread=0.9, offset=1.0)
    z = jax.random.normal(jax.random.PRNGKey(1), (5,))
    avg = jnp.mean(jnp.stack([vhc.component(p, i, z) for i in range(8)]), axis=0)
    np.testing.assert_allclose(avg, vhc.mean(p, z), atol=1e-10)
    np.testing.assert_allclose(vhc.mean(p, p.z_star), 0.0, atol=1e-8)


def test_components_psd_and_bounded():
    p = vhc.make(jax.random.PRNGKey(2), n=6, dim=4, kappa=10.0, spread=0.9, offset=1.0)
    eigs = jnp.linalg.eigvalsh(0.5 * (p.M + jnp.swapaxes(p.M, 1, 2)))
    assert float(eigs.min()) >= -1e-10
    assert float(p.L) <= 1.9 + 1e-9


def test_distinct_zeros_give_noise_and_zero_offset_gives_none():
    noisy = vhc.make(jax.random.PRNGKey(3), n=6, dim=4, kappa=10.0, spread=0.9, offset=1.0)
    assert float(vhc.noise_at_solution(noisy)) > 1e-2
    shared = vhc.make(jax.random.PRNGKey(3), n=6, dim=4, kappa=10.0, spread=0.9, offset=0.0)
    assert float(vhc.noise_at_solution(shared)) < 1e-8
