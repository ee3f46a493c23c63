import jax.numpy as jnp
import numpy as np
import pytest

from problems.convex import quadratics
from problems.worst_case import hard_instances


def test_chain_quadratic_ground_truth():
    p = hard_instances.chain_quadratic(50, L=2.0)
    np.testing.assert_allclose(quadratics.grad(p, p.x_star), 0.0, atol=1e-12)
    np.testing.assert_allclose(jnp.sort(jnp.linalg.eigvalsh(p.A)), p.eigs, atol=1e-12)
    assert float(p.eigs.max()) < 2.0
    # f* from the closed form equals the value at x* of the explicit objective
    x = p.x_star
    explicit = 2.0 / 8 * (x[0] ** 2 + jnp.sum((x[:-1] - x[1:]) ** 2) + x[-1] ** 2) - 2.0 / 4 * x[0]
    assert float(explicit) == pytest.approx(float(p.f_star))
    assert float(quadratics.value(p, x)) == pytest.approx(float(p.f_star))


def test_rotation_is_nonexpansive_with_fixed_point_zero():
    T = hard_instances.rotation(0.3)
    z = jnp.array([1.0, -2.0])
    assert float(jnp.linalg.norm(T(z))) == pytest.approx(float(jnp.linalg.norm(z)))
    np.testing.assert_allclose(T(jnp.zeros(2)), 0.0)


def test_bad_dim_is_named():
    with pytest.raises(ValueError, match="^dim"):
        hard_instances.chain_quadratic(0)
