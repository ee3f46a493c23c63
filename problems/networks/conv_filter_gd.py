"""One ReLU convolutional filter with average pooling, Gaussian inputs: exact population loss and gradient.

Model (the architecture of Du, Lee, Tian 2018, "When is a Convolutional Filter Easy To Learn?",
arXiv 1709.06129): an input x in R^D gives k patches Z_i (length p, stride s: D = (k - 1) s + p),
and the network is f(w, x) = (1/k) sum_i relu(<w, Z_i>). Teacher-student: labels f(w*, x), loss
    L(w) = 1/2 E_x (f(w, x) - f(w*, x))^2,      x ~ N(0, I_D).
Writing <w, Z_i> = <a_i(w), x> with a_i(w) the filter placed at patch i's offset, every term is the
arc-cosine kernel of two Gaussian projections:
    kappa(a, b) = E relu(<a, x>) relu(<b, x>) = |a||b| (sin t + (pi - t) cos t) / (2 pi),  t = angle(a, b),
    grad_a kappa(a, b) = ((pi - t) b + |b| sin t a/|a|) / (2 pi),
so L and its gradient are exact (`population_loss`, `population_grad`; the gradient is written
out because autodiff through arccos is singular at t = 0, i.e. at w = w*).

Non-overlapping patches (s = p): at w* the Hessian is
    H* = I / (2k) + (k - 1) / (2 pi k) u u^T,    u = w*/|w*|,
(E[1{<u, z> > 0} z z^T] = I/2, E[1{<u, z> > 0} z] = u / sqrt(2 pi), patches independent), so
lambda_min = 1/(2k) and lambda_max = 1/(2k) + (k - 1)/(2 pi k) (`hessian_extremes_nonoverlap`).
Static arguments: `k`, `p`, `stride`.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from problems import _checks


def placements(k, p, stride):
    """(k, p, D) 0/1 tensor P with a_i(w) = P[i].T @ w: patch i covers x[i*stride : i*stride + p]."""
    _checks.positive_int("k", k)
    _checks.positive_int("p", p)
    _checks.positive_int("stride", stride)
    dim = (k - 1) * stride + p
    place = np.zeros((k, p, dim))
    for i in range(k):
        place[i, np.arange(p), i * stride + np.arange(p)] = 1.0
    return jnp.asarray(place)


def _cos_and_sin(a, b):
    na, nb = jnp.linalg.norm(a, axis=-1), jnp.linalg.norm(b, axis=-1)
    c = jnp.clip(jnp.sum(a * b, axis=-1) / (na * nb), -1.0, 1.0)
    return c, jnp.sqrt(1.0 - c**2), na, nb


def kernel(a, b):
    """E relu(<a, x>) relu(<b, x>) for x ~ N(0, I) (broadcast over leading axes)."""
    c, s, na, nb = _cos_and_sin(a, b)
    t = jnp.arccos(c)
    return na * nb * (s + (jnp.pi - t) * c) / (2 * jnp.pi)


def kernel_grad(a, b):
    """Gradient of `kernel(a, b)` with respect to a (broadcast over leading axes)."""
    c, s, na, nb = _cos_and_sin(a, b)
    t = jnp.arccos(c)
    return ((jnp.pi - t)[..., None] * b + (nb * s / na)[..., None] * a) / (2 * jnp.pi)


def _embed(place, w):
    return jnp.einsum("ipd,p->id", place, w)


def population_loss(place, w, w_star):
    """L(w) = 1/2 E (f(w, x) - f(w*, x))^2 exactly."""
    a, b = _embed(place, w), _embed(place, w_star)
    k = place.shape[0]

    def gram(u, v):
        return jnp.sum(kernel(u[:, None, :], v[None, :, :]))

    return 0.5 * (gram(a, a) - 2 * gram(a, b) + gram(b, b)) / k**2


def population_grad(place, w, w_star):
    """Exact gradient of `population_loss` with respect to w."""
    a, b = _embed(place, w), _embed(place, w_star)
    k = place.shape[0]
    g_a = jnp.sum(kernel_grad(a[:, None, :], a[None, :, :]), axis=1)
    g_a = g_a - jnp.sum(kernel_grad(a[:, None, :], b[None, :, :]), axis=1)
    return jnp.einsum("ipd,id->p", place, g_a) / k**2


def hessian_extremes_nonoverlap(k):
    """(lambda_min, lambda_max) of the population Hessian at w* for k non-overlapping patches."""
    return 1.0 / (2 * k), 1.0 / (2 * k) + (k - 1) / (2 * np.pi * k)
