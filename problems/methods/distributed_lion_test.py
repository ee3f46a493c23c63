"""Tests for problems.methods.distributed_lion."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from problems.methods import distributed_lion as dl

KEY = jax.random.PRNGKey(0)


def test_single_worker_is_optax_lion():
    # one worker, either aggregate: exactly optax.lion with decoupled weight decay
    d, lr, wd = 5, 0.03, 0.2
    x = x_ref = jax.random.normal(KEY, (d,))
    s = dl.init(1, d)
    opt = optax.lion(lr, b1=0.9, b2=0.99, weight_decay=wd)
    so = opt.init(x_ref)
    for t in range(6):
        g = jax.random.normal(jax.random.fold_in(KEY, t), (d,)) + x
        deltas, s = dl.worker_signs(s, g[None, :])
        x = dl.server_step(x, dl.majority_vote(deltas), lr, wd)
        u, so = opt.update(g, so, x_ref)
        x_ref = optax.apply_updates(x_ref, u)
    np.testing.assert_allclose(x, x_ref, atol=1e-12)


def test_aggregates():
    deltas = jnp.array([[1.0, -1.0, 1.0], [1.0, 1.0, -1.0], [-1.0, -1.0, 1.0], [1.0, 1.0, -1.0]])
    np.testing.assert_array_equal(dl.majority_vote(deltas), jnp.array([1.0, 0.0, 0.0]))
    np.testing.assert_allclose(dl.average(deltas), jnp.array([0.5, 0.0, 0.0]))


def test_first_signs_are_gradient_signs_and_momentum_updates():
    G = jax.random.normal(KEY, (3, 4))
    s = dl.init(3, 4, b1=0.9, b2=0.99)
    deltas, s1 = dl.worker_signs(s, G, b1=0.9, b2=0.99)
    np.testing.assert_array_equal(deltas, jnp.sign(G))
    np.testing.assert_allclose(s1.mu, 0.01 * G, atol=1e-12)


def test_box_distance_contracts_by_one_minus_lr_wd():
    lr, wd = 0.05, 0.5
    x = jnp.array([6.0, -3.0, 1.0])
    assert float(dl.box_distance(x, wd)) == pytest.approx(4.0)
    assert float(dl.box_distance(jnp.array([0.5, -2.0]), wd)) == 0.0
    for Delta in (jnp.full(3, -1.0), jnp.zeros(3), jnp.array([1.0, 0.3, -1.0])):
        x1 = dl.server_step(x, Delta, lr, wd)
        assert float(dl.box_distance(x1, wd)) <= (1 - lr * wd) * 4.0 + 1e-12
    # the bound is attained when the update pushes outward on the worst coordinate
    x1 = dl.server_step(x, jnp.array([-1.0, 1.0, 0.0]), lr, wd)
    assert float(dl.box_distance(x1, wd)) == pytest.approx((1 - lr * wd) * 4.0)


def test_init_validates():
    with pytest.raises(ValueError, match="^num_workers"):
        dl.init(0, 3)
    with pytest.raises(ValueError, match="^dim"):
        dl.init(2, 0)
