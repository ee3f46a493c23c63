"""Instance classes for game, preference and operator claims (worst-case searches).

Like problems/worst_case/instance_classes.py, each class maps unconstrained parameters (a dict of arrays)
to an instance that satisfies the class's constraints by construction, so any point a search
reaches is a legal instance; `contains` re-checks the constraints on concrete arrays.

  PreferenceGameClass   two-player constant-sum preference games on n actions: P_ij ∈ [0, 1],
                        P + Pᵀ = 1 (P_ii = ½), every such matrix (a sigmoid per pair i < j);
                        a reference policy μ (uniform, or any interior point of the simplex)
                        and a start π₀ (μ itself, or any interior point).
  BilinearStepClass     bilinear games Σ s_i x_i y_i with singular values s_i ∈ [μ, L]
                        (diagonal: PDHG is equivariant under orthogonal changes of x and y,
                        so the singular basis loses nothing), together with constant primal
                        and dual steps τ, σ whose product τσ‖A‖² lies in [p_lo, p_hi] and
                        whose ratio τ/σ lies in [r_lo, r_hi] (log scale).
  PowerPairClass        multi-user multi-carrier Gaussian interference games (Q users, N
                        carriers, budget P, noise 1) whose direct gains lie in [g_lo, g_hi]
                        and whose cross gains are rescaled so that ρ(S^max) = ρ_t with ρ_t in
                        [ρ_lo, ρ_hi]; together with two feasible power profiles p, p′ (each
                        user's row on its budget simplex), the points a contraction compares.

Every class has `init(key)`, `instance(raw)` (jit/vmap/grad-safe), `contains(instance)` and
`describe()`, as the search engine (theorytest/_search.py) expects.
"""

from __future__ import annotations

import dataclasses
import math
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks
from problems.games import power_control as pc
from problems.worst_case.instance_classes import CONTAINS_RTOL, INIT_SCALE, _in_range, _interval


def _log_interval(raw, lo, hi):
    """A value in [lo, hi] spread evenly in log scale (lo > 0)."""
    return jnp.exp(_interval(raw, math.log(lo), math.log(hi)))


def _on_simplex(p, total=1.0) -> bool:
    p = np.asarray(p)
    return bool(np.all(p >= 0) and np.all(np.abs(p.sum(axis=-1) - total) <= CONTAINS_RTOL * max(total, 1.0)))


# --- preference games -----------------------------------------------------------------------------


class PreferenceInstance(NamedTuple):
    """A constant-sum preference game P (P + Pᵀ = 1), a reference policy μ and a start π₀."""

    P: jax.Array  # (n, n)
    mu: jax.Array  # (n,)
    pi0: jax.Array  # (n,)


def _preference_matrix(upper, n):
    """P with P_ij = sigmoid(upper_ij) above the diagonal, 1 − P_ji below it and ½ on it."""
    rows, cols = np.triu_indices(n, k=1)
    half = jnp.zeros((n, n)).at[rows, cols].set(jax.nn.sigmoid(upper) - 0.5)
    return 0.5 + half - half.T


@dataclasses.dataclass(frozen=True)
class PreferenceGameClass:
    """Constant-sum preference games on n actions: every P with entries in [0, 1] and
    P + Pᵀ = 1. free_reference: μ anywhere in the open simplex (else uniform); free_start: π₀
    anywhere in the open simplex (else π₀ = μ)."""

    n: int
    free_reference: bool = False
    free_start: bool = True
    name: str = "preference-game"

    def __post_init__(self):
        _checks.positive_int("n", self.n)
        _checks.require("n", self.n, lambda v: v >= 2, ">= 2")

    def init(self, key):
        k_p, k_mu, k_pi = jax.random.split(key, 3)
        pairs = self.n * (self.n - 1) // 2
        return {
            "preferences": INIT_SCALE * jax.random.normal(k_p, (pairs,)),
            "reference": jax.random.normal(k_mu, (self.n,)),
            "start": INIT_SCALE * jax.random.normal(k_pi, (self.n,)),
        }

    def instance(self, raw) -> PreferenceInstance:
        P = _preference_matrix(raw["preferences"], self.n)
        uniform = jnp.full((self.n,), 1.0 / self.n)
        mu = jax.nn.softmax(raw["reference"]) if self.free_reference else uniform + 0.0 * raw["reference"]
        pi0 = jax.nn.softmax(raw["start"]) if self.free_start else mu + 0.0 * raw["start"]
        return PreferenceInstance(P=P, mu=mu, pi0=pi0)

    def contains(self, g: PreferenceInstance) -> bool:
        P = np.asarray(g.P)
        constant_sum = bool(np.all(np.abs(P + P.T - 1.0) <= CONTAINS_RTOL))
        positive = bool(np.all(np.asarray(g.mu) > 0) and np.all(np.asarray(g.pi0) > 0))
        uniform_ok = self.free_reference or bool(np.allclose(g.mu, 1.0 / self.n, rtol=0, atol=CONTAINS_RTOL))
        start_ok = self.free_start or bool(np.allclose(g.pi0, g.mu, rtol=0, atol=CONTAINS_RTOL))
        return (
            _in_range(P, 0.0, 1.0)
            and constant_sum
            and _on_simplex(g.mu)
            and _on_simplex(g.pi0)
            and positive
            and uniform_ok
            and start_ok
        )

    def describe(self) -> dict:
        reference = "μ in the open simplex" if self.free_reference else "μ uniform"
        start = "π₀ in the open simplex" if self.free_start else "π₀ = μ"
        return {
            "name": self.name,
            "n": self.n,
            "free_reference": self.free_reference,
            "free_start": self.free_start,
            "constraints": f"P ∈ [0, 1]^{{{self.n}×{self.n}}}, P + Pᵀ = 1, {reference}, {start}",
        }


# --- bilinear games with PDHG steps ---------------------------------------------------------------


class BilinearSteps(NamedTuple):
    """min_x max_y Σ s_i x_i y_i (saddle point 0) with constant steps τ (primal), σ (dual)."""

    singular_values: jax.Array  # (d,)
    tau: jax.Array  # ()
    sigma: jax.Array  # ()


@dataclasses.dataclass(frozen=True)
class BilinearStepClass:
    """Singular values in [μ, L]; steps with τσ‖A‖² ∈ [product_lo, product_hi] and
    τ/σ ∈ [ratio_lo, ratio_hi] (‖A‖ the instance's largest singular value)."""

    dim: int
    mu: float
    L: float
    product_lo: float
    product_hi: float
    ratio_lo: float = 0.1
    ratio_hi: float = 10.0
    name: str = "bilinear-steps"

    def __post_init__(self):
        _checks.positive_int("dim", self.dim)
        _checks.require("mu", self.mu, lambda v: v > 0, "> 0")
        _checks.require("L", self.L, lambda v: v > self.mu, "> mu")
        _checks.require("product_lo", self.product_lo, lambda v: v > 0, "> 0")
        _checks.require("product_hi", self.product_hi, lambda v: v > self.product_lo, "> product_lo")
        _checks.require("ratio_lo", self.ratio_lo, lambda v: v > 0, "> 0")
        _checks.require("ratio_hi", self.ratio_hi, lambda v: v > self.ratio_lo, "> ratio_lo")

    def init(self, key):
        k_s, k_p, k_r = jax.random.split(key, 3)
        return {
            "singular_values": INIT_SCALE * jax.random.normal(k_s, (self.dim,)),
            "product": INIT_SCALE * jax.random.normal(k_p, ()),
            "ratio": INIT_SCALE * jax.random.normal(k_r, ()),
        }

    def instance(self, raw) -> BilinearSteps:
        s = _interval(raw["singular_values"], self.mu, self.L)
        product = _log_interval(raw["product"], self.product_lo, self.product_hi)
        ratio = _log_interval(raw["ratio"], self.ratio_lo, self.ratio_hi)
        norm = jnp.max(s)
        return BilinearSteps(
            singular_values=s, tau=jnp.sqrt(product * ratio) / norm, sigma=jnp.sqrt(product / ratio) / norm
        )

    def contains(self, b: BilinearSteps) -> bool:
        s = np.asarray(b.singular_values)
        tau, sigma = float(b.tau), float(b.sigma)
        product = tau * sigma * float(s.max()) ** 2
        ratio = tau / sigma
        return (
            _in_range(s, self.mu, self.L)
            and _in_range(product, self.product_lo, self.product_hi)
            and _in_range(ratio, self.ratio_lo, self.ratio_hi)
        )

    def describe(self) -> dict:
        return {
            "name": self.name,
            "dim": self.dim,
            "mu": self.mu,
            "L": self.L,
            "product": [self.product_lo, self.product_hi],
            "ratio": [self.ratio_lo, self.ratio_hi],
            "constraints": f"singular values in [{self.mu:g}, {self.L:g}], τσ‖A‖² ∈ [{self.product_lo:g}, "
            f"{self.product_hi:g}], τ/σ ∈ [{self.ratio_lo:g}, {self.ratio_hi:g}]",
        }


# --- interference games with two power profiles ---------------------------------------------------


class PowerPair(NamedTuple):
    """A Gaussian interference game and two feasible power profiles (rows on the budget simplex)."""

    game: pc.PowerGame
    p: jax.Array  # (Q, N)
    p_other: jax.Array  # (Q, N)


def perron(S: jax.Array) -> tuple[jax.Array, jax.Array]:
    """ρ(S) and the positive right eigenvector w (S w = ρ w, w_0 = 1) of an irreducible nonnegative
    S: w solves the nonsingular M-matrix system (ρI − S)[1:, 1:] w[1:] = S[1:, 0] (differentiable,
    unlike the eigenvectors of a nonsymmetric eigendecomposition)."""
    rho = pc.spectral_radius(S)
    Q = S.shape[0]
    rest = jnp.linalg.solve(rho * jnp.eye(Q - 1) - S[1:, 1:], S[1:, 0])
    return rho, jnp.concatenate([jnp.ones(1), rest])


@dataclasses.dataclass(frozen=True)
class PowerPairClass:
    """Interference games with Q users and N carriers: direct gains in [gain_lo, gain_hi], cross
    gains (relative sizes in [cross_floor, 1]) rescaled by one factor so that ρ(S^max) = ρ_t ∈
    [rho_lo, rho_hi]; budget P per user, noise 1; and two feasible power profiles."""

    users: int
    carriers: int
    rho_lo: float
    rho_hi: float
    gain_lo: float = 0.5
    gain_hi: float = 3.0
    cross_floor: float = 0.01
    budget: float = 16.0
    name: str = "interference-game-pair"

    def __post_init__(self):
        _checks.positive_int("users", self.users)
        _checks.require("users", self.users, lambda v: v >= 2, ">= 2")
        _checks.positive_int("carriers", self.carriers)
        _checks.require("rho_lo", self.rho_lo, lambda v: v > 0, "> 0")
        _checks.require("rho_hi", self.rho_hi, lambda v: v > self.rho_lo, "> rho_lo")
        _checks.require("gain_lo", self.gain_lo, lambda v: v > 0, "> 0")
        _checks.require("gain_hi", self.gain_hi, lambda v: v > self.gain_lo, "> gain_lo")
        _checks.require("cross_floor", self.cross_floor, lambda v: 0 < v < 1, "in (0, 1)")
        _checks.require("budget", self.budget, lambda v: v > 0, "> 0")

    def init(self, key):
        ks = jax.random.split(key, 5)
        Q, N = self.users, self.carriers
        return {
            "direct": INIT_SCALE * jax.random.normal(ks[0], (Q, N)),
            "cross": INIT_SCALE * jax.random.normal(ks[1], (Q, Q, N)),
            "rho": INIT_SCALE * jax.random.normal(ks[2], ()),
            "p": INIT_SCALE * jax.random.normal(ks[3], (Q, N)),
            "p_other": INIT_SCALE * jax.random.normal(ks[4], (Q, N)),
        }

    def instance(self, raw) -> PowerPair:
        Q = self.users
        eye = jnp.eye(Q, dtype=bool)[:, :, None]
        direct = _interval(raw["direct"], self.gain_lo, self.gain_hi)
        cross = jnp.where(eye, 0.0, _interval(raw["cross"], self.cross_floor, 1.0))
        with_direct = lambda C: jnp.where(eye, direct[:, None, :], C)  # noqa: E731
        rho_t = _interval(raw["rho"], self.rho_lo, self.rho_hi)
        cross = cross * (rho_t / pc.spectral_radius(pc.s_max(with_direct(cross))))
        game = pc.PowerGame(
            G=with_direct(cross), budget=jnp.full((Q,), float(self.budget)), noise=jnp.asarray(1.0)
        )
        rows = lambda r: self.budget * jax.nn.softmax(r, axis=-1)  # noqa: E731
        return PowerPair(game=game, p=rows(raw["p"]), p_other=rows(raw["p_other"]))

    def contains(self, pair: PowerPair) -> bool:
        G = np.asarray(pair.game.G)
        Q = self.users
        direct = G[np.arange(Q), np.arange(Q)]
        off = G[~np.eye(Q, dtype=bool)]
        S = np.where(np.eye(Q, dtype=bool), 0.0, (G / direct[:, None, :]).max(axis=-1))
        rho = float(np.max(np.abs(np.linalg.eigvals(S))))
        return (
            _in_range(direct, self.gain_lo, self.gain_hi)
            and bool(np.all(off > 0))
            and _in_range(rho, self.rho_lo, self.rho_hi)
            and _on_simplex(pair.p, self.budget)
            and _on_simplex(pair.p_other, self.budget)
        )

    def describe(self) -> dict:
        return {
            "name": self.name,
            "users": self.users,
            "carriers": self.carriers,
            "rho": [self.rho_lo, self.rho_hi],
            "gains": [self.gain_lo, self.gain_hi],
            "budget": self.budget,
            "constraints": f"direct gains in [{self.gain_lo:g}, {self.gain_hi:g}], cross gains > 0 with "
            f"ρ(S^max) ∈ [{self.rho_lo:g}, {self.rho_hi:g}], noise 1, two power profiles with each "
            f"user's powers ≥ 0 summing to {self.budget:g}",
        }


# --- finite sums of cocoercive affine operators ---------------------------------------------------


class CocoerciveSum(NamedTuple):
    """F = (1/n)Σ F_i, F_i(z) = M_i(z − z*) − s_i with M_i symmetric PSD and Σ s_i = 0, so F(z*) = 0
    while each F_i(z*) = −s_i ≠ 0 (not interpolating); each F_i is the gradient of a convex
    quadratic, hence ‖M_i‖-cocoercive. Started at z0 = 0."""

    M: jax.Array  # (n, d, d)
    shift: jax.Array  # (n, d), summing to 0
    z_star: jax.Array  # (d,)


def cocoercive_component(c: CocoerciveSum, i, z):
    return c.M[i] @ (z - c.z_star) - c.shift[i]


def cocoercive_mean(c: CocoerciveSum, z):
    return jnp.mean(c.M, axis=0) @ (z - c.z_star)


def cocoercive_constant(c: CocoerciveSum):
    """L = max_i ‖M_i‖ (each F_i is L-cocoercive)."""
    return jnp.max(jax.vmap(lambda m: jnp.linalg.eigvalsh(m)[-1])(c.M))


def _radial_squash(raw, radius):
    """raw scaled into the ball of `radius` (tanh of its norm): ‖out‖ < radius."""
    norm = jnp.sqrt(jnp.sum(raw**2, axis=-1, keepdims=True) + 1e-300)
    return radius * jnp.tanh(norm) * raw / norm


@dataclasses.dataclass(frozen=True)
class CocoerciveSumClass:
    """n affine components on ℝ^d: M_i = Q_i diag(λ_i) Q_iᵀ with λ_i ∈ [0, L] and Q_i a rotation
    (the Cayley transform of a skew matrix: every rotation without eigenvalue −1, a dense set;
    with λ_i in any order that loses no symmetric M_i), shifts s_i = u_i − ū with ‖u_i‖ < offset·L·R (so
    ‖s_i‖ < 2·offset·L·R), and ‖z0 − z*‖ = R (z0 = 0)."""

    n: int
    dim: int
    L: float = 1.0
    offset: float = 0.3
    radius: float = 1.0
    name: str = "cocoercive-sum"

    def __post_init__(self):
        _checks.positive_int("n", self.n)
        _checks.positive_int("dim", self.dim)
        _checks.require("L", self.L, lambda v: v > 0, "> 0")
        _checks.require("offset", self.offset, lambda v: v >= 0, ">= 0")
        _checks.require("radius", self.radius, lambda v: v > 0, "> 0")

    def init(self, key):
        ks = jax.random.split(key, 4)
        n, d = self.n, self.dim
        return {
            "eigs": INIT_SCALE * jax.random.normal(ks[0], (n, d)),
            "rotation": jax.random.normal(ks[1], (n, d, d)),
            "shift": jax.random.normal(ks[2], (n, d)),
            "direction": jax.random.normal(ks[3], (d,)),
        }

    def instance(self, raw) -> CocoerciveSum:
        eigs = _interval(raw["eigs"], 0.0, self.L)
        skew = raw["rotation"] - jnp.swapaxes(raw["rotation"], 1, 2)
        eye = jnp.eye(self.dim)
        Q = jax.vmap(lambda K: jnp.linalg.solve(eye - K, eye + K))(skew)  # Cayley: orthogonal, det 1
        M = jnp.einsum("nij,nj,nkj->nik", Q, eigs, Q)
        u = _radial_squash(raw["shift"], self.offset * self.L * self.radius)
        direction = raw["direction"]
        z_star = self.radius * direction / jnp.sqrt(jnp.sum(direction**2) + 1e-300)
        return CocoerciveSum(M=M, shift=u - jnp.mean(u, axis=0), z_star=z_star)

    def contains(self, c: CocoerciveSum) -> bool:
        M = np.asarray(c.M)
        symmetric = bool(np.allclose(M, np.swapaxes(M, 1, 2), atol=CONTAINS_RTOL))
        eigs = np.linalg.eigvalsh(0.5 * (M + np.swapaxes(M, 1, 2)))
        shift = np.asarray(c.shift)
        norm = float(np.linalg.norm(np.asarray(c.z_star)))
        slack = CONTAINS_RTOL * max(self.L, 1.0)
        return (
            symmetric
            and _in_range(eigs, 0.0, self.L)
            and bool(np.all(np.abs(shift.sum(axis=0)) <= slack * self.n))
            and bool(np.all(np.linalg.norm(shift, axis=1) <= 2 * self.offset * self.L * self.radius + slack))
            and abs(norm - self.radius) <= CONTAINS_RTOL * self.radius
        )

    def describe(self) -> dict:
        return {
            "name": self.name,
            "n": self.n,
            "dim": self.dim,
            "L": self.L,
            "offset": self.offset,
            "radius": self.radius,
            "constraints": f"F_i(z) = M_i(z − z*) − s_i, M_i symmetric with eigenvalues in [0, {self.L:g}], "
            f"Σ s_i = 0, ‖s_i‖ ≤ {2 * self.offset * self.L * self.radius:g}, ‖z0 − z*‖ = {self.radius:g}",
        }
