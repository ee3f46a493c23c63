"""Tests for problems.diffusion.masked_diffusion: closed-form KL vs brute-force enumeration."""

import itertools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.diffusion import masked_diffusion as md


def _joint(q, L):
    xs = np.array(list(itertools.product((0, 1), repeat=L)))
    flips = np.sum(xs[:, 1:] != xs[:, :-1], axis=1)
    return xs, 0.5 * q**flips * (1 - q) ** (L - 1 - flips)


@pytest.mark.parametrize("q", [0.05, 0.3])
@pytest.mark.parametrize("T", [1, 2, 4])
def test_closed_form_matches_enumeration(q, T):
    L = 8
    for seed in range(4):
        steps = md.random_partition(jax.random.PRNGKey(seed), L, T)
        np.testing.assert_allclose(md.kl_closed_form(q, steps), md.kl_enumerate(q, steps), atol=1e-12)


def test_one_token_per_step_is_exact():
    # T = L: every token is drawn from its exact conditional, chain rule -> KL = 0 for any order.
    for seed in range(3):
        steps = md.random_partition(jax.random.PRNGKey(seed), 12, 12)
        np.testing.assert_allclose(md.kl_closed_form(0.1, steps), 0.0, atol=1e-12)
        np.testing.assert_allclose(md.kl_enumerate(0.1, steps), 0.0, atol=1e-12)


def test_independent_tokens_give_zero_kl():
    # q = 1/2: independent tokens, parallel sampling is exact for every T.
    for T in (1, 2, 3, 6):
        steps = md.random_partition(jax.random.PRNGKey(T), 12, T)
        np.testing.assert_allclose(md.kl_closed_form(0.5, steps), 0.0, atol=1e-12)
    np.testing.assert_allclose(md.sum_mutual_information(0.5, 12), 0.0, atol=1e-15)


def test_one_step_gives_total_correlation():
    # T = 1: q_M is the product of marginals, KL = sum_i H(X_i) - H(X) = (L-1) I(X_1; X_2).
    q, L = 0.15, 10
    steps = md.random_partition(jax.random.PRNGKey(0), L, 1)
    expected = L * np.log(2) - md.entropy(q, L)
    np.testing.assert_allclose(md.kl_closed_form(q, steps), expected, rtol=1e-12)


def test_entropy_and_mutual_information_by_enumeration():
    q, L = 0.2, 7
    xs, p = _joint(q, L)
    np.testing.assert_allclose(md.entropy(q, L), -np.sum(p * np.log(p)), rtol=1e-12)
    total = 0.0
    for i in range(L):
        rest = [j for j in range(L) if j != i]
        # I(X_i; X_-i) = H(X_i) + H(X_-i) - H(X) with H(X_i) = log 2.
        marg = {}
        for x, pv in zip(xs[:, rest], p):
            marg[tuple(x)] = marg.get(tuple(x), 0.0) + pv
        h_rest = -sum(v * np.log(v) for v in marg.values())
        total += np.log(2) + h_rest + np.sum(p * np.log(p))
    np.testing.assert_allclose(md.sum_mutual_information(q, L), total, rtol=1e-10)


def test_partition_is_balanced_and_jittable():
    steps = jax.jit(md.random_partition, static_argnums=(1, 2))(jax.random.PRNGKey(1), 12, 3)
    np.testing.assert_array_equal(np.bincount(np.asarray(steps)), [4, 4, 4])
    kls = jax.vmap(lambda k: md.kl_closed_form(0.1, md.random_partition(k, 64, 8)))(
        jax.random.split(jax.random.PRNGKey(0), 4)
    )
    assert kls.shape == (4,) and bool(jnp.all(kls > 0))


def test_bound_holds_on_small_chain():
    # Li & Cai's Theorem 1 (zero training error): E_M KL <= (2^ceil(log2 s) - 1)/L sum_i I.
    q, L, T = 0.1, 12, 3
    kls = [md.kl_enumerate(q, md.random_partition(jax.random.PRNGKey(s), L, T)) for s in range(20)]
    assert np.mean(kls) <= float(md.li_cai_bound(q, L, T))


def test_validation():
    with pytest.raises(ValueError, match="^q"):
        md.entropy(0.7, 5)
    with pytest.raises(ValueError, match="^T"):
        md.random_partition(jax.random.PRNGKey(0), 10, 3)
    with pytest.raises(ValueError, match="^L"):
        md.sum_mutual_information(0.1, 1)


def test_num_steps_argument_gives_same_kl():
    steps = md.random_partition(jax.random.PRNGKey(3), 48, 6)
    np.testing.assert_allclose(
        md.kl_closed_form(0.1, steps, num_steps=6), md.kl_closed_form(0.1, steps), rtol=1e-13
    )
