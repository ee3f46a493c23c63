"""Nesterov's accelerated gradient: f(x_k) − f* ≤ 2L‖x0 − x*‖²/(k + 1)².

Beck & Teboulle (2009), "A fast iterative shrinkage-thresholding algorithm for linear inverse
problems", Thm 4.4 (the FISTA momentum sequence, here without a prox term); Nesterov (1983).

A worst-case bound is about the worst function of the class at each k. DESIGN.md measured why
a slope check is the wrong tool here: on Nesterov's chain quadratic the gap decays like 1/k
for k ≪ n (a slope check would refute a true theorem) and on a log-uniform spectrum like 1/k³
(it would confirm a false 1/k³ claim). So the claim is checked as an explicit bound at every
k on the chain quadratic (n = 1001, the lower-bound instance for first-order methods), plus a
performance-estimation cross-check: at k ∈ {1, 2, 5, 10} the PEP worst case over all L-smooth
convex functions lies below 2L‖x0 − x*‖²/(k + 1)² and above the testbed.

Negative control: the bound claimed as L‖x0 − x*‖²/(k + 1)³. The chain quadratic decays like
1/k over this window and violates it; so does the PEP worst case at every horizon.
"""

import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems import pep, quadratics, worst_case
from problems.methods import accelerated

PEP_HORIZONS = (1, 2, 5, 10)
CHECKPOINTS = tuple(sorted(set(tt.log_checkpoints(1, 400, 25)) | set(PEP_HORIZONS)))


def chain_gap(key, checkpoints, dim=1001):
    """(f(x_k) − f*)/(L‖x0 − x*‖²) for accelerated gradient, step 1/L, on the chain, x0 = 0."""
    problem = worst_case.chain_quadratic(dim, L=1.0)
    x0 = jnp.zeros(dim)
    scale = problem.L * jnp.sum((x0 - problem.x_star) ** 2)
    step = lambda t, s: accelerated.nesterov_step(lambda y: quadratics.grad(problem, y), s, 1.0 / problem.L)
    return tt.trajectory(step, accelerated.nesterov_init(x0), checkpoints,
                         lambda s: (quadratics.value(problem, s.x) - problem.f_star) / scale)


def _nesterov_bound(k):
    return 2.0 / (np.asarray(k, dtype=float) + 1) ** 2


def _cubic_bound(k):
    return 1.0 / (np.asarray(k, dtype=float) + 1) ** 3


nesterov_agd_convex = tt.Claim(
    id="nesterov-agd-convex",
    paper=tt.Paper(title="A fast iterative shrinkage-thresholding algorithm for linear inverse problems",
                   authors="A. Beck, M. Teboulle", year=2009),
    statement="Accelerated gradient with step 1/L on an L-smooth convex function satisfies "
              "f(x_k) − f* ≤ 2L‖x0 − x*‖²/(k + 1)².",
    assumptions=("f convex and L-smooth: Nesterov's chain quadratic, Hessian eigenvalues in (0, L)",
                 "step 1/L and the FISTA momentum sequence"),
    testbed="chain quadratic, n = 1001, L = 1, x0 = 0 (deterministic: one seed)",
    area="reference",
    experiment=chain_gap,
    sweep=tt.Sweep(checkpoints=CHECKPOINTS),
    seeds=1,
    aggregate="max",
    check=tt.ExplicitBound(bound=_nesterov_bound, label="2L‖x0−x*‖²/(k+1)²"),
    pep=tt.PepCheck(worst_case=pep.nesterov_convex_gap, bound=_nesterov_bound, horizons=PEP_HORIZONS),
)

nesterov_claimed_cubic = nesterov_agd_convex.control(
    id="nesterov-agd-claimed-cubic",
    why="A bound L‖x0−x*‖²/(k+1)³ is faster than the method: the chain quadratic violates it "
        "(its gap decays like 1/k here) and so does the PEP worst case.",
    check=tt.ExplicitBound(bound=_cubic_bound, label="L‖x0−x*‖²/(k+1)³"),
    pep=tt.PepCheck(worst_case=pep.nesterov_convex_gap, bound=_cubic_bound, horizons=PEP_HORIZONS),
)
