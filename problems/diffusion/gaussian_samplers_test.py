"""Tests for problems.diffusion.gaussian_samplers: exact laws, closed-form distances, solver orders."""

import jax.numpy as jnp
import numpy as np
from scipy import integrate, stats

from problems.diffusion import gaussian_samplers


def test_exact_flow_recovers_target():
    # Exponential Euler with many steps converges to the target from the exact marginal at T_end.
    target = gaussian_samplers.make_target(jnp.array([1.0, -0.5]), jnp.array([0.5, 2.0]))
    start = gaussian_samplers.ou_marginal(target, 10.0)
    law = gaussian_samplers.pf_ode_law(target, 4000, 10.0, "exp_euler", start=start)
    np.testing.assert_allclose(law.mean, target.mean, atol=2e-3)
    np.testing.assert_allclose(law.var, target.var, rtol=2e-3)


def test_push_law_matches_monte_carlo():
    law = gaussian_samplers.GaussianLaw(jnp.array([0.3]), jnp.array([2.0]))
    out = gaussian_samplers.push_law(law, lambda x, xi: 0.5 * x + 1.0 + 0.7 * xi)
    np.testing.assert_allclose(out.mean, 0.5 * 0.3 + 1.0)
    np.testing.assert_allclose(out.var, 0.25 * 2.0 + 0.49)


def test_tv_and_kl_and_w2_closed_forms():
    for m1, v1, m2, v2 in [(0.0, 1.0, 0.5, 1.0), (0.0, 1.0, 0.3, 1.7), (1.0, 0.2, 1.0, 0.21), (0, 1, 0, 1)]:
        p, q = stats.norm(m1, np.sqrt(v1)), stats.norm(m2, np.sqrt(v2))
        tv = 0.5 * integrate.quad(lambda x: abs(p.pdf(x) - q.pdf(x)), -30, 30, limit=400, points=[m1, m2])[0]
        np.testing.assert_allclose(
            gaussian_samplers.tv_gaussian_1d(m1, v1, m2, v2), tv, atol=1e-7
        )  # quad of |.|
    p = gaussian_samplers.GaussianLaw(jnp.array([0.0, 1.0]), jnp.array([1.0, 4.0]))
    q = gaussian_samplers.GaussianLaw(jnp.array([1.0, 1.0]), jnp.array([1.0, 1.0]))
    np.testing.assert_allclose(gaussian_samplers.w2_gaussian(p, q), np.sqrt(1.0 + 1.0))
    np.testing.assert_allclose(gaussian_samplers.kl_gaussian(p, q), 0.5 * (1.0 + 3.0 - np.log(4.0)))


def test_tv_small_variance_gap_is_accurate():
    # TV between N(0, 1) and N(0, 1 + e) is ~ e / (sqrt(2 pi e') ...) -> linear in e for small e.
    e = 1e-6
    tv = gaussian_samplers.tv_gaussian_1d(0.0, 1.0, 0.0, 1.0 + e)
    ref = e * stats.norm.pdf(1.0)  # the densities cross near |x| = 1; dTV/dv at v = 1 is pdf(1)
    np.testing.assert_allclose(tv, ref, rtol=1e-3)


def test_plms_orders():
    target = gaussian_samplers.make_target(0.0, 0.25)

    def err(n, order, beta):
        sig = 10.0 * (1 - jnp.arange(n + 1) / n) ** 2
        x = gaussian_samplers.plms_hb_solve(
            lambda x, s: gaussian_samplers.ve_eps(target, x, s), jnp.array(1.0), sig, order, beta
        )
        return abs(float(x - gaussian_samplers.ve_exact_endpoint(target, 1.0, 10.0)))

    for order, beta, p in [(1, 1.0, 1), (2, 1.0, 2), (2, 0.8, 1)]:
        slope = np.log(err(320, order, beta) / err(640, order, beta)) / np.log(2)
        assert abs(slope - p) < 0.2, (order, beta, slope)
