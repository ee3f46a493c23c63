"""Convergent Graph Solvers: the projected linear map is a γ-contraction, so its iteration converges linearly.

Statement
---------
J. Park, J. Choo, J. Park, "Convergent Graph Solvers", ICLR 2022, arXiv:2106.01680 (abstract
only; catalogue card `convergent-graph-solver`). CGS builds, for each input graph, a linear
transition map h ↦ A h + b that is a contraction (A projected to spectral norm ‖A‖₂ ≤ γ < 1),
so by the Banach fixed-point theorem it has a unique fixed point h*, and the fixed-point
iteration h_{k+1} = A h_k + b converges to it linearly: ‖h_k − h*‖ ≤ γ^k ‖h_0 − h*‖.

Assumptions
-----------
- Contraction: A = γ · W/‖W‖₂ with W the symmetric weighted adjacency of an Erdős–Rényi
  graph (n = 50, edge probability 0.1, weights U(0.5, 1.5)), γ ∈ {0.5, 0.9, 0.99} as on the
  card (`problems.networks.convergent_graph_solver`).
- b ~ N(0, I_n), h_0 = 0; h* = (I − A)⁻¹ b by a direct solve.

Attainment
----------
W is symmetric and nonnegative, so its spectral norm is its Perron eigenvalue and A has the
eigenvalue γ exactly: the error's component on the Perron vector contracts by exactly γ per
step and the fitted factor tends to γ from below (log‖h_k − h*‖ is convex in k, so every
least-squares slope is at most log γ). The check LinearRate(γ) is therefore sharp; its tol
FIT_ROUNDING_TOL only absorbs float64 rounding, and each window ends before the error reaches
the rounding floor of h* (γ^k ≥ 1e-9). The Banach bound
γ^k ‖h_0 − h*‖ is checked explicitly for γ = 0.9 (maximum over seeds).

Trivial baseline
----------------
No iteration (h_k = h_0): the relative error stays 1, a factor 1 > γ; run by
convergent-graph-solver-no-iteration (REFUTED by every part).

Controls
--------
- convergent-graph-solver-no-projection: the map without CGS's spectral-norm projection
  (A = W, ‖W‖₂ > 1): the iteration diverges, so every rate part and the bound are REFUTED.
- convergent-graph-solver-no-iteration: the trivial baseline above.
- convergent-graph-solver-claimed-gamma-squared: the same runs claimed at the factor γ²
  (check only): the Perron direction contracts by exactly γ > γ², REFUTED.

Departures and revisions
------------------------
The theorem text was not read (abstract only); the rate is Banach's, which the abstract
invokes. The learned parameter-generating network of CGS is replaced by a fixed random
weighted graph (the guarantee holds for every matrix the projection returns). The card's
second check (implicit-function-theorem gradient against finite differences) is not encoded:
it is an identity of linear algebra, not a rate. Revision (see `revisions`): the windows were
cut at γ^k ≥ 1e-9 and the fit got a rounding-level tol after the first run hit the rounding
floor of h*.
"""

import functools

import jax.numpy as jnp

import theorytest as tt
from problems.networks import convergent_graph_solver as cgs

PAPER = tt.Paper(
    title="Convergent Graph Solvers",
    authors="J. Park, J. Choo, J. Park",
    year=2022,
    arxiv="2106.01680",
)

#: The card's contraction levels and, for each, a window of iterations that ends before
#: γ^k falls below 1e-9: below that the rounding floor of h* (relative 1e-15 times the
#: condition number 1/(1 − γ) of I − A) bends the curve upward by more than the fit's rounding.
GAMMAS = (0.5, 0.9, 0.99)
WINDOWS = {0.5: (5, 28), 0.9: (20, 190), 0.99: (100, 1000)}

#: The Perron direction contracts by exactly γ, so the fitted factor equals γ up to float64
#: rounding (of ‖W‖₂ and of the least-squares fit, ~1e-13); 1e-9 allows that and is far below
#: the gap to any wrong factor (γ − γ² ≥ 0.0099 for the card's γ).
FIT_ROUNDING_TOL = 1e-9
CHECKPOINTS = tuple(range(1, 41)) + tuple(range(50, 1001, 10))
QUICK_CHECKPOINTS = tuple(range(1, 41)) + tuple(range(50, 1001, 25))


def _series(gamma: float) -> str:
    return f"γ = {gamma}"


def relative_errors(key, checkpoints, project=True, step=cgs.fixed_point_step):
    """‖h_k − h*‖/‖h_0 − h*‖ at the checkpoints for each γ of the card, on one random graph."""
    out = {}
    for gamma in GAMMAS:
        problem = cgs.make(key, gamma=gamma, project=project)
        h0 = jnp.zeros_like(problem.b)
        e0 = jnp.linalg.norm(h0 - problem.h_star)
        out[_series(gamma)] = tt.trajectory(
            lambda t, h, p=problem: step(p, h),
            h0,
            checkpoints,
            lambda h, p=problem: jnp.linalg.norm(h - p.h_star) / e0,
        )
    return out


def _banach(gamma):
    return lambda k: gamma ** jnp.asarray(k, dtype=float)


def _check(factor=lambda g: g, label="γ"):
    parts = [
        tt.LinearRate(rate=factor(g), label=label, tol=FIT_ROUNDING_TOL, series=_series(g), window=WINDOWS[g])
        for g in GAMMAS
    ]
    bound = tt.ExplicitBound(
        bound=_banach(0.9), label="γ^k (Banach)", series=_series(0.9), window=(1, WINDOWS[0.9][1])
    )
    return tt.AllOf([*parts, bound], names=[f"rate {_series(g)}" for g in GAMMAS] + ["Banach bound"], lead=1)


convergent_graph_solver = tt.Claim(
    id="convergent-graph-solver",
    paper=PAPER,
    statement="The CGS transition map h ↦ A h + b with ‖A‖₂ ≤ γ < 1 is a contraction: it has a unique "
    "fixed point h* and the fixed-point iteration satisfies ‖h_k − h*‖ ≤ γ^k ‖h_0 − h*‖.",
    assumptions=(
        "contraction: A = γ W/‖W‖₂ for a weighted Erdős–Rényi graph, γ ∈ {0.5, 0.9, 0.99}",
        "b ~ N(0, I), h_0 = 0, h* by a direct solve",
    ),
    testbed="n = 50 Erdős–Rényi graph (p = 0.1), symmetric weights U(0.5, 1.5), projected to ‖A‖₂ = γ",
    source="abstract only",
    revisions=(
        "Windows end where γ^k ≥ 1e-9 (were 1e-13) and LinearRate got tol FIT_ROUNDING_TOL = 1e-9, after "
        "the first quick run gave INCONCLUSIVE with ρ̂ = γ + 1e-7 (γ = 0.9, window reaching the rounding "
        "floor of h*) and γ + 4e-14 (γ = 0.99, exact rate plus fit rounding); the rate itself is unchanged.",
    ),
    quantity=r"$\|h_k - h^\star\| / \|h_0 - h^\star\|$",
    experiment=relative_errors,
    sweep=tt.Sweep(checkpoints=CHECKPOINTS),
    quick_sweep=tt.Sweep(checkpoints=QUICK_CHECKPOINTS),
    seeds=32,
    quick_seeds=8,
    aggregate="max",
    check=_check(),
)

convergent_graph_solver_no_projection = convergent_graph_solver.control(
    id="convergent-graph-solver-no-projection",
    why="Without the spectral-norm projection (A = W, ‖W‖₂ > 1) the map is not a contraction and the "
    "iteration diverges: every rate part and the Banach bound must be REFUTED.",
    experiment=functools.partial(relative_errors, project=False),
)

convergent_graph_solver_no_iteration = convergent_graph_solver.control(
    id="convergent-graph-solver-no-iteration",
    why="The trivial baseline, no iteration (h_k = h_0): the relative error stays 1, a factor 1 > γ.",
    experiment=functools.partial(relative_errors, step=cgs.frozen_step),
)

convergent_graph_solver_claimed_gamma_squared = convergent_graph_solver.control(
    id="convergent-graph-solver-claimed-gamma-squared",
    why="The same runs claimed at the factor γ²: the Perron direction contracts by exactly γ > γ².",
    check=_check(lambda g: g**2, "γ²"),
)
