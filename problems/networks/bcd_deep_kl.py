"""Proximal block coordinate descent (BCD) on the three-splitting objective of a 2-layer ReLU net.

Testbed for "Global Convergence of Block Coordinate Descent in Deep Learning" (Zeng, Lau, Lin,
Yao, arXiv:1803.00225). The network ŷ = W₂ relu(W₁X) is split with auxiliary pre-activations U
and activations V:

    Φ(W₁, W₂, U, V) = ½‖W₂V − Y‖² + γ/2‖V − relu(U)‖² + γ/2‖U − W₁X‖² + λ/2(‖W₁‖² + ‖W₂‖²).

One BCD sweep updates W₂, V, U, W₁ in turn, each by the exact minimizer of Φ plus a proximal
term α/2‖block − block_k‖² (closed forms; U elementwise over the two branches of relu).
`relaxation` ω replaces each new block by block_k + ω(block* − block_k) (ω = 1 is BCD);
`update_w1=False` leaves the first-layer weights out of the sweep. `stationarity` is
dist(0, ∂Φ)², with the Clarke subdifferential of relu at 0.
"""

from typing import NamedTuple

import jax
import jax.numpy as jnp


class Problem(NamedTuple):
    x: jax.Array  # (d, n) inputs
    y: jax.Array  # (1, n) targets
    gamma: float
    lam: float


class Blocks(NamedTuple):
    w1: jax.Array  # (h, d)
    w2: jax.Array  # (1, h)
    u: jax.Array  # (h, n)
    v: jax.Array  # (h, n)


def make(key, dim=5, samples=100, hidden=16, gamma=1.0, lam=1e-3):
    """Teacher-student data (a 2-layer ReLU teacher of width 4, no noise) and a Gaussian init."""
    kx, kt1, kt2, k1, k2 = jax.random.split(key, 5)
    x = jax.random.normal(kx, (dim, samples))
    teacher = jax.random.normal(kt2, (1, 4)) @ jax.nn.relu(jax.random.normal(kt1, (4, dim)) @ x)
    problem = Problem(x, teacher, gamma, lam)
    w1 = jax.random.normal(k1, (hidden, dim)) / jnp.sqrt(dim)
    w2 = jax.random.normal(k2, (1, hidden)) / jnp.sqrt(hidden)
    u = w1 @ x
    return problem, Blocks(w1, w2, u, jax.nn.relu(u))


def objective(p, q):
    """Φ(W₁, W₂, U, V)."""
    fit = 0.5 * jnp.sum((q.w2 @ q.v - p.y) ** 2)
    split = 0.5 * p.gamma * (jnp.sum((q.v - jax.nn.relu(q.u)) ** 2) + jnp.sum((q.u - q.w1 @ p.x) ** 2))
    return fit + split + 0.5 * p.lam * (jnp.sum(q.w1**2) + jnp.sum(q.w2**2))


def _u_minimizer(p, v, a, u_old, alpha):
    """Elementwise argmin_u γ/2(v − relu(u))² + γ/2(u − a)² + α/2(u − u_old)², both branches."""
    g = p.gamma
    pos = jnp.maximum((g * v + g * a + alpha * u_old) / (2 * g + alpha), 0.0)
    neg = jnp.minimum((g * a + alpha * u_old) / (g + alpha), 0.0)

    def cost(u):
        return 0.5 * g * (v - jax.nn.relu(u)) ** 2 + 0.5 * g * (u - a) ** 2 + 0.5 * alpha * (u - u_old) ** 2

    return jnp.where(cost(pos) <= cost(neg), pos, neg)


def bcd_sweep(p, q, alpha, relaxation=1.0, update_w1=True):
    """One proximal BCD sweep W₂ → V → U → W₁ (each relaxed by ω; W₁ kept fixed if not update_w1)."""

    def relax(new, old):
        return old + relaxation * (new - old)

    h = q.w1.shape[0]
    d = p.x.shape[0]
    w2_star = jnp.linalg.solve(q.v @ q.v.T + (p.lam + alpha) * jnp.eye(h), (p.y @ q.v.T + alpha * q.w2).T).T
    w2 = relax(w2_star, q.w2)
    v_rhs = w2.T @ p.y + p.gamma * jax.nn.relu(q.u) + alpha * q.v
    v = relax(jnp.linalg.solve(w2.T @ w2 + (p.gamma + alpha) * jnp.eye(h), v_rhs), q.v)
    u = relax(_u_minimizer(p, v, q.w1 @ p.x, q.u, alpha), q.u)
    w1_rhs = (p.gamma * u @ p.x.T + alpha * q.w1).T
    w1_star = jnp.linalg.solve(p.gamma * p.x @ p.x.T + (p.lam + alpha) * jnp.eye(d), w1_rhs).T
    w1 = relax(w1_star, q.w1) if update_w1 else q.w1
    return Blocks(w1, w2, u, v)


def stationarity(p, q):
    """dist(0, ∂Φ(Q))²: smooth blocks by gradients, U with relu's Clarke subdifferential [0, 1] at 0."""
    grads = jax.grad(objective, argnums=1)(p, q)
    a = q.w1 @ p.x
    smooth_u = p.gamma * (q.u - a)
    # ∂_u of γ/2(v − relu(u))² is −γ(v − relu(u))·s with s = 1 (u > 0), 0 (u < 0), [0, 1] (u = 0).
    kink = -p.gamma * q.v
    at0 = jnp.where(
        (smooth_u * (smooth_u + kink)) <= 0.0, 0.0, jnp.minimum(jnp.abs(smooth_u), jnp.abs(smooth_u + kink))
    )
    away = smooth_u + jnp.where(q.u > 0, -p.gamma * (q.v - q.u), 0.0)
    g_u = jnp.where(q.u == 0.0, at0, away)
    return jnp.sum(grads.w1**2) + jnp.sum(grads.w2**2) + jnp.sum(grads.v**2) + jnp.sum(g_u**2)
