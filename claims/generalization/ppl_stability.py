"""Pointwise + pairwise learning: regularized ERM is O(1/(λn))-stable, SGD is O(ηT/n)-stable.

Paper: J. Wang, J. Chen, H. Chen, B. Gu, W. Li, X. Tang, "Stability-based Generalization
Analysis for Mixtures of Pointwise and Pairwise Learning", AAAI 2023, arXiv:2302.09967.

Statement: for a mixture of pointwise and pairwise learning (PPL), objective
τ·(pointwise loss) + (1 − τ)·(pairwise loss), uniform stability ε gives a high-probability
generalization bound of order ε·log n·log(1/δ) + √(log(1/δ)/n), and regularized risk
minimization (RRM) with a λ-strongly convex objective and G-Lipschitz losses is uniformly
stable with ε = O(G²/(λn)); in parameter form ‖w_S − w_S'‖ ≤ (2τG_f + 4(1 − τ)G_g)/(λn) for
neighbouring samples S, S' (one sample replaced): the replaced sample enters the pointwise
mean with weight 1/n and 2(n − 1) of the n(n − 1) ordered pairs (our derivation of the
constant in the standard argument; the paper's theorem states the O(1/(λn)) order).

Assumptions and testbed (problems.pairwise):
- losses: pointwise ½(⟨w, x⟩ − y)² and pairwise ½(⟨w, x_i − x_j⟩ − (y_i − y_j))², τ = ½;
  they are Lipschitz on the ball ‖w‖ ≤ r that holds both minimizers, r = √(2F_S(0)/λ), with
  G_f = r + 1 and G_g = 4(r + 1) (‖x‖ = 1, |y| ≤ 1);
- λ-strong convexity: ridge term λ/2‖w‖², λ ∈ {0.3, 0.03};
- data: d = 10, x uniform on the unit sphere, y = clip(⟨w*, x⟩ + 0.3ξ, ±1), w* a unit vector;
  S' replaces sample 0 with a fresh draw; RRM in closed form (a quadratic).
Why the instance attains the rate: the minimizer moves by H⁻¹(∇F_S − ∇F_S')(w) with
‖∇F_S − ∇F_S'‖ of order 1/n (one sample of n), and H = data curvature + λ is fixed, so
‖w_S − w_S'‖ is Θ(1/n) at each λ.

Check (AllOf): on-average stability (the mean of ‖w_S − w_S'‖ over seeds) is Θ(n⁻¹) at each λ
(two-sided, tol 0.15), and the explicit bound (2τG_f + 4(1 − τ)G_g)/(λn) holds for 99% of the
neighbouring pairs (the metric "bound ratio" is ‖w_S − w_S'‖ divided by that bound; uniform
stability says every pair is ≤ 1). n ∈ {32, ..., 2048}, 200 seeds (quick: n ≤ 512, 100).
The bound is loose for small λ (the data curvature adds to λ); it is checked one-sided.
Negative control: the same runs claimed at Θ(1/(λ√n)) (two-sided): the measured slope is −1,
so it must be rejected.

SGD part (ppl-stability-sgd). Statement: SGD on convex, β-smooth, G-Lipschitz PPL losses
with η ≤ 2/β is uniformly stable with ε = O(G²ηT/n); in parameter form (Hardt et al.-type
argument, our derivation of the constant) E‖w_T − w'_T‖ ≤ ηT(2τG_f + 4(1 − τ)G_g)/n: each
step uses one uniform ordered pair (i, j); the pair loss is the same on S and S' unless the
replaced sample is i (probability 1/n: both terms differ, gradient gap ≤ 2(τG_f + (1 − τ)G_g))
or j (probability 1/n: the pairwise term differs, ≤ 2(1 − τ)G_g); otherwise the step is
non-expansive for η ≤ 2/β.
Testbed: the same data model with λ = 0 (no ridge), w₀ = 0, η = 0.1, both runs drawing the
same pair at every step. β ≤ τ + 4(1 − τ) = 2.5 (problems.pairwise.smoothness), so
2/β = 0.8 ≥ η. G_f, G_g are taken on the ball of radius R = the largest norm of any iterate
at which a gradient was evaluated (both runs), which is what the argument needs.
Sweep n ∈ {32, 64, 128, 256, 512} × T ∈ {100, 200, 400, 800, 1600} (quick: n ∈ {32, 128,
512}), 400 seeds (quick 200).
Check (AllOf): (i) the O(ηT/n) form fitted jointly in n and T over the whole grid (Scaling,
upper): n-exponent ≤ −1 + 0.15 and T-exponent ≤ 1 + 0.15; (ii) the explicit bound: the mean
over seeds of ‖w_T − w'_T‖ / [ηT(2τG_f + 4(1 − τ)G_g)/n] ≤ 1 at every (n, T).
Why the instance attains the rate in n: the replaced sample is used in 2T/n steps on average,
each injecting an O(η) gap. In T it does not: the data term here is strongly convex (x on
the sphere in d = 10 ≤ n, data curvature ≈ 0.15), so the gap forgets visits older than
~1/(0.15η) ≈ 70 steps and saturates; the T-growth part and the explicit bound (ratio ≈ 0.03)
are only "not violated", as the card's prototype found (T-slope 0.08). The card's suggestion
of a zero-curvature direction to make the T-growth visible would need a data model that
problems.pairwise does not offer; not done.
Negative control ppl-stability-sgd-large-step (card control a): η = 1.2 > 2/β = 0.8. The pair
maps are no longer non-expansive in every direction (a pair with x_i ≈ −x_j has curvature up
to 2.5, so ‖I − ηH‖ up to 2), the coupled runs separate between visits, and the gap stops
falling like 1/n (card prototype −0.61), so the n-exponent part must be REFUTED. The
explicit bound is not expected to fail (it scales with η).
Measured (mean over seeds; estimate [95% CI]):
- ppl-stability-sgd: n-exponent −0.967 [−0.997, −0.942], T-exponent 0.053 [0.019, 0.088],
  max bound ratio 0.030 [0.023, 0.038] (full); −0.958 [−1.00, −0.918], 0.073, 0.027 (quick).
  CONFIRMED.
- large-step control: n-exponent −0.764 [−0.814, −0.725] (full), −0.731 [−0.804, −0.671]
  (quick). REFUTED.
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems import pairwise

PAPER = tt.Paper(
    title="Stability-based Generalization Analysis for Mixtures of Pointwise and Pairwise Learning",
    authors="J. Wang, J. Chen, H. Chen, B. Gu, W. Li, X. Tang", year=2023, arxiv="2302.09967")

LAMBDAS = (0.3, 0.03)


def _philox(key):
    """The same seed as a philox4x32 key: XLA compiles threefry sampling 5-10x slower on CPU."""
    if str(jax.random.key_impl(key)) != "threefry2x32":
        return key
    return jax.random.wrap_key_data(jax.random.key_data(key), impl="philox4x32")


def rrm_stability(key, n, d=10, tau=0.5):
    """‖w_S − w_S'‖ of PPL ridge regression at each λ, and its ratio to the stability bound."""
    k_data, k_new = jax.random.split(_philox(key))
    p0 = pairwise.make(k_data, n, d, tau=tau, lam=LAMBDAS[0])
    q0 = pairwise.replace(p0, k_new, 0)
    out, ratios = {}, []
    for lam in LAMBDAS:
        p, q = p0._replace(lam=jnp.asarray(lam)), q0._replace(lam=jnp.asarray(lam))
        gap = jnp.linalg.norm(pairwise.rrm(p) - pairwise.rrm(q))
        out[f"lam={lam:g}"] = gap
        ratios.append(gap / pairwise.rrm_stability_bound(p, q))
    out["bound ratio"] = jnp.max(jnp.stack(ratios))
    return out


def _rates(exponent):
    return [tt.TightRate(exponent=exponent, tol=0.15, series=f"lam={lam:g}") for lam in LAMBDAS]


ppl_stability = tt.Claim(
    id="ppl-stability",
    paper=PAPER,
    statement="Regularized risk minimization for a mixture of pointwise and pairwise losses, "
              "λ-strongly convex with G-Lipschitz losses, is uniformly stable with "
              "‖w_S − w_S'‖ = O(G/(λn)), i.e. ε = O(G²/(λn)).",
    assumptions=(
        "λ-strongly convex objective: ridge term, λ ∈ {0.3, 0.03}",
        "G-Lipschitz losses on the ball holding the minimizers (‖x‖ = 1, |y| ≤ 1)",
        "mixture τ = ½ of pointwise and pairwise squared losses, pairs over all ordered pairs",
    ),
    testbed="PPL ridge regression in closed form, d = 10, x on the unit sphere, "
            "y = clip(⟨w*, x⟩ + 0.3ξ, ±1); neighbour replaces sample 0",
    area="generalization",
    experiment=rrm_stability,
    sweep=tt.Sweep(grid={"n": (32, 128, 512, 2048)}),
    quick_sweep=tt.Sweep(grid={"n": (32, 128, 512)}),
    seeds=200,
    quick_seeds=100,
    aggregate="mean",
    check=tt.AllOf(
        _rates(-1.0) + [tt.HighProbability(deltas=(0.01,), check=tt.ExplicitBound(
            bound=lambda n: np.ones_like(n), label="(2τG_f + 4(1−τ)G_g)/(λn)",
            series="bound ratio"))],
        names=[f"Θ(1/n) at λ={lam:g}" for lam in LAMBDAS] + ["explicit bound"]),
)

ppl_stability_claimed_root_n = ppl_stability.control(
    id="ppl-stability-claimed-root-n",
    why="The same runs claimed at Θ(1/(λ√n)) two-sided: the parameter gap falls like 1/n, so "
        "a slope in [−0.65, −0.35] must be rejected.",
    check=tt.AllOf(_rates(-0.5), names=[f"Θ(1/√n) at λ={lam:g}" for lam in LAMBDAS]),
)


# ---------------------------------------------------------------------------------------------
# SGD on the (unregularized) PPL objective: ε = O(G²ηT/n).

SGD_LR = 0.1
SGD_T = (100, 200, 400, 800, 1600)


def sgd_stability(key, n, checkpoints, lr=SGD_LR, d=10, tau=0.5):
    """‖w_T − w'_T‖ of two coupled pair-SGD runs on S and S', and its ratio to the SGD bound.

    Both runs draw the same ordered pair (i, j) at every step. The bound is
    ηT(2τG_f + 4(1 − τ)G_g)/n with G_f, G_g the Lipschitz constants on the ball of radius
    R = max over the iterates at which gradients were taken (both runs, w₀ = 0).
    """
    k_data, k_new, k_path = jax.random.split(_philox(key), 3)
    p = pairwise.make(k_data, n, d, tau=tau, lam=0.0)
    q = pairwise.replace(p, k_new, 0)

    def step(t, state):
        w, v, radius = state
        i, j = pairwise.sample_pair(jax.random.fold_in(k_path, t), n)
        radius = jnp.maximum(radius, jnp.maximum(jnp.linalg.norm(w), jnp.linalg.norm(v)))
        return w - lr * pairwise.pair_grad(p, w, i, j), v - lr * pairwise.pair_grad(q, v, i, j), radius

    def observe(state, T):
        w, v, radius = state
        g_f, g_g = jnp.maximum(jnp.stack(pairwise.lipschitz(p, radius)),
                               jnp.stack(pairwise.lipschitz(q, radius)))
        gap = jnp.linalg.norm(w - v)
        return {"stability": gap, "bound ratio": gap / (lr * T * (2 * tau * g_f + 4 * (1 - tau) * g_g) / n)}

    zero = jnp.zeros(d)
    states = tt.trajectory(step, (zero, zero, jnp.zeros(())), checkpoints, lambda s: s)
    return jax.vmap(observe)(states, jnp.asarray(checkpoints, float))


def _sgd_check():
    return tt.AllOf(
        [tt.Scaling(exponents={"n": -1.0, "T": 1.0}, tol=0.15, series="stability"),
         tt.ExplicitBound(bound=np.ones_like, label="ηT(2τG_f + 4(1−τ)G_g)/n", x="n",
                          series="bound ratio")],
        names=["O(ηT/n) (joint fit in n and T)", "explicit bound"])


ppl_stability_sgd = tt.Claim(
    id="ppl-stability-sgd",
    paper=PAPER,
    statement="SGD on a mixture of pointwise and pairwise losses, convex, β-smooth and "
              "G-Lipschitz, with step η ≤ 2/β, is uniformly stable with "
              "E‖w_T − w'_T‖ = O(GηT/n), i.e. ε = O(G²ηT/n).",
    assumptions=(
        "convex β-smooth losses: pointwise and pairwise squared losses, τ = ½, no ridge (λ = 0); "
        "every pair loss is β ≤ τ + 4(1 − τ) = 2.5 smooth (‖x‖ = 1)",
        "G-Lipschitz: on the ball of radius R holding the iterates of both runs "
        "(G_f = R + 1, G_g = 4(R + 1))",
        "step η = 0.1 ≤ 2/β = 0.8; one uniformly drawn ordered pair per step, shared by both runs",
    ),
    testbed="pair-SGD on PPL least squares, d = 10, x on the unit sphere, y = clip(⟨w*, x⟩ + 0.3ξ, ±1), "
            "w₀ = 0, η = 0.1, n ∈ {32, ..., 512} × T ∈ {100, ..., 1600}; neighbour replaces sample 0",
    area="generalization",
    experiment=sgd_stability,
    sweep=tt.Sweep(grid={"n": (32, 64, 128, 256, 512)}, checkpoints=SGD_T, checkpoint_name="T"),
    quick_sweep=tt.Sweep(grid={"n": (32, 128, 512)}, checkpoints=SGD_T, checkpoint_name="T"),
    seeds=400,
    quick_seeds=400,  # was 200: the large-step control was INCONCLUSIVE in 1 of 5 seed sets of the audit
    aggregate="mean",
    check=_sgd_check(),
)

ppl_stability_sgd_large_step = ppl_stability_sgd.control(
    id="ppl-stability-sgd-large-step",
    why="Step η = 1.2 > 2/β = 0.8: the pair-SGD maps are no longer non-expansive, the coupled "
        "runs separate between visits to the replaced sample, and the gap no longer falls "
        "like 1/n (card prototype: n-slope −0.61), so the O(ηT/n) form must be rejected.",
    experiment=functools.partial(sgd_stability, lr=1.2),
)
