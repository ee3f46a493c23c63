"""Tests for problems.methods.orthogonalize."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from problems.methods import orthogonalize

KEY = jax.random.key(7, impl="rbg")


def test_coefficients_match_optax_muon():
    from optax.contrib import _muon

    assert orthogonalize.MUON_COEFFS == tuple(_muon._DEFAULT_NS_COEFFS)


@pytest.mark.parametrize("shape", [(4, 6), (6, 4)])
def test_one_step_by_hand(shape):
    g = jax.random.normal(KEY, shape)
    x = g / (jnp.linalg.norm(g) + 1e-7)
    a, b, c = orthogonalize.MUON_COEFFS
    expected = a * x + b * x @ x.T @ x + c * x @ x.T @ x @ x.T @ x
    np.testing.assert_allclose(orthogonalize.newton_schulz(g, 1), expected, atol=1e-12)


def test_cubic_converges_to_polar_and_quintic_is_close():
    g = jax.random.normal(KEY, (5, 8))
    pol = orthogonalize.polar(g)
    np.testing.assert_allclose(pol @ pol.T, np.eye(5), atol=1e-12)
    cubic = orthogonalize.newton_schulz(g, 40, orthogonalize.CUBIC_COEFFS)
    np.testing.assert_allclose(cubic, pol, atol=1e-8)
    s = np.linalg.svd(np.asarray(orthogonalize.newton_schulz(g, 5)), compute_uv=False)
    assert s.min() > 0.6 and s.max() < 1.25
    # The singular-value map reproduces the matrix iteration's spectrum.
    s0 = np.linalg.svd(np.asarray(g / (jnp.linalg.norm(g) + 1e-7)), compute_uv=False)
    np.testing.assert_allclose(np.sort(orthogonalize.singular_value_map(s0)), np.sort(s), atol=1e-10)


def test_optax_transformation_jit():
    tx = orthogonalize.scale_by_newton_schulz()
    params = {"w": jnp.ones((3, 4)), "b": jnp.ones(3)}
    upd = {"w": jax.random.normal(KEY, (3, 4)), "b": jnp.arange(3.0)}
    out, _ = jax.jit(tx.update)(upd, tx.init(params))
    np.testing.assert_allclose(out["b"], upd["b"])
    np.testing.assert_allclose(out["w"], orthogonalize.newton_schulz(upd["w"]), atol=1e-12)
    assert isinstance(tx, optax.GradientTransformation)
