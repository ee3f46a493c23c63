"""Preconditioned AEGD is unconditionally energy stable: the energy never increases, for any step.

Covers catalogue card `aegd-energy` (seeds-001.md).

Statement
---------
H. Liu, L. Nurbekyan, X. Tian, Y. Yang, "Adaptive Preconditioned Gradient Descent with Energy"
(arXiv:2310.06733; abstract only, the theorems were not read). The abstract says that
preconditioned gradient descent placed in the adaptive-energy (AEGD) framework is
unconditionally energy stable, and states convergence rates for three classes of objectives.
Encoded: for every base step η (here η ∈ {10⁻², 1, 10², 10⁴}) the energy r_k of preconditioned
AEGD is non-increasing, r_{k+1} ≤ r_k, along every run.

Assumptions
-----------
- Objective: a convex quadratic, d = 20, log-uniform spectrum on [10⁻², 1] (κ = 100), random
  rotation and x* ~ N(0, I) per seed, x_0 = 0, f* = 0; shift c = 1 (f + c > 0).
- Preconditioner: P = diag(∇²f)⁻¹ (Jacobi), symmetric positive definite.
- AEPG as in problems.methods.aegd_energy: v_k = ∇f(x_k)/(2√(f(x_k) + c)),
  r_{k+1} = r_k/(1 + 2η⟨v_k, P v_k⟩), x_{k+1} = x_k − 2η r_{k+1} P v_k, r_0 = √(f(x_0) + c);
  K = 500 steps.

Attainment
----------
The metric is the largest one-step energy ratio max_k |r_{k+1}|/|r_k| of each run, its maximum
over seeds, at each η; the check is AtMost 1, the statement's own threshold. For the implicit
energy update this holds by construction (the card's "weak test"): the check confirms an
algebraic property of the scheme, and its value is in the controls, which show that the same
check rejects the explicit update and gradient descent.

Trivial baseline
----------------
No algorithm (x_k = x_0, constant energy) has ratio exactly 1 and passes this check: the theorem
is satisfied by doing nothing, which no choice of statistic changes (it is a property of the
energy update, not of progress on f). It was run (as a control of an earlier revision, whose
extra progress part it failed). The non-trivial content is carried by the controls below and by
the finding control aegd-energy-objective-decreases, which shows that energy stability does not
imply that f decreases at large η.

Controls
--------
- aegd-energy-explicit-update: the method without its key ingredient, the implicit energy
  update: r_{k+1} = r_k(1 − 2η⟨v, Pv⟩) (forward Euler). For η ≥ 10² the factor exceeds 1 in
  magnitude and the energy grows: REFUTED. (It reports the energy series alone: its objective
  overflows, which the engine would otherwise report as a blow-up outside the check.)
- aegd-energy-gradient-descent: the card's control, preconditioned gradient descent with the
  same η and P, its energy taken as √(f + c): it diverges for η ≥ 10² and the energy grows (a
  run that overflows is frozen at its last finite iterate, so it gives data, not NaN): REFUTED.
- aegd-energy-objective-decreases (a finding, check only): the same runs checked for
  f(x_K) − f* < f(x_0) − f* in every run at every η (a strict comparison of the relative final
  gap with 1, maximum over seeds and η). At η ≥ 10² the first steps, taken before the energy
  collapses, overshoot, and some runs end with a larger gap than they started with: REFUTED.
  Energy stability is not objective decrease; the abstract's convergence rates presumably carry
  conditions on η (not read).

Departures and revisions
------------------------
- Abstract only: the theorems' statements (and the paper's exact preconditioned scheme) were
  not read. The update is AEGD's published form with P inserted in the step and in the energy's
  dissipation, an assumption of this encoding; the convergence rates for the three classes are
  not encoded, and the card's Rosenbrock testbed is not run.
- A progress part (f decreases at every η) was first part of the claim; it is not the abstract's
  statement and the runs refute it, so it became the finding control above (see `revisions`).
"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems.convex import quadratics
from problems.methods import aegd_energy

PAPER = tt.Paper(
    title="Adaptive Preconditioned Gradient Descent with Energy",
    authors="H. Liu, L. Nurbekyan, X. Tian, Y. Yang",
    year=2023,
    arxiv="2310.06733",
)

DIM = 20
KAPPA = 100.0
SHIFT = 1.0
STEPS = 500
LEARNING_RATES = (1e-2, 1.0, 1e2, 1e4)
#: Energy stability is r_{k+1} ≤ r_k, i.e. a one-step ratio of at most 1 (the statement's own threshold).
NON_INCREASING = 1.0


def _energy_ratio(new, old):
    """|new|/|old|, with 1 where the old energy is exactly zero (a zero energy cannot grow in AEGD)."""
    return jnp.where(jnp.abs(old) > 0, jnp.abs(new) / jnp.where(jnp.abs(old) > 0, jnp.abs(old), 1.0), 1.0)


def energy_and_progress(key, lr, method="aegd"):
    """Largest one-step energy ratio over K steps, and the gaps f − f* relative to the initial gap.

    A run whose iterate overflows is frozen at its last finite state (the growth that led there
    is already in the energy ratio), so a diverging method gives data rather than NaN.

    method: "aegd" (implicit energy, the paper's), "explicit" (forward-Euler energy), "gd"
    (preconditioned gradient descent, energy √(f + c)), "none" (no step).
    """
    problem = quadratics.make(key, DIM, kappa=KAPPA, spectrum="log-uniform")
    precond = jnp.diag(1.0 / jnp.diag(quadratics.hessian(problem)))

    def value_and_grad(x):
        return quadratics.value(problem, x), quadratics.grad(problem, x)

    x0 = jnp.zeros(DIM)
    f0 = quadratics.value(problem, x0)

    def update(state):
        x, r = state
        if method in ("aegd", "explicit"):
            return aegd_energy.step(state, value_and_grad, lr, SHIFT, precond, method == "explicit")
        if method == "gd":
            x = x - lr * precond @ quadratics.grad(problem, x)
            return x, jnp.sqrt(quadratics.value(problem, x) + SHIFT)
        return x, r

    def body(_, carry):
        state, worst = carry
        new = update(state)
        worst = jnp.fmax(worst, _energy_ratio(new[1], state[1]))
        finite = jnp.all(jnp.isfinite(new[0])) & jnp.isfinite(new[1])
        return jax.tree.map(lambda a, b: jnp.where(finite, a, b), new, state), worst

    state, worst = jax.lax.fori_loop(0, STEPS, body, (aegd_energy.init(x0, f0, SHIFT), jnp.asarray(0.0)))
    initial_gap = f0 - problem.f_star
    return {
        "energy ratio": worst,
        "initial gap": jnp.asarray(1.0),
        "final gap": (quadratics.value(problem, state[0]) - problem.f_star) / initial_gap,
    }


def energy_only(key, lr, method="aegd"):
    """The energy series alone: a method whose objective overflows still reports its energy ratio."""
    return {"energy ratio": energy_and_progress(key, lr, method)["energy ratio"]}


aegd_energy_claim = tt.Claim(
    id="aegd-energy",
    paper=PAPER,
    statement="Preconditioned AEGD is unconditionally energy stable: for every base step η the "
    "energy satisfies r_{k+1} ≤ r_k along every run.",
    assumptions=(
        "convex quadratic, d = 20, κ = 100, shift c = 1",
        "Jacobi preconditioner P = diag(∇²f)⁻¹ (positive definite)",
        "η ∈ {10⁻², 1, 10², 10⁴}, K = 500 steps from x_0 = 0",
    ),
    testbed="rotated log-uniform quadratic per seed, AEPG with implicit energy update, 500 steps",
    source="abstract only",
    quantity=r"$\max_k r_{k+1}/r_k$",
    revisions=(
        "Gaps reported relative to each seed's initial gap (before: raw gaps, aggregated by max "
        "over seeds) after the first quick run was INCONCLUSIVE on the progress part: the max of "
        "final gaps and the max of initial gaps came from different seeds, which is not the "
        "per-run statement; and a diverging control run is frozen at its last finite iterate "
        "after it gave NaN (DIVERGED) instead of data.",
        "The progress part (f(x_K) − f* < f(x_0) − f* at every η) was removed from the claim and "
        "kept as the finding control aegd-energy-objective-decreases after the second quick run "
        "REFUTED it at η ≥ 10²: it is this encoding's addition, not the abstract's statement.",
    ),
    experiment=energy_and_progress,
    sweep=tt.Sweep(grid={"lr": LEARNING_RATES}),
    seeds=64,
    quick_seeds=16,
    aggregate="max",
    check=tt.AtMost(NON_INCREASING, "r_{k+1}/r_k ≤ 1", series="energy ratio"),
)

aegd_energy_explicit_update = aegd_energy_claim.control(
    id="aegd-energy-explicit-update",
    why="The method without its implicit energy update: forward Euler r_{k+1} = r_k(1 − 2η⟨v, Pv⟩), "
    "whose factor exceeds 1 in magnitude for large η, so the energy grows.",
    experiment=functools.partial(energy_only, method="explicit"),
)

aegd_energy_gradient_descent = aegd_energy_claim.control(
    id="aegd-energy-gradient-descent",
    why="Preconditioned gradient descent with the same η (the card's control): it diverges for "
    "η ≥ 10², so its energy √(f + c) grows.",
    experiment=functools.partial(energy_and_progress, method="gd"),
)

aegd_energy_objective_decreases = aegd_energy_claim.control(
    id="aegd-energy-objective-decreases",
    why="A finding (check only): energy stability does not give objective decrease. At η ≥ 10² "
    "the first steps, taken before the energy collapses, overshoot and some runs end with a "
    "larger gap than they started with, so 'f(x_K) − f* < f(x_0) − f* in every run' is rejected.",
    statement="For every base step η, preconditioned AEGD ends with a smaller gap than it started "
    "with: f(x_K) − f* < f(x_0) − f* in every run.",
    check=tt.Comparison("final gap", "initial gap", at_most=1.0, reduce="max"),
)
