"""Instance classes: the instances a theorem's assumptions allow, as differentiable maps.

A worst-case bound is a statement about every instance of a class (DESIGN.md, "Worst-case
search"). Each class here maps unconstrained parameters (a dict of arrays, the thing a
search moves) to an instance that satisfies the class's constraints *by construction*
(sigmoids, normalisations, cumulative sums), so any point a gradient ascent or a random
search reaches is a legal instance and a violation found there is a counterexample.

  QuadraticClass        f(x) = ½ Σ λ_i x_i², λ_i ∈ [μ, L] (x* = 0, f* = 0), ‖x0‖ = R.
                        Diagonal loses nothing for methods that commute with rotations
                        (gradient methods, momentum): they act on each eigendirection alone.
  CurvatureClass        one-dimensional f with f'' piecewise constant in [μ, L] on a grid
                        of `pieces` equal cells over [−span, span] (constant beyond it),
                        f'(x) = ∫_0^x f'', f(x) = ∫_0^x f', so x* = 0, f* = 0; x0 = R
                        (x0 = −R is the mirror image). Every L-smooth μ-strongly convex
                        (μ = 0: convex) 1-D function with a piecewise-constant f'' on that
                        grid is in it: Huber functions (Drori & Teboulle's worst case for
                        gradient descent) and Lessard–Recht–Packard's heavy-ball
                        counterexample are, up to scale.
  ScaledRotationClass   linear nonexpansive maps T = blockdiag(r_i R(θ_i)), r ∈ [0, 1],
                        θ ∈ [0, π] (fixed point 0), ‖z0‖ = R.
  BilinearClass         f(x, y) = Σ σ_i x_i y_i, singular values σ_i ∈ [μ, L] (z* = 0),
                        ‖z0‖ = R; the game operator is F(x, y) = (σ y, −σ x).
  NoisyQuadraticClass   a QuadraticClass instance plus additive gradient noise with a
                        diagonal covariance of trace σ² (the variance bound of the
                        assumption), its split over eigendirections searched; the noise
                        law itself is Gaussian (a fixed standard draw scaled by the
                        searched standard deviations, so common random numbers apply).
  BoxClass              named scalar parameters each in its interval [lo, hi] (a domain
                        that is a box); the instance is a dict {name: value}.
  CoupledPlaneGameClass two-player quadratic games on ℝ² × ℝ²: symmetric own blocks with
                        eigenvalues in [μ, L_own], cross blocks of norm ≤ L₁₂, L₂₁, and a
                        position in [0, 1] (a point of a weight band).
  SingularValueClass    singular values in [lo, hi], log-uniform by default (a Frobenius-
                        normalized matrix has σ ∈ (0, 1]); for methods that act on each
                        singular value by a scalar map (Newton–Schulz).
  DesignClass           least-squares designs X ∈ ℝ^{n×d}, n < d (interpolation), ‖X‖_F = 1.
  QuadraticClientsClass n convex quadratic clients ½(x − c_i)ᵀA_i(x − c_i), A_i = Q_i diag(λ_i)
                        Q_iᵀ with λ_i ∈ [μ, L_i] and any orthogonal Q_i, ‖(c_i)‖_F = 1.
  PeriodicLinearLossClass  online linear losses g_t·x on [−1, 1], g of period P with
                        |g_t| ≤ G, any start x1 ∈ [−1, 1].
  SpectrumShapeClass    a diagonal quadratic per condition number κ: eigenvalues κ^(−u_i),
                        u_i ∈ [0, 1], unit initial error (rates in κ).

Every class has `init(key)` (a random start), `instance(raw)` (the constrained instance, a
pytree of arrays, jit/vmap/grad-safe), `contains(instance)` (the constraints, checked on
concrete arrays) and `describe()` (a JSON-able record of the class).
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks

INIT_SCALE = 2.0  # std of the unconstrained starts: sigmoid(N(0, 2²)) spreads over (0, 1), ends included
CONTAINS_RTOL = 1e-9  # slack of `contains` on constraints that sigmoids meet only in the limit


def _interval(raw, lo, hi):
    """lo + (hi − lo) sigmoid(raw): a value in [lo, hi] for every raw."""
    return lo + (hi - lo) * jax.nn.sigmoid(raw)


def _on_sphere(raw, radius):
    """radius · raw / ‖raw‖ (a direction from a Gaussian vector is uniform on the sphere)."""
    return radius * raw / jnp.sqrt(jnp.sum(raw**2) + 1e-300)


def _check_range(mu, L):
    _checks.require("mu", mu, lambda v: v >= 0, ">= 0")
    _checks.require("L", L, lambda v: v > mu, "> mu")


def _in_range(values, lo, hi) -> bool:
    values = np.asarray(values)
    slack = CONTAINS_RTOL * max(abs(hi), 1.0)
    return bool(np.all(values >= lo - slack) and np.all(values <= hi + slack))


class DiagonalQuadratic(NamedTuple):
    """f(x) = ½ Σ eigs_i x_i², minimizer 0, value 0; started at x0."""

    eigs: jax.Array
    x0: jax.Array


def quadratic_grad(q: DiagonalQuadratic, x):
    return q.eigs * x


def quadratic_value(q: DiagonalQuadratic, x):
    return 0.5 * jnp.sum(q.eigs * x**2)


@dataclasses.dataclass(frozen=True)
class QuadraticClass:
    """Quadratics with spectrum in [μ, L] and ‖x0 − x*‖ = R (x* = 0)."""

    dim: int
    mu: float
    L: float
    radius: float = 1.0
    name: str = "quadratic"

    def __post_init__(self):
        _checks.positive_int("dim", self.dim)
        _check_range(self.mu, self.L)
        _checks.require("radius", self.radius, lambda v: v > 0, "> 0")

    def init(self, key):
        k_eig, k_dir = jax.random.split(key)
        return {
            "spectrum": INIT_SCALE * jax.random.normal(k_eig, (self.dim,)),
            "direction": jax.random.normal(k_dir, (self.dim,)),
        }

    def instance(self, raw) -> DiagonalQuadratic:
        return DiagonalQuadratic(
            eigs=_interval(raw["spectrum"], self.mu, self.L), x0=_on_sphere(raw["direction"], self.radius)
        )

    def contains(self, q: DiagonalQuadratic) -> bool:
        norm = float(np.linalg.norm(np.asarray(q.x0)))
        return _in_range(q.eigs, self.mu, self.L) and abs(norm - self.radius) <= CONTAINS_RTOL * self.radius

    def describe(self) -> dict:
        return {
            "name": self.name,
            "dim": self.dim,
            "mu": self.mu,
            "L": self.L,
            "radius": self.radius,
            "constraints": f"eigenvalues in [{self.mu:g}, {self.L:g}], ‖x0 − x*‖ = {self.radius:g}",
        }


class PiecewiseCurvature(NamedTuple):
    """A 1-D function by its curvature: f'' = curvature[j] on [breaks[j], breaks[j+1]), the
    first/last value continued beyond the grid; f'(0) = 0 and f(0) = 0. Started at x0."""

    breaks: jax.Array  # (P + 1,) increasing, 0 among them
    curvature: jax.Array  # (P,)
    x0: jax.Array  # ()


def _cells(p: PiecewiseCurvature):
    """Each cell's ends, the first and last extended to ∓∞ (f'' continued beyond the grid)."""
    inf = jnp.full((1,), jnp.inf)
    return jnp.concatenate([-inf, p.breaks[1:-1]]), jnp.concatenate([p.breaks[1:-1], inf])


def _overlap(x, lo, hi):
    """Signed length of [0, x] inside each cell [lo, hi]. Exactly 0 for cells the path misses
    and exactly x in the cell of 0, so f'(x) = c·x near x* holds to the last bit (a search
    must not find "slow convergence" in round-off around x*)."""
    return jnp.clip(x, lo, hi) - jnp.clip(0.0, lo, hi)


def curvature_grad(p: PiecewiseCurvature, x):
    """f'(x) = ∫_0^x f''."""
    lo, hi = _cells(p)
    return jnp.sum(p.curvature * _overlap(x, lo, hi))


def curvature_value(p: PiecewiseCurvature, x):
    """f(x) = ∫_0^x f' (f* = f(0) = 0): in each cell the path crosses, f' enters at its value at
    the cell's end nearest 0 and grows linearly."""
    lo, hi = _cells(p)
    entry = jnp.clip(0.0, lo, hi)
    grad_at_entry = jax.vmap(lambda e: jnp.sum(p.curvature * _overlap(e, lo, hi)))(entry)
    u = _overlap(x, lo, hi)
    return jnp.sum(grad_at_entry * u + 0.5 * p.curvature * u**2)


@dataclasses.dataclass(frozen=True)
class CurvatureClass:
    """1-D L-smooth μ-strongly convex functions (μ = 0: convex) with f'' piecewise constant
    in [μ, L] on `pieces` equal cells of [−span, span]; x* = 0, x0 = R."""

    pieces: int
    mu: float
    L: float
    span: float = 2.0
    radius: float = 1.0
    inner: float | None = None
    name: str = "curvature-1d"

    def __post_init__(self):
        _checks.positive_int("pieces", self.pieces)
        if self.pieces % 2:
            raise ValueError(f"pieces must be even (0 is the middle break), got {self.pieces}")
        _check_range(self.mu, self.L)
        _checks.require("span", self.span, lambda v: v > 0, "> 0")
        _checks.require("radius", self.radius, lambda v: v > 0, "> 0")
        if self.inner is not None:
            _checks.require("inner", self.inner, lambda v: 0 < v < self.span, "in (0, span)")

    def breaks(self):
        """Equal cells, or (`inner` given) cells growing geometrically from width `inner` at 0
        to `span`, which resolves the short scales a long run needs (a Huber kink at ~1/k)."""
        if self.inner is None:
            return jnp.linspace(-self.span, self.span, self.pieces + 1)
        half = self.pieces // 2
        positive = self.span * (self.inner / self.span) ** (np.arange(half - 1, -1, -1) / max(half - 1, 1))
        return jnp.asarray(np.concatenate([-positive[::-1], [0.0], positive]))

    def init(self, key):
        return {"curvature": INIT_SCALE * jax.random.normal(key, (self.pieces,))}

    def instance(self, raw) -> PiecewiseCurvature:
        return PiecewiseCurvature(
            breaks=self.breaks(),
            curvature=_interval(raw["curvature"], self.mu, self.L),
            x0=jnp.asarray(float(self.radius)),
        )

    def contains(self, p: PiecewiseCurvature) -> bool:
        return _in_range(p.curvature, self.mu, self.L) and bool(np.all(np.diff(np.asarray(p.breaks)) > 0))

    def describe(self) -> dict:
        return {
            "name": self.name,
            "pieces": self.pieces,
            "mu": self.mu,
            "L": self.L,
            "span": self.span,
            "radius": self.radius,
            "inner": self.inner,
            "constraints": f"f'' piecewise constant in [{self.mu:g}, {self.L:g}] on {self.pieces} cells "
            f"of [−{self.span:g}, {self.span:g}], x* = 0, x0 = {self.radius:g}",
        }


class DiagonalBilinear(NamedTuple):
    """min_x max_y Σ sigma_i x_i y_i, saddle point 0; started at z0 = (x0, y0)."""

    sigma: jax.Array
    z0: jax.Array  # (2 d,)


def bilinear_operator(b: DiagonalBilinear, z):
    """F(x, y) = (∇_x f, −∇_y f) = (σ y, −σ x)."""
    d = b.sigma.shape[0]
    x, y = z[:d], z[d:]
    return jnp.concatenate([b.sigma * y, -b.sigma * x])


@dataclasses.dataclass(frozen=True)
class BilinearClass:
    """Bilinear games with singular values in [μ, L] and ‖z0 − z*‖ = R (z* = 0)."""

    dim: int
    mu: float
    L: float
    radius: float = 1.0
    name: str = "bilinear"

    def __post_init__(self):
        _checks.positive_int("dim", self.dim)
        _check_range(self.mu, self.L)
        _checks.require("radius", self.radius, lambda v: v > 0, "> 0")

    def init(self, key):
        k_s, k_dir = jax.random.split(key)
        return {
            "singular_values": INIT_SCALE * jax.random.normal(k_s, (self.dim,)),
            "direction": jax.random.normal(k_dir, (2 * self.dim,)),
        }

    def instance(self, raw) -> DiagonalBilinear:
        return DiagonalBilinear(
            sigma=_interval(raw["singular_values"], self.mu, self.L),
            z0=_on_sphere(raw["direction"], self.radius),
        )

    def contains(self, b: DiagonalBilinear) -> bool:
        norm = float(np.linalg.norm(np.asarray(b.z0)))
        return _in_range(b.sigma, self.mu, self.L) and abs(norm - self.radius) <= CONTAINS_RTOL * self.radius

    def describe(self) -> dict:
        return {
            "name": self.name,
            "dim": self.dim,
            "mu": self.mu,
            "L": self.L,
            "radius": self.radius,
            "constraints": f"singular values in [{self.mu:g}, {self.L:g}], ‖z0 − z*‖ = {self.radius:g}",
        }


class ScaledRotations(NamedTuple):
    """T z = blockdiag(r_i R(θ_i)) z on pairs of coordinates, fixed point 0; started at z0."""

    scale: jax.Array  # (b,) in [0, 1]
    angle: jax.Array  # (b,) in [0, π]
    z0: jax.Array  # (2 b,)


def rotations_apply(t: ScaledRotations, z):
    x, y = z[0::2], z[1::2]
    c, s = t.scale * jnp.cos(t.angle), t.scale * jnp.sin(t.angle)
    return jnp.stack([c * x - s * y, s * x + c * y], axis=1).reshape(-1)


@dataclasses.dataclass(frozen=True)
class ScaledRotationClass:
    """Normal linear nonexpansive maps: `blocks` planar rotations by θ ∈ [0, π] scaled by
    r ∈ [0, 1] (every real normal matrix of norm ≤ 1 is one up to a rotation of the space and
    reflections), fixed point 0, ‖z0 − z*‖ = R."""

    blocks: int
    radius: float = 1.0
    name: str = "scaled-rotations"

    def __post_init__(self):
        _checks.positive_int("blocks", self.blocks)
        _checks.require("radius", self.radius, lambda v: v > 0, "> 0")

    def init(self, key):
        k_s, k_a, k_d = jax.random.split(key, 3)
        return {
            "scale": INIT_SCALE * jax.random.normal(k_s, (self.blocks,)),
            "angle": INIT_SCALE * jax.random.normal(k_a, (self.blocks,)),
            "direction": jax.random.normal(k_d, (2 * self.blocks,)),
        }

    def instance(self, raw) -> ScaledRotations:
        return ScaledRotations(
            scale=_interval(raw["scale"], 0.0, 1.0),
            angle=_interval(raw["angle"], 0.0, jnp.pi),
            z0=_on_sphere(raw["direction"], self.radius),
        )

    def contains(self, t: ScaledRotations) -> bool:
        norm = float(np.linalg.norm(np.asarray(t.z0)))
        return (
            _in_range(t.scale, 0.0, 1.0)
            and _in_range(t.angle, 0.0, np.pi)
            and abs(norm - self.radius) <= CONTAINS_RTOL * self.radius
        )

    def describe(self) -> dict:
        return {
            "name": self.name,
            "blocks": self.blocks,
            "radius": self.radius,
            "constraints": f"T = blockdiag(r R(θ)), r ∈ [0, 1], θ ∈ [0, π], ‖z0 − z*‖ = {self.radius:g}",
        }


class NoisyQuadratic(NamedTuple):
    """A DiagonalQuadratic whose gradient is observed with N(0, diag(noise_std²)) noise."""

    quadratic: DiagonalQuadratic
    noise_std: jax.Array  # (d,), Σ noise_std² = variance


def noisy_grad(p: NoisyQuadratic, x, key):
    return quadratic_grad(p.quadratic, x) + p.noise_std * jax.random.normal(key, x.shape)


@dataclasses.dataclass(frozen=True)
class NoisyQuadraticClass:
    """QuadraticClass instances with additive Gaussian gradient noise of total variance σ²
    (E‖g − ∇f‖² = σ²), its split over the eigendirections searched (a softmax)."""

    dim: int
    mu: float
    L: float
    variance: float
    radius: float = 1.0
    name: str = "noisy-quadratic"

    def __post_init__(self):
        _checks.require("variance", self.variance, lambda v: v > 0, "> 0")
        self.quadratics()  # validates dim, mu, L, radius

    def quadratics(self) -> QuadraticClass:
        return QuadraticClass(self.dim, self.mu, self.L, self.radius)

    def init(self, key):
        k_q, k_n = jax.random.split(key)
        return {
            **self.quadratics().init(k_q),
            "noise_split": INIT_SCALE * jax.random.normal(k_n, (self.dim,)),
        }

    def instance(self, raw) -> NoisyQuadratic:
        share = jax.nn.softmax(raw["noise_split"])
        return NoisyQuadratic(
            quadratic=self.quadratics().instance(raw), noise_std=jnp.sqrt(self.variance * share)
        )

    def contains(self, p: NoisyQuadratic) -> bool:
        total = float(np.sum(np.asarray(p.noise_std) ** 2))
        variance_ok = abs(total - self.variance) <= CONTAINS_RTOL * self.variance
        return self.quadratics().contains(p.quadratic) and variance_ok

    def describe(self) -> dict:
        q = self.quadratics().describe()
        return {
            **q,
            "name": self.name,
            "variance": self.variance,
            "constraints": q["constraints"] + f", Gaussian gradient noise with E‖ξ‖² = {self.variance:g}",
        }


def to_json(tree) -> dict:
    """A pytree of arrays (raw parameters or an instance) as nested lists, for saving."""
    if hasattr(tree, "_asdict"):
        tree = tree._asdict()
    if isinstance(tree, dict):
        return {k: to_json(v) for k, v in tree.items()}
    return np.asarray(tree).tolist()


def raw_from_json(record: dict) -> dict:
    """Raw parameters saved by `to_json`, as arrays again (to replay a saved instance)."""
    return {k: jnp.asarray(v, dtype=float) for k, v in record.items()}


def trajectory(step, state, horizons, observe):
    """`observe(state)` after each count of `step(t, state)` calls in `horizons` (static,
    increasing), stacked. One `lax.scan` of static length max(horizons) that observes every
    step (cheap for the small instances of a search, and one loop body to compile), so the
    whole run is reverse-differentiable (a `fori_loop` with traced bounds is not)."""
    counts = [int(h) for h in horizons]
    if not counts or counts[0] < 1 or any(b <= a for a, b in zip(counts, counts[1:])):
        raise ValueError(f"horizons must be increasing positive integers, got {horizons!r}")

    def body(s, t):
        s = step(t, s)
        return s, observe(s)

    _, observed = jax.lax.scan(body, state, jnp.arange(counts[-1]))
    return observed[np.asarray(counts) - 1]


@dataclasses.dataclass(frozen=True)
class BoxClass:
    """Named scalar parameters each in its interval [lo, hi] (a theorem's domain that is a box,
    e.g. the moments and weight sums of Klambauer et al.'s SELU contraction domain); the
    instance is a dict {name: value}."""

    bounds: tuple[tuple[str, float, float], ...]  # (name, lo, hi) per parameter
    name: str = "box"

    def __post_init__(self):
        if not self.bounds:
            raise ValueError("bounds: need at least one (name, lo, hi)")
        names = [b[0] for b in self.bounds]
        if len(set(names)) != len(names):
            raise ValueError(f"bounds: parameter names must be distinct, got {names}")
        for name, lo, hi in self.bounds:
            _checks.require(f"bounds[{name}]", hi, lambda v, lo=lo: v > lo, f"> lo = {lo}")

    def init(self, key):
        keys = jax.random.split(key, len(self.bounds))
        return {name: INIT_SCALE * jax.random.normal(k, ()) for (name, _, _), k in zip(self.bounds, keys)}

    def instance(self, raw) -> dict:
        return {name: _interval(raw[name], lo, hi) for name, lo, hi in self.bounds}

    def contains(self, instance: dict) -> bool:
        return all(_in_range(instance[name], lo, hi) for name, lo, hi in self.bounds)

    def describe(self) -> dict:
        return {
            "name": self.name,
            "bounds": [list(b) for b in self.bounds],
            "constraints": ", ".join(f"{name} ∈ [{lo:g}, {hi:g}]" for name, lo, hi in self.bounds),
        }


def _plane_rotation(angle):
    c, s = jnp.cos(angle), jnp.sin(angle)
    return jnp.array([[c, -s], [s, c]])


class CoupledPlaneGame(NamedTuple):
    """A two-player quadratic game F(x) = J x on x = (x₁, x₂) ∈ ℝ² × ℝ², J = [[A₁, B₁₂], [B₂₁, A₂]],
    and a position in [0, 1] (where in an interval of weights a certificate is evaluated)."""

    J: jax.Array  # (4, 4)
    position: jax.Array  # ()


@dataclasses.dataclass(frozen=True)
class CoupledPlaneGameClass:
    """Two players with 2-D strategies: own blocks A_i symmetric with eigenvalues in [μ, L_own]
    (μ-strongly monotone, L_own-smooth), cross blocks with spectral norm ≤ L₁₂ and ≤ L₂₁ (any
    2 × 2 matrix: two rotations around signed singular values, so reflections are included),
    and a position in [0, 1]. Every game with these block bounds in d = 2 per player is one."""

    mu: float
    L_own: float
    L12: float
    L21: float
    name: str = "coupled-plane-game"

    def __post_init__(self):
        _check_range(self.mu, self.L_own)
        _checks.require("L12", self.L12, lambda v: v > 0, "> 0")
        _checks.require("L21", self.L21, lambda v: v > 0, "> 0")

    def init(self, key):
        keys = jax.random.split(key, 6)
        return {
            "own": INIT_SCALE * jax.random.normal(keys[0], (2, 2)),
            "own_angle": INIT_SCALE * jax.random.normal(keys[1], (2,)),
            "cross": INIT_SCALE * jax.random.normal(keys[2], (2, 2)),
            "cross_left": INIT_SCALE * jax.random.normal(keys[3], (2,)),
            "cross_right": INIT_SCALE * jax.random.normal(keys[4], (2,)),
            "position": INIT_SCALE * jax.random.normal(keys[5], ()),
        }

    def instance(self, raw) -> CoupledPlaneGame:
        eig = _interval(raw["own"], self.mu, self.L_own)
        bounds = jnp.array([self.L12, self.L21])[:, None]
        sv = bounds * (2.0 * jax.nn.sigmoid(raw["cross"]) - 1.0)  # signed singular values in [−L, L]
        rot = _plane_rotation
        own = [rot(raw["own_angle"][i]) @ jnp.diag(eig[i]) @ rot(raw["own_angle"][i]).T for i in range(2)]
        cross = [rot(raw["cross_left"][i]) @ jnp.diag(sv[i]) @ rot(raw["cross_right"][i]).T for i in range(2)]
        J = jnp.block([[own[0], cross[0]], [cross[1], own[1]]])
        return CoupledPlaneGame(J=J, position=jax.nn.sigmoid(raw["position"]))

    def contains(self, g: CoupledPlaneGame) -> bool:
        J = np.asarray(g.J)
        ok = True
        for block in (J[:2, :2], J[2:, 2:]):
            ok &= bool(np.allclose(block, block.T, atol=CONTAINS_RTOL)) and _in_range(
                np.linalg.eigvalsh(0.5 * (block + block.T)), self.mu, self.L_own
            )
        for block, bound in ((J[:2, 2:], self.L12), (J[2:, :2], self.L21)):
            ok &= float(np.linalg.norm(block, 2)) <= bound * (1 + CONTAINS_RTOL)
        return ok and _in_range(g.position, 0.0, 1.0)

    def describe(self) -> dict:
        return {
            "name": self.name,
            "d": 2,
            "mu": self.mu,
            "L_own": self.L_own,
            "L12": self.L12,
            "L21": self.L21,
            "constraints": f"A_i symmetric with eigenvalues in [{self.mu:g}, {self.L_own:g}], ‖B₁₂‖ ≤ "
            f"{self.L12:g}, ‖B₂₁‖ ≤ {self.L21:g}, position in [0, 1]",
        }


class SingularValues(NamedTuple):
    """The singular values of a matrix (its singular vectors do not matter to a method that acts
    on each singular value by a scalar map, such as a Newton–Schulz iteration)."""

    sigma: jax.Array  # (count,)


@dataclasses.dataclass(frozen=True)
class SingularValueClass:
    """`count` singular values in [lo, hi]: log-uniform by default (lo·(hi/lo)^sigmoid), so a
    search reaches values many decades below hi (an input normalized by its Frobenius norm
    has every σ ≤ 1 and no lower bound but σ > 0), or linear in [lo, hi]."""

    count: int
    lo: float
    hi: float
    log_scale: bool = True
    name: str = "singular-values"

    def __post_init__(self):
        _checks.positive_int("count", self.count)
        _check_range(self.lo, self.hi)
        if self.log_scale:
            _checks.require("lo", self.lo, lambda v: v > 0, "> 0 on a log scale")

    def init(self, key):
        return {"sigma": INIT_SCALE * jax.random.normal(key, (self.count,))}

    def instance(self, raw) -> SingularValues:
        if self.log_scale:
            return SingularValues(sigma=self.lo * (self.hi / self.lo) ** jax.nn.sigmoid(raw["sigma"]))
        return SingularValues(sigma=_interval(raw["sigma"], self.lo, self.hi))

    def contains(self, s: SingularValues) -> bool:
        return _in_range(s.sigma, self.lo, self.hi)

    def describe(self) -> dict:
        return {
            "name": self.name,
            "count": self.count,
            "lo": self.lo,
            "hi": self.hi,
            "log_scale": self.log_scale,
            "constraints": f"{self.count} singular values in [{self.lo:g}, {self.hi:g}]",
        }


class Design(NamedTuple):
    """A least-squares design: the rows x_i of X (n × d), one sample each."""

    X: jax.Array  # (n, d)


@dataclasses.dataclass(frozen=True)
class DesignClass:
    """Over-parameterized least-squares designs: every X ∈ ℝ^{n×d} with n < d (so an
    interpolating minimum exists for any labels), normalised to ‖X‖_F = 1. Statements that
    are invariant to the scale of X (a step times a curvature) lose nothing by the
    normalisation, which only keeps the search from drifting in scale."""

    rows: int
    dim: int
    name: str = "design"

    def __post_init__(self):
        _checks.positive_int("rows", self.rows)
        _checks.positive_int("dim", self.dim)
        if self.rows >= self.dim:
            raise ValueError(f"rows must be < dim (over-parameterized), got {self.rows} >= {self.dim}")

    def init(self, key):
        return {"X": jax.random.normal(key, (self.rows, self.dim))}

    def instance(self, raw) -> Design:
        return Design(X=raw["X"] / jnp.sqrt(jnp.sum(raw["X"] ** 2) + 1e-300))

    def contains(self, design: Design) -> bool:
        X = np.asarray(design.X)
        return (
            X.shape == (self.rows, self.dim)
            and bool(np.all(np.isfinite(X)))
            and abs(float(np.linalg.norm(X)) - 1.0) <= CONTAINS_RTOL
        )

    def describe(self) -> dict:
        return {
            "name": self.name,
            "rows": self.rows,
            "dim": self.dim,
            "constraints": f"X ∈ ℝ^{{{self.rows}×{self.dim}}} (n < d), ‖X‖_F = 1",
        }


class QuadraticClients(NamedTuple):
    """n clients f_i(x) = ½(x − c_i)ᵀA_i(x − c_i), f = (1/n)Σ f_i."""

    A: jax.Array  # (n, d, d) symmetric positive semidefinite
    c: jax.Array  # (n, d)


def _orthogonal(raw_square):
    """The Q of the QR factorization of a square matrix: every orthogonal matrix is one (and a
    Gaussian matrix gives a Haar one); differentiable where the matrix is invertible."""
    return jnp.linalg.qr(raw_square)[0]


@dataclasses.dataclass(frozen=True)
class QuadraticClientsClass:
    """Distributed convex quadratics: client i has A_i = Q_i diag(λ_i) Q_iᵀ with λ_i ∈ [μ, L_i]
    (f_i μ-strongly convex, μ = 0: convex, and L_i-smooth), Q_i any orthogonal matrix, and
    centre c_i; the centres are normalised to ‖(c_1, …, c_n)‖_F = 1 (methods that are positively
    homogeneous in the data, started at 0, give scale-free ratios, so the normalisation loses
    nothing)."""

    dim: int
    smoothness: tuple[float, ...]  # L_i per client
    mu: float = 0.0
    name: str = "quadratic-clients"

    def __post_init__(self):
        _checks.positive_int("dim", self.dim)
        if not self.smoothness or any(not (L > self.mu) for L in self.smoothness):
            raise ValueError(f"smoothness: need L_i > mu = {self.mu}, got {self.smoothness!r}")
        _checks.require("mu", self.mu, lambda v: v >= 0, ">= 0")

    def init(self, key):
        n, d = len(self.smoothness), self.dim
        k_e, k_r, k_c = jax.random.split(key, 3)
        return {
            "spectrum": INIT_SCALE * jax.random.normal(k_e, (n, d)),
            "rotation": jax.random.normal(k_r, (n, d, d)),
            "centres": jax.random.normal(k_c, (n, d)),
        }

    def instance(self, raw) -> QuadraticClients:
        L = jnp.asarray(self.smoothness)[:, None]
        eigs = _interval(raw["spectrum"], self.mu, L)
        Q = jax.vmap(_orthogonal)(raw["rotation"])
        A = jnp.einsum("nij,nj,nkj->nik", Q, eigs, Q)
        c = raw["centres"] / jnp.sqrt(jnp.sum(raw["centres"] ** 2) + 1e-300)
        return QuadraticClients(A=A, c=c)

    def contains(self, q: QuadraticClients) -> bool:
        A, c = np.asarray(q.A), np.asarray(q.c)
        ok = A.shape == (len(self.smoothness), self.dim, self.dim) and c.shape == A.shape[:2]
        for A_i, L_i in zip(A, self.smoothness):
            ok = ok and bool(np.allclose(A_i, A_i.T, atol=CONTAINS_RTOL * L_i))
            ok = ok and _in_range(np.linalg.eigvalsh(0.5 * (A_i + A_i.T)), self.mu, L_i)
        return ok and abs(float(np.linalg.norm(c)) - 1.0) <= CONTAINS_RTOL

    def describe(self) -> dict:
        Ls = ", ".join(f"{L:g}" for L in self.smoothness)
        return {
            "name": self.name,
            "dim": self.dim,
            "smoothness": list(self.smoothness),
            "mu": self.mu,
            "constraints": f"{len(self.smoothness)} convex quadratic clients in d = {self.dim}, "
            f"A_i eigenvalues in [{self.mu:g}, L_i], L = ({Ls}), ‖c‖_F = 1",
        }


class PeriodicLinearLosses(NamedTuple):
    """Online linear losses f_t(x) = g_t·x on [−1, 1], g_t = grads[t mod P]; the learner starts
    at x1."""

    grads: jax.Array  # (P,)
    x1: jax.Array  # ()


@dataclasses.dataclass(frozen=True)
class PeriodicLinearLossClass:
    """One-dimensional online linear optimization on the feasible set [−1, 1] (D∞ = 2) with
    gradients bounded by G (|g_t| ≤ G∞ = G): the gradient sequences of period P, any
    g ∈ [−G, G]^P, and any start x1 ∈ [−1, 1]. Reddi, Kale & Kumar's counterexample to Adam
    (g = (C, −1, −1)) is one with P = 3."""

    period: int
    bound: float
    name: str = "periodic-linear-losses"

    def __post_init__(self):
        _checks.positive_int("period", self.period)
        _checks.require("bound", self.bound, lambda v: v > 0, "> 0")

    def init(self, key):
        k_g, k_x = jax.random.split(key)
        return {
            "grads": INIT_SCALE * jax.random.normal(k_g, (self.period,)),
            "x1": INIT_SCALE * jax.random.normal(k_x, ()),
        }

    def instance(self, raw) -> PeriodicLinearLosses:
        return PeriodicLinearLosses(
            grads=_interval(raw["grads"], -self.bound, self.bound), x1=_interval(raw["x1"], -1.0, 1.0)
        )

    def contains(self, p: PeriodicLinearLosses) -> bool:
        return np.asarray(p.grads).shape == (self.period,) and (
            _in_range(p.grads, -self.bound, self.bound) and _in_range(p.x1, -1.0, 1.0)
        )

    def describe(self) -> dict:
        return {
            "name": self.name,
            "period": self.period,
            "bound": self.bound,
            "constraints": f"f_t(x) = g_t·x on [−1, 1], g of period {self.period} with |g_t| ≤ "
            f"{self.bound:g}, x1 ∈ [−1, 1]",
        }


class SpectrumShape(NamedTuple):
    """A quadratic's spectrum shape, independent of its condition number: at condition number κ
    (L = 1) eigenvalue i is κ^(−position_i) ∈ [1/κ, 1]; the initial error w0 − w* is `direction`
    (unit norm)."""

    position: jax.Array  # (d,) in [0, 1]
    direction: jax.Array  # (d,), ‖·‖ = 1


def shape_eigenvalues(s: SpectrumShape, kappa):
    """The eigenvalues κ^(−position) of the shape at condition number κ (L = 1)."""
    return kappa ** (-s.position)


@dataclasses.dataclass(frozen=True)
class SpectrumShapeClass:
    """Families of diagonal quadratics, one per condition number κ: eigenvalues κ^(−u_i) with
    positions u_i ∈ [0, 1] (so every eigenvalue lies in [1/κ, 1] at every κ), and a unit initial
    error. For rate-in-κ statements (N_ε = Õ(√κ)): the same shape is run at every κ."""

    dim: int
    name: str = "spectrum-shape"

    def __post_init__(self):
        _checks.positive_int("dim", self.dim)

    def init(self, key):
        k_p, k_d = jax.random.split(key)
        return {
            "position": INIT_SCALE * jax.random.normal(k_p, (self.dim,)),
            "direction": jax.random.normal(k_d, (self.dim,)),
        }

    def instance(self, raw) -> SpectrumShape:
        return SpectrumShape(
            position=_interval(raw["position"], 0.0, 1.0), direction=_on_sphere(raw["direction"], 1.0)
        )

    def contains(self, s: SpectrumShape) -> bool:
        norm = float(np.linalg.norm(np.asarray(s.direction)))
        return _in_range(s.position, 0.0, 1.0) and abs(norm - 1.0) <= CONTAINS_RTOL

    def describe(self) -> dict:
        return {
            "name": self.name,
            "dim": self.dim,
            "constraints": "eigenvalues κ^(−u), u ∈ [0, 1] (in [1/κ, 1] at every κ), ‖w0 − w*‖ = 1",
        }
