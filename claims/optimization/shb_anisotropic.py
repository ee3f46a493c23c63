"""Stochastic heavy ball under anisotropic gradient noise: Õ(√κ) bias, near-minimax variance.

Statement
---------
R. Pan, Y. Liu, X. Wang, T. Zhang, "Accelerated Convergence of Stochastic Heavy Ball Method under
Anisotropic Gradient Noise", ICLR 2024, arXiv:2312.14567 (source: abstract only; the theorem
was not reachable in the page store beyond the abstract and introduction). On a quadratic
f(w) = ½(w − w*)ᵀH(w − w*) with anisotropic gradient noise, E[nnᵀ] ⪯ σ²H, stochastic heavy ball
(SHB) with a step-decay scheduler has a bias term that decays like exp(−Ω̃(T/√κ)), i.e. Õ(√κ)
iterations (SGD: exp(−Ω̃(T/κ)), O(κ)), and a variance term within log factors of the minimax
rate σ²d/T, whatever κ. Scrape repair: the scraped abstract reads "O(κ) accelerated
convergence"; the original reads Õ(√κ).

Assumptions
-----------
- Quadratic objective: H = diag of d = 50 eigenvalues log-spaced in [1/κ, 1] (L = 1),
  w* ~ N(0, I) (problems.convex.quadratics).
- SHB is optax.sgd(η, momentum=β) (heavy ball: w⁺ = w − ηg + β(w − w⁻)), η = 1/L,
  β = (1 − 1/√κ)²; SGD is β = 0.
- Anisotropic noise (variance claim): n = σH^{1/2}z, z ~ N(0, I), σ = 1, batch 1, so
  E[nnᵀ] = σ²H exactly; step decay: η halved every ⌊T/⌊log₂T⌋⌋ steps, β fixed.

Attainment
----------
The recursion is linear in (w − w*, noise), so the error splits exactly into a bias part (the
σ = 0 run from w0 = 0) and a variance part (the run started at w0 = w*); each claim measures one
part exactly. Bias: the slowest mode (eigenvalue 1/κ, carrying a non-negligible share of
‖w0 − w*‖²) contracts by 1 − 1/√κ per step for heavy ball and 1 − 1/κ for GD, so N_ε ∝ √κ and
∝ κ are attained (tight checks). The distance metric needs that slowest mode to converge (a
relative f-gap was found to under-report the κ-dependence). Variance: σ²d/T is the minimax
lower bound for this noise, so the variance term is checked jointly in (T, κ): exponent ≤ −1 in
T and ≤ 0 in κ (log factors allowed), the κ-independence being what anisotropy buys.

Trivial baseline
----------------
The method without its ingredients. Bias: momentum frozen at its κ = 10² value
(`shb-anisotropic-sqrtkappa-frozen-beta`) gives N_ε ∝ κ, REFUTED. Variance: no step decay
(`shb-anisotropic-sqrtkappa-constant-step`) stalls at a variance floor, REFUTED; isotropic noise
of the same trace (`shb-anisotropic-sqrtkappa-isotropic-noise`) breaks the paper's key
assumption: its variance term grows with κ (∝ tr(H⁻¹)·tr(H)/d), REFUTED by the κ-exponent.

Controls
--------
- `shb-anisotropic-sqrtkappa-frozen-beta` (mechanism): β not tuned to κ; SHB slope ≈ 1.
- `shb-anisotropic-sqrtkappa-constant-step` (mechanism): no step decay; the T-exponent ≈ 0.
- `shb-anisotropic-sqrtkappa-isotropic-noise` (mechanism): noise σ√(tr H/d)·z, the same trace
  as the anisotropic noise; the κ-exponent exceeds 0 + tol.

Departures and revisions
------------------------
The bias claim uses a constant η = 1/L (the first stage of the step decay: N_ε under a
horizon-dependent scheduler is not well defined). Tolerances: bias, ±0.15 on a tight slope over
κ ∈ [10², 10⁴] absorbs the Õ's log κ factor (log(log 10⁴/log 10²)/log 10² ≈ 0.15). Variance,
one tol for the joint fit, the log-factor allowance of the wider variable: a log κ factor over
κ ∈ [10, 1000] adds log(log 1000/log 10)/log 100 ≈ 0.24 (`_VAR_TOL`); a log T factor over
[10³, 3·10⁴] adds less (≈ 0.12).
"""

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np
import optax

import theorytest as tt
from problems.convex import quadratics

PAPER = tt.Paper(
    title="Accelerated Convergence of Stochastic Heavy Ball Method under Anisotropic Gradient Noise",
    authors="R. Pan, Y. Liu, X. Wang, T. Zhang",
    year=2024,
    arxiv="2312.14567",
)

_DIM = 50
_EPS = 1e-6


def _beta(kappa):
    return (1.0 - 1.0 / math.sqrt(kappa)) ** 2


def _hitting_time(problem, beta, max_steps):
    """First k with ‖w_k − w*‖² ≤ ε‖w0 − w*‖² for heavy ball (η = 1/L, momentum β), σ = 0."""
    opt = optax.sgd(1.0 / problem.L, momentum=beta if beta > 0 else None)
    w0 = jnp.zeros(_DIM)
    target = _EPS * jnp.sum((w0 - problem.x_star) ** 2)

    def cond(state):
        k, w, _ = state
        return (jnp.sum((w - problem.x_star) ** 2) > target) & (k < max_steps)

    def body(state):
        k, w, opt_state = state
        updates, opt_state = opt.update(quadratics.grad(problem, w), opt_state, w)
        return k + 1, optax.apply_updates(w, updates), opt_state

    k, _, _ = jax.lax.while_loop(cond, body, (jnp.asarray(0), w0, opt.init(w0)))
    return k.astype(float)


def iterations_to_eps(key, kappa, frozen_beta=False):
    """N_ε for SHB and for SGD (β = 0) on the log-spaced diagonal quadratic with condition κ."""
    problem = quadratics.make(key, _DIM, kappa=kappa, spectrum="log-uniform", rotate=False)
    beta = _beta(100.0) if frozen_beta else _beta(kappa)
    max_steps = int(20 * kappa)
    return {"shb": _hitting_time(problem, beta, max_steps), "sgd": _hitting_time(problem, 0.0, max_steps)}


_KAPPAS = (100.0, 300.0, 1000.0, 3000.0, 10000.0)

shb_anisotropic_sqrtkappa = tt.Claim(
    id="shb-anisotropic-sqrtkappa",
    paper=PAPER,
    source="abstract only",
    statement="On quadratics, stochastic heavy ball's bias term decays like exp(−Ω̃(T/√κ)), "
    "i.e. Õ(√κ) iterations, versus exp(−Ω̃(T/κ)) (O(κ) iterations) for SGD "
    "(scrape repaired: the scraped 'O(κ) accelerated convergence' lost the √).",
    assumptions=(
        "quadratic objective: diagonal H, d = 50, eigenvalues log-spaced in [1/κ, 1]",
        "bias term: σ = 0, constant η = 1/L (first stage of the step decay)",
        "SHB momentum β = (1 − 1/√κ)²; SGD is β = 0",
    ),
    testbed="diag quadratic d = 50, κ ∈ {10², 3·10², 10³, 3·10³, 10⁴}, w* ~ N(0, I), w0 = 0; "
    "N_ε = first k with ‖w_k − w*‖² ≤ 10⁻⁶‖w0 − w*‖²",
    area="optimization",
    experiment=iterations_to_eps,
    quantity=r"iterations $N_\varepsilon$",
    sweep=tt.Sweep(grid={"kappa": _KAPPAS}),
    quick_sweep=tt.Sweep(grid={"kappa": _KAPPAS[:4]}),
    seeds=8,
    quick_seeds=4,
    check=tt.AllOf(
        [
            tt.TightRate(exponent=0.5, tol=0.15, series="shb"),
            tt.TightRate(exponent=1.0, tol=0.15, series="sgd"),
        ],
        names=["SHB: N_ε ∝ √κ", "SGD: N_ε ∝ κ"],
    ),
)

shb_frozen_beta = shb_anisotropic_sqrtkappa.control(
    id="shb-anisotropic-sqrtkappa-frozen-beta",
    why="Momentum frozen at its κ = 10² value (1 − 1/10)² while κ grows: the slowest mode "
    "contracts like 1 − Θ(1/κ) again, N_ε ∝ κ, so the "
    "SHB part (0.5 ± 0.15) must fail.",
    experiment=functools.partial(iterations_to_eps, frozen_beta=True),
)


def _noise_scale(eigs, sigma, isotropic):
    """Per-coordinate noise scale: σH^{1/2} (anisotropic), or σ√(tr H/d) (isotropic, same trace)."""
    if isotropic:
        return sigma * jnp.full_like(eigs, jnp.sqrt(jnp.mean(eigs)))
    return sigma * jnp.sqrt(eigs)  # H diagonal: H^{1/2} z


def variance_term(key, T, kappa, decay=True, sigma=1.0, isotropic=False):
    """f(w_T) − f* for SHB with step decay started at w* (the variance part of the error)."""
    k_problem, k_noise = jax.random.split(key)
    problem = quadratics.make(k_problem, _DIM, kappa=kappa, spectrum="log-uniform", rotate=False)
    stage = max(T // int(math.log2(T)), 1)
    lr = (lambda count: (1.0 / problem.L) * 0.5 ** (count // stage)) if decay else 1.0 / problem.L
    opt = optax.sgd(lr, momentum=_beta(kappa))
    w0 = problem.x_star
    noise_scale = _noise_scale(problem.eigs, sigma, isotropic)

    def step(t, state):
        w, opt_state = state
        z = jax.random.normal(jax.random.fold_in(k_noise, t), (_DIM,))
        updates, opt_state = opt.update(quadratics.grad(problem, w) + noise_scale * z, opt_state, w)
        return optax.apply_updates(w, updates), opt_state

    w, _ = jax.lax.fori_loop(0, T, step, (w0, opt.init(w0)))
    return quadratics.value(problem, w) - problem.f_star


_VAR_TOL = float(np.log(np.log(1000) / np.log(10)) / np.log(100))  # a log κ factor on [10, 1000]

shb_anisotropic_variance = tt.Claim(
    id="shb-anisotropic-sqrtkappa-variance",
    paper=PAPER,
    source="abstract only",
    statement="With anisotropic noise E[nnᵀ] ⪯ σ²H and a step-decay scheduler, stochastic "
    "heavy ball's variance term is within log factors of the minimax rate σ²d/T, "
    "whatever the condition number κ.",
    assumptions=(
        "quadratic: diagonal H, d = 50, log-spaced spectrum, κ ∈ [10, 1000]",
        "anisotropic noise n = σH^{1/2}z, z ~ N(0, I), σ = 1, batch 1: E[nnᵀ] = σ²H",
        "step decay: η = 1/L halved every ⌊T/⌊log₂T⌋⌋ steps, β = (1 − 1/√κ)² fixed",
        "variance part isolated exactly: the run starts at w0 = w* (linear recursion)",
    ),
    testbed="diag quadratic d = 50, w* ~ N(0, I), w0 = w*; one run per (T, κ)",
    area="optimization",
    experiment=variance_term,
    quantity=r"$f(w_T) - f^\star$",
    sweep=tt.Sweep(grid={"T": (1_000, 3_000, 10_000, 30_000), "kappa": (10.0, 100.0, 1000.0)}),
    quick_sweep=tt.Sweep(grid={"T": (1_000, 10_000), "kappa": (10.0, 1000.0)}),
    seeds=64,
    quick_seeds=32,
    check=tt.Scaling(exponents={"T": -1.0, "kappa": 0.0}, tol=_VAR_TOL),
    revisions=(
        "The variance claim now starts at w* (the exact variance part) and sweeps κ as well as T, "
        "with the isotropic same-trace noise control, after the validity review found that "
        "anisotropy was never exercised (one κ, a T-slope only); the tol became the derived "
        "log-κ allowance 0.24 (was a bare 0.15 on T alone).",
    ),
)

shb_constant_step = shb_anisotropic_variance.control(
    id="shb-anisotropic-sqrtkappa-constant-step",
    why="Without the step decay (constant η = 1/L) SHB stalls at a variance floor ∝ ησ²d, "
    "so the excess loss does not decay in T and the T-exponent must fail.",
    experiment=functools.partial(variance_term, decay=False),
)

shb_isotropic_noise = shb_anisotropic_variance.control(
    id="shb-anisotropic-sqrtkappa-isotropic-noise",
    why="Isotropic noise of the same trace (σ√(tr H/d)·z) breaks E[nnᵀ] ⪯ σ²H in the small "
    "eigendirections: the variance term scales like tr(H⁻¹)·tr(H)/(dT), growing with κ, so "
    "the κ-exponent ≤ 0 + tol must fail.",
    experiment=functools.partial(variance_term, isotropic=True),
)
