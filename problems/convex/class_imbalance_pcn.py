"""Two imbalanced Gaussian classes, logistic regression with a bias: GD vs per-class normalized GD.

Model (the setting of Francazi, Baity-Jesi, Lucchi 2023, "A Theoretical Analysis of the Learning
Dynamics under Class Imbalance", arXiv 2207.00391, in its simplest form): class c in {+1, -1} has
n_c points x ~ N(c mu, I_d); the model is (w, b) with per-point loss log(1 + exp(-c (<w, x> + b))).
The per-class losses are L_c = mean over class c, the training loss is the mean over all points,
so its gradient is (n_+ grad L_+ + n_- grad L_-) / (n_+ + n_-), dominated by the majority class.
- GD: theta <- theta - lr grad L.
- PCNGD (per-class normalized GD): theta <- theta - lr sum_c grad L_c / ||grad L_c||.
Along the PCNGD direction each class loss has slope -||grad L_c|| (1 + cos(grad L_+, grad L_-)) <= 0,
so for small enough steps both class losses decrease monotonically; along the GD direction the
minority slope is -<grad L_-, grad L> and can be positive (the minority loss rises at first:
the bias moves toward the majority class). Static arguments: `sizes`, `d`, `method`.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks

METHODS = ("gd", "pcngd")


class TwoClasses(NamedTuple):
    """Points of the majority (label +1) and minority (label -1) classes."""

    x_major: jax.Array  # (n_+, d)
    x_minor: jax.Array  # (n_-, d)


def make(key, sizes, d, separation):
    """Class +1 with sizes[0] points around +mu, class -1 with sizes[1] around -mu, ||mu|| = separation."""
    n_major, n_minor = (_checks.positive_int("sizes", int(n)) for n in sizes)
    _checks.positive_int("d", d)
    k_mu, k_p, k_m = jax.random.split(key, 3)
    mu = jax.random.normal(k_mu, (d,))
    mu = separation * mu / jnp.linalg.norm(mu)
    return TwoClasses(mu + jax.random.normal(k_p, (n_major, d)), -mu + jax.random.normal(k_m, (n_minor, d)))


def class_loss(theta, x, label):
    """Mean logistic loss of the points x, all with the given label, at theta = (w, b)."""
    w, b = theta[:-1], theta[-1]
    return jnp.mean(jax.nn.softplus(-label * (x @ w + b)))


def class_losses(theta, data: TwoClasses):
    """(majority loss, minority loss)."""
    return class_loss(theta, data.x_major, 1.0), class_loss(theta, data.x_minor, -1.0)


def direction(theta, data: TwoClasses, method):
    """The descent direction: the full-data gradient (GD) or the sum of unit per-class gradients (PCNGD)."""
    _checks.one_of("method", method, METHODS)
    g_major = jax.grad(class_loss)(theta, data.x_major, 1.0)
    g_minor = jax.grad(class_loss)(theta, data.x_minor, -1.0)
    if method == "gd":
        n_major, n_minor = data.x_major.shape[0], data.x_minor.shape[0]
        return (n_major * g_major + n_minor * g_minor) / (n_major + n_minor)
    return g_major / jnp.linalg.norm(g_major) + g_minor / jnp.linalg.norm(g_minor)
