"""Newton-type hard thresholding for sparse phase retrieval converges quadratically.

Statement
---------
J.-F. Cai, Y. Long, R. Wen, J. Ying, "A Fast and Provable Algorithm for Sparse Phase Retrieval",
ICLR 2024, arXiv 2309.02046 (source: abstract only; the theorem number was not read). From
m = Ω(s² log n) Gaussian intensity measurements y_i = (a_iᵀx♮)², the Newton-type method with
hard thresholding, started from the sparse spectral initialization, recovers the s-sparse
x♮ ∈ ℝⁿ up to global sign and converges quadratically, e_{k+1} ≤ C·e_k², after at most
O(log(‖x♮‖/x_min)) iterations; first-order methods converge only linearly.

Assumptions
-----------
- Gaussian measurements, noiseless: a_i ~ N(0, I_n), y_i = (a_iᵀx♮)² (problems.recovery.phase_retrieval).
- s-sparse x♮ with x_min > 0: random support, entries ±U[1, 2] (x_min ≥ 1).
- m = Ω(s² log n): n = 1000, s ∈ {5, 10}, m = ⌈5 s² log n⌉ = 864 and 3454.
- The paper's algorithm: sparse spectral initialization; support S+ = top-s of |x − η∇g(x)| with
  g the amplitude loss (η = 0.9, our choice: g's Hessian is ≈ I near x♮), then the Newton step
  of the intensity loss f = (1/4m)Σ((a_iᵀx)² − y_i)² restricted to S+
  (`problems.recovery.phase_retrieval.newton_ht_step`); 10 iterations.

Attainment
----------
Near ±x♮ with the right support the method is exactly Newton's method on the s-dimensional
restriction of f, whose Hessian at x♮ (≈ 2‖x♮‖²I + 4x♮x♮ᵀ) is well conditioned for m ≫ s, so the
order is exactly 2. Measured per seed (e_k = min‖x_k ∓ x♮‖/‖x♮‖): the order is the least-squares
slope of log e_{k+1} against log e_k over the resolved pairs of the quadratic phase, e_k < 5·10⁻²
(`E_HI`) and e_{k+1} ≥ 10³·ε_machine (`FLOOR`: below it round-off is more than 0.1% of the value,
and exact zeros appear); this slope is free of the unknown C (log e_{k+1} = 2 log e_k + log C).
A run with fewer than 2 such pairs gives no evidence and is scored order 1 (against the claim).
The check is a lower limit, order ≥ 1.8 (Band), on the seed-mean at each s; the support time
T/(log(‖x♮‖/x_min) + 3) ≤ 1 (the O(·) constant taken as 1, plus 3) and the final error ≤ 10⁻¹⁰
(exact recovery) are explicit bounds.

Trivial baseline
----------------
The method without its ingredient (first-order hard-thresholded GD, no Newton step,
`sparse-pr-first-order-claimed-quadratic`) contracts linearly: order ≈ 1, REFUTED. The
data-independent output x_k = 0 (`sparse-pr-trivial-output`, run) keeps error 1: no pairs in
the order window (scored order 1), support never found, no recovery; all three parts REFUTED it.

Controls
--------
- `sparse-pr-first-order-claimed-quadratic` (mechanism): hard-thresholded GD x+ = H_s(x − η∇f(x)),
  η = 0.05/mean(y) (0.5/mean(y) oscillates), 80 iterations, on the same data and init; order
  ≈ 1 (runs that stall on a wrong support are scored 1 by the rule above), REFUTED.
- `sparse-pr-trivial-output` (trivial baseline): x_k = 0 at every k on the same data; all
  three parts REFUTED.
- `sparse-pr-newton-claimed-cubic` (check only): order ≥ 2.8 claimed for the Newton runs.
- `sparse-pr-too-few-samples` (mechanism): m = ⌈s log n⌉ violates m = Ω(s² log n); the spectral
  initialization misses the basin, no recovery, REFUTED.

Departures and revisions
------------------------
The order threshold 1.8 is a lower limit set before the runs (the theorem's order is 2; 0.2 is
the allowance for a least-squares slope over 2–3 pairs whose first pair may still carry the
pre-asymptotic factor); the support-time constant 1 (+3) is our choice (the theorem gives only
O(·)). Post-hoc changes are in `revisions=`.
"""

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems.recovery import phase_retrieval as pr

PAPER = tt.Paper(
    title="A Fast and Provable Algorithm for Sparse Phase Retrieval",
    authors="J.-F. Cai, Y. Long, R. Wen, J. Ying",
    year=2024,
    arxiv="2309.02046",
)

N = 1000
E_HI = 5e-2  # pairs (e_k, e_k+1) of the quadratic phase: e_k below this
FLOOR = 1e3 * float(np.finfo(np.float64).eps)  # e_k+1 resolved to 0.1% (round-off ~ ε·‖x♮‖)


def _order(errors):
    """Least-squares slope of log e_{k+1} vs log e_k over the resolved pairs (1 if < 2 pairs)."""
    e0, e1 = errors[:-1], errors[1:]
    valid = (e0 < E_HI) & (e1 >= FLOOR)
    w = valid.astype(errors.dtype)
    count = jnp.sum(w)
    lx = jnp.log(jnp.where(valid, e0, 1.0))
    ly = jnp.log(jnp.where(valid, e1, 1.0))
    safe = jnp.maximum(count, 1.0)
    mx, my = jnp.sum(w * lx) / safe, jnp.sum(w * ly) / safe
    sxx = jnp.sum(w * (lx - mx) ** 2)
    sxy = jnp.sum(w * (lx - mx) * (ly - my))
    return jnp.where(count >= 2, sxy / jnp.where(sxx > 0, sxx, 1.0), 1.0)


M_FACTOR = 5.0  # m = ⌈5 s² log n⌉: Ω(s² log n) with a constant at which no recovery failed offline


def recovery(key, s, method="newton", iters=10, m_factor=M_FACTOR, m_power=2):
    """Order estimate, support time / (log(‖x♮‖/x_min) + 3), final error; one seed.

    method="zero" is the data-independent baseline: x_k = 0 at every k (no init, no step).
    """
    m = math.ceil(m_factor * s**m_power * math.log(N))
    p = pr.make(key, N, s, m)
    x0 = jnp.zeros(N) if method == "zero" else pr.spectral_init(p, s)
    if method == "zero":
        step = lambda x: x  # noqa: E731
    elif method == "newton":
        step = functools.partial(pr.newton_ht_step, p, s=s, eta=0.9)
    else:
        step = functools.partial(pr.iht_step, p, s=s, eta=0.05 / jnp.mean(p.y))

    def body(x, _):
        x = step(x)
        return x, (pr.distance(p, x), jnp.all((x != 0) == p.support))

    _, (errs, correct) = jax.lax.scan(body, x0, None, length=iters)
    errors = jnp.concatenate([pr.distance(p, x0)[None], errs])
    correct = jnp.concatenate([jnp.all((x0 != 0) == p.support)[None], correct])
    ks = jnp.arange(iters + 1)
    t_support = jnp.max(jnp.where(correct, 0, ks + 1))  # first k after the last wrong support
    x_min = jnp.min(jnp.where(p.support, jnp.abs(p.x_star), jnp.inf))
    budget = jnp.log(jnp.linalg.norm(p.x_star) / x_min) + 3.0
    return {"order": _order(errors), "support": t_support / budget, "final": errors[-1]}


def _checks(lower):
    return tt.AllOf(
        [
            tt.Band(label=f"order ≥ {lower}", exponent=0.0, lower=lower, series="order"),
            tt.ExplicitBound(
                bound=lambda s: np.ones_like(s, dtype=float),
                label="log(‖x♮‖/x_min) + 3 iterations",
                series="support",
            ),
            tt.ExplicitBound(
                bound=lambda s: np.full_like(s, 1e-10, dtype=float),
                label="1e-10 (exact recovery)",
                series="final",
            ),
        ],
        names=[f"order ≥ {lower}", "support time", "recovery"],
    )


sparse_pr_newton_quadratic = tt.Claim(
    id="sparse-pr-newton-quadratic",
    paper=PAPER,
    source="abstract only",
    statement="The Newton-type method with hard thresholding recovers an s-sparse x♮ ∈ ℝⁿ up to "
    "global sign from m = Ω(s² log n) Gaussian intensity measurements and converges "
    "quadratically, e_{k+1} ≤ C e_k², after at most O(log(‖x♮‖/x_min)) iterations.",
    assumptions=(
        "Gaussian measurements a_i ~ N(0, I_n), noiseless y_i = (a_iᵀx♮)²",
        "x♮ s-sparse, random support, entries ±U[1, 2] (x_min ≥ 1)",
        "m = ⌈5 s² log n⌉ (Ω(s² log n)), n = 1000",
        "sparse spectral initialization; support from the amplitude-loss gradient step "
        "(η = 0.9); Newton step of the intensity loss on the support",
    ),
    testbed="n = 1000, s ∈ {5, 10}, m = ⌈5s² log n⌉; 10 Newton-HT iterations; order = slope of "
    "log e_{k+1} vs log e_k over pairs with e_k < 5e-2, e_{k+1} ≥ 1e3·ε_machine",
    area="optimization",
    experiment=recovery,
    quantity=r"convergence order $\hat q$",
    sweep=tt.Sweep(grid={"s": (5, 10)}),
    quick_sweep=tt.Sweep(grid={"s": (5, 10)}),
    seeds=16,
    quick_seeds=16,
    aggregate="mean",
    check=_checks(1.8),
    revisions=(
        "quick_seeds 8 → 16 after the reseeding audit found INCONCLUSIVE in 5 of 5 seed sets.",
        "Order estimator changed (pairs e_k < 1e-2 with e_k+1 ≥ 1e-14 → pairs e_k < 5e-2 with "
        "e_k+1 ≥ 1e3·ε_machine), after the audit and the validity review found that about 1 run "
        "in 10 had a single pair in the old window (it fell from ~1e-2 below the floor in two "
        "steps) and was scored order 1, making the verdict depend on the seed set; on 48 "
        "offline seeds per s every run then has ≥ 2 pairs. Band label now shows the threshold.",
        "m = ⌈3s² log n⌉ → ⌈5s² log n⌉, after a reseeded quick run was INCONCLUSIVE because one "
        "run at s = 5 did not recover x♮ (3 failures in 128 offline runs at constant 3, none at "
        "5): the theorem's sample size is Ω(s² log n) with an unspecified constant, and 3 is "
        "below the constant at which recovery holds with high probability on this instance.",
    ),
)

sparse_pr_first_order_claimed_quadratic = sparse_pr_newton_quadratic.control(
    id="sparse-pr-first-order-claimed-quadratic",
    why="Hard-thresholded gradient descent (first order, η = 0.05/mean(y), 80 iterations) on "
    "the same data contracts linearly, order ≈ 1; the claim that it is quadratic (order "
    "≥ 1.8) must be rejected.",
    experiment=functools.partial(recovery, method="iht", iters=80),
    check=tt.Band(label="order ≥ 1.8", exponent=0.0, lower=1.8, series="order"),
)


def zero_output_recovery(key, s):
    """The same measurements of the data-independent output x_k = 0 (no algorithm)."""
    return recovery(key, s, method="zero")


sparse_pr_trivial_output = sparse_pr_newton_quadratic.control(
    id="sparse-pr-trivial-output",
    why="The data-independent output x_k = 0 at every iteration: its error is 1 throughout, "
    "so it has no pairs in the order window (scored 1), never finds the support and never "
    "recovers x♮; all three parts must be REFUTED.",
    experiment=zero_output_recovery,
)

sparse_pr_newton_claimed_cubic = sparse_pr_newton_quadratic.control(
    id="sparse-pr-newton-claimed-cubic",
    why="The same Newton runs claimed of order ≥ 2.8 (cubic); Newton's order is 2, so the "
    "order band must fail.",
    check=tt.Band(label="order ≥ 2.8", exponent=0.0, lower=2.8, series="order"),
)

sparse_pr_too_few_samples = sparse_pr_newton_quadratic.control(
    id="sparse-pr-too-few-samples",
    why="m = ⌈s log n⌉ (35, 70) violates m = Ω(s² log n): the spectral initialization misses "
    "the basin and most runs do not recover x♮, so the recovery (and order) parts fail.",
    experiment=functools.partial(recovery, m_factor=1.0, m_power=1),
)
