"""Tests for problems.preference.self_consistency: closed forms against Monte Carlo."""

import jax
import jax.numpy as jnp
import numpy as np

from problems.preference import self_consistency as sc

KEY = jax.random.PRNGKey(4)


def _monte_carlo(inst, n, reps=40_000, tau=None):
    p = np.asarray(inst.p)
    rng = np.random.default_rng(0)
    draws = rng.multinomial(n, p, size=reps) > 0  # (reps, P): path sampled at least once
    ans = np.asarray(inst.answer) == 0
    counts = rng.multinomial(n, p, size=reps)
    sc_est = (counts * ans).sum(1) / n
    keep = np.ones_like(p, bool) if tau is None else p >= tau
    z = p[keep].sum()
    pc_est = (draws * (p * ans * keep)).sum(1) / z
    limit = (p * ans * keep).sum() / z
    return np.mean((sc_est - p[ans].sum()) ** 2), np.mean((pc_est - limit) ** 2)


def test_instance():
    inst = sc.make(KEY, 30, 3, 5.0)
    np.testing.assert_allclose(jnp.sum(inst.p), 1.0)
    assert int(inst.answer[jnp.argmax(inst.p)]) == 0
    tailed = sc.make(KEY, 30, 3, 5.0, tail_paths=100, tail_mass=0.2)
    np.testing.assert_allclose(jnp.sum(tailed.p), 1.0)
    np.testing.assert_allclose(jnp.sum(jnp.where(tailed.tail, tailed.p, 0)), 0.2)
    np.testing.assert_allclose(sc.head_rate(tailed), 1 - 0.8 * (1 - sc.head_rate(inst)))


def test_closed_forms_match_monte_carlo():
    inst = sc.make(KEY, 12, 3, 2.0)
    for n in (3, 10):
        mc_sc, mc_pc = _monte_carlo(inst, n)
        np.testing.assert_allclose(sc.sc_mse(inst, n), mc_sc, rtol=0.05)
        np.testing.assert_allclose(sc.pc_mse(inst, n)[0], mc_pc, rtol=0.05)


def test_pruned_closed_form_matches_monte_carlo():
    inst = sc.make(KEY, 12, 3, 2.0, tail_paths=20, tail_mass=0.2)
    _, mc = _monte_carlo(inst, 10, tau=0.02)
    np.testing.assert_allclose(sc.pc_mse(inst, 10, tau=0.02)[0], mc, rtol=0.05)
