"""PDHG (Arrow–Hurwicz) does not converge with constant steps; Chambolle–Pock's steps are bounded
by the spectrum of the coupling matrix.

Paper: S. Xu, B. He, "Adaptive primal dual hybrid gradient algorithms based on average spectrum
for saddle point problems", 2026, arXiv:2603.00644. Catalogue card: seeds-000-003-004
`adaptive-pdhg` (tier B).

The abstract makes three statements about min_x max_y ⟨Ax, y⟩-type convex saddle-point problems:
  (i) "PDHG with any constant step sizes could diverge for generic setting of convex saddle
      point problems" (PDHG = Arrow–Hurwicz: x+ = prox(x − τAᵀy), y+ = prox(y + σAx+), no
      extrapolation; the result it recalls is He, You & Yuan, SIAM J. Imaging Sci. 2014);
 (ii) Chambolle–Pock (PDHG with extrapolation θ = 1) has "provable convergence theory" (under
      τσ‖A‖² < 1, Chambolle & Pock 2011) but its "step sizes are inherently bounded by its
      associated matrix spectrum";
(iii) the proposed prediction–correction adaptive PDHG converges under a condition on the
      average spectrum of A. NOT encoded: the scheme and its constant are in the paper's body,
      which was not available here; only (i) and (ii), which need no part of the new scheme.

Testbed: problems.games.bilinear, d = 20, f(x, y) = xᵀAy + bᵀx + cᵀy with a fresh random A per
seed whose singular values are log-uniform on [0.1, 1] (‖A‖ = 1, a decaying spectrum as the card
asks; d = 20 rather than the card's 50 because 100×100 eigenvalue problems on every step grid made
the run too slow for the size budget), saddle point z* ~ N(0, I), z0 = 0. PDHG is
problems.methods.minmax.pdhg_step with θ = 0 (Arrow–Hurwicz) or θ = 1 (Chambolle–Pock), wrapped
by problems.bilinear_pdhg. The iteration is affine, so convergence from every start is decided
exactly by the spectral radius ρ of its linear part (forward-mode Jacobian of one step,
eigenvalues); the runs tie ρ to the dynamics.

Checks (AllOf):
 (i)  Arrow–Hurwicz, "any constant steps": min over an 8×8 log grid τ‖A‖, σ‖A‖ ∈ [10⁻², 10] of ρ
      is ≥ 1 − 10⁻⁹ (every 2×2 singular block has determinant exactly 1, so ρ ≥ 1 for every τ, σ);
      and at τ = σ = 0.9/‖A‖ the run's ‖z_k − z*‖/‖z_0 − z*‖ stays ≥ 0.1 for k ≤ 3000 (it circles
      z* on ellipses). This is non-convergence, not divergence: on an unconstrained bilinear
      problem Arrow–Hurwicz diverges only for τσ‖A‖² > 4 (that part of the grid); the abstract's
      "could diverge" for every step refers to He–You–Yuan's constrained counterexample, which
      is not reproduced here (the card's part (i) is the non-convergence form).
 (ii) Chambolle–Pock: ρ ≤ 1 − 10⁻⁶ at every grid point with τσ‖A‖² ∈ [0.05, 0.99] (8 products ×
      ratios τ/σ ∈ {0.1, 1, 10}); at τ = σ = 0.9/‖A‖ the run contracts, fitted ρ̂ on k ∈ [500, 3000]
      ≤ ρ_eig + 0.1(1 − ρ_eig) with ρ_eig = √(1 − 0.81·σ_min²/‖A‖²) = 0.99594 (closed form of the
      slowest block); and the step product is bounded by the spectrum: ρ ≥ 1.01 at every grid point
      with τσ‖A‖² ∈ [1.4, 4] (the run would diverge).
      A note, asserted as a sixth part because it is a fact of the testbed: ρ ≤ 1 − 10⁻⁶ also for
      τσ‖A‖² ∈ [1.01, 1.3]. On bilinear problems the bound is τσ‖A‖² < 4/3, not < 1 (closed form
      in problems.bilinear_pdhg; the slowest block, s = σ_min, still has modulus √(1 − τσσ_min²)
      ≈ 0.995), so the card's "Chambolle–Pock needs τσ‖A‖² < 1" holds as a sufficient condition
      only (the 4/3 is derived here, in closed form, and checked by the eigenvalues; it agrees
      with the abstract's wording, "bounded by its associated matrix spectrum").

Negative controls:
 - `adaptive-pdhg-cp-claimed-nonconvergent`: the non-convergence check (i) applied to
   Chambolle–Pock (θ = 1) at the same grid and steps: its ρ is < 1 at small steps and its run
   reaches ~10⁻⁵, so "ρ ≥ 1 − 10⁻⁹" and "stays ≥ 0.1" must be REFUTED.
 - `adaptive-pdhg-arrow-hurwicz-claimed-convergent`: the convergence check of (ii) applied to
   Arrow–Hurwicz (max ρ over τσ‖A‖² ∈ [0.05, 0.99] is exactly 1, its run does not contract).
 - `adaptive-pdhg-cp-claimed-unbounded-steps`: "Chambolle–Pock converges for τσ‖A‖² up to 4"
   (ρ ≤ 1 − 10⁻⁶ on [1.4, 4]) must be REFUTED (ρ ≥ 1.148 there, at every step).

Departures from the card: the assignment-problem LP and the comparison with the adaptive method
(part (iii)) are not encoded; the He–You–Yuan divergence example is replaced by the exact
non-convergence of Arrow–Hurwicz on bilinear problems, as the card's check (i) describes.
"""

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems import bilinear_pdhg as bp
from problems import games

PAPER = tt.Paper(title="Adaptive primal dual hybrid gradient algorithms based on average spectrum "
                       "for saddle point problems",
                 authors="S. Xu, B. He", year=2026, arxiv="2603.00644")

DIM, SIGMA_MIN, SIGMA_MAX = 20, 0.1, 1.0
STEP = 0.9 / SIGMA_MAX  # τ = σ for the runs: τσ‖A‖² = 0.81
RHO_CP = math.sqrt(1.0 - STEP * STEP * SIGMA_MIN ** 2)  # slowest CP block at the run's steps
GRID = np.geomspace(1e-2, 10.0, 8) / SIGMA_MAX  # τ and σ for "any constant steps"
RATIOS = (0.1, 1.0, 10.0)


def _product_grid(lo, hi, n):
    """(τ, σ) with τσ‖A‖² on a log grid in [lo, hi] and τ/σ ∈ RATIOS."""
    return [(math.sqrt(a * r) / SIGMA_MAX, math.sqrt(a / r) / SIGMA_MAX)
            for a in np.geomspace(lo, hi, n) for r in RATIOS]


FULL_GRID = [(float(t), float(s)) for t in GRID for s in GRID]
INSIDE = _product_grid(0.05, 0.99, 8)      # Chambolle–Pock's condition τσ‖A‖² < 1
BETWEEN = _product_grid(1.01, 1.3, 5)      # beyond CP's sufficient condition, below 4/3
OUTSIDE = _product_grid(1.4, 4.0, 6)       # beyond the bilinear 4/3 bound


def _radii(p, steps, theta):
    taus, sigmas = (jnp.asarray(v) for v in zip(*steps))
    return jax.vmap(lambda t, s: bp.spectral_radius(p, t, s, theta))(taus, sigmas)


def pdhg_spectra(key, checkpoints, ah_theta=0.0):
    """Exact spectral radii over step grids, and the normalized distance of two runs.

    `ah_theta` is the extrapolation used for the "Arrow–Hurwicz" series (0 for the claim; a
    control sets it to 1 to run Chambolle–Pock through the non-convergence check).
    """
    p = games.bilinear(key, DIM, SIGMA_MIN, SIGMA_MAX)
    z_star = games.bilinear_z_star(p)
    z0 = jnp.zeros(2 * DIM)
    r0 = jnp.linalg.norm(z0 - z_star)
    const = lambda v: jnp.full(len(checkpoints), v)  # noqa: E731

    def run(theta):
        step = lambda k, z: bp.step(p, z, STEP, STEP, theta)  # noqa: E731
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
CONTRACTS = RHO_CP + 0.1 * (1.0 - RHO_CP)


def _at_most(level, label, series):
    return tt.ExplicitBound(bound=lambda k: np.full(np.shape(k), level), label=label, series=series)


def _nonconvergence(prefix):
    return [tt.Divergence(floor=1.0 - 1e-9, series=f"{prefix}: min ρ over all steps"),
            tt.Divergence(floor=0.1, series=f"{prefix}: ‖z_k − z*‖")]


def _convergence(prefix):
    return [_at_most(1.0 - 1e-6, "ρ ≤ 1 − 10⁻⁶", f"{prefix}: max ρ, τσ‖A‖² < 1"),
            tt.LinearRate(rate=CONTRACTS, label="ρ_eig + 0.1(1 − ρ_eig)", window=(500, 3000),
                          series=f"{prefix}: ‖z_k − z*‖")]


adaptive_pdhg = tt.Claim(
    id="adaptive-pdhg",
    paper=PAPER,
    statement="(i) PDHG (Arrow–Hurwicz) with any constant step sizes fails to converge on generic "
              "convex saddle-point problems; (ii) Chambolle–Pock converges under τσ‖A‖² < 1, but its "
              "step sizes are bounded by the spectrum of A (on bilinear problems: τσ‖A‖² < 4/3, "
              "checked as a note). [(iii), the adaptive method's "
              "average-spectrum condition, is not encoded.]",
    assumptions=("convex–concave saddle point min_x max_y xᵀAy + bᵀx + cᵀy (bilinear, unconstrained; "
                 "the generic class includes it)",
                 "A 20×20 invertible, singular values log-uniform on [0.1, 1], ‖A‖ = 1",
                 "constant steps τ, σ: an 8×8 log grid on [10⁻², 10] for 'any'; τσ‖A‖² on grids in "
                 "[0.05, 0.99] and [1.4, 4] with τ/σ ∈ {0.1, 1, 10} for Chambolle–Pock"),
    testbed="games.bilinear(d = 20, σ ∈ [0.1, 1]) per seed, z0 = 0; exact 40×40 iteration-map "
            "eigenvalues on step grids; 3000-step runs at τ = σ = 0.9/‖A‖",
    area="games",
    experiment=pdhg_spectra,
    sweep=tt.Sweep(checkpoints=CHECKPOINTS, checkpoint_name="k"),
    seeds=8,
    quick_seeds=3,
    aggregate="mean",
    check=tt.AllOf(
        _nonconvergence("AH") + _convergence("CP")
        + [tt.Divergence(floor=1.01, series="CP: min ρ, τσ‖A‖² ∈ [1.4, 4]"),
           _at_most(1.0 - 1e-6, "ρ ≤ 1 − 10⁻⁶", "CP: max ρ, τσ‖A‖² ∈ [1.01, 1.3]")],
        names=["(i) AH: ρ ≥ 1 for every step", "(i) AH run stays ≥ 0.1",
               "(ii) CP: ρ < 1 when τσ‖A‖² < 1", "(ii) CP run contracts at ρ_eig",
               "(ii) CP: ρ > 1 when τσ‖A‖² ≥ 1.4 (bounded by the spectrum)",
               "note: CP also converges for τσ‖A‖² ∈ [1.01, 1.3] (bilinear bound is 4/3)"]),
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
    check=_at_most(1.0 - 1e-6, "ρ ≤ 1 − 10⁻⁶", "CP: min ρ, τσ‖A‖² ∈ [1.4, 4]"),
)
