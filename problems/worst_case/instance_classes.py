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
