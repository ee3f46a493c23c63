"""Tests for problems.convex.nonsmooth."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.convex import nonsmooth


@pytest.mark.parametrize("lam", [0.0, 1.0])
def test_ground_truth(lam):
    p = nonsmooth.make(5, lam)
    np.testing.assert_allclose(nonsmooth.value(p, p.x_star), p.f_star)
    np.testing.assert_allclose(nonsmooth.subgrad(p, p.x_star), 0.0)
    x = jnp.array([1.5, -2.0, 0.3, -0.1, 4.0])
    np.testing.assert_allclose(nonsmooth.subgrad(p, x), jax.grad(nonsmooth.value, 1)(p, x))
    # Subgradient inequality at random points, and f >= f* = f(0).
    xs = jax.random.normal(jax.random.PRNGKey(0), (50, 5)) * 3
    for a in xs[:10]:
        g = nonsmooth.subgrad(p, a)
        vals = jax.vmap(lambda b: nonsmooth.value(p, b))(xs)
        assert np.all(vals >= nonsmooth.value(p, a) + xs @ g - a @ g - 1e-12)
        assert np.all(vals >= 0)


def test_validation():
    with pytest.raises(ValueError, match="^dim"):
        nonsmooth.make(0)
    with pytest.raises(ValueError, match="^lam"):
        nonsmooth.make(3, lam=-1.0)
