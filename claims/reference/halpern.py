"""Halpern's iteration on a nonexpansive operator: ‖x_k − T x_k‖ ≤ 2‖x0 − x*‖/(k + 1).

Statement
---------
Lieder (2021), "On the convergence rate of the Halpern-iteration", Optimization Letters 15,
Theorem 2.1: for a nonexpansive T with a fixed point x*, the iteration
x_{k+1} = β_k x0 + (1 − β_k) T x_k with anchors β_k = 1/(k + 2) satisfies
‖x_k − T x_k‖ ≤ 2‖x0 − x*‖/(k + 1), and the bound is tight (a worst-case operator attains it).
Hence the fixed-point residual is O(1/k).

Assumptions
-----------
- T nonexpansive with a fixed point: the plane rotation by θ = 1 radian (an isometry, fixed
  point 0; an angle that is no rational multiple of π, so no iterate lands on the fixed point).
- anchors β_k = 1/(k + 2); x0 ~ N(0, I₂).

Attainment
----------
On a rotation the anchored iterates approach 0 only through the anchor weight, and the residual
decays like 1/k, so the O(1/k) slope (≤ −1 + 0.1 on k ∈ [10, 10⁴]) is exercised. The explicit
bound is checked at every k (max over seeds) and cross-checked by PEP at k ∈ {1, 2, 5, 10},
where the worst case over all nonexpansive operators equals 2/(k + 1).

Trivial baseline
----------------
Without the anchor (β_k = 0) the method is the plain fixed-point iteration x_{k+1} = T x_k, whose
residual on an isometry never changes: ‖x_k − T x_k‖ = 2 sin(θ/2)‖x0‖ for all k. It fails both
the bound and the slope: run by halpern-without-anchoring (REFUTED). (The averaged
Krasnosel'skii–Mann iteration would not serve: on a rotation (I + T)/2 is a strict contraction,
so it decays linearly and passes an O(1/k) check.) The data-independent output x_k = x0 has the
same constant residual.

Controls
--------
- halpern-without-anchoring: β_k = 0 (plain fixed-point iteration), same operator, same
  check; constant residual, REFUTED.
- halpern-claimed-quadratic: the same runs claimed at O(1/k²) (check only).

Departures and revisions
------------------------
None.
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems.methods import minmax
from problems.worst_case import hard_instances, pep

PEP_HORIZONS = (1, 2, 5, 10)
CHECKPOINTS = tuple(sorted(set(tt.log_checkpoints(1, 10_000, 30)) | set(PEP_HORIZONS)))


def halpern_residual(key, checkpoints, theta=1.0, anchored=True):
    """‖x_k − T x_k‖/‖x0 − x*‖ for Halpern's iteration (or, anchored=False, x_{k+1} = T x_k)
    on a rotation (x* = 0)."""
    T = hard_instances.rotation(theta)
    x0 = jax.random.normal(key, (2,))
    if anchored:
        step = lambda t, x: minmax.halpern_step(T, x, x0, t)
    else:
        step = lambda t, x: T(x)
    return tt.trajectory(step, x0, checkpoints, lambda x: jnp.linalg.norm(x - T(x)) / jnp.linalg.norm(x0))


def _lieder(k):
    return 2.0 / (np.asarray(k, dtype=float) + 1)


halpern_nonexpansive = tt.Claim(
    id="halpern-nonexpansive",
    paper=tt.Paper(title="On the convergence rate of the Halpern-iteration", authors="F. Lieder", year=2021),
    statement="Halpern's iteration with β_k = 1/(k+2) on a nonexpansive T satisfies "
    "‖x_k − T x_k‖ ≤ 2‖x0 − x*‖/(k + 1), so the fixed-point residual is O(1/k).",
    assumptions=(
        "T nonexpansive with a fixed point: a plane rotation (an isometry, fixed point 0)",
        "anchoring β_k = 1/(k + 2)",
    ),
    testbed="rotation by 1 radian in R², x0 ~ N(0, I)",
    source="Theorem 2.1",
    area="reference",
    experiment=halpern_residual,
    quantity=r"$\|x_k - Tx_k\| / \|x_0 - x^\star\|$",
    sweep=tt.Sweep(checkpoints=CHECKPOINTS),
    seeds=16,
    quick_seeds=4,
    aggregate="max",
    check=tt.AllOf(
        [
            tt.ExplicitBound(bound=_lieder, label="2‖x0−x*‖/(k+1)"),
            tt.UpperRate(exponent=-1.0, tol=0.1, window=(10, 10_000)),
        ],
        names=["explicit bound", "rate"],
    ),
    pep=tt.PepCheck(worst_case=pep.halpern_residual, bound=_lieder, horizons=PEP_HORIZONS),
)

halpern_without_anchoring = halpern_nonexpansive.control(
    id="halpern-without-anchoring",
    why="Without the anchor (β_k = 0) the method is x_{k+1} = T x_k; on a rotation its residual "
    "2 sin(θ/2)‖x0‖ never shrinks, so neither the bound nor the 1/k slope can hold.",
    experiment=functools.partial(halpern_residual, anchored=False),
    pep=None,
)

halpern_claimed_quadratic = halpern_nonexpansive.control(
    id="halpern-claimed-quadratic",
    why="The residual decays like 1/k on the rotation; an O(1/k²) claim must be rejected.",
    check=tt.UpperRate(exponent=-2.0, tol=0.1, window=(10, 10_000)),
    pep=None,
)
