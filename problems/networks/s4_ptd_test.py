"""Tests for problems.networks.s4_ptd."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.networks import s4_ptd

KEY = jax.random.PRNGKey(0)


def test_legs_spectrum_and_normal_part():
    a, b = s4_ptd.hippo_legs(6)
    eigenvalues = np.sort(np.linalg.eigvals(np.asarray(a)).real)
    np.testing.assert_allclose(eigenvalues, -np.arange(6, 0, -1), atol=1e-8)
    n = np.asarray(s4_ptd.legs_normal_part(6))
    np.testing.assert_allclose(n @ n.T, n.T @ n, atol=1e-10)
    np.testing.assert_allclose(np.asarray(b), np.sqrt(2 * np.arange(6) + 1.0))


def test_condition_grows_and_normal_is_one():
    k8 = s4_ptd.eigenvector_condition(s4_ptd.hippo_legs(8)[0])
    k12 = s4_ptd.eigenvector_condition(s4_ptd.hippo_legs(12)[0])
    assert k12 > 100 * k8 > 100
    np.testing.assert_allclose(s4_ptd.eigenvector_condition(s4_ptd.normal_with_legs_spectrum(8)), 1.0)


def test_diagonal_transfer_matches_dense():
    a, b = s4_ptd.hippo_legs(6)
    c = jax.random.normal(KEY, (6,))
    om = s4_ptd.symmetric_log_frequencies(-1, 2, 20)
    lam, bt, ct = s4_ptd.diagonalize(a, b, c)
    np.testing.assert_allclose(
        s4_ptd.diagonal_transfer(lam, bt, ct, om), s4_ptd.dense_transfer(a, b, c, om), rtol=1e-8
    )


def test_perturbation_norm():
    e = s4_ptd.complex_perturbation(KEY, 5, 1e-3)
    np.testing.assert_allclose(jnp.linalg.norm(e, 2), 1e-3, rtol=1e-12)
