"""Cautious optimizers: masking the coordinates that move against the gradient keeps descent.

Covers catalogue card `cautious-optimizer` (seeds-001.md).

Statement
---------
K. Liang, L. Chen, B. Liu, Q. Liu, "Cautious Optimizers: Improving Training with One Line of Code"
(arXiv:2411.16085; abstract and Algorithm 1 only, the theorem was not read). The abstract says the
one-line modification (update only where the optimizer's update u and the gradient g agree in
sign, rescaled by the fraction kept) preserves Adam's Hamiltonian and does not break its
convergence guarantee under the Lyapunov analysis. Encoded, in discrete time on an L-smooth
objective: every cautious step satisfies the descent inequality
f(x_{t+1}) − f(x_t) ≤ (L/2)‖x_{t+1} − x_t‖² (the masked update has ⟨g, Δx⟩ ≤ 0, so the loss
can rise only by the second-order curvature term: the discrete form of the monotone decrease the
continuous-time analysis gives), and C-Adam still converges (its final gap is below the initial).

Assumptions
-----------
- L-smooth objective: a convex quadratic, d = 20, log-uniform spectrum on [10⁻², 1] (L = 1,
  κ = 100), random rotation and x* ~ N(0, I) per seed, x_0 = 0.
- Base optimizer: Adam (optax.adam, β₁ = 0.9, β₂ = 0.999, no weight decay, so the objective is
  f itself), learning rate 0.1, T = 3000 steps.
- Cautious wrapper as in Algorithm 1 (problems.methods.cautious_optimizer): mask 1[u∘g agree],
  rescaled by 1/(mean(mask) + 10⁻⁸).

Attainment
----------
Part 1 measures, per run, max_t (f(x_{t+1}) − f(x_t)) / ((L/2)‖x_{t+1} − x_t‖²) (0 when the
iterate does not move), with the increase computed by the exact quadratic identity
⟨g, Δx⟩ + ½ΔxᵀAΔx (no cancellation near the optimum); the maximum over seeds must be ≤ 1
(AtMost 1). The bound is exactly the descent inequality, attained as ⟨g, Δx⟩ → 0. Adam's momentum
overshoots in the stiff directions at this learning rate, where ⟨g, Δx⟩ > 0 and the ratio far
exceeds 1, so the check separates the two. Part 2: the relative final gap
(f(x_T) − f*)/(f(x_0) − f*), maximum over seeds, strictly below 1 (a strict Comparison).

Trivial baseline
----------------
No algorithm (learning rate 0) never moves: part 1 holds (ratio 0) and part 2 is a tie (ratio 1):
cautious-optimizer-no-step, REFUTED by part 2. The anti-cautious mask behaves the same way here
(Adam's first update is −lr·sign(g), entirely downhill, so the anti mask keeps nothing and the
iterate never moves): cautious-optimizer-anti-cautious, REFUTED by part 2.

Controls
--------
- cautious-optimizer-no-mask: the method without its ingredient, plain Adam with the same
  learning rate: its momentum steps move uphill, so the loss rises by far more than the
  curvature term: part 1 REFUTED.
- cautious-optimizer-anti-cautious: the card's control, the mask 1[u∘g uphill]: REFUTED (above).
- cautious-optimizer-no-step: the trivial baseline: REFUTED.
- cautious-optimizer-same-gap: same-method control of the progress comparison (the initial gap
  reported as the final one): REFUTED.

Departures and revisions
------------------------
- Abstract only: the paper's Hamiltonian H(x, m, v) and its theorem were not read, so the
  Hamiltonian itself is not measured (the card's suggested quantity); the encoded consequence is
  the loss's descent inequality, which the sign mask implies for any base optimizer.
- Learning rate 0.1 rather than the card's unspecified "small" one: at 10⁻³ plain Adam itself
  never rose on this instance within the horizon, so the check could not tell the two apart; at
  0.03 it rose in most but not all runs (see `revisions`). The claim's inequality does not depend
  on the learning rate.
"""

import functools

import jax
import jax.numpy as jnp
import optax

import theorytest as tt
from problems.convex import quadratics
from problems.methods import cautious_optimizer

PAPER = tt.Paper(
    title="Cautious Optimizers: Improving Training with One Line of Code",
    authors="K. Liang, L. Chen, B. Liu, Q. Liu",
    year=2024,
    arxiv="2411.16085",
)

DIM = 20
KAPPA = 100.0
LEARNING_RATE = 0.1
STEPS = 3000
#: The descent inequality f(x_{t+1}) − f(x_t) ≤ (L/2)‖Δx‖² as a ratio: at most 1.
DESCENT_BOUND = 1.0


def _optimizer(mask, lr):
    base = optax.adam(lr)
    if mask == "none":
        return base
    return cautious_optimizer.cautious(base, anti=mask == "anti")


def descent_and_progress(key, lr, mask="cautious", move=True):
    """Worst one-step ratio (f_{t+1} − f_t)/((L/2)‖Δx‖²) and the relative final gap of one run.

    mask: "cautious" (the paper's), "none" (plain Adam), "anti" (uphill coordinates only);
    move=False is the no-algorithm baseline (learning rate 0).
    """
    problem = quadratics.make(key, DIM, kappa=KAPPA, spectrum="log-uniform")
    opt = _optimizer(mask, lr if move else 0.0)
    x0 = jnp.zeros(DIM)

    def body(_, carry):
        x, state, worst = carry
        g = quadratics.grad(problem, x)
        delta, state = opt.update(g, state, x)
        rise = jnp.dot(g, delta) + 0.5 * delta @ problem.A @ delta
        curvature = 0.5 * problem.L * jnp.sum(delta**2)
        ratio = jnp.where(curvature > 0, rise / jnp.where(curvature > 0, curvature, 1.0), 0.0)
        return x + delta, state, jnp.maximum(worst, ratio)

    x, _, worst = jax.lax.fori_loop(0, STEPS, body, (x0, opt.init(x0), jnp.asarray(0.0)))
    gap0 = quadratics.value(problem, x0) - problem.f_star
    return {
        "uphill ratio": worst,
        "initial gap": jnp.asarray(1.0),
        "final gap": (quadratics.value(problem, x) - problem.f_star) / gap0,
    }


cautious_optimizer_claim = tt.Claim(
    id="cautious-optimizer",
    paper=PAPER,
    statement="The cautious mask keeps descent: each C-Adam step on an L-smooth f satisfies "
    "f(x_{t+1}) − f(x_t) ≤ (L/2)‖x_{t+1} − x_t‖² (no first-order rise), and C-Adam still converges "
    "(final gap below the initial gap in every run).",
    assumptions=(
        "L-smooth convex quadratic, d = 20, L = 1, κ = 100",
        "Adam base (β₁ = 0.9, β₂ = 0.999), learning rate 0.1, 3000 steps",
        "Algorithm 1's mask and rescaling",
    ),
    testbed="rotated log-uniform quadratic per seed, x_0 = 0; worst one-step rise over the "
    "curvature term, and the relative final gap",
    source="abstract only",
    revisions=(
        "Learning rate 0.03 → 0.1 after a quick audit (4 seed sets) gave the no-mask control "
        "INCONCLUSIVE once: at 0.03 plain Adam moved uphill in most but not all runs; the "
        "claim's descent inequality holds exactly for the cautious update at any learning rate, "
        "so the change can only make the control (not the claim) easier to decide.",
    ),
    quantity=r"$\max_t (f(x_{t+1}) - f(x_t)) / \frac{L}{2}\|x_{t+1} - x_t\|^2$",
    experiment=descent_and_progress,
    sweep=tt.Sweep(grid={"lr": (LEARNING_RATE,)}),
    seeds=64,
    quick_seeds=16,
    aggregate="max",
    check=tt.AllOf(
        [
            tt.AtMost(DESCENT_BOUND, "descent inequality", series="uphill ratio", x="lr"),
            tt.Comparison("final gap", "initial gap", at_most=1.0, reduce="max", x="lr"),
        ],
        names=["descent", "progress"],
    ),
)

cautious_optimizer_no_mask = cautious_optimizer_claim.control(
    id="cautious-optimizer-no-mask",
    why="The method without its mask, plain Adam: its momentum steps move uphill in the stiff "
    "directions, so the loss rises by more than the curvature term.",
    experiment=functools.partial(descent_and_progress, mask="none"),
)

cautious_optimizer_anti_cautious = cautious_optimizer_claim.control(
    id="cautious-optimizer-anti-cautious",
    why="The anti-cautious mask keeps only uphill coordinates; Adam's first step is entirely "
    "downhill, so nothing is kept and the iterate never moves: no progress (a tie).",
    experiment=functools.partial(descent_and_progress, mask="anti"),
)

cautious_optimizer_no_step = cautious_optimizer_claim.control(
    id="cautious-optimizer-no-step",
    why="The trivial baseline, learning rate 0: no move, so the final gap equals the initial one.",
    experiment=functools.partial(descent_and_progress, move=False),
)

cautious_optimizer_same_gap = cautious_optimizer_claim.control(
    id="cautious-optimizer-same-gap",
    why="Same-method control of the progress comparison: the initial gap reported as the final "
    "gap gives a ratio of exactly 1, which must not confirm a decrease.",
    experiment=tt.same_method(descent_and_progress, {"final gap": "initial gap"}),
)
