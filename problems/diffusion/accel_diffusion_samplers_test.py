"""Tests for problems.diffusion.accel_diffusion_samplers."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.diffusion import accel_diffusion_samplers as ads
from problems.diffusion import gaussian_samplers

TARGET = gaussian_samplers.make_target(0.7, 0.3)


def test_schedule_matches_its_definition():
    T, c0, c1 = 100, 2.0, 8.0
    alpha, alpha_bar = ads.li_schedule(T, T, c0, c1)
    beta = 1.0 - np.asarray(alpha)
    rate = c1 * np.log(T) / T
    np.testing.assert_allclose(beta[1], T**-c0, rtol=1e-12)
    for t in (1, 5, 50, 100):
        np.testing.assert_allclose(beta[t + 1], rate * min(T**-c0 * (1 + rate) ** t, 1.0), rtol=1e-12)
    np.testing.assert_allclose(alpha_bar[1:], np.cumprod(np.asarray(alpha)[1:]), rtol=1e-12)


def _tv(method, T):
    out, ref = ads.output_law(TARGET, T, T, method, 2.0, 8.0)
    return float(gaussian_samplers.tv_gaussian_1d(out.mean, out.var, ref.mean, ref.var))


def test_no_correction_is_the_ddim_type_sampler():
    np.testing.assert_allclose(_tv("accelerated-no-correction", 400), _tv("ddim", 400), rtol=1e-12)


def test_orders_one_and_two_with_the_schedule_logs():
    """TV ∝ log²T/T (DDIM-type) and log³T/T² (accelerated) on this testbed, from T = 6400 to 25600."""
    lo, hi = 6400, 25600
    logs = np.log(hi) / np.log(lo)
    ddim = np.log(_tv("ddim", hi) / _tv("ddim", lo) / logs**2) / np.log(hi / lo)
    acc = np.log(_tv("accelerated", hi) / _tv("accelerated", lo) / logs**3) / np.log(hi / lo)
    assert abs(ddim + 1.0) < 0.1 and abs(acc + 2.0) < 0.1


def test_traced_step_count_agrees_with_a_static_one():
    f = jax.jit(lambda T: ads.output_law(TARGET, T, 800, "accelerated", 2.0, 8.0)[0].var)
    np.testing.assert_allclose(
        f(jnp.asarray(400)), ads.output_law(TARGET, 400, 400, "accelerated", 2.0, 8.0)[0].var, rtol=1e-10
    )
