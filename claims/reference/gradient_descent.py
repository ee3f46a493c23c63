"""Gradient descent with step 1/L: the textbook sublinear and linear rates.

Reference claims with known constants, so the engine itself is checked against results
nobody disputes. Gradient descent is optax.sgd with a constant step (a multiple of 1/L).

Statement
---------
1. Drori & Teboulle (2014), Theorem 3.1 (tight): gradient descent with step 1/L on an
   L-smooth convex f has f(x_k) − f* ≤ L‖x0 − x*‖²/(4k + 2), so O(1/k) (Nesterov 2018,
   Cor. 2.1.2 has the looser 2L‖x0 − x*‖²/(k + 4)).
2. Nesterov (2018), Theorem 2.1.15 with step 1/L, in its sharp form for the distance:
   ‖x_k − x*‖ ≤ (1 − μ/L)^k ‖x0 − x*‖ on a μ-strongly convex L-smooth f.

Assumptions
-----------
1. Convex and L-smooth: a diagonal PSD quadratic, d = 200, eigenvalues log-uniform on
   [1e-6, 1] (L = 1), x* ~ N(0, I), x0 = 0. Step exactly 1/L.
2. μ-strongly convex and L-smooth: a rotated quadratic, d = 50, spectrum uniform on
   [0.05, 1] (κ = 20), x* ~ N(0, I), x0 = 0. Step exactly 1/L.

Attainment
----------
1. The gap is ½ Σ_i λ_i (1 − λ_i)^{2k} (x0 − x*)_i²; with eigenvalue density ∝ 1/λ this
   behaves like ∫ e^{−2kλ} dλ ∝ 1/k for 1 ≪ k ≪ 1/μ = 10⁶, so the instance sits in the 1/k
   regime over the whole window and the slope check (≤ −1 + 0.1) is sharp. The explicit
   bound is far from attained by a quadratic; the PEP cross-check at k ∈ {1, 2, 5, 10, 20}
   computes the worst case over all L-smooth convex functions, which equals the bound.
2. The slowest eigendirection contracts by exactly 1 − μ/L per step, so the fitted
   contraction approaches 1 − μ/L from below; PEP at k ∈ {10, 20, 30} equals the bound.

Trivial baseline
----------------
No algorithm (x_k = x0, i.e. step 0) keeps the gap and the distance constant: it fails both
the 1/k slope and the linear contraction; run by gd-convex-no-step and
gd-strongly-convex-no-step (REFUTED).

Controls
--------
- gd-convex-step-at-stability-threshold: step 2/L, the stability threshold (outside the
  theorem's step 1/L); the top eigendirection is multiplied by −1 each step, so the gap stays
  above a constant: REFUTED. (A step above 2/L overflows to NaN inside the window and is
  reported DIVERGED, so the threshold itself is used.)
- gd-convex-no-step: the trivial baseline above: REFUTED by the slope.
- gd-convex-claimed-quadratic: the same runs claimed at O(1/k²) (check only).
- gd-convex-bound-below-worst-case: a bound twice as strong, L‖x0 − x*‖²/(8k + 4); the
  testbed satisfies it (far from the worst case), only the PEP worst case refutes it.
- gd-strongly-convex-step-at-stability-threshold: step 2/L; contraction factor 1: REFUTED.
- gd-strongly-convex-no-step: the trivial baseline: ρ̂ = 1 > 1 − μ/L, REFUTED.
- gd-strongly-convex-claimed-too-fast: ρ claimed at 1 − 2μ/L (check only), refuted by the fit
  and by PEP.

Departures and revisions
------------------------
2. Nesterov's Theorem 2.1.15 (the strongly convex rate of gradient descent) was not
   available to read here, so the claim does not rest on its constant: it states the sharp
   factor 1 − μ/L, the exact spectral radius of I − H/L on a quadratic with step 1/L, and
   that this factor holds for the whole function class is what the PEP cross-check verifies
   at its horizons.
"""

import functools

import jax.numpy as jnp
import numpy as np
import optax

import theorytest as tt
from problems.convex import quadratics
from problems.worst_case import pep

NESTEROV = tt.Paper(title="Lectures on Convex Optimization", authors="Y. Nesterov", year=2018)
DRORI_TEBOULLE = tt.Paper(
    title="Performance of first-order methods for smooth convex minimization: a novel approach",
    authors="Y. Drori, M. Teboulle",
    year=2014,
    arxiv="1206.3209",
)


#: Step multiples of 1/L for the controls. 2/L is the stability threshold of GD on an L-smooth
#: quadratic (|1 − ηλ| < 1 for all λ ∈ (0, L] iff η < 2/L): at 2/L the top eigendirection (λ = L)
#: flips sign without shrinking. (A step above it overflows to NaN inside the window, which the
#: engine reports as DIVERGED, not as a failed rate.) 0 is "no algorithm" (x_k = x0).
STEP_AT_STABILITY_THRESHOLD = 2.0
NO_STEP = 0.0


def _gd_path(problem, x0, checkpoints, observe, step_scale=1.0):
    """Run optax.sgd(step_scale/L) from x0 and observe the iterate at the checkpoints."""
    opt = optax.sgd(step_scale / problem.L)

    def step(t, state):
        x, opt_state = state
        updates, opt_state = opt.update(quadratics.grad(problem, x), opt_state, x)
        return optax.apply_updates(x, updates), opt_state

    return tt.trajectory(step, (x0, opt.init(x0)), checkpoints, lambda s: observe(s[0]))


def convex_gap(key, checkpoints, dim=200, mu=1e-6, step_scale=1.0):
    """(f(x_k) − f*) / (L‖x0 − x*‖²) for GD (step step_scale/L) on a log-uniform quadratic, x0 = 0."""
    problem = quadratics.make(key, dim, kappa=1.0 / mu, spectrum="log-uniform", rotate=False)
    x0 = jnp.zeros(dim)
    scale = problem.L * jnp.sum((x0 - problem.x_star) ** 2)
    return _gd_path(
        problem,
        x0,
        checkpoints,
        lambda x: (quadratics.value(problem, x) - problem.f_star) / scale,
        step_scale,
    )


PEP_HORIZONS = (1, 2, 5, 10, 20)


def _with_horizons(checkpoints):
    return tuple(sorted(set(checkpoints) | set(PEP_HORIZONS)))


def _drori_teboulle(k):
    return 1.0 / (4 * np.asarray(k) + 2)


gd_convex_sublinear = tt.Claim(
    id="gd-convex-sublinear",
    paper=DRORI_TEBOULLE,
    statement="Gradient descent with step 1/L on an L-smooth convex function satisfies "
    "f(x_k) − f* ≤ L‖x0 − x*‖²/(4k + 2), hence f(x_k) − f* = O(1/k).",
    assumptions=(
        "f convex and L-smooth: a PSD quadratic with largest eigenvalue L = 1",
        "step size exactly 1/L",
    ),
    testbed="diagonal quadratic, d = 200, eigenvalues log-uniform on [1e-6, 1], x* ~ N(0, I), "
    "x0 = 0; metric normalised by L‖x0 − x*‖²",
    source="Theorem 3.1",
    area="reference",
    experiment=convex_gap,
    quantity=r"$(f(x_k) - f^\star) / L\|x_0 - x^\star\|^2$",
    sweep=tt.Sweep(checkpoints=_with_horizons(tt.log_checkpoints(1, 100_000, 40))),
    quick_sweep=tt.Sweep(checkpoints=_with_horizons(tt.log_checkpoints(1, 10_000, 30))),
    seeds=8,
    quick_seeds=4,
    aggregate="max",
    check=tt.AllOf(
        [
            tt.ExplicitBound(bound=_drori_teboulle, label="L‖x0−x*‖²/(4k+2)"),
            tt.UpperRate(exponent=-1.0, tol=0.1, window=(10, 100_000)),
        ],
        names=["explicit bound", "rate"],
    ),
    pep=tt.PepCheck(worst_case=pep.gd_convex_gap, bound=_drori_teboulle, horizons=PEP_HORIZONS),
)

gd_convex_step_at_stability_threshold = gd_convex_sublinear.control(
    id="gd-convex-step-at-stability-threshold",
    why="Step 2/L, the stability threshold, outside the theorem's step 1/L: the top eigendirection "
    "(λ = L) is multiplied by 1 − 2 = −1 each step and never shrinks, so the gap stays above "
    "a constant and neither the bound nor the 1/k slope can hold.",
    experiment=functools.partial(convex_gap, step_scale=STEP_AT_STABILITY_THRESHOLD),
    pep=None,
)

gd_convex_no_step = gd_convex_sublinear.control(
    id="gd-convex-no-step",
    why="The trivial baseline, no algorithm (step 0, x_k = x0): the gap stays at its initial "
    "value, so the 1/k slope (and the bound, for k large) must fail.",
    experiment=functools.partial(convex_gap, step_scale=NO_STEP),
    pep=None,
)

gd_convex_claimed_quadratic = gd_convex_sublinear.control(
    id="gd-convex-claimed-quadratic",
    why="The same runs claimed at O(1/k²): on this instance the gap decays like 1/k, so a "
    "slope ≤ −2 + 0.1 must be rejected.",
    check=tt.UpperRate(exponent=-2.0, tol=0.1, window=(10, 100_000)),
    pep=None,
)


def _half_drori_teboulle(k):
    return 1.0 / (8 * np.asarray(k) + 4)


gd_convex_bound_below_worst_case = gd_convex_sublinear.control(
    id="gd-convex-bound-below-worst-case",
    why="A bound twice as strong, L‖x0−x*‖²/(8k+4), holds on this testbed but not for every "
    "L-smooth convex f: the PEP worst case (= L‖x0−x*‖²/(4k+2), Huber-like functions) "
    "exceeds it, so the claim must be refuted by the cross-check.",
    statement="Gradient descent with step 1/L on an L-smooth convex function satisfies "
    "f(x_k) − f* ≤ L‖x0 − x*‖²/(8k + 4).",
    check=tt.ExplicitBound(bound=_half_drori_teboulle, label="L‖x0−x*‖²/(8k+4)"),
    pep=tt.PepCheck(worst_case=pep.gd_convex_gap, bound=_half_drori_teboulle, horizons=PEP_HORIZONS),
)


def strongly_convex_distance(key, checkpoints, dim=50, kappa=20.0, step_scale=1.0):
    """‖x_k − x*‖ / ‖x0 − x*‖ for GD with step step_scale/L on a κ = 20 quadratic, x0 = 0."""
    problem = quadratics.make(key, dim, kappa=kappa, spectrum="uniform")
    x0 = jnp.zeros(dim)
    r0 = jnp.linalg.norm(x0 - problem.x_star)
    return _gd_path(problem, x0, checkpoints, lambda x: jnp.linalg.norm(x - problem.x_star) / r0, step_scale)


_RHO = 1.0 - 1.0 / 20.0
_LINEAR_CHECKPOINTS = tuple(range(10, 401, 10))
_LINEAR_PEP_HORIZONS = (10, 20, 30)


def _contraction(rho):
    return lambda k: rho ** np.asarray(k, dtype=float)


def _gd_distance_worst_case(k):
    return pep.gd_strongly_convex_distance(k, mu=1.0 / 20.0)


gd_strongly_convex_linear = tt.Claim(
    id="gd-strongly-convex-linear",
    paper=NESTEROV,
    statement="Gradient descent with step 1/L on a μ-strongly convex L-smooth function "
    "contracts linearly: ‖x_k − x*‖ ≤ (1 − μ/L)^k ‖x0 − x*‖.",
    assumptions=(
        "f μ-strongly convex and L-smooth: a quadratic with spectrum in [μ, L], κ = L/μ = 20",
        "step size exactly 1/L",
    ),
    testbed="rotated quadratic, d = 50, uniform spectrum on [0.05, 1], x* ~ N(0, I), x0 = 0",
    source="Theorem 2.1.15 (step 1/L, sharp distance form; see Departures)",
    area="reference",
    experiment=strongly_convex_distance,
    quantity=r"$\|x_k - x^\star\| / \|x_0 - x^\star\|$",
    sweep=tt.Sweep(checkpoints=_LINEAR_CHECKPOINTS),
    seeds=16,
    quick_seeds=4,
    aggregate="max",
    check=tt.AllOf(
        [
            tt.LinearRate(rate=_RHO, label="1 − μ/L", window=(50, 400)),
            tt.ExplicitBound(bound=_contraction(_RHO), label="(1 − μ/L)^k"),
        ],
        names=["contraction", "explicit bound"],
    ),
    pep=tt.PepCheck(
        worst_case=_gd_distance_worst_case, bound=_contraction(_RHO), horizons=_LINEAR_PEP_HORIZONS
    ),
)

gd_strongly_convex_step_at_stability_threshold = gd_strongly_convex_linear.control(
    id="gd-strongly-convex-step-at-stability-threshold",
    why="Step 2/L, the stability threshold: the top eigendirection is multiplied by −1 each step, "
    "so the distance does not contract (factor 1 > 1 − μ/L) and the claim must be rejected.",
    experiment=functools.partial(strongly_convex_distance, step_scale=STEP_AT_STABILITY_THRESHOLD),
    pep=None,
)

gd_strongly_convex_no_step = gd_strongly_convex_linear.control(
    id="gd-strongly-convex-no-step",
    why="The trivial baseline, no algorithm (step 0): the distance stays ‖x0 − x*‖, a "
    "contraction factor 1 > 1 − μ/L.",
    experiment=functools.partial(strongly_convex_distance, step_scale=NO_STEP),
    pep=None,
)

gd_strongly_convex_too_fast = gd_strongly_convex_linear.control(
    id="gd-strongly-convex-claimed-too-fast",
    why="A contraction factor 1 − 2μ/L = 0.90, faster than the truth (the slowest "
    "eigendirection contracts by exactly 1 − μ/L = 0.95 per step), must be rejected.",
    check=tt.LinearRate(rate=1.0 - 2.0 / 20.0, label="1 − 2μ/L", window=(50, 400)),
    pep=tt.PepCheck(
        worst_case=_gd_distance_worst_case,
        bound=_contraction(1.0 - 2.0 / 20.0),
        horizons=_LINEAR_PEP_HORIZONS,
    ),
)
