"""Tests for problems.convex.quadratics."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.convex import quadratics

KEY = jax.random.key(0, impl="rbg")


@pytest.mark.parametrize("kind", quadratics.SPECTRA)
@pytest.mark.parametrize("rotate", [True, False])
def test_ground_truth(kind, rotate):
    p = quadratics.make(KEY, 8, kappa=50.0, spectrum=kind, L=2.0, rotate=rotate)
    np.testing.assert_allclose(quadratics.grad(p, p.x_star), 0.0, atol=1e-12)
    np.testing.assert_allclose(quadratics.value(p, p.x_star), p.f_star, atol=1e-12)
    eigs = np.linalg.eigvalsh(np.asarray(p.A))
    np.testing.assert_allclose(eigs, p.eigs, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose([p.L, p.mu], [eigs.max(), eigs.min()], rtol=1e-10)
    np.testing.assert_allclose(p.L / p.mu, 50.0, rtol=1e-10)
    x = jnp.arange(8.0)
    np.testing.assert_allclose(quadratics.grad(p, x), jax.grad(quadratics.value, 1)(p, x), rtol=1e-10)


def test_explicit_eigs_and_gd_rate():
    p = quadratics.from_eigs(KEY, [3.0, 1.0, 2.0], rotate=False)
    np.testing.assert_allclose(p.eigs, [1.0, 2.0, 3.0])
    np.testing.assert_allclose(p.A, np.diag([1.0, 2.0, 3.0]))
    np.testing.assert_allclose(quadratics.gd_rate(p), (3 - 1) / (3 + 1))


def test_one_gd_step_by_hand():
    p = quadratics.from_eigs(KEY, [1.0, 4.0], rotate=False, x_star=jnp.array([1.0, -1.0]))
    x = jnp.array([0.0, 0.0])
    x1 = x - 0.1 * quadratics.grad(p, x)
    np.testing.assert_allclose(x1, [0.1, -0.4])


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(dim=4, kappa=0.5), "kappa"),
        (dict(dim=0), "dim"),
        (dict(dim=4, spectrum="cubic"), "kind"),
        (dict(dim=4, L=-1.0), "L"),
    ],
)
def test_validation(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        quadratics.make(KEY, **kwargs)


def test_negative_eigs_rejected():
    with pytest.raises(ValueError, match="^eigs"):
        quadratics.from_eigs(KEY, [-1.0, 1.0])


def test_jit_vmap_over_keys_and_kappa():
    keys = jax.random.split(KEY, 5)
    kappas = jnp.array([1.0, 2.0, 10.0, 100.0, 1e4])
    make = jax.jit(jax.vmap(lambda k, c: quadratics.make(k, 6, kappa=c)))
    ps = make(keys, kappas)
    assert ps.A.shape == (5, 6, 6)
    np.testing.assert_allclose(ps.L / ps.mu, kappas, rtol=1e-8)
    g = jax.vmap(quadratics.grad)(ps, ps.x_star)
    np.testing.assert_allclose(g, 0.0, atol=1e-9)
