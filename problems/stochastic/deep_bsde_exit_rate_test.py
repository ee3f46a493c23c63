"""Tests for problems.stochastic.deep_bsde_exit_rate."""

import jax
import numpy as np
import pytest

from problems.stochastic import deep_bsde_exit_rate as d


def test_exact_value_limits():
    # T → 0: no time to exit, Y_0 → x0²; T → ∞: the harmonic (linear) profile x0.
    assert abs(d.exact_value(0.3, 1e-6) - 0.09) < 1e-3
    assert abs(d.exact_value(0.3, 50.0) - 0.3) < 1e-12


def test_reference_matches_exact_value():
    coarse, ref = d.stopped_values(jax.random.PRNGKey(0), (10, 40), 160, 20_000)
    assert coarse.shape == (2, 20_000)
    assert abs(float(np.mean(d.payoff(ref))) - d.exact_value(0.3, 1.0)) < 0.015
    assert float(np.min(ref)) >= 0.0 and float(np.max(ref)) <= 1.0


def test_finer_monitoring_is_closer_to_reference():
    coarse, ref = d.stopped_values(jax.random.PRNGKey(1), (10, 160), 160, 20_000)
    err = np.mean((np.asarray(coarse) - np.asarray(ref)[None]) ** 2, axis=1)
    assert err[1] < err[0]


def test_steps_must_divide_fine_grid():
    with pytest.raises(ValueError, match="coarse_steps"):
        d.stopped_values(jax.random.PRNGKey(0), (30,), 160, 10)
