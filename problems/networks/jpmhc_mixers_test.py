"""Tests for problems.networks.jpmhc_mixers."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.networks import jpmhc_mixers as jm

KEY = jax.random.PRNGKey(0)


def test_orthogonal_mixer_is_orthogonal():
    q = jm.orthogonal_mixer(KEY, 8)
    np.testing.assert_allclose(q.T @ q, jnp.eye(8), atol=1e-12)


def test_bistochastic_mixer_sums_and_norm():
    m = jm.bistochastic_mixer(KEY, 8)
    np.testing.assert_allclose(m.sum(axis=0), 1.0, atol=1e-12)
    np.testing.assert_allclose(m.sum(axis=1), 1.0, atol=1e-12)
    s = jnp.linalg.svd(m, compute_uv=False)
    np.testing.assert_allclose(s[0], 1.0, atol=1e-12)
    assert s[1] < 1.0


def test_mean_second_singular_value_bounds_product():
    mean, se = jm.mean_second_singular_value(8, samples=512)
    assert 0.0 < mean < 1.0 and se < 0.05
    keys = jax.random.split(KEY, 3)
    j = (
        jm.bistochastic_mixer(keys[2], 8)
        @ jm.bistochastic_mixer(keys[1], 8)
        @ jm.bistochastic_mixer(keys[0], 8)
    )
    per_factor = [jnp.linalg.svd(jm.bistochastic_mixer(k, 8), compute_uv=False)[1] for k in keys]
    assert jnp.linalg.svd(j, compute_uv=False)[1] <= np.prod(per_factor) * (1 + 1e-10)


def test_mixer_names():
    assert jm.mixer("free") is jm.free_mixer
    with pytest.raises(ValueError):
        jm.mixer("unitary")
