"""Tests for problems.distributed.fa_ld_partial_bias."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.distributed import fa_ld_partial_bias as fald

KEY = jax.random.PRNGKey(0)


def _clients(n=4):
    a = jax.random.uniform(KEY, (n,), minval=0.5, maxval=2.0)
    c = 2.0 * jax.random.normal(jax.random.PRNGKey(1), (n,))
    return a, c


def test_full_participation_tends_to_the_posterior_as_eta_shrinks():
    a, c = _clients()
    m_star, v_star = fald.posterior(a, c)
    coarse = fald.w2_moment_bound(*fald.stationary_moments(a, c, 1e-2, 3, 4), m_star, v_star)
    fine = fald.w2_moment_bound(*fald.stationary_moments(a, c, 1e-4, 3, 4), m_star, v_star)
    assert float(fine) < 0.05 * float(coarse)


def test_one_local_step_full_participation_is_ula():
    a, c = _clients()
    m_star, v_star = fald.posterior(a, c)
    eta = 1e-2
    mean, var = fald.stationary_moments(a, c, eta, 1, 4)
    precision = float(jnp.sum(a))
    np.testing.assert_allclose(mean, m_star, rtol=1e-10)
    np.testing.assert_allclose(var, 1.0 / (precision * (1.0 - eta * precision / 2.0)), rtol=1e-10)
    np.testing.assert_allclose(v_star, 1.0 / precision)


def test_partial_participation_inflates_the_variance_by_n_over_s():
    a, c = _clients()
    _, v_star = fald.posterior(a, c)
    _, var = fald.stationary_moments(a, c, 1e-5, 2, 2)
    np.testing.assert_allclose(var / v_star, 2.0, rtol=1e-2)
    with pytest.raises(ValueError, match="participants"):
        fald.subsets(3, 4)
