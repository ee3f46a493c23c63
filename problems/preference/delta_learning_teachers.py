"""Delta learning in logistic regression: a student tuned on pairs from two weak teachers.

Model (the logistic-regression setting of Geng et al. 2025, "The Delta Learning Hypothesis",
arXiv 2507.06187, in the form of its catalogue card): inputs x ~ N(0, I_d), true labels
sign(<w*, x>), ||w*|| = 1. A linear classifier theta has accuracy 1 - angle(theta, w*)/pi
exactly (`accuracy`). A classifier of accuracy a is placed at angle (1 - a) pi from w* along a
random unit direction orthogonal to w* (`at_accuracy`): the student theta_0 and two teachers,
a chosen (better) one w_c and a rejected (worse) one w_r. The teachers err along one shared
direction (`shared_teacher_error`, the default: two models of one family, whose difference
cancels their common error) or along independent directions; the student's error direction is
independent of theirs, so in high dimension it is nearly orthogonal to them.

On n inputs the chosen / rejected answers are y_c = sign(<w_c, x>), y_r = sign(<w_r, x>).
The student's model of an answer is log p_theta(y | x) = log sigma(y <theta, x>).
- Preference tuning (DPO with reference theta_0 and temperature beta), with
  r_theta(y) = log p_theta(y | x) - log p_0(y | x):
    L_pref(theta) = mean_i -log sigma(beta [r_theta(y_c) - r_theta(y_r)]),
  zero gradient on pairs with y_c = y_r.
- Supervised fine-tuning (SFT) on the chosen answers: L_sft(theta) = mean_i -log p_theta(y_c | x).
Both are run by full-batch gradient descent from theta_0 (`tune`).
Static arguments: `d`, `n`, `steps`, `method`.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks

METHODS = ("preference", "sft")


class DeltaSetup(NamedTuple):
    """Ground truth, student, teachers and the inputs the pairs are built on."""

    w_star: jax.Array  # (d,) unit ground-truth direction
    student: jax.Array  # (d,) initial student theta_0
    chosen: jax.Array  # (d,) better teacher w_c
    rejected: jax.Array  # (d,) worse teacher w_r
    x: jax.Array  # (n, d) inputs


def accuracy(theta, w_star):
    """Exact accuracy of sign(<theta, x>) against sign(<w*, x>) for x ~ N(0, I): 1 - angle/pi."""
    cos = theta @ w_star / (jnp.linalg.norm(theta) * jnp.linalg.norm(w_star))
    return 1.0 - jnp.arccos(jnp.clip(cos, -1.0, 1.0)) / jnp.pi


def at_accuracy(key, w_star, acc):
    """A unit vector at angle (1 - acc) pi from w* along a random direction orthogonal to w*."""
    u = jax.random.normal(key, w_star.shape)
    u = u - (u @ w_star) * w_star
    u = u / jnp.linalg.norm(u)
    angle = (1.0 - acc) * jnp.pi
    return jnp.cos(angle) * w_star + jnp.sin(angle) * u


def make(key, d, n, student_acc, chosen_acc, rejected_acc, shared_teacher_error=True):
    """A random w*, a student and two teachers at the given accuracies, and n Gaussian inputs.

    `shared_teacher_error`: both teachers err along one common direction (a weaker and a stronger
    model of one family: their delta cancels the common error); otherwise each has its own.
    """
    _checks.positive_int("d", d)
    _checks.positive_int("n", n)
    if d < 2:
        raise ValueError(f"d must be at least 2, got {d}")
    k_w, k_s, k_c, k_r, k_x = jax.random.split(key, 5)
    k_r = k_c if shared_teacher_error else k_r
    w_star = jax.random.normal(k_w, (d,))
    w_star = w_star / jnp.linalg.norm(w_star)
    return DeltaSetup(
        w_star,
        at_accuracy(k_s, w_star, student_acc),
        at_accuracy(k_c, w_star, chosen_acc),
        at_accuracy(k_r, w_star, rejected_acc),
        jax.random.normal(k_x, (n, d)),
    )


def preference_loss(theta, setup: DeltaSetup, beta):
    """DPO loss of theta on the (chosen, rejected) answer pairs, reference = the initial student."""
    y_c = jnp.sign(setup.x @ setup.chosen)
    y_r = jnp.sign(setup.x @ setup.rejected)
    z, z0 = setup.x @ theta, setup.x @ setup.student

    def log_ratio(y):
        return jax.nn.log_sigmoid(y * z) - jax.nn.log_sigmoid(y * z0)

    return -jnp.mean(jax.nn.log_sigmoid(beta * (log_ratio(y_c) - log_ratio(y_r))))


def sft_loss(theta, setup: DeltaSetup):
    """Cross-entropy of theta on the chosen teacher's answers."""
    y_c = jnp.sign(setup.x @ setup.chosen)
    return -jnp.mean(jax.nn.log_sigmoid(y_c * (setup.x @ theta)))


def loss_grad(setup: DeltaSetup, method, beta=1.0):
    """Gradient (theta -> grad) of the preference (DPO) or SFT loss on this setup's pairs."""
    _checks.one_of("method", method, METHODS)
    if method == "preference":
        return jax.grad(lambda th: preference_loss(th, setup, beta))
    return jax.grad(lambda th: sft_loss(th, setup))


def tune(setup: DeltaSetup, method, lr, steps, beta=1.0):
    """Full-batch gradient descent from the student on the preference or SFT loss; returns theta."""
    grad = loss_grad(setup, method, beta)
    return jax.lax.fori_loop(0, steps, lambda _, th: th - lr * grad(th), setup.student)
