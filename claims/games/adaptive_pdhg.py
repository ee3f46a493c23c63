"""PDHG (Arrow–Hurwicz) does not converge with constant steps; Chambolle–Pock's steps are bounded
by the spectrum of the coupling matrix.

Statement
---------
S. Xu, B. He, "Adaptive primal dual hybrid gradient algorithms based on average spectrum for
saddle point problems", 2026, arXiv:2603.00644 (abstract; catalogue card seeds-000-003-004
`adaptive-pdhg`, tier B). For convex saddle-point problems min_x max_y ⟨Ax, y⟩ + ...:
 (i) PDHG with any constant step sizes may fail to converge in the generic setting (PDHG =
     Arrow–Hurwicz: x⁺ = prox(x − τAᵀy), y⁺ = prox(y + σAx⁺), no extrapolation; the result it
     cites is He, You & Yuan, SIAM J. Imaging Sci. 2014);
(ii) Chambolle–Pock (extrapolation θ = 1) converges (under τσ‖A‖² < 1, Chambolle & Pock 2011)
     but its step sizes are bounded by the spectrum of A;
(iii) the proposed prediction–correction adaptive PDHG converges under an average-spectrum
     condition. Part (iii) is NOT encoded (see Departures).

Assumptions
-----------
- Convex–concave saddle point: the bilinear problem xᵀAy + bᵀx + cᵀy (unconstrained; in the
  generic class), problems.games.monotone_games.bilinear, d = 20, a fresh A per seed with singular values
  log-uniform on [0.1, 1] (‖A‖ = 1, a decaying spectrum as the card asks; d = 20 rather than 50
  to keep 40×40 eigenvalue problems on every step grid affordable), z* ~ N(0, I), z0 = 0.
- Constant steps τ, σ: an 8×8 log grid τ‖A‖, σ‖A‖ ∈ [10⁻², 10] for "any"; τσ‖A‖² on grids in
  [0.05, 0.99], [1.01, 1.3] and [1.4, 4] with τ/σ ∈ {0.1, 1, 10} for Chambolle–Pock.
- PDHG is problems.methods.minmax.pdhg_step with θ = 0 (Arrow–Hurwicz) or θ = 1
  (Chambolle–Pock), wrapped by problems.games.bilinear_pdhg.

Attainment
----------
The iteration is affine, so convergence from every start is decided exactly by the spectral
radius ρ of its linear part (forward-mode Jacobian of one step, eigenvalues); runs tie ρ to the
dynamics. (i) Every 2×2 singular block of Arrow–Hurwicz has determinant exactly 1, so ρ ≥ 1 for
every step: min ρ over the grid ≥ 1 − EIG_ROUNDING, and at τ = σ = 0.9/‖A‖ the run's relative
distance stays ≥ RUN_FLOOR for k ≤ 3000 (it circles z* on ellipses). This is non-convergence,
not divergence (on unconstrained bilinear problems Arrow–Hurwicz diverges only for
τσ‖A‖² > 4). (ii) Chambolle–Pock: ρ ≤ 1 − CONVERGED_MARGIN on the whole τσ‖A‖² < 1 grid; the
run at τ = σ = 0.9/‖A‖ contracts with fitted ρ̂ on k ∈ [500, 3000] ≤ ρ_eig + EIG_SLACK·(1 −
ρ_eig), ρ_eig = √(1 − 0.81σ_min²/‖A‖²) the closed form of the slowest block; and the step
product is bounded by the spectrum: ρ ≥ DIVERGED for τσ‖A‖² ∈ [1.4, 4]. A note asserted as a
sixth part: ρ ≤ 1 − CONVERGED_MARGIN also for τσ‖A‖² ∈ [1.01, 1.3]; on bilinear problems the
exact bound is τσ‖A‖² < 4/3 (closed form in problems.games.bilinear_pdhg), so τσ‖A‖² < 1 is
sufficient only. Tolerances, named in the code: EIG_ROUNDING = 10⁻⁹ (eigenvalue rounding of a
40×40 nonsymmetric matrix is ~10⁻¹²; ρ = 1 exactly in exact arithmetic); CONVERGED_MARGIN =
10⁻⁶ (far below the slowest block's gap 1 − ρ ≈ 4·10⁻³, far above rounding); DIVERGED = 1.01
(the smallest ρ on [1.4, 4] is ≈ 1.148 in closed form); RUN_FLOOR = 0.1 (the card's: the AH
run circles z* without approaching it, while a converging run, CP's, falls to ~10⁻⁵ of its
start, so the floor separates the two by orders of magnitude); EIG_SLACK = 0.1 (the card's).

Trivial baseline
----------------
Not moving (z_k = z0) has ρ = 1 and a constant distance: it passes (i) (non-convergence is
what (i) says) and fails (ii), which is how the parts are split. The method without its key
ingredient, Chambolle–Pock without the extrapolation, is Arrow–Hurwicz, run through the
convergence check by `adaptive-pdhg-arrow-hurwicz-claimed-convergent`: REFUTED.

Controls
--------
- adaptive-pdhg-cp-claimed-nonconvergent (mechanism): the "Arrow–Hurwicz" series run with
  θ = 1 (Chambolle–Pock) through the non-convergence check (i): its ρ < 1 for small steps and
  its run falls far below 0.1: REFUTED.
- adaptive-pdhg-arrow-hurwicz-claimed-convergent: Arrow–Hurwicz through the convergence check
  (ii): ρ exactly 1 for τσ‖A‖² < 1 and no contraction: REFUTED.
- adaptive-pdhg-cp-claimed-unbounded-steps: "Chambolle–Pock converges for τσ‖A‖² up to 4":
  REFUTED (ρ ≈ 1.148 at best there).

Departures and revisions
------------------------
Only the abstract was read (`source` "abstract only"); part (iii), the adaptive scheme and its
average-spectrum constant, is in the paper's body and is not encoded; the card's
assignment-problem LP is not encoded; the He–You–Yuan divergence example is replaced by the
exact non-convergence of Arrow–Hurwicz on bilinear problems, as the card's check (i) describes.
The tolerances above were named after the validity review (values unchanged).
"""

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems.games import bilinear_pdhg as bp
from problems.games import monotone_games

PAPER = tt.Paper(
    title="Adaptive primal dual hybrid gradient algorithms based on average spectrum "
    "for saddle point problems",
    authors="S. Xu, B. He",
    year=2026,
    arxiv="2603.00644",
)

DIM, SIGMA_MIN, SIGMA_MAX = 20, 0.1, 1.0
STEP = 0.9 / SIGMA_MAX  # τ = σ for the runs: τσ‖A‖² = 0.81
RHO_CP = math.sqrt(1.0 - STEP * STEP * SIGMA_MIN**2)  # slowest CP block at the run's steps
GRID = np.geomspace(1e-2, 10.0, 8) / SIGMA_MAX  # τ and σ for "any constant steps"
RATIOS = (0.1, 1.0, 10.0)
EIG_ROUNDING = 1e-9  # ρ = 1 exactly for AH; eigenvalue rounding of a 40×40 matrix is ~1e-12
CONVERGED_MARGIN = 1e-6  # ρ < 1 decided far below the slowest block's gap (~4e-3), far above rounding
DIVERGED = 1.01  # the smallest CP ρ on τσ‖A‖² ∈ [1.4, 4] is ≈ 1.148 (closed form)
RUN_FLOOR = 0.1  # the card's: AH circles z* without approaching it, CP's run reaches ~1e-5
EIG_SLACK = 0.1  # the card's: the fitted factor may sit a tenth of 1 − ρ_eig above ρ_eig


def _product_grid(lo, hi, n):
    """(τ, σ) with τσ‖A‖² on a log grid in [lo, hi] and τ/σ ∈ RATIOS."""
    return [
        (math.sqrt(a * r) / SIGMA_MAX, math.sqrt(a / r) / SIGMA_MAX)
        for a in np.geomspace(lo, hi, n)
        for r in RATIOS
    ]


FULL_GRID = [(float(t), float(s)) for t in GRID for s in GRID]
INSIDE = _product_grid(0.05, 0.99, 8)  # Chambolle–Pock's condition τσ‖A‖² < 1
BETWEEN = _product_grid(1.01, 1.3, 5)  # beyond CP's sufficient condition, below 4/3
OUTSIDE = _product_grid(1.4, 4.0, 6)  # beyond the bilinear 4/3 bound


def _radii(p, steps, theta):
    taus, sigmas = (jnp.asarray(v) for v in zip(*steps))
    return jax.vmap(lambda t, s: bp.spectral_radius(p, t, s, theta))(taus, sigmas)


def pdhg_spectra(key, checkpoints, ah_theta=0.0):
    """Exact spectral radii over step grids, and the normalized distance of two runs.

    `ah_theta` is the extrapolation used for the "Arrow–Hurwicz" series (0 for the claim; a
    control sets it to 1 to run Chambolle–Pock through the non-convergence check).
    """
    p = monotone_games.bilinear(key, DIM, SIGMA_MIN, SIGMA_MAX)
    z_star = monotone_games.bilinear_z_star(p)
    z0 = jnp.zeros(2 * DIM)
    r0 = jnp.linalg.norm(z0 - z_star)
    const = lambda v: jnp.full(len(checkpoints), v)  # noqa: E731

    def run(theta):
        step = lambda k, z: bp.iteration_map(p, z, STEP, STEP, theta)  # noqa: E731
        return tt.trajectory(step, z0, checkpoints, lambda z: jnp.linalg.norm(z - z_star) / r0)

    return {
        "AH: min ρ over all steps": const(jnp.min(_radii(p, FULL_GRID, ah_theta))),
        "AH: max ρ, τσ‖A‖² < 1": const(jnp.max(_radii(p, INSIDE, ah_theta))),
        "AH: ‖z_k − z*‖": run(ah_theta),
        "CP: max ρ, τσ‖A‖² < 1": const(jnp.max(_radii(p, INSIDE, 1.0))),
        "CP: max ρ, τσ‖A‖² ∈ [1.01, 1.3]": const(jnp.max(_radii(p, BETWEEN, 1.0))),
        "CP: min ρ, τσ‖A‖² ∈ [1.4, 4]": const(jnp.min(_radii(p, OUTSIDE, 1.0))),
        "CP: ‖z_k − z*‖": run(1.0),
    }


CHECKPOINTS = tt.log_checkpoints(1, 3000, 30)
CONTRACTS = RHO_CP + EIG_SLACK * (1.0 - RHO_CP)


def _at_most(level, label, series):
    return tt.ExplicitBound(bound=lambda k: np.full(np.shape(k), level), label=label, series=series)


def _nonconvergence(prefix):
    return [
        tt.Divergence(floor=1.0 - EIG_ROUNDING, series=f"{prefix}: min ρ over all steps"),
        tt.Divergence(floor=RUN_FLOOR, series=f"{prefix}: ‖z_k − z*‖"),
    ]


def _convergence(prefix):
    return [
        _at_most(1.0 - CONVERGED_MARGIN, "ρ ≤ 1 − 10⁻⁶", f"{prefix}: max ρ, τσ‖A‖² < 1"),
        tt.LinearRate(
            rate=CONTRACTS, label="ρ_eig + 0.1(1 − ρ_eig)", window=(500, 3000), series=f"{prefix}: ‖z_k − z*‖"
        ),
    ]


adaptive_pdhg = tt.Claim(
    id="adaptive-pdhg",
    paper=PAPER,
    statement="(i) PDHG (Arrow–Hurwicz) with any constant step sizes fails to converge on generic "
    "convex saddle-point problems; (ii) Chambolle–Pock converges under τσ‖A‖² < 1, but its "
    "step sizes are bounded by the spectrum of A (on bilinear problems: τσ‖A‖² < 4/3, "
    "checked as a note). [(iii), the adaptive method's "
    "average-spectrum condition, is not encoded.]",
    assumptions=(
        "convex–concave saddle point min_x max_y xᵀAy + bᵀx + cᵀy (bilinear, unconstrained; "
        "the generic class includes it)",
        "A 20×20 invertible, singular values log-uniform on [0.1, 1], ‖A‖ = 1",
        "constant steps τ, σ: an 8×8 log grid on [10⁻², 10] for 'any'; τσ‖A‖² on grids in "
        "[0.05, 0.99] and [1.4, 4] with τ/σ ∈ {0.1, 1, 10} for Chambolle–Pock",
    ),
    testbed="games.bilinear(d = 20, σ ∈ [0.1, 1]) per seed, z0 = 0; exact 40×40 iteration-map "
    "eigenvalues on step grids; 3000-step runs at τ = σ = 0.9/‖A‖",
    area="games",
    experiment=pdhg_spectra,
    quantity=r"$\rho$ or rel. $\|z_k - z^\star\|$",
    sweep=tt.Sweep(checkpoints=CHECKPOINTS, checkpoint_name="k"),
    seeds=8,
    quick_seeds=3,
    aggregate="mean",
    check=tt.AllOf(
        _nonconvergence("AH")
        + _convergence("CP")
        + [
            tt.Divergence(floor=DIVERGED, series="CP: min ρ, τσ‖A‖² ∈ [1.4, 4]"),
            _at_most(1.0 - CONVERGED_MARGIN, "ρ ≤ 1 − 10⁻⁶", "CP: max ρ, τσ‖A‖² ∈ [1.01, 1.3]"),
        ],
        names=[
            "(i) AH: ρ ≥ 1 for every step",
            "(i) AH run stays ≥ 0.1",
            "(ii) CP: ρ < 1 when τσ‖A‖² < 1",
            "(ii) CP run contracts at ρ_eig",
            "(ii) CP: ρ > 1 when τσ‖A‖² ≥ 1.4 (bounded by the spectrum)",
            "note: CP also converges for τσ‖A‖² ∈ [1.01, 1.3] (bilinear bound is 4/3)",
        ],
    ),
    source="abstract only",
)

cp_claimed_nonconvergent = adaptive_pdhg.control(
    id="adaptive-pdhg-cp-claimed-nonconvergent",
    why="Chambolle–Pock (θ = 1) run through the non-convergence check (i): its ρ < 1 for small "
    "steps and its run falls to ~10⁻⁵ of the initial distance, so both parts must fail.",
    experiment=functools.partial(pdhg_spectra, ah_theta=1.0),
    check=tt.AllOf(_nonconvergence("AH"), names=["ρ ≥ 1 for every step", "run stays ≥ 0.1"]),
)

ah_claimed_convergent = adaptive_pdhg.control(
    id="adaptive-pdhg-arrow-hurwicz-claimed-convergent",
    why="Arrow–Hurwicz (θ = 0) through the convergence check (ii): its ρ is exactly 1 for "
    "τσ‖A‖² < 1 and its run does not contract, so both parts must fail.",
    check=tt.AllOf(_convergence("AH"), names=["ρ < 1 when τσ‖A‖² < 1", "run contracts"]),
)

cp_claimed_unbounded = adaptive_pdhg.control(
    id="adaptive-pdhg-cp-claimed-unbounded-steps",
    why="A claim that Chambolle–Pock converges for τσ‖A‖² up to 4 (ρ ≤ 1 − 10⁻⁶ on [1.4, 4]) "
    "must fail: even the best step there has ρ ≈ 1.148 (a real eigenvalue below −1).",
    quantity=r"spectral radius $\rho$",
    check=_at_most(1.0 - CONVERGED_MARGIN, "ρ ≤ 1 − 10⁻⁶", "CP: min ρ, τσ‖A‖² ∈ [1.4, 4]"),
)
