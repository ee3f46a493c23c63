"""Low-rank matrix sensing with Gaussian measurements, and matrix least squares for Muon.

Sensing: M* = U* V*^T (n1 x n2, rank r; symmetric: M* = U* U*^T PSD, n1 = n2),
    y_i = <A_i, M*>,  A_i with i.i.d. N(0, 1) entries (symmetrized for symmetric problems),
    f(U, V) = 1/(2m) sum_i (<A_i, U V^T> - y_i)^2    (asymmetric),
    f(U)    = 1/(2m) sum_i (<A_i, U U^T> - y_i)^2    (symmetric),
with E f = 1/2 ||U V^T - M*||_F^2 (asymmetric) for Gaussian A. The factorized model has
rank k >= r (over-parameterized when k > r). `init` gives small (scale * Gaussian) or
balanced (U^T U = V^T V) starting points. Global minimum value 0 at U V^T = M*.
Singular values of M* are log-uniform in [1/cond, 1] (times `scale`).
References: Recht, Fazel, Parrilo 2010; Li, Ma, Zhang 2018 (small init, over-param.);
Stoger & Soltanolkotabi 2021.

Matrix least squares: F(W) = 1/(2n) ||X W - Y||_F^2 with Y = X W*, W (d_in, d_out): the
quadratic testbed for Muon/orthogonalized updates (spectral-norm geometry); L, mu are the
extreme eigenvalues of X^T X / n.
Static: sizes, rank, m, symmetric.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks
from problems._linalg import random_orthogonal


class MatrixSensing(NamedTuple):
    """Gaussian matrix-sensing instance with planted low-rank ground truth."""

    A: jax.Array  # (m, n1, n2) sensing matrices
    y: jax.Array  # (m,) measurements <A_i, M_star>
    M_star: jax.Array  # (n1, n2) ground truth
    U_star: jax.Array  # (n1, r) factor (M* = U* V*^T; symmetric: V* = U*)
    V_star: jax.Array  # (n2, r)
    sigmas: jax.Array  # (r,) singular values of M*, descending


def make(
    key: jax.Array, n1: int, n2: int, rank: int, m: int, symmetric: bool = False, cond=1.0, scale=1.0
) -> MatrixSensing:
    """Planted rank-`rank` M* and m Gaussian measurements (n1 = n2 needed when symmetric)."""
    n1 = _checks.positive_int("n1", n1)
    n2 = _checks.positive_int("n2", n2)
    rank = _checks.positive_int("rank", rank)
    m = _checks.positive_int("m", m)
    if rank > min(n1, n2):
        raise ValueError(f"rank must be <= min(n1, n2) = {min(n1, n2)}, got {rank}")
    if symmetric and n1 != n2:
        raise ValueError(f"n2 must equal n1 for symmetric sensing, got n1={n1}, n2={n2}")
    _checks.require("cond", cond, lambda c: c >= 1, ">= 1")
    k_u, k_v, k_a = jax.random.split(key, 3)
    t = jnp.linspace(0.0, 1.0, rank) if rank > 1 else jnp.zeros(1)
    sig = scale * jnp.exp(-jnp.log(cond) * t)
    u = random_orthogonal(k_u, n1)[:, :rank]
    v = u if symmetric else random_orthogonal(k_v, n2)[:, :rank]
    u_star, v_star = u * jnp.sqrt(sig), v * jnp.sqrt(sig)
    m_star = u_star @ v_star.T
    a = jax.random.normal(k_a, (m, n1, n2))
    if symmetric:
        a = 0.5 * (a + jnp.swapaxes(a, 1, 2))
    y = jnp.einsum("mij,ij->m", a, m_star)
    return MatrixSensing(A=a, y=y, M_star=m_star, U_star=u_star, V_star=v_star, sigmas=sig)


def measure(p: MatrixSensing, X: jax.Array) -> jax.Array:
    """The measurement operator: (<A_i, X>)_i."""
    return jnp.einsum("mij,ij->m", p.A, X)


def loss(p: MatrixSensing, U: jax.Array, V: jax.Array) -> jax.Array:
    """Asymmetric loss 1/(2m) ||A(U V^T) - y||^2."""
    return 0.5 * jnp.mean((measure(p, U @ V.T) - p.y) ** 2)


def loss_sym(p: MatrixSensing, U: jax.Array) -> jax.Array:
    """Symmetric loss 1/(2m) ||A(U U^T) - y||^2."""
    return 0.5 * jnp.mean((measure(p, U @ U.T) - p.y) ** 2)


def grads(p: MatrixSensing, U, V):
    """(grad_U, grad_V) = (S V, S^T U), S = (1/m) sum_i r_i A_i, r = A(U V^T) - y."""
    r = measure(p, U @ V.T) - p.y
    s = jnp.einsum("m,mij->ij", r, p.A) / r.shape[0]
    return s @ V, s.T @ U


def grad_sym(p: MatrixSensing, U):
    """grad_U loss_sym = (S + S^T) U, S as in `grads` with V = U."""
    r = measure(p, U @ U.T) - p.y
    s = jnp.einsum("m,mij->ij", r, p.A) / r.shape[0]
    return (s + s.T) @ U


def recovery_error(p: MatrixSensing, U, V=None) -> jax.Array:
    """||U V^T - M*||_F / ||M*||_F (V = U when omitted)."""
    V = U if V is None else V
    return jnp.linalg.norm(U @ V.T - p.M_star) / jnp.linalg.norm(p.M_star)


def init(key: jax.Array, p: MatrixSensing, k: int, scale=1e-3, balanced: bool = False):
    """Factor init of rank k >= r: U0, V0 = scale * N(0, 1) entries (independent), or balanced.

    balanced=True: G = P S Q^T (SVD of a scale * Gaussian n1 x n2 matrix); U0 = P_k S_k^{1/2},
    V0 = Q_k S_k^{1/2}, so U0^T U0 = V0^T V0. Returns (U0, V0).
    """
    k = _checks.positive_int("k", k)
    n1, n2 = p.M_star.shape
    r = p.sigmas.shape[0]
    if k < r or k > min(n1, n2):
        raise ValueError(f"k must be in [rank={r}, {min(n1, n2)}], got {k}")
    k_u, k_v = jax.random.split(key)
    if not balanced:
        return scale * jax.random.normal(k_u, (n1, k)), scale * jax.random.normal(k_v, (n2, k))
    g = scale * jax.random.normal(k_u, (n1, n2))
    pp, s, qt = jnp.linalg.svd(g, full_matrices=False)
    rs = jnp.sqrt(s[:k])
    return pp[:, :k] * rs, qt[:k].T * rs


class MatrixLeastSquares(NamedTuple):
    """F(W) = 1/(2n) ||X W - Y||_F^2 with planted W_star (Y = X W_star + noise)."""

    X: jax.Array  # (n, d_in)
    Y: jax.Array  # (n, d_out)
    W_star: jax.Array  # (d_in, d_out) minimizer (exact solve)
    f_star: jax.Array
    L: jax.Array  # largest eigenvalue of X^T X / n
    mu: jax.Array  # smallest eigenvalue of X^T X / n


def matrix_least_squares(key: jax.Array, n: int, d_in: int, d_out: int, noise=0.0) -> MatrixLeastSquares:
    """Gaussian X (n x d_in), W_true Gaussian / sqrt(d_in), Y = X W_true + noise * N(0, 1)."""
    n = _checks.positive_int("n", n)
    d_in = _checks.positive_int("d_in", d_in)
    d_out = _checks.positive_int("d_out", d_out)
    _checks.require("noise", noise, lambda v: v >= 0, ">= 0")
    k_x, k_w, k_e = jax.random.split(key, 3)
    x = jax.random.normal(k_x, (n, d_in))
    w = jax.random.normal(k_w, (d_in, d_out)) / jnp.sqrt(d_in)
    y = x @ w + noise * jax.random.normal(k_e, (n, d_out))
    h = x.T @ x / n
    w_star = jnp.linalg.solve(h, x.T @ y / n)
    eigs = jnp.linalg.eigvalsh(h)
    f_star = 0.5 * jnp.sum((x @ w_star - y) ** 2) / n
    return MatrixLeastSquares(X=x, Y=y, W_star=w_star, f_star=f_star, L=eigs[-1], mu=eigs[0])


def mls_value(p: MatrixLeastSquares, W):
    """F(W) = 1/(2n) ||X W - Y||_F^2."""
    return 0.5 * jnp.sum((p.X @ W - p.Y) ** 2) / p.X.shape[0]


def mls_grad(p: MatrixLeastSquares, W):
    """grad F(W) = X^T (X W - Y) / n."""
    return p.X.T @ (p.X @ W - p.Y) / p.X.shape[0]
