"""Tests for problems.recovery.realtime_krylov."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.recovery import realtime_krylov as rk

KEY = jax.random.PRNGKey(0)


def test_matrices_match_explicit_time_evolution():
    sp = rk.gapped_spectrum(KEY, n=12)
    V, _ = jnp.linalg.qr(jax.random.normal(jax.random.PRNGKey(1), (12, 12)) + 0j)
    H = V @ jnp.diag(sp.energies) @ V.conj().T
    phi = V @ jnp.sqrt(sp.weights)
    w, U = jnp.linalg.eigh(H)
    vecs = jnp.stack([U @ (jnp.exp(-1j * w * j * 0.7) * (U.conj().T @ phi)) for j in range(4)], axis=1)
    S, Hk = rk.krylov_matrices(sp, 4, 0.7)
    np.testing.assert_allclose(S, vecs.conj().T @ vecs, atol=1e-10)
    np.testing.assert_allclose(Hk, vecs.conj().T @ H @ vecs, atol=1e-10)


def test_errors_are_variational_and_below_the_bound():
    sp = rk.gapped_spectrum(KEY)
    dims = (1, 5, 9, 13)
    err = np.asarray(jax.jit(lambda s: rk.energy_errors(s, dims, np.pi))(sp))
    assert np.all(err >= -1e-10)
    assert np.all(err <= rk.chebyshev_bound(np.array(dims), 0.1, 1.0, 0.3, np.pi))


def test_full_space_is_exact():
    sp = rk.gapped_spectrum(KEY, n=6)
    err = rk.energy_errors(sp, (6,), 1.0)
    assert abs(float(err[0])) < 1e-8


def test_bound_needs_unaliased_step():
    with pytest.raises(ValueError, match="dt"):
        rk.chebyshev_bound(5, 0.1, 1.0, 0.3, 2 * np.pi)
