"""Gradient descent with step 1/L: the textbook sublinear and linear rates.

Reference claims with known constants, so the engine itself is checked against results
nobody disputes.

1. Smooth convex (Drori & Teboulle 2014, Thm 3.1, tight; Nesterov 2018, Cor. 2.1.2 has
   the looser 2L‖x0−x*‖²/(k+4)):  f(x_k) − f* ≤ L‖x0 − x*‖² / (4k + 2),  so O(1/k).
   Testbed: a diagonal quadratic in d = 200 whose eigenvalues are log-uniform on
   [1e-6, 1] (L = 1). The gap is ½ Σ_i λ_i (1 − λ_i)^{2k} (x0 − x*)_i²; with eigenvalue
   density ∝ 1/λ this sum behaves like ∫ e^{−2kλ} dλ ∝ 1/k for 1 ≪ k ≪ 1/μ = 10⁶, so the
   instance genuinely sits in the 1/k regime over the whole window (a well-conditioned
   instance would decay linearly and say nothing about 1/k). Checks: the explicit bound
   at every k (max over seeds), and the fitted slope of the max gap ≤ −1 + 0.1, and a
   performance-estimation cross-check: at k ∈ {1, 2, 5, 10, 20} the PEP worst case over all
   L-smooth convex functions equals the bound (it is tight), and the testbed sits below it.
   Negative controls: the same runs claimed at O(1/k²); and the bound claimed twice as strong,
   L‖x0 − x*‖²/(8k + 4). The testbed satisfies that stronger bound too (it is far from the
   worst case), so only the PEP worst case, which exceeds it, can refute it — which it must.

2. Smooth strongly convex (Nesterov 2018, Thm 2.1.15 specialised to quadratics):
   ‖x_k − x*‖ ≤ (1 − μ/L)^k ‖x0 − x*‖. Testbed: a rotated quadratic, d = 50, κ = 20,
   uniform spectrum, so ρ = 1 − μ/L = 0.95 is the factor of the slowest eigendirection
   and the fitted contraction approaches it from below. Checks: the fitted contraction
   ρ̂ ≤ 0.95 and the explicit bound at every k; PEP worst case at k ∈ {10, 20, 30} equals the
   bound. Negative control: ρ claimed at 1 − 2μ/L, refuted by the fit and by PEP.

Gradient descent is optax.sgd with a constant step 1/L.
"""

import jax.numpy as jnp
import numpy as np
import optax

import theorytest as tt
from problems import pep, quadratics

NESTEROV = tt.Paper(title="Lectures on Convex Optimization", authors="Y. Nesterov", year=2018)
DRORI_TEBOULLE = tt.Paper(
    title="Performance of first-order methods for smooth convex minimization: a novel approach",
    authors="Y. Drori, M. Teboulle", year=2014, arxiv="1206.3209")


def _gd_path(problem, x0, checkpoints, observe):
    """Run optax.sgd(1/L) from x0 and observe the iterate at the checkpoints."""
    opt = optax.sgd(1.0 / problem.L)

    def step(t, state):
        x, opt_state = state
        updates, opt_state = opt.update(quadratics.grad(problem, x), opt_state, x)
        return optax.apply_updates(x, updates), opt_state

    return tt.trajectory(step, (x0, opt.init(x0)), checkpoints, lambda s: observe(s[0]))


def convex_gap(key, checkpoints, dim=200, mu=1e-6):
    """(f(x_k) − f*) / (L‖x0 − x*‖²) for GD on a log-uniform-spectrum quadratic, x0 = 0."""
    problem = quadratics.make(key, dim, kappa=1.0 / mu, spectrum="log-uniform", rotate=False)
    x0 = jnp.zeros(dim)
    scale = problem.L * jnp.sum((x0 - problem.x_star) ** 2)
    return _gd_path(problem, x0, checkpoints,
                    lambda x: (quadratics.value(problem, x) - problem.f_star) / scale)


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
    assumptions=("f convex and L-smooth: a PSD quadratic with largest eigenvalue L = 1",
                 "step size exactly 1/L"),
    testbed="diagonal quadratic, d = 200, eigenvalues log-uniform on [1e-6, 1], x* ~ N(0, I), "
            "x0 = 0; metric normalised by L‖x0 − x*‖²",
    area="reference",
    experiment=convex_gap,
    sweep=tt.Sweep(checkpoints=_with_horizons(tt.log_checkpoints(1, 100_000, 40))),
    quick_sweep=tt.Sweep(checkpoints=_with_horizons(tt.log_checkpoints(1, 10_000, 30))),
    seeds=8,
    quick_seeds=4,
    aggregate="max",
    check=tt.AllOf(
        [tt.ExplicitBound(bound=_drori_teboulle, label="L‖x0−x*‖²/(4k+2)"),
         tt.UpperRate(exponent=-1.0, tol=0.1, window=(10, 100_000))],
        names=["explicit bound", "rate"]),
    pep=tt.PepCheck(worst_case=pep.gd_convex_gap, bound=_drori_teboulle, horizons=PEP_HORIZONS),
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
    pep=tt.PepCheck(worst_case=pep.gd_convex_gap, bound=_half_drori_teboulle,
                    horizons=PEP_HORIZONS),
)


def strongly_convex_distance(key, checkpoints, dim=50, kappa=20.0):
    """‖x_k − x*‖ / ‖x0 − x*‖ for GD with step 1/L on a κ = 20 quadratic, x0 = 0."""
    problem = quadratics.make(key, dim, kappa=kappa, spectrum="uniform")
    x0 = jnp.zeros(dim)
    r0 = jnp.linalg.norm(x0 - problem.x_star)
    return _gd_path(problem, x0, checkpoints, lambda x: jnp.linalg.norm(x - problem.x_star) / r0)


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
    assumptions=("f μ-strongly convex and L-smooth: a quadratic with spectrum in [μ, L], "
                 "κ = L/μ = 20", "step size exactly 1/L"),
    testbed="rotated quadratic, d = 50, uniform spectrum on [0.05, 1], x* ~ N(0, I), x0 = 0",
    area="reference",
    experiment=strongly_convex_distance,
    sweep=tt.Sweep(checkpoints=_LINEAR_CHECKPOINTS),
    seeds=16,
    quick_seeds=4,
    aggregate="max",
    check=tt.AllOf(
        [tt.LinearRate(rate=_RHO, label="1 − μ/L", window=(50, 400)),
         tt.ExplicitBound(bound=_contraction(_RHO), label="(1 − μ/L)^k")],
        names=["contraction", "explicit bound"]),
    pep=tt.PepCheck(worst_case=_gd_distance_worst_case, bound=_contraction(_RHO),
                    horizons=_LINEAR_PEP_HORIZONS),
)

gd_strongly_convex_too_fast = gd_strongly_convex_linear.control(
    id="gd-strongly-convex-claimed-too-fast",
    why="A contraction factor 1 − 2μ/L = 0.90, faster than the truth (the slowest "
        "eigendirection contracts by exactly 1 − μ/L = 0.95 per step), must be rejected.",
    check=tt.LinearRate(rate=1.0 - 2.0 / 20.0, label="1 − 2μ/L", window=(50, 400)),
    pep=tt.PepCheck(worst_case=_gd_distance_worst_case, bound=_contraction(1.0 - 2.0 / 20.0),
                    horizons=_LINEAR_PEP_HORIZONS),
)
