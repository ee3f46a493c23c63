"""Worst-case search demonstrations: claims on fixed instances, then searched over their class.

Each claim here is an ordinary fixed-instance claim; the `SearchSpec`s beside it (and those
for the gradient-descent claims of claims/reference/gradient_descent.py) let
`theorytest search` maximize the claim's statistic over the class its assumptions allow
(theorytest/_search.py, problems/worst_case/instance_classes.py, docs/worst-case-search.md).

Statement
---------
1. heavy-ball-polyak-quadratic. Polyak's heavy ball x_{k+1} = x_k − α∇f(x_k) + β(x_k − x_{k−1})
   with the tuned α = 4/(√L + √μ)², β = ((√κ − 1)/(√κ + 1))² converges linearly at the rate
   ρ = (√κ − 1)/(√κ + 1) on L-smooth μ-strongly convex quadratics (Polyak 1964; restated by
   Lessard, Recht & Packard 2016). Lessard, Recht & Packard (Sec. 4.6) show the same
   parameters fail to converge on a non-quadratic L-smooth μ-strongly convex function with
   κ = 25 (gradient 25x, x + 24, 25x − 24 on x < 1, [1, 2), x ≥ 2): the claim does not extend
   to the whole class.
2. sgd-constant-step-neighborhood. Gower, Loizou, Qian, Sailanbayev, Shulgin & Richtárik
   (2019), Theorem 3.1: SGD with a constant step γ ≤ 1/(2ℒ) on a μ-strongly convex function
   under expected smoothness ℒ satisfies E‖x_k − x*‖² ≤ (1 − γμ)^k ‖x0 − x*‖² + 2γσ²/μ, with
   σ² = E‖∇f_v(x*)‖². With additive noise of variance σ², ℒ = L.
3. extragradient-bilinear-linear. Extragradient with step η = 1/(2L) on a bilinear game
   min_x max_y xᵀAy + bᵀx + cᵀy whose singular values lie in [μ, L] contracts
   ‖z_k − z*‖ ≤ ρ^k ‖z0 − z*‖ with ρ² = 1 − η²μ² + η⁴μ⁴. Derived here (see Departures): per
   singular value σ the extragradient map multiplies by 1 − iησ − η²σ², of squared modulus
   1 − η²σ² + η⁴σ⁴, largest at σ = μ when ηL ≤ 1/√2.

Searches (statistic ≤ limit is the claim on each instance of the class):
- heavy-ball-search-quadratics / -strongly-convex: the smallest per-step contraction of the
  state (x_k, x_{k−1}) over the windows between k = 100, 200, 300, 400, against the exact
  worst window contraction over quadratics of the class (max over λ ∈ [μ, L] of the norm of
  the iteration matrix's window power, which includes the Jordan factor). Over quadratics
  it must survive; over 1-D functions with piecewise-constant curvature in [μ, L], random
  search from random curvature profiles, not given the counterexample, finds instances on
  which heavy ball keeps not contracting (expected REFUTED; the test replays the instance
  for 3000 steps and checks it has not converged).
- gd-convex-search-quadratics / -one-dimensional (claim gd-convex-sublinear, Drori &
  Teboulle 2014, Thm 3.1: f(x_k) − f* ≤ L‖x0 − x*‖²/(4k + 2)): over quadratics with spectrum
  in [0, L] the exact worst case max_λ λ(1 − λ/L)^{2k}R²/2 must be reached to 99%; over 1-D
  convex functions with curvature in [0, L] (Huber-like functions, PEP's worst case, are in
  the class up to the grid) the search must stay at or below PEP's value, and the record
  says how close it gets. gd-strongly-convex-search-quadratics (claim
  gd-strongly-convex-linear): ‖x_k − x*‖/‖x0 − x*‖ against (1 − μ/L)^k, exact worst case and PEP.
- sgd-search-noise-laws: E‖x_k − x*‖²/bound over spectra in [μ, L] and every split of the
  noise variance σ² over the eigendirections, with common random numbers; the worst
  instance is replayed on fresh paths with a bootstrap interval.
- extragradient-search-bilinear: ‖z_k − z*‖/ρ^k over singular values in [μ, L].
- nesterov-search-one-dimensional (claim nesterov-agd-convex, 2L‖x0 − x*‖²/(k + 1)²) over 1-D
  convex functions, and halpern-search-linear-nonexpansive (claim halpern-nonexpansive,
  Lieder's 2‖x0 − x*‖/(k + 1)) over scaled plane rotations; both compared with PEP.

Assumptions
-----------
Heavy ball: κ = L/μ = 25; the fixed instance is a quadratic whose spectrum spans [μ, L]
(endpoints included); the searched 1-D functions have f'' ∈ [μ, L], hence are L-smooth and
μ-strongly convex. SGD: spectrum in [μ, L] = [0.5, 1], additive Gaussian gradient noise with
E‖ξ‖² = σ² = 1 (so ℒ = L and σ² is the theorem's), γ = 1/(2L). Extragradient: singular values
in [μ, L] = [0.2, 1], η = 1/(2L). Every searched class enforces its constraints by
construction (sigmoids, a softmax, a normalised direction) and the search re-checks that
the worst instance is inside its class.

Attainment
----------
Heavy ball on a quadratic whose spectrum contains μ and L: Polyak's tuning puts every
eigenvalue of the iteration on the circle of radius ρ, the endpoint ones double (defective),
so the slowest mode decays like k ρ^k; the factor k adds at most 1/k_min to the semilog
slope, which is the tolerance HB_TOL. SGD: an explicit bound is checked (mean over seeds of
‖x_k − x*‖²/bound ≤ 1); it is not attained on the fixed instance, which is why the search
measures how close the class comes. Extragradient: the fixed instance has singular value μ
exactly, so its slowest component contracts at exactly ρ; the bound is checked explicitly
and by the fitted rate.

Trivial baseline
----------------
No algorithm (x_k = x0) has a contraction factor of one, which fails the heavy-ball and
extragradient rate checks; the methods without their ingredient do worse and are run as
controls (heavy-ball-without-momentum, extragradient-without-extrapolation), both REFUTED.
For SGD, x_k = x0 against the claim's bound: once (1 − γμ)^k has decayed the bound is its
floor 2γσ²/μ, below ‖x0 − x*‖² on this testbed; sgd-constant-step-no-steps runs it and is
REFUTED.

Controls
--------
heavy-ball-polyak-lrp-function: the same method on Lessard–Recht–Packard's function from
x0 = 3.3 (in the basin of its three-cycle): no convergence, so the rate check must REFUTE.
heavy-ball-without-momentum: β = 0 with the same α = 1/9, which expands the top
eigendirection by |1 − αL| = 16/9. sgd-constant-step-no-steps: step 0 against the claim's
bound. sgd-constant-step-above-range: γ = 1.9/L (outside γ ≤ 1/(2L)) with all the noise on
the top eigendirection, whose stationary variance γσ²/(L(2 − γL)) exceeds the bound's floor.
extragradient-without-extrapolation: simultaneous GDA with the same step, which spirals out
(|1 − iησ| > 1).
Search controls (expected REFUTED): gd-convex-search-half-bound (the bound claimed as
L‖x0 − x*‖²/(8k + 4), which Huber-like functions exceed); sgd-search-step-above-range;
extragradient-search-without-extrapolation (GDA in place of extragradient).

Departures and revisions
------------------------
Heavy ball: Polyak's 1964 theorem and Lessard–Recht–Packard's Sec. 4.6 counterexample were not
available to read here, so the encoding rests on computation: the counterexample's gradient was
checked numerically (the iterates settle on a three-cycle). Extragradient: the rate is an exact
spectral computation for this method on bilinear games, not a paper's theorem. The heavy-ball
search on the 1-D class uses derivative-free random search: the run is only piecewise
differentiable in the curvatures (iterates cross the cells' breaks) and gradient ascent stalled
at slow but convergent instances, so the spec says method="random". Its statistic is the
smallest contraction over several windows (a single window let the search score with transients
that grow and later decay). The 1-D class computes f' as a sum of exact cell overlaps so that
f'(x) = c·x holds to the last bit near x*: an earlier cumulative-sum version left a round-off
plateau near x* that the search exploited as fake non-convergence.
"""

from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np
import optax

import theorytest as tt
from problems.convex import quadratics
from problems.games import monotone_games
from problems.methods import accelerated, minmax
from problems.worst_case import instance_classes as ic
from problems.worst_case import pep

POLYAK = tt.Paper(
    title="Some methods of speeding up the convergence of iteration methods",
    authors="B. T. Polyak",
    year=1964,
)
LRP = tt.Paper(
    title="Analysis and design of optimization algorithms via integral quadratic constraints",
    authors="L. Lessard, B. Recht, A. Packard",
    year=2016,
    arxiv="1408.3595",
)
GOWER = tt.Paper(
    title="SGD: General Analysis and Improved Rates",
    authors="R. M. Gower, N. Loizou, X. Qian, A. Sailanbayev, E. Shulgin, P. Richtárik",
    year=2019,
    arxiv="1901.09401",
)
KORPELEVICH = tt.Paper(
    title="The extragradient method for finding saddle points and other problems",
    authors="G. M. Korpelevich",
    year=1976,
)

# --- heavy ball ------------------------------------------------------------------------------

HB_MU, HB_L = 1.0, 25.0
HB_KAPPA = HB_L / HB_MU
HB_ALPHA = 4.0 / (math.sqrt(HB_L) + math.sqrt(HB_MU)) ** 2
HB_BETA = ((math.sqrt(HB_KAPPA) - 1) / (math.sqrt(HB_KAPPA) + 1)) ** 2
HB_RHO = (math.sqrt(HB_KAPPA) - 1) / (math.sqrt(HB_KAPPA) + 1)
HB_CHECKPOINTS = tuple(range(5, 81, 5))
HB_WINDOW = (20, 70)  # ρ^70 ≈ 5e-13: above the float64 floor of ‖x_k − x*‖/‖x0 − x*‖
# The defective endpoint modes decay like k ρ^k: the factor k adds at most 1/k_min to the
# semilog slope on the window, so the fitted factor may exceed ρ by ρ(e^{1/k_min} − 1).
HB_TOL = HB_RHO * (math.exp(1.0 / HB_WINDOW[0]) - 1.0)
LRP_X0 = 3.3  # inside the basin of the three-cycle reported for x0 ∈ [3.07, 3.46]


def heavy_ball_path(grad, x0, checkpoints, observe, momentum=HB_BETA, lr=HB_ALPHA, horizons_static=False):
    """Heavy ball (optax.sgd with momentum β: x+ = x − α∇f(x) + β(x − x_prev)) from x_{−1} = x0;
    observe(x, x_prev) at the checkpoints."""
    opt = optax.sgd(lr, momentum=momentum)

    def step(t, state):
        x, _, opt_state = state
        updates, opt_state = opt.update(grad(x), opt_state, x)
        return optax.apply_updates(x, updates), x, opt_state

    state = (x0, x0, opt.init(x0))
    run = ic.trajectory if horizons_static else tt.trajectory
    return run(step, state, checkpoints, lambda s: observe(s[0], s[1]))


def heavy_ball_quadratic(key, checkpoints, dim=20, momentum=HB_BETA):
    """‖x_k − x*‖/‖x0 − x*‖ on a rotated quadratic whose spectrum spans [μ, L], x0 = 0."""
    problem = quadratics.make(key, dim, kappa=HB_KAPPA, spectrum="extremes", L=HB_L)
    x0 = jnp.zeros(dim)
    r0 = jnp.linalg.norm(x0 - problem.x_star)
    return heavy_ball_path(
        lambda x: quadratics.grad(problem, x),
        x0,
        checkpoints,
        lambda x, _: jnp.linalg.norm(x - problem.x_star) / r0,
        momentum=momentum,
    )


def lrp_function() -> ic.PiecewiseCurvature:
    """Lessard–Recht–Packard's counterexample: f'' = 25 on x < 1, 1 on [1, 2), 25 on x ≥ 2."""
    return ic.PiecewiseCurvature(
        breaks=jnp.array([-1.0, 0.0, 1.0, 2.0, 3.0]),
        curvature=jnp.array([HB_L, HB_L, HB_MU, HB_L]),
        x0=jnp.asarray(LRP_X0),
    )


def heavy_ball_lrp(key, checkpoints):
    """|x_k − x*|/|x0 − x*| on Lessard–Recht–Packard's function (x* = 0), x0 = 3.3 (no randomness)."""
    p = lrp_function()
    return heavy_ball_path(
        lambda x: ic.curvature_grad(p, x), p.x0, checkpoints, lambda x, _: jnp.abs(x) / jnp.abs(p.x0)
    )


heavy_ball_polyak_quadratic = tt.Claim(
    id="heavy-ball-polyak-quadratic",
    paper=POLYAK,
    source="Polyak 1964, quadratic case, as restated by Lessard, Recht & Packard 2016 (arXiv:1408.3595, "
    "Sec. 2; section not verified against the text); the quadratic rate is the exact spectral "
    "radius of the 2×2 iteration, computed here",
    statement="Heavy ball with α = 4/(√L + √μ)² and β = ((√κ − 1)/(√κ + 1))² converges linearly at the "
    "rate (√κ − 1)/(√κ + 1) on L-smooth μ-strongly convex quadratics.",
    assumptions=(
        "f a quadratic with spectrum in [μ, L] = [1, 25] (κ = 25), endpoints included",
        "Polyak's tuned α and β",
    ),
    testbed="rotated quadratic, d = 20, spectrum evenly spaced on [1, 25], x* ~ N(0, I), x0 = x_{-1} = 0",
    area="reference",
    experiment=heavy_ball_quadratic,
    quantity=r"$\|x_k - x^\star\| / \|x_0 - x^\star\|$",
    sweep=tt.Sweep(checkpoints=HB_CHECKPOINTS),
    seeds=8,
    quick_seeds=4,
    aggregate="max",
    check=tt.LinearRate(rate=HB_RHO, tol=HB_TOL, label="(√κ − 1)/(√κ + 1)", window=HB_WINDOW),
    revisions=(
        "Window moved from [50, 200] to [20, 70] after the first quick run fitted a factor far "
        "above ρ: ρ^k reaches the float64 floor near k = 90, so the old window measured round-off, "
        "not the rate.",
    ),
)

heavy_ball_polyak_lrp_function = heavy_ball_polyak_quadratic.control(
    id="heavy-ball-polyak-lrp-function",
    why="The testbed leaves the quadratics: Lessard–Recht–Packard's piecewise-quadratic function (still "
    "L-smooth and μ-strongly convex, κ = 25), from x0 = 3.3, on which the tuned heavy ball enters a "
    "three-cycle and never converges: the linear-rate check must be refuted.",
    experiment=heavy_ball_lrp,
)

heavy_ball_without_momentum = heavy_ball_polyak_quadratic.control(
    id="heavy-ball-without-momentum",
    why="β = 0 with the same α = 4/(√L + √μ)² = 1/9 is gradient descent with a step above 2/L: the top "
    "eigendirection is multiplied by |1 − αL| = 16/9 per step, so the rate check must be refuted.",
    experiment=functools.partial(heavy_ball_quadratic, momentum=0.0),
)


def _heavy_ball_window_limit(horizons) -> float:
    """Worst per-step contraction over [k1, k2] of heavy ball on quadratics with spectrum in
    [μ, L]: max_λ ‖M_λ^{k2−k1}‖^{1/(k2−k1)} for the 2×2 iteration matrix M_λ (the state norm
    of each eigencomponent can shrink no slower). A grid over λ, refined by golden section
    around its best points, endpoints included. The windows between the horizons must be
    of equal length (a sustained contraction takes the smallest factor over them)."""
    spans = set(np.diff(horizons).tolist())
    if len(spans) != 1:
        raise ValueError(f"horizons must be evenly spaced, got {horizons}")
    n = spans.pop()

    def norm(lam):
        m = np.array([[1 + HB_BETA - HB_ALPHA * lam, -HB_BETA], [1.0, 0.0]])
        return np.linalg.norm(np.linalg.matrix_power(m, n), 2)

    grid = np.linspace(HB_MU, HB_L, 4001)
    values = np.array([norm(lam) for lam in grid])
    best = values.max()
    step = grid[1] - grid[0]
    for i in np.argsort(values)[-3:]:
        lo, hi = max(grid[i] - step, HB_MU), min(grid[i] + step, HB_L)
        for _ in range(60):
            a, b = hi - 0.618 * (hi - lo), lo + 0.618 * (hi - lo)
            lo, hi = (lo, b) if norm(a) > norm(b) else (a, hi)
        best = max(best, norm(lo), norm(hi))
    return float(best) ** (1.0 / n)


HB_SEARCH_HORIZONS = (100, 200, 300, 400)
HB_SEARCH_LIMIT = _heavy_ball_window_limit(HB_SEARCH_HORIZONS)


def heavy_ball_state_norm(grad, x0, horizons):
    """‖(x_k, x_{k−1}) − (x*, x*)‖ at the horizons (x* = 0), differentiable in the instance."""
    return heavy_ball_path(
        grad, x0, horizons, lambda x, xp: jnp.sqrt(jnp.sum(x**2) + jnp.sum(xp**2)), horizons_static=True
    )


def heavy_ball_on_quadratic(q: ic.DiagonalQuadratic, key, horizons):
    return heavy_ball_state_norm(lambda x: ic.quadratic_grad(q, x), q.x0, horizons)


def heavy_ball_on_curvature(p: ic.PiecewiseCurvature, key, horizons):
    return heavy_ball_state_norm(lambda x: ic.curvature_grad(p, x), p.x0, horizons)


_HB_STATISTIC = tt.contraction(
    HB_SEARCH_LIMIT,
    "limit: quadratics' worst over a window, Polyak's rate with its Jordan factor",
    sustained=True,
)

heavy_ball_search_quadratics = tt.SearchSpec(
    id="heavy-ball-search-quadratics",
    claim="heavy-ball-polyak-quadratic",
    description="The window contraction of heavy ball over quadratics with spectrum in [μ, L]: the claim's "
    "own class, whose exact worst case is the limit; it must survive.",
    instances=ic.QuadraticClass(dim=2, mu=HB_MU, L=HB_L),
    run=heavy_ball_on_quadratic,
    horizons=HB_SEARCH_HORIZONS,
    statistic=_HB_STATISTIC,
    budget=tt.Budget(starts=64, steps=200, learning_rate=0.1),
    quick_budget=tt.Budget(starts=16, steps=60, learning_rate=0.2),
)

heavy_ball_search_strongly_convex = tt.SearchSpec(
    id="heavy-ball-search-strongly-convex",
    claim="heavy-ball-polyak-quadratic",
    description="The same contraction over 1-D L-smooth μ-strongly convex functions with piecewise-constant "
    "curvature: Polyak's rate does not extend beyond quadratics, and the search finds instances "
    "on which heavy ball does not converge at all (contraction ≥ 1).",
    instances=ic.CurvatureClass(pieces=16, mu=HB_MU, L=HB_L, span=2.0),
    run=heavy_ball_on_curvature,
    horizons=HB_SEARCH_HORIZONS,
    statistic=_HB_STATISTIC,
    budget=tt.Budget(starts=64, steps=400, method="random", perturbation=2.0),
    quick_budget=tt.Budget(starts=32, steps=150, method="random", perturbation=2.0),
    expected=tt.Verdict.REFUTED,
)

# --- gradient descent (claims/reference/gradient_descent.py) --------------------------------

GD_HORIZONS = (1, 2, 5, 10, 20)


def _drori_teboulle(k):
    return 1.0 / (4 * np.asarray(k, dtype=float) + 2)


def _half_drori_teboulle(k):
    return 1.0 / (8 * np.asarray(k, dtype=float) + 4)


def gd_quadratic_exact_worst(k: int) -> float:
    """max over λ ∈ [0, L] of λ(1 − λ/L)^{2k} R²/2 at L = R = 1: attained at λ = 1/(2k + 1)."""
    lam = 1.0 / (2 * k + 1)
    return 0.5 * lam * (1 - lam) ** (2 * k)


def gd_gap(grad, value, x0, horizons):
    """f(x_k) − f* (x* = 0, f* = 0, L = R = 1) for optax.sgd with step 1/L."""
    opt = optax.sgd(1.0)

    def step(t, state):
        x, opt_state = state
        updates, opt_state = opt.update(grad(x), opt_state, x)
        return optax.apply_updates(x, updates), opt_state

    return ic.trajectory(step, (x0, opt.init(x0)), horizons, lambda s: value(s[0]))


def gd_gap_quadratic(q: ic.DiagonalQuadratic, key, horizons):
    return gd_gap(lambda x: ic.quadratic_grad(q, x), lambda x: ic.quadratic_value(q, x), q.x0, horizons)


def gd_gap_curvature(p: ic.PiecewiseCurvature, key, horizons):
    return gd_gap(lambda x: ic.curvature_grad(p, x), lambda x: ic.curvature_value(p, x), p.x0, horizons)


def _gd_pep(k: int) -> float:
    return pep.gd_convex_gap(k)


gd_convex_search_quadratics = tt.SearchSpec(
    id="gd-convex-search-quadratics",
    claim="gd-convex-sublinear",
    description="f(x_k) − f* over quadratics with spectrum in [0, L], ‖x0 − x*‖ = 1: the closed-form worst "
    "case max_λ λ(1 − λ)^{2k}/2 must be reached to 99%.",
    instances=ic.QuadraticClass(dim=3, mu=0.0, L=1.0),
    run=gd_gap_quadratic,
    horizons=GD_HORIZONS,
    statistic=tt.max_ratio(_drori_teboulle, "L‖x0−x*‖²/(4k+2)"),
    budget=tt.Budget(starts=40, steps=200, learning_rate=0.1),
    quick_budget=tt.Budget(starts=20, steps=100, learning_rate=0.1),
    exact_worst=gd_quadratic_exact_worst,
)

gd_convex_search_one_dimensional = tt.SearchSpec(
    id="gd-convex-search-one-dimensional",
    claim="gd-convex-sublinear",
    description="f(x_k) − f* over 1-D convex functions with piecewise-constant curvature in [0, L] (cells "
    "growing geometrically away from x*): Huber-like functions, the performance-estimation worst "
    "case, are in reach; the search stays at or below PEP's value.",
    instances=ic.CurvatureClass(pieces=24, mu=0.0, L=1.0, span=1.0, inner=0.004),
    run=gd_gap_curvature,
    horizons=GD_HORIZONS,
    statistic=tt.max_ratio(_drori_teboulle, "L‖x0−x*‖²/(4k+2)"),
    budget=tt.Budget(starts=40, steps=300, learning_rate=0.2),
    quick_budget=tt.Budget(starts=20, steps=150, learning_rate=0.3),
    pep=_gd_pep,
)

gd_convex_search_half_bound = gd_convex_search_one_dimensional.control(
    id="gd-convex-search-half-bound",
    why="The bound claimed twice as strong, L‖x0−x*‖²/(8k+4): Huber-like 1-D functions exceed it (PEP's "
    "worst case is the (4k+2) bound itself), so the search must find a violating instance.",
    statistic=tt.max_ratio(_half_drori_teboulle, "L‖x0−x*‖²/(8k+4)"),
    pep=None,
)

GD_SC_MU = 0.05
GD_SC_HORIZONS = (10, 20, 30)


def _gd_contraction(k):
    return (1.0 - GD_SC_MU) ** np.asarray(k, dtype=float)


def gd_distance_quadratic(q: ic.DiagonalQuadratic, key, horizons):
    """‖x_k − x*‖/‖x0 − x*‖ for GD with step 1/L on the quadratic (R = L = 1)."""
    return gd_gap(lambda x: ic.quadratic_grad(q, x), lambda x: jnp.sqrt(jnp.sum(x**2)), q.x0, horizons)


gd_strongly_convex_search_quadratics = tt.SearchSpec(
    id="gd-strongly-convex-search-quadratics",
    claim="gd-strongly-convex-linear",
    description="‖x_k − x*‖/‖x0 − x*‖ over quadratics with spectrum in [μ, L], μ = 0.05: the worst case "
    "(1 − μ/L)^k is approached (eigenvalue → μ) and never exceeded.",
    instances=ic.QuadraticClass(dim=3, mu=GD_SC_MU, L=1.0),
    run=gd_distance_quadratic,
    horizons=GD_SC_HORIZONS,
    statistic=tt.max_ratio(_gd_contraction, "(1 − μ/L)^k"),
    budget=tt.Budget(starts=24, steps=200, learning_rate=0.1),
    quick_budget=tt.Budget(starts=12, steps=100, learning_rate=0.2),
    exact_worst=lambda k: float(_gd_contraction(k)),
)

# --- Nesterov's accelerated gradient and Halpern (claims/reference/accelerated_gradient.py, halpern.py)

NESTEROV_HORIZONS = (1, 2, 5, 10)


def _nesterov_bound(k):
    return 2.0 / (np.asarray(k, dtype=float) + 1) ** 2


def nesterov_gap_curvature(p: ic.PiecewiseCurvature, key, horizons):
    """f(x_k) − f* (x* = 0, f* = 0, L = R = 1) for accelerated gradient with step 1/L."""
    grad = lambda x: ic.curvature_grad(p, x)
    step = lambda t, state: accelerated.nesterov_step(grad, state, 1.0)
    value = lambda state: ic.curvature_value(p, state.x)
    return ic.trajectory(step, accelerated.nesterov_init(p.x0), horizons, value)


def _nesterov_pep(k: int) -> float:
    return pep.nesterov_convex_gap(k)


nesterov_search_one_dimensional = tt.SearchSpec(
    id="nesterov-search-one-dimensional",
    claim="nesterov-agd-convex",
    description="f(x_k) − f* of accelerated gradient over 1-D convex functions with piecewise-constant "
    "curvature in [0, L], against 2L‖x0 − x*‖²/(k + 1)²; the search stays at or below PEP's "
    "value.",
    instances=ic.CurvatureClass(pieces=24, mu=0.0, L=1.0, span=1.0, inner=0.004),
    run=nesterov_gap_curvature,
    horizons=NESTEROV_HORIZONS,
    statistic=tt.max_ratio(_nesterov_bound, "2L‖x0−x*‖²/(k+1)²"),
    budget=tt.Budget(starts=32, steps=300, learning_rate=0.2),
    quick_budget=tt.Budget(starts=16, steps=120, learning_rate=0.3),
    pep=_nesterov_pep,
)

HALPERN_HORIZONS = (1, 2, 5, 10)


def _lieder(k):
    return 2.0 / (np.asarray(k, dtype=float) + 1)


def halpern_residual_rotations(t: ic.ScaledRotations, key, horizons):
    """‖x_k − T x_k‖/‖x0 − x*‖ for Halpern's iteration β_k = 1/(k + 2) (x* = 0, ‖x0‖ = 1)."""
    apply = lambda z: ic.rotations_apply(t, z)
    step = lambda k, z: minmax.halpern_step(apply, z, t.z0, k)
    return ic.trajectory(step, t.z0, horizons, lambda z: jnp.sqrt(jnp.sum((z - apply(z)) ** 2)))


def _halpern_pep(k: int) -> float:
    return pep.halpern_residual(k)


halpern_search_linear_nonexpansive = tt.SearchSpec(
    id="halpern-search-linear-nonexpansive",
    claim="halpern-nonexpansive",
    description="‖x_k − T x_k‖ of Halpern's iteration over linear nonexpansive maps (scaled plane "
    "rotations), against Lieder's 2‖x0 − x*‖/(k + 1); the search stays at or below PEP's value "
    "(the worst case over all nonexpansive maps).",
    instances=ic.ScaledRotationClass(blocks=2),
    run=halpern_residual_rotations,
    horizons=HALPERN_HORIZONS,
    statistic=tt.max_ratio(_lieder, "2‖x0−x*‖/(k+1)"),
    budget=tt.Budget(starts=32, steps=300, learning_rate=0.1),
    quick_budget=tt.Budget(starts=16, steps=120, learning_rate=0.2),
    pep=_halpern_pep,
)

# --- SGD with a constant step ----------------------------------------------------------------

SGD_MU, SGD_L, SGD_VARIANCE = 0.5, 1.0, 1.0
SGD_STEP = 1.0 / (2.0 * SGD_L)
SGD_STEP_ABOVE_RANGE = 1.9 / SGD_L
SGD_CHECKPOINTS = (5, 10, 20, 40, 80)
SGD_SEARCH_HORIZONS = (5, 10, 20, 40)


def gower_bound(k, r0_sq, step=SGD_STEP):
    """(1 − γμ)^k ‖x0 − x*‖² + 2γσ²/μ (Gower et al. 2019, Thm 3.1)."""
    return (1.0 - step * SGD_MU) ** k * r0_sq + 2.0 * step * SGD_VARIANCE / SGD_MU


def sgd_path(grad, x0, key, checkpoints, step, observe, horizons_static=False):
    """optax.sgd(step) with the stochastic gradient grad(x, key_t), key_t = fold_in(key, t)."""
    opt = optax.sgd(step)

    def one(t, state):
        x, opt_state = state
        updates, opt_state = opt.update(grad(x, jax.random.fold_in(key, t)), opt_state, x)
        return optax.apply_updates(x, updates), opt_state

    run = ic.trajectory if horizons_static else tt.trajectory
    return run(one, (x0, opt.init(x0)), checkpoints, lambda s: observe(s[0]))


def sgd_ratio(key, checkpoints, dim=10, step=SGD_STEP, noise_on_top=False, bound_step=None):
    """‖x_k − x*‖² / bound_k for SGD on a quadratic with spectrum evenly spaced on [μ, L] and
    Gaussian gradient noise of total variance σ² (isotropic, or all on the top eigendirection).
    The bound is the theorem's at the run's step, or at `bound_step` when given."""
    k_problem, k_noise = jax.random.split(key)
    problem = quadratics.make(k_problem, dim, kappa=SGD_L / SGD_MU, spectrum="uniform", L=SGD_L)
    x0 = jnp.zeros(dim)
    r0_sq = jnp.sum((x0 - problem.x_star) ** 2)
    if noise_on_top:
        w, v = jnp.linalg.eigh(problem.A)
        shape = v[:, -1] * jnp.sqrt(SGD_VARIANCE)
        noise = lambda k: shape * jax.random.normal(k)
    else:
        noise = lambda k: jnp.sqrt(SGD_VARIANCE / dim) * jax.random.normal(k, (dim,))
    grad = lambda x, k: quadratics.grad(problem, x) + noise(k)
    ks = jnp.asarray(checkpoints, dtype=float)
    sq = sgd_path(grad, x0, k_noise, checkpoints, step, lambda x: jnp.sum((x - problem.x_star) ** 2))
    return sq / gower_bound(ks, r0_sq, step if bound_step is None else bound_step)


sgd_constant_step_neighborhood = tt.Claim(
    id="sgd-constant-step-neighborhood",
    paper=GOWER,
    source="Theorem 3.1",
    statement="SGD with a constant step γ ≤ 1/(2ℒ) on a μ-strongly convex function under expected "
    "smoothness ℒ satisfies E‖x_k − x*‖² ≤ (1 − γμ)^k ‖x0 − x*‖² + 2γσ²/μ, σ² = E‖∇f_v(x*)‖².",
    assumptions=(
        "μ-strongly convex and L-smooth: a quadratic with spectrum evenly spaced on [0.5, 1]",
        "additive noise ξ with E‖ξ‖² = σ² = 1, so ℒ = L and σ² is the theorem's",
        "constant step γ = 1/(2L)",
    ),
    testbed="rotated quadratic, d = 10, spectrum uniform on [0.5, 1], x* ~ N(0, I), x0 = 0, isotropic "
    "Gaussian gradient noise N(0, σ²/d I); metric ‖x_k − x*‖² divided by the bound at k",
    area="reference",
    experiment=sgd_ratio,
    quantity=r"$\|x_k - x^\star\|^2 / \mathrm{bound}_k$",
    sweep=tt.Sweep(checkpoints=SGD_CHECKPOINTS),
    seeds=256,
    quick_seeds=64,
    aggregate="mean",
    check=tt.ExplicitBound(
        bound=lambda k: np.ones_like(np.asarray(k, dtype=float)), label="(1 − γμ)^k‖x0 − x*‖² + 2γσ²/μ"
    ),
)

sgd_constant_step_above_range = sgd_constant_step_neighborhood.control(
    id="sgd-constant-step-above-range",
    why="Step γ = 1.9/L, outside γ ≤ 1/(2L), with the noise variance σ² all on the top eigendirection: "
    "its stationary variance γσ²/(L(2 − γL)) is above the bound's floor 2γσ²/μ, so the bound must be "
    "refuted.",
    experiment=functools.partial(sgd_ratio, step=SGD_STEP_ABOVE_RANGE, noise_on_top=True),
)

sgd_constant_step_no_steps = sgd_constant_step_neighborhood.control(
    id="sgd-constant-step-no-steps",
    why="The trivial baseline: no algorithm (step 0, x_k = x0) judged against the claim's bound at "
    "γ = 1/(2L). Once (1 − γμ)^k has decayed the bound is its floor 2γσ²/μ, below ‖x0 − x*‖², so it "
    "must be refuted.",
    experiment=functools.partial(sgd_ratio, step=0.0, bound_step=SGD_STEP),
)


def sgd_ratio_noisy_quadratic(p: ic.NoisyQuadratic, key, horizons, step=SGD_STEP):
    """‖x_k − x*‖² / bound_k on one noise path (x* = 0, ‖x0‖ = 1); the search averages paths."""
    sq = sgd_path(
        lambda x, k: ic.noisy_grad(p, x, k),
        p.quadratic.x0,
        key,
        horizons,
        step,
        lambda x: jnp.sum(x**2),
        horizons_static=True,
    )
    return sq / gower_bound(jnp.asarray(horizons, dtype=float), 1.0, step)


_SGD_STATISTIC = tt.max_value(1.0, "E‖x_k − x*‖² / ((1 − γμ)^k‖x0 − x*‖² + 2γσ²/μ)")

sgd_search_noise_laws = tt.SearchSpec(
    id="sgd-search-noise-laws",
    claim="sgd-constant-step-neighborhood",
    description="E‖x_k − x*‖²/bound over quadratics with spectrum in [μ, L] and Gaussian gradient noise of "
    "total variance σ² split freely over the eigendirections, with common random numbers.",
    instances=ic.NoisyQuadraticClass(dim=3, mu=SGD_MU, L=SGD_L, variance=SGD_VARIANCE),
    run=sgd_ratio_noisy_quadratic,
    horizons=SGD_SEARCH_HORIZONS,
    statistic=_SGD_STATISTIC,
    noise_paths=64,
    replay_paths=1024,
    budget=tt.Budget(starts=32, steps=150, learning_rate=0.1),
    quick_budget=tt.Budget(starts=12, steps=60, learning_rate=0.2),
)

sgd_search_step_above_range = sgd_search_noise_laws.control(
    id="sgd-search-step-above-range",
    why="Step γ = 1.9/L, outside the theorem's range: the search must find a noise split (variance on the "
    "top eigendirection) whose stationary variance exceeds the bound.",
    run=functools.partial(sgd_ratio_noisy_quadratic, step=SGD_STEP_ABOVE_RANGE),
)

# --- extragradient on bilinear games ---------------------------------------------------------

EG_MU, EG_L = 0.2, 1.0
EG_STEP = 1.0 / (2.0 * EG_L)
EG_RHO = math.sqrt(1.0 - (EG_STEP * EG_MU) ** 2 + (EG_STEP * EG_MU) ** 4)
EG_CHECKPOINTS = tuple(range(50, 1001, 50))
EG_SEARCH_HORIZONS = (10, 20, 40)


def _eg_contraction(k):
    return EG_RHO ** np.asarray(k, dtype=float)


def minmax_path(operator, z0, checkpoints, step_fn, horizons_static=False):
    """‖z_k‖ history of z+ = step_fn(F, z, η) at the checkpoints (z* = 0 after centring)."""
    step = lambda t, z: step_fn(operator, z, EG_STEP)
    run = ic.trajectory if horizons_static else tt.trajectory
    return run(step, z0, checkpoints, lambda z: jnp.sqrt(jnp.sum(z**2)))


def extragradient_bilinear(key, checkpoints, dim=10, step_fn=minmax.extragradient_step):
    """‖z_k − z*‖/‖z0 − z*‖ on a random bilinear game with singular values log-uniform on [μ, L], z0 = 0."""
    game = monotone_games.bilinear(key, dim, sigma_min=EG_MU, sigma_max=EG_L)
    z_star = monotone_games.bilinear_z_star(game)
    centred = lambda z: monotone_games.bilinear_operator(game, z + z_star)
    z0 = -z_star  # z0 = 0 in the original coordinates
    return minmax_path(centred, z0, checkpoints, step_fn) / jnp.linalg.norm(z_star)


extragradient_bilinear_linear = tt.Claim(
    id="extragradient-bilinear-linear",
    paper=KORPELEVICH,
    source="derived here (exact spectral computation for bilinear games); no paper theorem",
    statement="Extragradient with step η = 1/(2L) on a bilinear game whose singular values lie in [μ, L] "
    "satisfies ‖z_k − z*‖ ≤ ρ^k ‖z0 − z*‖ with ρ² = 1 − η²μ² + η⁴μ⁴.",
    assumptions=(
        "bilinear game x^T A y + b^T x + c^T y with singular values of A in [0.2, 1]",
        "step η = 1/(2L)",
    ),
    testbed="random bilinear game, d = 10 + 10, singular values log-uniform on [0.2, 1] (both ends "
    "included), z0 = 0",
    area="reference",
    experiment=extragradient_bilinear,
    quantity=r"$\|z_k - z^\star\| / \|z_0 - z^\star\|$",
    sweep=tt.Sweep(checkpoints=EG_CHECKPOINTS),
    seeds=8,
    quick_seeds=4,
    aggregate="max",
    check=tt.AllOf(
        [
            tt.LinearRate(rate=EG_RHO, label="√(1 − η²μ² + η⁴μ⁴)", window=(200, 1000)),
            tt.ExplicitBound(bound=_eg_contraction, label="ρ^k"),
        ],
        names=["contraction", "explicit bound"],
    ),
)

extragradient_without_extrapolation = extragradient_bilinear_linear.control(
    id="extragradient-without-extrapolation",
    why="Simultaneous GDA (no extrapolation step) with the same η multiplies each component by "
    "|1 − iησ| = √(1 + η²σ²) > 1: it spirals out, so the contraction must be refuted.",
    experiment=functools.partial(extragradient_bilinear, step_fn=minmax.gda_step),
)


def eg_distance_bilinear(b: ic.DiagonalBilinear, key, horizons, step_fn=minmax.extragradient_step):
    """‖z_k − z*‖/‖z0 − z*‖ (z* = 0, ‖z0‖ = 1)."""
    return minmax_path(lambda z: ic.bilinear_operator(b, z), b.z0, horizons, step_fn, horizons_static=True)


extragradient_search_bilinear = tt.SearchSpec(
    id="extragradient-search-bilinear",
    claim="extragradient-bilinear-linear",
    description="‖z_k − z*‖/‖z0 − z*‖ over bilinear games with singular values in [μ, L]: the worst case ρ^k "
    "(singular value → μ) is approached and never exceeded.",
    instances=ic.BilinearClass(dim=2, mu=EG_MU, L=EG_L),
    run=eg_distance_bilinear,
    horizons=EG_SEARCH_HORIZONS,
    statistic=tt.max_ratio(_eg_contraction, "ρ^k"),
    budget=tt.Budget(starts=24, steps=200, learning_rate=0.1),
    quick_budget=tt.Budget(starts=12, steps=80, learning_rate=0.2),
    exact_worst=lambda k: float(_eg_contraction(k)),
)

extragradient_search_without_extrapolation = extragradient_search_bilinear.control(
    id="extragradient-search-without-extrapolation",
    why="GDA in place of extragradient on the same class: every instance expands, so the search must find "
    "a violation.",
    run=functools.partial(eg_distance_bilinear, step_fn=minmax.gda_step),
    exact_worst=None,
)
