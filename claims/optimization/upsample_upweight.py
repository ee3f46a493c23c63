"""Upsampling vs upweighting an imbalanced mixture: same full-batch path, lower SGD variance for upsampling.

Statement
---------
T. Li, H. Xu, W. Tan, K. Murray, D. Khashabi, "Upsample or Upweight? Balanced Training on
Heavily Imbalanced Datasets", NAACL 2025, arXiv:2410.04579 (catalogue card seeds-000-003-004
`upsample-upweight`; source: abstract only, the theorems were not found in the stored pages).
Balancing domains by sampling them with the mixture weights (temperature sampling, "upsample")
and by sampling uniformly while scaling each loss by its weight (scalarization, "upweight") are
(1) equivalent under full gradient descent, and (2) different under stochastic gradient descent:
temperature sampling has the lower gradient variance and so converges faster (to a lower noise
floor at the same step size). No rate is stated; the claim is the equality (1) and the ordering
(2). The cooldown schedule and the overfitting part of the abstract are not encoded.

Assumptions
-----------
- Two-domain least squares (problems.stochastic.upsample_upweight): domain sizes 10⁴ and 10²,
  mixture weights 0.5/0.5, d = 5, a_i ~ N(0, I), labels a_iᵀx_true + N(0, 1) in both domains,
  so every point has the same gradient-norm law (the card's condition for the ordering).
- Both methods run the same step η = 0.01, batch 16, x0 = 0, for 3000 steps; both stochastic
  gradients are unbiased for ∇F, so any difference in the gap comes from their variance. The
  two draw their batches by inverse-CDF sampling from the same uniforms (common random
  numbers), which pairs the runs without changing either estimator's law.
- Full gradient descent: the expected gradients of the two schemes, each written its own way
  (a q-weighted sum vs the mean of N·q_i-scaled per-point gradients), step 0.1, for its first
  300 steps (converged by then); the distance of the two paths is reported at every checkpoint.

Attainment
----------
At the minimizer the one-sample second moments are Σ q_i‖∇l_i‖² (upsample) and
N Σ q_i²‖∇l_i‖² (upweight); with equal gradient-norm laws their ratio is about N Σ q_i², which
is 25 for these sizes, so the constant-step noise floor (proportional to the gradient
covariance at the minimizer) of upweighting is well above upsampling's. The comparison is read
on the floor, steps 1000 to 3000, after the common transient (the mean path is the same for both).

Trivial baseline
----------------
No algorithm (step 0): both gaps stay at their initial value, a ratio of exactly 1, which the
strict comparison REFUTES (`upsample-upweight-no-step`). The balanced mixture (weights equal to
the domain proportions), where both estimators are the same, is the method without its
ingredient (imbalance) and also ties: REFUTED (`upsample-upweight-balanced-mixture`).

Controls
--------
- `upsample-upweight-balanced-mixture` (mechanism): weights proportional to the domain sizes,
  so q is uniform and upweighting is upsampling (with common random numbers, bit for bit); the
  ratio is 1 and the comparison REFUTES.
- `upsample-upweight-informative-rare-points` (mechanism, the card's negative control): the
  rare domain's labels are noiseless, so the heavily weighted points have small gradients at
  the minimizer; N Σ q_i²‖∇l_i‖² drops below Σ q_i‖∇l_i‖² and the ordering flips: REFUTED.
- `upsample-upweight-same-method`: upsampling reported in place of upweighting; a tie, REFUTED.
- `upsample-upweight-no-step`: the trivial baseline above, REFUTED.

Departures and revisions
------------------------
The abstract's theorems were not read; the variance ordering is stated under the card's
condition (equal per-point gradient laws), which is what the informative-rare-points control
shows to be necessary. The full-GD equality is checked to GD_TOL, a rounding allowance, since
the two gradients are the same vector summed in different orders.
"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems.stochastic import upsample_upweight as uu

PAPER = tt.Paper(
    title="Upsample or Upweight? Balanced Training on Heavily Imbalanced Datasets",
    authors="T. Li, H. Xu, W. Tan, K. Murray, D. Khashabi",
    year=2025,
    arxiv="2410.04579",
)

SIZES = (10_000, 100)
IMBALANCED_WEIGHTS = (0.5, 0.5)
EQUAL_NOISE = (1.0, 1.0)
NOISELESS_RARE_DOMAIN = (1.0, 0.0)
DIM = 5
BATCH = 16
#: Constant SGD step: far below 2/(largest per-batch curvature) for both schemes (the heaviest
#: upweighted point has weight N q_i ≈ 50 and ‖a_i‖² ≈ d, averaged over the batch of 16).
SGD_STEP = 0.01
#: Full-batch GD step: below 2/L for F (L ≈ largest eigenvalue of Σ q_i a_i a_iᵀ ≈ 1 to 2).
GD_STEP = 0.1
#: The two full gradients are one vector summed in two orders: over T ≤ GD_STEPS steps their float64
#: rounding differences accumulate to at most about T·d·ε_mach·κ ≈ 1e-11 relative; 1e-9 leaves
#: a margin of 100 while any genuine difference of the schemes would be O(1).
GD_TOL = 1e-9
FLOOR_WINDOW = (1000, 3000)
#: Full-batch GD is run for its first 300 steps only (it has converged to rounding by then:
#: contraction 1 − GD_STEP·λ_min(Σ q_i a_i a_iᵀ) per step, λ_min ≳ 0.2), which keeps the
#: N × d full gradients out of the remaining SGD steps.
GD_STEPS = 300


def balanced_runs(key, checkpoints, weights=IMBALANCED_WEIGHTS, noise=EQUAL_NOISE, step=SGD_STEP):
    """Normalized gaps of SGD with upsampling / upweighting, and the distance of the two GD paths."""
    k_data, k_run = jax.random.split(key)
    p = uu.make(k_data, SIZES, DIM, weights, noise)
    x_star = uu.minimizer(p)
    f_star = uu.objective(p, x_star)
    x0 = jnp.zeros(DIM)
    gap0 = uu.objective(p, x0) - f_star
    r0 = jnp.linalg.norm(x0 - x_star)

    def step_fn(t, state):
        x_up, x_w, g_up, g_w = state
        k_t = jax.random.fold_in(k_run, t)  # common random numbers for the paired comparison
        x_up = x_up - step * uu.stochastic_grad(p, x_up, k_t, BATCH, "upsample")
        x_w = x_w - step * uu.stochastic_grad(p, x_w, k_t, BATCH, "upweight")
        g_up, g_w = jax.lax.cond(
            t < GD_STEPS,
            lambda g: (
                g[0] - GD_STEP * uu.full_grad_upsample(p, g[0]),
                g[1] - GD_STEP * uu.full_grad_upweight(p, g[1]),
            ),
            lambda g: g,
            (g_up, g_w),
        )
        return x_up, x_w, g_up, g_w

    def observe(state):
        x_up, x_w, g_up, g_w = state
        return {
            "upsample": (uu.objective(p, x_up) - f_star) / gap0,
            "upweight": (uu.objective(p, x_w) - f_star) / gap0,
            "GD path distance": jnp.linalg.norm(g_up - g_w) / r0,
        }

    return tt.trajectory(step_fn, (x0, x0, x0, x0), checkpoints, observe)


upsample_upweight = tt.Claim(
    id="upsample-upweight",
    paper=PAPER,
    statement="Temperature sampling (upsampling) and scalarization (upweighting) give the same "
    "full gradient descent path, while under SGD temperature sampling has the lower gradient "
    "variance and reaches a lower noise floor at the same step size.",
    assumptions=(
        "imbalanced two-domain least squares, sizes 10⁴ and 10², mixture weights 0.5/0.5",
        "equal per-point gradient laws in both domains (same label noise)",
        "same constant step, batch and start for both schemes; both gradients unbiased",
    ),
    testbed="d = 5 least squares, N(0, 1) label noise, SGD step 0.01, batch 16, 3000 steps; GD step 0.1",
    source="abstract only",
    area="optimization",
    quantity=r"$(F(x_t) - F^\star) / (F(x_0) - F^\star)$",
    experiment=balanced_runs,
    sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1, 3000, 24)),
    seeds=64,
    quick_seeds=16,
    aggregate="mean",
    check=tt.AllOf(
        [
            tt.Comparison(numerator="upweight", denominator="upsample", at_least=1.0, window=FLOOR_WINDOW),
            tt.AtMost(GD_TOL, "float64 rounding allowance", series="GD path distance"),
        ],
        names=["SGD floor: upweight / upsample", "full GD paths equal"],
    ),
)

upsample_upweight_balanced_mixture = upsample_upweight.control(
    id="upsample-upweight-balanced-mixture",
    why="Mixture weights proportional to the domain sizes make q uniform: upweighting is then "
    "upsampling, the two floors tie and the strict comparison must be refuted.",
    experiment=functools.partial(balanced_runs, weights=None),
)

upsample_upweight_informative_rare_points = upsample_upweight.control(
    id="upsample-upweight-informative-rare-points",
    why="Noiseless labels in the rare domain give its heavily weighted points small gradients at "
    "the minimizer, so N Σ q_i²‖∇l_i‖² falls below Σ q_i‖∇l_i‖²: upweighting gets the lower floor "
    "and the ordering is refuted (the claim needs comparable per-point gradients).",
    experiment=functools.partial(balanced_runs, noise=NOISELESS_RARE_DOMAIN),
)

upsample_upweight_same_method = upsample_upweight.control(
    id="upsample-upweight-same-method",
    why="Upsampling reported in place of upweighting: a method compared with itself ties and "
    "must not confirm an improvement.",
    experiment=tt.same_method(balanced_runs, {"upweight": "upsample"}),
)

upsample_upweight_no_step = upsample_upweight.control(
    id="upsample-upweight-no-step",
    why="The trivial baseline, no algorithm (step 0): both gaps stay at 1, a tie the strict "
    "comparison refutes.",
    experiment=functools.partial(balanced_runs, step=0.0),
)
