"""Consensus-based optimization finds the global minimizer of the Rastrigin function (derivative-free).

Statement
---------
K. Riedl, T. Klock, C. Geldhauser, M. Fornasier, "Gradient is All You Need? How
Consensus-Based Optimization can be Interpreted as a Stochastic Relaxation of Gradient
Descent", arXiv:2306.09778 (abstract only; catalogue card `cbo-global`). CBO, a
multi-particle method that uses function values only, behaves like a stochastic relaxation
of gradient descent and converges globally to the global minimizer for broad classes of
nonsmooth nonconvex objectives; its stochastic perturbations let it cross the energy barriers
that stop gradient descent. The guarantee is qualitative (mean-field, N → ∞); the checkable
form is the card's: with N = 1000 particles, CBO's consensus point lands within ∞-distance
0.25 of the global minimizer in at least 90% of runs.

Assumptions
-----------
- Objective: Rastrigin in d = 2, f(x) = 10d + Σ(x_j² − 10 cos 2πx_j), global minimizer 0,
  local minima near every point of Z^d (nonconvex, with barriers between cells).
- Initial law N(3·1, I): it charges the minimizer (as the global-convergence results need)
  but is centred three cells away from it.
- Isotropic CBO (Euler–Maruyama, Δt = 0.01, 1000 steps, T = 10), λ = 1, σ = 0.8 (so
  2λ > dσ², the mean-field condition for isotropic noise), α = 1000
  (`problems.methods.cbo_global`).

Attainment
----------
The statement is a success probability, checked as the failure rate (the proportion of seeds
with ‖v_T − x*‖∞ ≥ 0.25) against the card's 10%, with the exact (Clopper–Pearson) interval of a
binomial proportion. With no failure among n seeds that interval reaches 1 − 0.025^(1/n), so
the rate can only be confirmed below 10% from n ≥ 36 seeds: the quick size runs 48 (upper end
0.074 at 0 failures), the full size 64 (one failure still confirms: upper end 0.084).
The regime is chosen so that the check can fail: from this initial law, the best of the
1000 initial particles is within 0.25 of 0 in well under 1% of runs (d = 2, 3 standard
deviations away), and gradient descent from any of them stops in the local minimum of its
cell.

Trivial baseline
----------------
No dynamics (the consensus point of the initial particles, i.e. a weighted best-of-1000
random search): fails in almost every run, REFUTED (cbo-global-no-steps). At d = 2 with an
initial law centred on the minimizer this baseline would pass, which is why the law is
shifted.

Controls
--------
- cbo-global-gradient-descent: the card's negative control, gradient descent (step 0.002,
  1000 steps) from the same 1000 initial points, reporting the best final point: every start
  stays in its own cell, REFUTED.
- cbo-global-no-noise: CBO with σ = 0 (no stochastic relaxation): the particles contract
  onto their initial consensus, a point of a far cell, REFUTED.
- cbo-global-no-steps: the trivial baseline above.
- cbo-global-card-d10: the card's d = 10 case (σ = 0.4 to keep 2λ > dσ²) with the same
  N = 1000 and initial law: the success rate is far below 90%, REFUTED. A finding about the
  card's threshold (the guarantee is mean-field), kept beside the claim rather than hidden.

Departures and revisions
------------------------
Abstract only: the paper's theorems (mean-field convergence, its rates and parameter
conditions) were not read; the 90% threshold at N = 1000 is the card's, not the paper's. The
card's d = 10 fails the threshold: probes before this claim was written (isotropic and
anisotropic CBO, σ ∈ {0.4, 0.7, 1}, α ∈ {30, 100, 1e5}, from N(1, 4I)) had success near 0,
and the run cbo-global-card-d10 records it with the claim's own law; the claim is stated at
d = 2 and no parameter was retuned to make d = 10 pass. The failure rate was first judged with
a bootstrap interval, [0, 0] at 0 of 16 quick seeds; it is now a binomial proportion with its
exact interval, and the quick size has 48 seeds (see Attainment and `revisions`).
"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems.methods import cbo_global as cbo

PAPER = tt.Paper(
    title="Gradient is All You Need? How Consensus-Based Optimization can be Interpreted as a Stochastic "
    "Relaxation of Gradient Descent",
    authors="K. Riedl, T. Klock, C. Geldhauser, M. Fornasier",
    year=2023,
    arxiv="2306.09778",
)

DIM, INIT_MEAN, INIT_STD = 2, 3.0, 1.0
STEPS, DT, LAM, SIGMA, ALPHA = 1000, 0.01, 1.0, 0.8, 1000.0
GD_STEP = 0.002
#: The card's second dimension, with the largest isotropic σ below the mean-field condition
#: 2λ > dσ² (σ² < 0.2 at d = 10).
CARD_DIM, CARD_DIM_SIGMA = 10, 0.4
#: The card's success criterion: consensus within ∞-distance 0.25 of the minimizer (half the
#: distance to the nearest local minimum), and its required success rate of 90%.
SUCCESS_RADIUS = 0.25
MAX_FAILURE_RATE = 0.1


def failure(key, n_particles, method="cbo", sigma=SIGMA, steps=STEPS, dim=DIM):
    """1 when the method's output is not within SUCCESS_RADIUS (∞-norm) of the minimizer 0, else 0."""
    k_init, k_run = jax.random.split(key)
    x0 = cbo.init_particles(k_init, n_particles, dim, INIT_MEAN, INIT_STD)
    if method == "gd":
        out = cbo.gradient_descent(x0, cbo.rastrigin, steps, GD_STEP)
    else:
        out = cbo.cbo(k_run, x0, cbo.rastrigin, steps, ALPHA, LAM, sigma, DT)
    return (jnp.max(jnp.abs(out)) >= SUCCESS_RADIUS).astype(float)


cbo_global = tt.Claim(
    id="cbo-global",
    paper=PAPER,
    statement="Consensus-based optimization (derivative-free, multi-particle) converges to the global "
    "minimizer of nonsmooth nonconvex objectives; with N = 1000 particles it succeeds in ≥ 90% of runs "
    "(the card's form).",
    assumptions=(
        "Rastrigin, d = 2, global minimizer 0, local minima near Z^d",
        "initial law N(3·1, I), which charges the minimizer",
        "isotropic CBO, λ = 1, σ = 0.8 (2λ > dσ²), α = 1000, Δt = 0.01, T = 10",
    ),
    testbed="N = 1000 particles; success = consensus within ∞-distance 0.25 of 0",
    source="abstract only (card's success threshold)",
    revisions=(
        "d = 2 with the initial law N(3·1, I) replaced the card's d = 10 from N(1, 4I) after probes before "
        "the claim was written gave near-0 success at d = 10 (see Departures); the law was shifted so that "
        "the best-of-1000 random-search baseline fails at d = 2.",
        "The failure rate was judged with the bootstrap interval of a mean, which is [0, 0] whenever no seed "
        "fails: 0 of 16 quick seeds CONFIRMED ≤ 10%, though 16 seeds cannot show it. It is now a proportion "
        "with the exact binomial interval, and the quick size was raised from 16 to 48 seeds, the smallest "
        "multiple of 16 at which 0 failures can confirm; decided from that interval, before a run at 48.",
    ),
    quantity="failure rate",
    experiment=failure,
    sweep=tt.Sweep(grid={"n_particles": (1000,)}),
    seeds=64,
    quick_seeds=48,
    aggregate="proportion",
    check=tt.AtMost(MAX_FAILURE_RATE, "1 − 90% success", x="n_particles"),
)

cbo_global_gradient_descent = cbo_global.control(
    id="cbo-global-gradient-descent",
    why="Gradient descent from the same 1000 points stays in the local minimum of each start's cell: "
    "the best final point is a far local minimum, so the failure rate is near 1.",
    experiment=functools.partial(failure, method="gd"),
)

cbo_global_no_noise = cbo_global.control(
    id="cbo-global-no-noise",
    why="CBO without its stochastic perturbation (σ = 0) contracts onto the initial consensus point in a "
    "far cell and cannot cross the barriers.",
    experiment=functools.partial(failure, sigma=0.0),
)

cbo_global_no_steps = cbo_global.control(
    id="cbo-global-no-steps",
    why="The trivial baseline: the consensus of the initial particles (a weighted best-of-1000 random "
    "search), which is within 0.25 of the minimizer in well under 1% of runs.",
    experiment=functools.partial(failure, steps=0),
)

cbo_global_card_d10 = cbo_global.control(
    id="cbo-global-card-d10",
    why="A finding, not a mechanism: the card's d = 10 at N = 1000 (σ = 0.4, so 2λ > dσ²) from the same "
    "shifted law; the consensus stops in a far local minimum in most runs, so the 90% threshold fails. The "
    "guarantee is a mean-field one (N → ∞), and 1000 particles are too few here.",
    experiment=functools.partial(failure, dim=CARD_DIM, sigma=CARD_DIM_SIGMA),
)
