"""Gradient descent that keeps only stochastically quantized weights converges to a grid-sized neighbourhood.

Statement
---------
I. Markov, A. Vladu, Q. Guo, D. Alistarh, "Quantized Distributed Training of Large Models with
Convergence Guarantees", ICML 2023, arXiv:2302.02390 (catalogue card seeds-001
`qsdp-quantized-weights`, tier B). To justify QSDP the paper proves that a natural modification of
SGD converges even when only quantized weights are maintained, although the domain (the grid) is
highly non-convex; the card reads the guarantee as convergence to a neighbourhood set by the grid
resolution δ, of size O(δ) or O(δ²) "as stated in the paper". The theorem could not be read here
(`source` = "abstract only"). Encoded with the weaker reading: the excess loss at stationarity,
f − f*, shrinks at least linearly with the grid, O(δ) (slope ≤ −1 against the resolution 1/δ).

Assumptions
-----------
- Smooth strongly convex objective: a diagonal quadratic, d = 10, eigenvalues evenly on [0.5, 1]
  (L = 1, μ = 0.5), x* ~ U[−1, 1]^d, x0 = 0 (on the grid) (problems.convex.quadratics).
- Quantized-weights GD: x_{t+1} = Q(x_t − η∇f(x_t)), Q the unbiased stochastic rounding to δℤ^d
  (problems.stochastic.qsdp_quantized_weights), exact gradients (the only randomness is the
  rounding), step η = 2^{-8}.
- Grids δ ∈ 2^{-6}·{1, 1.5, 2, 3, 4}: every δ exceeds 2η·max_i |∂_i f(x0)| (≤ 2^{-7}), the
  regime where a plain gradient step is shorter than half a grid cell.
Measured: f(x_t) − f* averaged over t ∈ (8000, 12000] (stationarity: 8000 steps ≈ 16/(ημ)),
mean over seeds, against 1/δ.

Attainment
----------
Stochastic rounding is unbiased, so the mean follows gradient descent and reaches x* at rate
1 − ημ. Near x* a step moves less than a cell: the iterate jumps to a neighbouring grid point with
probability ≈ η|∂_i f|/δ and otherwise stays, a random walk on the grid with drift toward x* whose
stationary law sits on the grid points around x* with mean x*. Hence E(x_i − x*_i)² = Θ(δ²) and
f − f* = Θ(δ²) at fixed η (derived here; the paper's bound is not known). The O(δ) check
(slope ≤ −1, tol 0) is therefore met with room; it fails for any run whose error does not shrink
with the grid.

Trivial baseline
----------------
No algorithm (x_t = x0) keeps f − f* = f(x0) − f* for every δ: slope 0, REFUTED (control
qsdp-quantized-weights-no-step). Deterministic nearest rounding is the mechanism control below.

Controls
--------
- qsdp-quantized-weights-nearest-rounding: the same iteration with deterministic rounding to the
  nearest grid point: every step is shorter than δ/2 in each coordinate and is undone, the iterate
  stays at x0 for every δ: slope 0, REFUTED (the card's negative control).
- qsdp-quantized-weights-no-step: the trivial baseline: REFUTED.

Departures and revisions
------------------------
Theorem text not read: the paper's algorithm ("natural modification of SGD"), its step rule and
whether its neighbourhood is O(δ) or O(δ²) are unknown here; unbiased stochastic rounding after a
plain gradient step is our reading, and O(δ) is the weaker of the card's two readings. Step,
grids and horizon were changed after the first run (see `revisions=`). Exact
gradients (no sampling noise), which isolates the quantization; the distributed (FSDP) part and
gradient quantization are not modelled.
"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems.convex import quadratics
from problems.stochastic import qsdp_quantized_weights as qw

PAPER = tt.Paper(
    title="Quantized Distributed Training of Large Models with Convergence Guarantees",
    authors="I. Markov, A. Vladu, Q. Guo, D. Alistarh",
    year=2023,
    arxiv="2302.02390",
)

_DIM = 10
_LR = 2.0**-8
_DELTAS = tuple(2.0**-6 * m for m in (1.0, 1.5, 2.0, 3.0, 4.0))
_BURN_IN, _AVERAGE_OVER = 8000, 4000
#: The neighbourhood claimed: f − f* = O(δ), slope ≤ −1 against the resolution 1/δ (tol 0).
_NEIGHBOURHOOD_EXPONENT = -1.0


def _resolution(point):
    """The fit variable 1/δ (grid points per unit length)."""
    return 1.0 / point["delta"]


_resolution.__name__ = "1/δ"  # the engine labels a callable x by its name


def quantized_gap(key, delta, stochastic=True, lr=_LR):
    """Time-averaged f(x_t) − f* of gradient descent with weights rounded to δℤ^d after each step."""
    k_x, k_q = jax.random.split(key)
    problem = quadratics.from_eigs(
        k_x, jnp.linspace(0.5, 1.0, _DIM), rotate=False, x_star=jax.random.uniform(k_x, (_DIM,), minval=-1.0)
    )

    def step(t, state):
        x, total = state
        x = qw.quantized_step(
            jax.random.fold_in(k_q, t), x, quadratics.grad(problem, x), lr, delta, stochastic
        )
        gap = quadratics.value(problem, x) - problem.f_star
        return x, total + jnp.where(t >= _BURN_IN, gap, 0.0)

    _, total = jax.lax.fori_loop(0, _BURN_IN + _AVERAGE_OVER, step, (jnp.zeros(_DIM), jnp.zeros(())))
    return total / _AVERAGE_OVER


qsdp_quantized_weights = tt.Claim(
    id="qsdp-quantized-weights",
    paper=PAPER,
    source="abstract only",
    statement="Gradient descent that keeps only (stochastically) quantized weights converges despite "
    "the non-convex grid domain, to a neighbourhood of the optimum set by the grid resolution δ: "
    "here f − f* at stationarity is O(δ).",
    assumptions=(
        "diagonal quadratic, d = 10, eigenvalues on [0.5, 1], x* ~ U[−1, 1]^d, x0 = 0",
        "x_{t+1} = Q(x_t − η∇f(x_t)), Q unbiased stochastic rounding to δℤ^d, η = 2^-8, exact gradients",
        "δ ∈ 2^-6·{1, 1.5, 2, 3, 4}: a gradient step is shorter than δ/2 in every coordinate",
    ),
    testbed="quantized-weights GD on a d = 10 quadratic, f − f* averaged over steps 8001-12000, vs 1/δ",
    area="optimization",
    experiment=quantized_gap,
    quantity=r"$f(x_t) - f^\star$ (stationary average)",
    sweep=tt.Sweep(grid={"delta": _DELTAS}),
    seeds=64,
    quick_seeds=16,
    aggregate="mean",
    check=tt.UpperRate(exponent=_NEIGHBOURHOOD_EXPONENT, tol=0.0, x=_resolution),
    revisions=(
        "Step 2^-12 → 2^-8, grids 2^-10·{1..4} → 2^-6·{1..4}, averaging window (30000, 40000] → "
        "(8000, 12000] after the first run (REFUTED, slope ≈ −0.25): near x* the rounding noise is "
        "≈ δη|∇f| per step, not δ²/4, so the floor is far smaller than first estimated and 40000 "
        "steps at η = 2^-12 left the O(e^{-2ημT}) transient above it. The new sizes keep every step "
        "shorter than δ/2 and make the transient negligible; check and threshold unchanged.",
    ),
)

qsdp_quantized_weights_nearest_rounding = qsdp_quantized_weights.control(
    id="qsdp-quantized-weights-nearest-rounding",
    why="Deterministic nearest rounding undoes every step shorter than δ/2, so the weights stay at "
    "x0 for every grid and f − f* does not shrink with δ.",
    experiment=functools.partial(quantized_gap, stochastic=False),
)

qsdp_quantized_weights_no_step = qsdp_quantized_weights.control(
    id="qsdp-quantized-weights-no-step",
    why="The trivial baseline, no algorithm (step 0): f − f* = f(x0) − f* for every δ.",
    experiment=functools.partial(quantized_gap, lr=0.0),
)
