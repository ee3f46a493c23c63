"""Continuous-time policy evaluation: mean-square TD error vs the martingale loss.

Statement
---------
Y. Jia, X. Y. Zhou, "Policy Evaluation and Temporal-Difference Learning in Continuous Time and
Space: A Martingale Approach", JMLR 23 (2022), arXiv:2108.06655 (abstract only: the theorems were
not read here). (i) The mean-square TD error (MSTDE) approximates the quadratic variation of the
value martingale, so it is not a suitable objective for policy evaluation: its minimizer does not
approach V as the mesh Δt → 0. (ii) The minimizer of the martingale loss is the best mean-square
approximation of V in the function class. (iii) Time-discretized algorithms converge to their
continuous-time counterparts as Δt → 0 at a rate given in the paper (not in the abstract: not
asserted; the LSTD fit is returned as an unchecked series).
- continuous-time-td-martingale: (i) and (ii) for a class that contains V.
- continuous-time-td-martingale-projection: (ii) for a class that does not contain V (the fit is
  measured against the projection ΠV), and (i).

Assumptions
-----------
- A diffusion with a stationary law: OU dX = −X dt + dW (κ = σ = 1), stationary μ = N(0, 1/2);
  paths start from μ (so the time-weighted L² of the loss is L²(μ) at every t) and move by exact
  OU transitions at mesh Δt (isolating the objectives' Δt-dependence from an Euler path bias).
- Running reward r(x) = x², discount β = 1: V(x) = x²/3 + 1/3 exactly.
- Linear classes: span{1, x, x²} (realizable) or span{1, x⁴} (not realizable; ΠV = 7/16 + x⁴/12).
- The objectives discretized on the mesh and minimized by least squares over simulated paths
  (problems.rl.ou_process.fits): martingale loss Σ_k |G_k − θ·φ(X_k)|² with the discounted return
  G_k (accumulated on [0, 28] or [0, 48], truncation e^{−8} relative); MSTDE Σ_k |δ_k|², δ_k =
  r(X_k)Δt + e^{−βΔt}θ·φ(X_{k+1}) − θ·φ(X_k); LSTD Σ_k φ(X_k)δ_k = 0. Per seed 32 paths × 20
  time units (64 × 40 for the class {1, x⁴}).
- Metric: ‖V^θ̂ − target‖_{L²(μ)} / ‖V − E_μV‖_{L²(μ)} (1 = no better than the constant E_μV),
  target ΠV (= V in the realizable class) or V itself.

Attainment
----------
Exact population limits (problems.rl.ou_process, tested in ou_process_test.py): the martingale
loss's population minimizer is the L²(μ) projection of V_Δt, the value of the Riemann-sum
return, at relative distance O(Δt) from ΠV; the MSTDE's satisfies E|δ|² = Δt·E|∂_xV^θ|² + O(Δt²),
so its slope coefficients are O(Δt) and it tends to the constant E_μV = ½ (relative distance 1
from V; √(1 − ¼) ≈ 0.87 from ΠV in {1, x⁴}). Checks (AllOf, mean over seeds, window Δt ∈
[0.003, 0.03]): (i) Divergence(floor = 0.5) on the MSTDE series (the statement is
non-convergence; its limit is 1, resp. 0.87, so 0.5 is half-way and not reached by sampling
noise); (ii) ExplicitBound 0.2 on the martingale series (population bias ≤ 0.056 on the window,
the rest of 0.2 is the sampling error of the per-seed fit). Both thresholds were fixed from the
closed forms and the per-seed spread of a 16-seed trial before the first run. Δt = 0.1 is outside
the window: the O(Δt) Riemann bias of the return is already ≈ 0.19 there (part (iii)).

Trivial baseline
----------------
A data-independent output, the constant E_μV, is at relative distance 1 (0.87 from ΠV): it passes
(i) by construction and fails (ii). The method without its ingredient, the MSTDE objective in
place of the martingale loss on the same paths, is the projection claim's mechanism control and is
REFUTED by (ii); the MSTDE fit is measured against V in both claims' "mstde-converges" controls.

Controls
--------
- continuous-time-td-martingale-mstde-converges: the MSTDE fit claimed within 0.2 of V; its limit
  is at distance 1: REFUTED.
- continuous-time-td-martingale-nonrealizable-vs-v (mechanism, the card's): the class {1, x⁴} that
  does not contain V, measured against V instead of ΠV; the martingale fit tends to ΠV, at
  relative distance exactly 1/2 from V: REFUTED.
- continuous-time-td-martingale-projection-mstde-objective (mechanism): the projection claim with
  the martingale loss replaced by the MSTDE objective on the same paths (the MSTDE fit reported in
  place of the martingale fit); it tends to the constant ½, 0.87 from ΠV: REFUTED by (ii).
- continuous-time-td-martingale-projection-mstde-converges: the MSTDE fit claimed within 0.2 of
  ΠV: REFUTED.

Departures and revisions
------------------------
Statements from the abstract; the theorem numbers were not read. Sizes 32 paths × 20 (+8) per seed
(64 × 40 for {1, x⁴}) instead of the card's 2000 × 20, with 16 seeds (8 quick); Δt ∈ {0.1, 0.03,
0.01, 0.003} (quick: without 0.003). Exact OU transitions as the card says (Euler-Maruyama would
add its own O(Δt) stationary-law bias). The card's non-realizable class {1, x} is replaced by
{1, x⁴}: under the symmetric μ the projection of V onto {1, x} is the constant ½, which coincides
with the MSTDE limit and cannot tell the objectives apart. Part (iii) is not checked. The data per
seed of the projection claim was raised after a result (see `revisions`).
"""

import functools

import jax.numpy as jnp

import theorytest as tt
from problems.rl import ou_process

PAPER = tt.Paper(
    title="Policy Evaluation and Temporal-Difference Learning in Continuous Time and Space: "
    "A Martingale Approach",
    authors="Y. Jia, X. Y. Zhou",
    year=2022,
    arxiv="2108.06655",
)

N_PATHS, HORIZON, TAIL = 32, 20.0, 8.0
N_PATHS_X4, HORIZON_X4 = 64, 40.0  # 4x the data: the x⁴ regression is noisier (see the docstring)
REALIZABLE, NONREALIZABLE = (0, 1, 2), (0, 4)
_ML, _TD, _LSTD = "martingale-loss fit", "MSTDE fit", "LSTD fit"
WINDOW = (0.003, 0.03)

ASSUMPTIONS = (
    "diffusion with a stationary law: OU dX = −X dt + dW, paths started from μ = N(0, 1/2), exact "
    "transitions at mesh Δt",
    "running reward r(x) = x², discount β = 1; exact value V(x) = x²/3 + 1/3",
    "linear function class: span{1, x, x²} (realizable) or span{1, x⁴} (not realizable)",
    "martingale loss and MSTDE discretized on the mesh and minimized by least squares over simulated "
    "paths (32 paths × 20 time units per seed; 64 × 40 for the class {1, x⁴})",
)


def _relative_errors(key, dt, powers, target, n_paths, horizon):
    """{series: ‖V^θ̂ − target‖_{L²(μ)} / ‖V − E_μV‖_{L²(μ)}} for the three fits."""
    p = ou_process.ou()
    vp, vc = ou_process.value_coefficients(p)
    scale = ou_process.l2_distance(p, (0, 2), vc, jnp.stack([vc[0] + vc[1] * 0.5, 0.0]))  # ‖V − E_μV‖
    basis = tuple(sorted(set(powers) | set(vp)))
    if target == "projection":
        goal = ou_process.projection(p, powers, vp, vc)
        goal = jnp.stack([goal[powers.index(k)] if k in powers else 0.0 for k in basis])
    else:
        goal = jnp.stack([vc[vp.index(k)] if k in vp else 0.0 for k in basis])
    f = ou_process.fits(p, key, dt, powers, n_paths, horizon, TAIL)

    def err(theta):
        full = jnp.stack([theta[powers.index(k)] if k in powers else 0.0 for k in basis])
        return ou_process.l2_distance(p, basis, full, goal) / scale

    return {_ML: err(f.martingale), _TD: err(f.mstde), _LSTD: err(f.lstd)}


def policy_evaluation(key, dt, powers=REALIZABLE, target="projection", n_paths=N_PATHS, horizon=HORIZON):
    """Relative L²(μ) distance of the martingale-loss, MSTDE and LSTD fits to ΠV (or V), at mesh Δt."""
    return _relative_errors(key, dt, powers, target, n_paths, horizon)


_CHECK = tt.AllOf(
    [
        tt.Divergence(floor=0.5, window=WINDOW, series=_TD),
        tt.ExplicitBound(bound=lambda dt: 0.2 + 0.0 * dt, label="0.2·‖V − E_μV‖", window=WINDOW, series=_ML),
    ],
    names=[
        "(i) MSTDE fit does not approach V (stays ≥ 0.5)",
        "(ii) martingale-loss fit is the best approximation (≤ 0.2)",
    ],
)

continuous_time_td_martingale = tt.Claim(
    id="continuous-time-td-martingale",
    paper=PAPER,
    statement="(i) The mean-square TD error approximates the quadratic variation of the value martingale, "
    "so its minimizer does not approach V as Δt → 0 (here it tends to the constant E_μV); "
    "(ii) the minimizer of the martingale loss is the best L²(μ) approximation of V in the "
    "class (here V itself).",
    assumptions=ASSUMPTIONS,
    testbed="OU dX = −X dt + dW, r = x², β = 1, features {1, x, x²}; 32 stationary paths × 20 (+8) per "
    "seed, exact transitions, Δt ∈ {0.1, 0.03, 0.01, 0.003}",
    area="rl",
    experiment=policy_evaluation,
    quantity=r"$\|V_{\hat\theta} - V\|_\mu / \|V - \mathbb{E}_\mu V\|_\mu$",
    sweep=tt.Sweep(grid={"dt": (0.1, 0.03, 0.01, 0.003)}),
    quick_sweep=tt.Sweep(grid={"dt": (0.1, 0.03, 0.01)}),
    seeds=16,
    quick_seeds=8,
    aggregate="mean",
    check=_CHECK,
    source="abstract only",
)

continuous_time_td_mstde_converges = continuous_time_td_martingale.control(
    id="continuous-time-td-martingale-mstde-converges",
    why="Claims the MSTDE minimizer approximates V as well as the martingale loss does (within 0.2 of V's "
    "variation); its exact limit is the constant E_μV, at relative distance 1, so it must be refuted.",
    check=tt.ExplicitBound(
        bound=lambda dt: 0.2 + 0.0 * dt, label="0.2·‖V − E_μV‖", window=WINDOW, series=_TD
    ),
)

continuous_time_td_nonrealizable_vs_v = continuous_time_td_martingale.control(
    id="continuous-time-td-martingale-nonrealizable-vs-v",
    why="The class span{1, x⁴} does not contain V: the martingale-loss minimizer is the projection ΠV = "
    "7/16 + x⁴/12, at relative L²(μ) distance exactly 1/2 from V, so the bound 0.2 measured against V "
    "itself (not against ΠV) must be refuted.",
    experiment=functools.partial(policy_evaluation, powers=NONREALIZABLE, target="value"),
    check=tt.ExplicitBound(
        bound=lambda dt: 0.2 + 0.0 * dt, label="0.2·‖V − E_μV‖", window=WINDOW, series=_ML
    ),
)

continuous_time_td_projection = tt.Claim(
    id="continuous-time-td-martingale-projection",
    paper=PAPER,
    statement="(ii) for a class that does not contain V: the martingale-loss minimizer is the best L²(μ) "
    "approximation ΠV of V in the class; (i) the MSTDE minimizer still does not approach it.",
    assumptions=ASSUMPTIONS,
    testbed="OU dX = −X dt + dW, r = x², β = 1, features {1, x⁴} (ΠV = 7/16 + x⁴/12); 64 stationary "
    "paths × 40 (+8) per seed, exact transitions, Δt ∈ {0.1, 0.03, 0.01, 0.003}",
    area="rl",
    experiment=functools.partial(
        policy_evaluation, powers=NONREALIZABLE, target="projection", n_paths=N_PATHS_X4, horizon=HORIZON_X4
    ),
    quantity=r"$\|V_{\hat\theta} - \Pi V\|_\mu / \|V - \mathbb{E}_\mu V\|_\mu$",
    sweep=tt.Sweep(grid={"dt": (0.1, 0.03, 0.01, 0.003)}),
    quick_sweep=tt.Sweep(grid={"dt": (0.1, 0.03, 0.01)}),
    seeds=16,
    quick_seeds=8,
    aggregate="mean",
    check=_CHECK,
    source="abstract only",
    revisions=(
        "The data per seed was raised 4x (32 paths x 20 to 64 x 40) for this claim only after it came "
        "out INCONCLUSIVE at quick size: the per-seed sampling error of the x⁴ regression (eighth "
        "moments in its Gram matrix) dominated the population bias; threshold and window unchanged.",
    ),
)

continuous_time_td_projection_mstde_objective = continuous_time_td_projection.control(
    id="continuous-time-td-martingale-projection-mstde-objective",
    why="The method without its key ingredient: the martingale loss replaced by the mean-square TD error "
    "on the same paths (the MSTDE fit reported as the fit). It tends to the constant ½, at relative "
    "distance ≈ 0.87 from ΠV, so part (ii)'s bound 0.2 must be REFUTED.",
    experiment=tt.same_method(continuous_time_td_projection.experiment, {_ML: _TD}),
)

continuous_time_td_projection_mstde = continuous_time_td_projection.control(
    id="continuous-time-td-martingale-projection-mstde-converges",
    why="Claims the MSTDE minimizer in span{1, x⁴} approximates ΠV within 0.2; its exact limit is the "
    "constant ½ = E_μV, at relative distance √(1 − ¼) ≈ 0.87 from ΠV, so it must be refuted.",
    check=tt.ExplicitBound(
        bound=lambda dt: 0.2 + 0.0 * dt, label="0.2·‖V − E_μV‖", window=WINDOW, series=_TD
    ),
)
