"""Tests for problems.games.finite_sum_games."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.games import finite_sum_games as fsg

KEY = jax.random.key(5, impl="rbg")


def _game(n=7, d=4, mu=0.5):
    k_base, k_data = jax.random.split(KEY)
    return fsg.make(k_data, n, fsg.base(k_base, d), mu=mu, spread=0.3)


def test_base_has_unit_spectral_norm():
    np.testing.assert_allclose(np.linalg.norm(np.asarray(fsg.base(KEY, 6)), 2), 1.0, rtol=1e-12)


def test_sample_grads_average_to_grads_and_match_autodiff():
    g = _game()
    x, y = jnp.array([0.3, -1.0, 0.2, 0.5]), jnp.array([1.1, 0.4, -0.7, 0.0])
    gx, gy = jax.vmap(lambda i: fsg.sample_grads(g, x, y, i))(jnp.arange(7))
    fx, fy = fsg.grads(g, x, y)
    np.testing.assert_allclose(gx.mean(0), fx, rtol=1e-12)
    np.testing.assert_allclose(gy.mean(0), fy, rtol=1e-12)
    np.testing.assert_allclose(fx, jax.grad(fsg.value, 1)(g, x, y), rtol=1e-12)
    np.testing.assert_allclose(fy, jax.grad(fsg.value, 2)(g, x, y), rtol=1e-12)


@pytest.mark.parametrize("mu", [0.5, 0.0])
def test_saddle_is_stationary_and_a_saddle(mu):
    g = _game(mu=mu)
    xs, ys = fsg.saddle(g)
    fx, fy = fsg.grads(g, xs, ys)
    np.testing.assert_allclose(np.concatenate([fx, fy]), 0.0, atol=1e-10)
    if mu > 0:
        v = fsg.value(g, xs, ys)
        u = jnp.ones(4) * 0.1
        assert fsg.value(g, xs + u, ys) > v > fsg.value(g, xs, ys + u)


def test_lipschitz_and_gda_expansion_are_exact_operator_norms():
    g = _game(mu=0.5)
    d = 4
    norms = []
    for i in range(7):
        a = np.asarray(g.A[i])
        jac = np.block([[0.5 * np.eye(d), a], [-a.T, 0.5 * np.eye(d)]])
        norms.append(np.linalg.norm(jac, 2))
        sig = np.linalg.norm(a, 2)
        np.testing.assert_allclose(
            np.linalg.norm(np.eye(2 * d) - 0.2 * jac, 2), fsg.gda_expansion(0.5, sig, 0.2), rtol=1e-12
        )
    np.testing.assert_allclose(fsg.lipschitz(g), max(norms), rtol=1e-12)
    assert float(fsg.gda_expansion(0.0, 1.0, 0.01)) > 1.0  # bilinear: expansive for every lr


def test_replace_changes_only_sample_i():
    g = _game()
    h = fsg.replace(g, jax.random.key(9, impl="rbg"), 2)
    for old, new in ((g.A, h.A), (g.b, h.b), (g.c, h.c)):
        same = np.ones(7, bool)
        same[2] = False
        np.testing.assert_array_equal(np.asarray(old)[same], np.asarray(new)[same])
        assert not np.allclose(np.asarray(old)[2], np.asarray(new)[2])


def test_vmap_over_keys():
    b = fsg.base(KEY, 3)
    games = jax.vmap(lambda k: fsg.make(k, 5, b))(jax.random.split(KEY, 4))
    assert games.A.shape == (4, 5, 3, 3) and games.mu.shape == (4,)


def test_constructor_errors_name_the_parameter():
    b = fsg.base(KEY, 3)
    with pytest.raises(ValueError, match="^n "):
        fsg.make(KEY, 0, b)
    with pytest.raises(ValueError, match="^mu "):
        fsg.make(KEY, 4, b, mu=-1.0)
    with pytest.raises(ValueError, match="^spread "):
        fsg.make(KEY, 4, b, spread=-0.1)
    with pytest.raises(ValueError, match="^base_a "):
        fsg.make(KEY, 4, jnp.ones((2, 3)))
    with pytest.raises(ValueError, match="^d "):
        fsg.base(KEY, 0)
