"""Tests for problems.distributed.client_availability."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.distributed import client_availability as av

KEY = jax.random.PRNGKey(0)


def test_stationary_law_and_autocorrelation():
    pi = jnp.array([0.2, 0.5, 0.8])
    lam = 0.6

    def body(s, k):
        nxt = av.step(k, s, pi, lam)
        return nxt, nxt

    _, path = jax.lax.scan(body, av.initial(KEY, pi), jax.random.split(jax.random.PRNGKey(1), 200_000))
    np.testing.assert_allclose(path.mean(0), pi, atol=0.01)
    centred = path - pi
    for lag in (1, 3):
        cov = jnp.mean(centred[lag:] * centred[:-lag], axis=0)
        np.testing.assert_allclose(cov / (pi * (1 - pi)), lam**lag, atol=0.03)


def test_iid_when_uncorrelated_and_transition_values():
    stay, enter = av.transition(0.3, 0.0)
    assert float(stay) == pytest.approx(0.3) and float(enter) == pytest.approx(0.3)
    stay, enter = av.transition(0.3, 0.5)
    assert float(stay) == pytest.approx(0.65) and float(enter) == pytest.approx(0.15)
    # stationarity: pi = pi * stay + (1 - pi) * enter
    assert 0.3 * 0.65 + 0.7 * 0.15 == pytest.approx(0.3)
    np.testing.assert_allclose(av.variance_inflation(jnp.array([0.0, 0.5, 0.9])), [1.0, 3.0, 19.0])


def test_validation():
    with pytest.raises(ValueError, match="^pi"):
        av.transition(1.0, 0.5)
    with pytest.raises(ValueError, match="^lam"):
        av.transition(0.5, 1.0)
    with pytest.raises(ValueError, match="^lam"):
        av.transition(0.2, -0.9)
