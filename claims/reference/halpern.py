"""Halpern's iteration on a nonexpansive operator: ‖x_k − T x_k‖ ≤ 2‖x0 − x*‖/(k + 1).

Lieder (2021), "On the convergence rate of the Halpern-iteration", Optimization Letters 15,
Thm 2.1: with anchors β_k = 1/(k + 2), x_{k+1} = β_k x0 + (1 − β_k) T x_k satisfies the bound,
and it is tight (attained by a worst-case operator). Hence the residual is O(1/k).

Testbed: T a plane rotation by θ = 1 radian (nonexpansive, fixed point 0; an angle that is
no rational multiple of π, so no iterate lands exactly on the fixed point), x0 ~ N(0, I₂); the residual
then decays like 1/k, so the O(1/k) slope is exercised. Checks: the explicit bound at every k
(max over seeds), the fitted slope ≤ −1 + 0.1 on k ∈ [10, 10⁴], and a PEP cross-check at
k ∈ {1, 2, 5, 10} (worst case over all nonexpansive operators equals 2/(k + 1)).
Negative control: the same runs claimed at O(1/k²).
"""

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems import pep, worst_case
from problems.methods import minmax

PEP_HORIZONS = (1, 2, 5, 10)
CHECKPOINTS = tuple(sorted(set(tt.log_checkpoints(1, 10_000, 30)) | set(PEP_HORIZONS)))


def halpern_residual(key, checkpoints, theta=1.0):
    """‖x_k − T x_k‖/‖x0 − x*‖ for Halpern's iteration on a rotation (x* = 0)."""
    T = worst_case.rotation(theta)
    x0 = jax.random.normal(key, (2,))
    step = lambda t, x: minmax.halpern_step(T, x, x0, t)
    return tt.trajectory(step, x0, checkpoints, lambda x: jnp.linalg.norm(x - T(x)) / jnp.linalg.norm(x0))


def _lieder(k):
    return 2.0 / (np.asarray(k, dtype=float) + 1)


halpern_nonexpansive = tt.Claim(
    id="halpern-nonexpansive",
    paper=tt.Paper(title="On the convergence rate of the Halpern-iteration", authors="F. Lieder", year=2021),
    statement="Halpern's iteration with β_k = 1/(k+2) on a nonexpansive T satisfies "
              "‖x_k − T x_k‖ ≤ 2‖x0 − x*‖/(k + 1), so the fixed-point residual is O(1/k).",
    assumptions=("T nonexpansive with a fixed point: a plane rotation (an isometry, fixed point 0)",
                 "anchoring β_k = 1/(k + 2)"),
    testbed="rotation by 1 radian in R², x0 ~ N(0, I)",
    area="reference",
    experiment=halpern_residual,
    sweep=tt.Sweep(checkpoints=CHECKPOINTS),
    seeds=16,
    quick_seeds=4,
    aggregate="max",
    check=tt.AllOf([tt.ExplicitBound(bound=_lieder, label="2‖x0−x*‖/(k+1)"),
                    tt.UpperRate(exponent=-1.0, tol=0.1, window=(10, 10_000))],
                   names=["explicit bound", "rate"]),
    pep=tt.PepCheck(worst_case=pep.halpern_residual, bound=_lieder, horizons=PEP_HORIZONS),
)

halpern_claimed_quadratic = halpern_nonexpansive.control(
    id="halpern-claimed-quadratic",
    why="The residual decays like 1/k on the rotation; an O(1/k²) claim must be rejected.",
    check=tt.UpperRate(exponent=-2.0, tol=0.1, window=(10, 10_000)),
    pep=None,
)
