"""Tests for problems.preference.rlhf_btl_mle_misspec."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.convex import logistic
from problems.preference import rlhf_btl_mle_misspec as mis

KEY = jax.random.PRNGKey(5)
THETA = jnp.array([1.0, -1.0, 0.5, 0.0])


def test_labels_follow_the_step_link():
    n = 40_000
    p = mis.make_pairwise_step_link(KEY, n, THETA, margin=0.4)
    resid = p.y - 0.8 * jnp.sign(p.X @ THETA)  # E[y | x] = 2 * margin * sign(<theta*, x>)
    assert abs(float(jnp.mean(resid))) < 5 / np.sqrt(n)


def test_mle_converges_to_a_multiple_of_theta_star_that_is_not_theta_star():
    theta_star = 2.0 * THETA / jnp.linalg.norm(THETA)  # norm 2, as in the claim
    p = mis.make_pairwise_step_link(KEY, 40_000, theta_star, margin=0.4, lam=1e-6)
    theta = logistic.empirical_minimizer(p, iters=15)
    cos = float(theta @ theta_star / (jnp.linalg.norm(theta) * 2.0))
    assert cos > 0.99  # the direction is right (rotational symmetry of x)
    assert float(jnp.linalg.norm(theta - theta_star)) > 0.2  # but the scale is not: misspecified
