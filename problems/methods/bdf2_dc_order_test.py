"""Tests for problems.methods.bdf2_dc_order."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.methods import bdf2_dc_order as b

P = b.ProtheroRobinson(lam=-10.0, y0=1.0, T=1.0)


def test_random_grid_levels_and_ratios():
    grid = b.random_grid(jax.random.PRNGKey(0), 50, 2.0, max_ratio=10.0)
    steps = np.diff(np.asarray(grid))
    assert grid[0] == 0 and abs(float(grid[-1]) - 2.0) < 1e-12
    assert np.all(steps > 0) and np.max(steps[1:] / steps[:-1]) <= 10.0


def test_bdf2_is_exact_on_its_consistency_polynomials():
    # With λ = 0 the equation is y' = cos t; BDF2 integrates quadratics exactly, so on a
    # quadratic-in-t surrogate (tiny T) the error is third order: halve the grid, error /8.
    p = b.ProtheroRobinson(lam=0.0, y0=0.0, T=1e-2)
    grid = b.graded_grid(8, p.T, 2.0)
    fine = b.graded_grid(16, p.T, 2.0)
    e1, e2 = float(b.max_error(p, grid)), float(b.max_error(p, fine))
    assert e2 < e1 / 3


def test_orders_on_graded_grid():
    errs = {
        k: [float(b.max_error(P, b.graded_grid(n, 1.0), **k_)) for n in (256, 512)]
        for k, k_ in {"bdf2": {}, "bdf1": {"order": 1}}.items()
    }
    assert np.log2(errs["bdf2"][0] / errs["bdf2"][1]) == pytest.approx(2.0, abs=0.05)
    assert np.log2(errs["bdf1"][0] / errs["bdf1"][1]) == pytest.approx(1.0, abs=0.05)


def test_exact_solution_solves_the_equation():
    t = jnp.linspace(0.0, 1.0, 7)
    dy = jax.vmap(jax.grad(lambda s: b.exact(P, s)))(t)
    np.testing.assert_allclose(dy, P.lam * (b.exact(P, t) - jnp.sin(t)) + jnp.cos(t), atol=1e-12)
