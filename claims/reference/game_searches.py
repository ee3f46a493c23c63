"""Worst-case searches for game, preference and operator claims.

This module declares no claims: only `SearchSpec`s (theorytest/_search.py,
docs/worst-case-search.md) for claims defined elsewhere, each run with the claim's own method,
quantity and limit over the class of instances the claim's assumptions allow
(problems/worst_case/game_instance_classes.py).

Statement
---------
1. nash-mp-linear (claims/preference/nash_mp.py; Tiapkin et al. 2025, abstract): Nash Mirror
   Prox with η = 1/L = 2 on a β-regularized constant-sum preference game has
   KL(π*_β‖π_k) ≤ (1+2β)^{−k}·KL(π*_β‖π_0) after k iterations (2k queries), whatever the game.
   Searched: the claim's ratio KL_k/KL_0 against (1+2β)^{−k} at β = 0.1, k ≤ 60 (the claim's
   bound window), limit 1.
2. egpo-extragradient-lastiterate (claims/preference/egpo.py; Zhou, Fazel & Du 2025, abstract;
   the bound is Cen, Wei & Chi 2021's for entropy-regularized extragradient, which the claim
   cites): tabular EGPO with η ≤ 1/(β + 1) has KL(π*_β‖π_k) ≤ (1 − ηβ)^k·KL(π*_β‖π_0). Searched:
   KL_k/KL_0 against (1 − ηβ)^k at the claim's β = 0.1, η = 0.5, k ≤ 150 (the claim's window),
   limit 1. The claim itself checks the fitted contraction of the regularized gap; the search
   checks the KL statement it paraphrases, from every start (the bound holds from any π₀).
3. adaptive-pdhg (claims/games/adaptive_pdhg.py; Xu & He 2026, abstract, part (ii), with
   Chambolle & Pock 2011's condition): Chambolle–Pock converges when τσ‖A‖² < 1. Searched: the
   exact spectral radius ρ of one CP step's linear part (the claim's quantity) over bilinear
   games with singular values in [0.1, 1] and every step pair with τσ‖A‖² ∈ [0.05, 0.99],
   τ/σ ∈ [0.1, 10] (the claim's ranges, continuous instead of its grid); limit 1 − 10⁻⁶ (the
   claim's CONVERGED_MARGIN). Part (i), PDHG without extrapolation (Arrow–Hurwicz) fails to
   converge for any constant steps: searched as 1/ρ over the same games and every step pair
   with τσ‖A‖² ∈ [10⁻⁴, 100], τ/σ ∈ [10⁻³, 10³] (the span of the claim's 8×8 grid), limit
   1/(1 − 10⁻⁹) (the claim's EIG_ROUNDING); a value above it would be a convergent run.
4. iwf-contraction (claims/games/iwf_contraction.py; Wang 2025, abstract, after Scutari,
   Palomar & Barbarossa 2008): the simultaneous water-filling map T is a contraction with
   modulus ρ(S^max) in the weighted block-max norm ‖p‖_w = max_q ‖p_q‖₂/w_q (w the Perron
   vector of S^max). Searched: ‖T(p) − T(p′)‖_w / (ρ(S^max)‖p − p′‖_w) over games and pairs of
   feasible power profiles, limit 1. The claim checks the consequence (fitted error factors
   of the iterates); the search checks the contraction itself, one round at a time.
5. vr-halpern (claims/optimization/vr_halpern.py; Cai, Alacaoglu & Diakonikolas 2024, abstract):
   variance-reduced Halpern reaches ‖F(z)‖ ≤ ε with Õ(n + √n·L/ε) component calls on finite
   sums of L-cocoercive components. The Õ has no constant; the claim encodes "reaches ε in
   time" as an iteration budget of 4/ε (twice deterministic Halpern's 2L‖z0 − z*‖/(k + 1)), and
   its √n is the refresh schedule's accounting. Searched: that budget, the expected best
   residual min_{j≤k} ‖F(z_j)‖/(L‖z0 − z*‖) against 4/k, limit 1, with common random numbers.
6. sppo-selfplay (claims/preference/sppo.py; Wu et al. 2024, Theorem 4.1, with the Hedge regret
   constant the claim derives): SPPO's exact self-play update with η = √(8 log K/T) from the
   uniform policy gives an average policy with gap max_y P(y ≻ π̄_T) − ½ ≤ √(log K/(2T)).
   Searched: that gap against that bound, T ∈ {10, ..., 1000}, limit 1.

Assumptions
-----------
- Nash-MP: every P with entries in [0, 1] and P + Pᵀ = 1 on n = 5 actions, μ anywhere in the
  open simplex, π₀ = μ (the claim's start), β = 0.1, η = 2; π*_β by
  problems.preference.preference_games's independent solver, certified: a fixed-point residual
  above 10⁻¹⁰ makes the metric NaN (the search then reads DIVERGED, never a pass). n = 5 instead
  of the claim's 10 and 300: the bound is n-free, and a search covers 10 free preferences better
  than 45.
- EGPO: the same games on n = 5 with μ uniform (the claim's), π₀ anywhere in the open simplex
  (the claim draws it from Dirichlet(1)), β = 0.1, η = 0.5 ≤ 1/(β + 1); π*_β as for Nash-MP.
- SPPO: every constant-sum game on K = 5 responses, π₀ uniform. The claim draws K = 10 games
  without a Condorcet winner; the regret bound holds on every game, so the class keeps them all.
- PDHG: diagonal games Σ s_i x_i y_i in d = 3 (PDHG is equivariant under orthogonal changes of
  x and of y, so the singular basis loses nothing; linear terms only move the saddle point);
  the method is problems.games.bilinear_pdhg.iteration_map (θ = 1 Chambolle–Pock, θ = 0 Arrow–Hurwicz) and the
  radius bp.spectral_radius of its exact linear part.
- IWF: Q = 3 users, N = 4 carriers, budget 16, noise 1, direct gains in [0.5, 3], cross gains
  positive and rescaled so that ρ(S^max) ∈ [0.1, 0.95] (the claim's condition ρ < 1); p, p′
  any feasible profiles; T is problems.games.power_control.simultaneous_round (the claim's map).
- VR-Halpern: n = 16 affine components on ℝ³, F_i(z) = M_i(z − z*) − s_i with M_i symmetric PSD
  of norm ≤ 1 in any orientation (gradients of convex quadratics, so cocoercive), shifts s_i
  summing to 0 of norm ≤ 0.6 (distinct zeros, the claim's non-interpolating regime; its offset
  scale 0.3), ‖z0 − z*‖ = 1; the method is the claim's loopless-SVRG Halpern
  (problems.methods.minmax.vr_halpern_step, step 1/L with L = max_i ‖M_i‖, refresh 1/√n). The
  mean over 16 common noise paths during the search, 512 fresh paths for the verdict.

Attainment
----------
- Nash-MP: near the equilibrium the iterates contract at about (1+2β)^{−2} in KL (the claim's
  Attainment), but far from it KL is linear in the logits, which Mirror Prox shrinks by
  1/(1 + ηβ) = (1+2β)^{−1} per iteration: the bound is approached from below on games whose
  reference μ puts almost no mass where π*_β puts much, at the first iterations. The search
  finds such games and stays below the bound.
- EGPO: the bound is tight over the class: with P ≡ ½ (no intransitivity) the logits contract by
  exactly 1 − ηβ per iteration, and from a start far out in the simplex KL is linear in the
  logits, so KL_k/KL_0 approaches (1 − ηβ)^k from below. The search comes close to 1.
- SPPO: the Hedge regret bound is a worst case over adversarial gains; self-play gains are not
  adversarial, so the bound is expected to hold with slack, and the search measures how much.
- PDHG: the class's exact worst radius is known: every 2×2 singular block has eigenvalues of
  modulus √(1 − a), a = τσs² ≥ p_lo(μ/L)² (problems/games/bilinear_pdhg.py), so the worst is
  √(1 − 0.05·0.01) (given as `exact_worst`): the search must reach it and not exceed it. For
  Arrow–Hurwicz every block has determinant 1, so 1/ρ ≤ 1 with equality for τσs² ≤ 4: the
  class's exact worst is 1 (given as `exact_worst`), reached, never exceeded.
- IWF: the modulus is attained (supremum 1, given as `exact_worst`): with gain ratios constant
  over carriers, every carrier active and p − p′ = w ⊗ v for a zero-sum v, the map moves each
  user's powers by exactly ρ w_q v (tested in problems/worst_case/game_instance_classes_test.py).
- VR-Halpern: the limit has slack by construction: on gradient maps deterministic Halpern's
  residual is about L‖z0 − z*‖/(k + 1) at worst, a quarter of 4/k; the search shows whether the
  estimator's noise pushes the worst beyond that.

Trivial baseline
----------------
- Nash-MP: no update keeps KL_k/KL_0 = 1 > (1+2β)^{−k}; the method without its regularization
  (β = 0 in the update, the claim's control) is the search control below, REFUTED.
- EGPO: no update gives ratio 1 > (1 − ηβ)^k. The method without its extrapolation step
  (simultaneous mirror descent–ascent, the claim's control) also survived this search at
  η = 0.5: its linear part has modulus² (1 − ηβ)² + η²λ², below 1 − ηβ unless ηλ exceeds
  about 0.22 (λ an eigenvalue of the skew part seen through the softmax Jacobian), which the
  search did not reach on this class, and far from π*_β it shrinks the logits by 1 − ηβ as
  EGPO does. So it is not a search control: at this step the KL bound does not need the
  extrapolation (the claim's own control refutes part (b), the β = 0 game, where it cycles).
- SPPO: the uniform policy's gap does not decay with T. The claim's mechanism control, a
  constant step η = 10, survived this search (its average's gap still decays over T ≤ 1000;
  the claim sees it fail at T up to 10⁵), so the search control is the claim's other one: the
  last iterate in place of the average.
- PDHG: Chambolle–Pock without its extrapolation is Arrow–Hurwicz, ρ = 1 on every instance: the
  control below, REFUTED. For part (i), a non-convergence statement, not moving (ρ = 1) passes
  as Arrow–Hurwicz does; that is what (i) asserts, and (ii)'s search is the one a trivial
  method fails.
- IWF: a modulus computed from the average gain ratio over carriers instead of the maximum
  (the ingredient that makes the bound hold for every interference pattern): the control below.
- VR-Halpern: no update keeps the residual at ‖F(z0)‖, above 4L‖z0 − z*‖/k once
  k > 4L‖z0 − z*‖/‖F(z0)‖; the method without variance reduction (single-sample F_i(z)) is the
  control below, REFUTED.

Controls
--------
Each search has a control whose run differs (expected REFUTED, checked):
- nash-mp-search-unregularized-method: Mirror Prox with β = 0 in its update while the target
  stays π*_β: the iterates head for the unregularized equilibrium and KL_k does not shrink.
- egpo-search-step-beyond-range: η = 4 > 1/(β + 1) with its own bound (1 − ηβ)^k: on
  intransitive games the extragradient's linear part leaves the bound once ηλ is of order 1.
- sppo-search-last-iterate: the gap of π_T instead of π̄_T: multiplicative-weights self-play
  cycles on intransitive games and its last iterate's gap does not decay.
- pdhg-search-arrow-hurwicz: θ = 0: every block has determinant 1, so ρ = 1 on every instance.
- pdhg-search-chambolle-pock-any-steps: Chambolle–Pock in place of Arrow–Hurwicz in the part (i)
  search: its radius is below 1, so 1/ρ > 1 (as the claim's cp-claimed-nonconvergent control).
- pdhg-search-steps-beyond-spectrum: the same CP over τσ‖A‖² ∈ [1.4, 4] (the class widened past
  the condition): CP's radius exceeds 1 there (the claim's part "bounded by the spectrum").
- iwf-search-average-gain-modulus: ρ and w of S^mean (gain ratios averaged over carriers): the
  search must put the power differences on the carrier with the largest ratio and exceed 1.
- vr-halpern-search-no-variance-reduction: the plain estimate F_i(z): its noise does not vanish
  at z* (distinct zeros), so the residual stalls and leaves 4/k.

Departures and revisions
------------------------
- Every class is narrower than its theorem's: n = 5 actions, d = 3 singular values, Q = 3 users
  on N = 4 carriers, 16 components on ℝ³, K = 5 responses, one β and η per preference search.
  A survived search is evidence over that class, at the quoted budget, not a proof.
- The EGPO and IWF searches test the statements the claims paraphrase (a KL bound; a one-round
  contraction), not the claims' fitted factors over a window, which are asymptotic readings a
  search could break with transients the theorems allow.
- VR-Halpern: horizons k ≤ 400 (1/ε ≤ 100), below the claim's 1/ε ∈ [100, 1000], to keep the
  differentiable run short; one n (16). The limit is the claim's encoding (its iteration
  budget), not a constant of the paper, whose Õ has none.
- EGPO, revised after the first quick run: the mechanism control was first the claim's own
  (no extrapolation), which survived the search (see Trivial baseline); it was replaced by the
  step beyond the theorem's range. The searched statistic and limit did not change.
- SPPO, revised after the first quick run: the constant-step control survived at these
  horizons (see Trivial baseline) and was replaced by the last-iterate control.
"""

from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp

import theorytest as tt
from problems.games import bilinear_pdhg as bp
from problems.games import monotone_games
from problems.games import power_control as pc
from problems.methods import minmax, nash_self_play
from problems.preference import preference_games
from problems.worst_case import game_instance_classes as gic
from problems.worst_case import instance_classes as ic

#: The claims' certification of π*_β (claims/preference/nash_mp.py): a fixed-point residual above
#: this leaves the reference unresolved, and the metric is NaN rather than a number.
STAR_RESIDUAL = 1e-10


def _kl_to_logits(star, log_pi):
    """KL(π*‖π) from π's normalized log-probabilities (no exp/log round trip)."""
    return jnp.sum(star * (jnp.log(star) - log_pi))


def _normalized_log(p):
    return jnp.log(p) - jax.scipy.special.logsumexp(jnp.log(p))


def kl_ratio_path(g: gic.PreferenceInstance, horizons, step, beta):
    """KL(π*_β‖π_k)/KL(π*_β‖π_0) at each horizon for `step(log π) -> log π⁺`, NaN if π*_β is not
    certified."""
    star = preference_games.regularized_nash(g.P, g.mu, beta)
    ok = preference_games.fixed_point_residual(g.P, g.mu, beta, star) < STAR_RESIDUAL
    log_pi0 = _normalized_log(g.pi0)
    kl0 = _kl_to_logits(star, log_pi0)
    path = ic.trajectory(lambda t, z: step(z), log_pi0, horizons, lambda z: _kl_to_logits(star, z) / kl0)
    return jnp.where(ok, path, jnp.nan)


# --- Nash Mirror Prox (claims/preference/nash_mp.py) ------------------------------------------------

NMP_BETA, NMP_ETA, NMP_N = 0.1, 2.0, 5  # the claim's β = 0.1 and η = 1/L = 2
NMP_HORIZONS = (1, 2, 3, 5, 8, 13, 21, 34, 60)  # within the claim's bound window k ∈ [1, 60]


def nash_mp_kl_ratio(g: gic.PreferenceInstance, key, horizons, method_beta=NMP_BETA):
    """KL(π*_β‖π_k)/KL(π*_β‖π_0) of Nash Mirror Prox (η = 2) from π₀ = μ; the update runs with
    `method_beta` (the control: 0) while the target stays π*_β at β = 0.1."""
    step = lambda z: nash_self_play.nash_mirror_prox_step(z, g.mu, method_beta, NMP_ETA, g.P)  # noqa: E731
    return kl_ratio_path(g, horizons, step, NMP_BETA)


nash_mp_search = tt.SearchSpec(
    id="nash-mp-search-preference-games",
    claim="nash-mp-linear",
    description="KL(π*_β‖π_k)/KL(π*_β‖π_0) of Nash Mirror Prox (β = 0.1, η = 2, π₀ = μ) against "
    "(1+2β)^{−k}, k ≤ 60, over every constant-sum preference game on 5 actions (P ∈ [0, 1], "
    "P + Pᵀ = 1) and every reference μ in the open simplex; limit 1 (the claim's explicit bound).",
    instances=gic.PreferenceGameClass(n=NMP_N, free_reference=True, free_start=False),
    run=nash_mp_kl_ratio,
    horizons=NMP_HORIZONS,
    statistic=tt.max_ratio(lambda k: (1.0 + 2.0 * NMP_BETA) ** -k, "(1+2β)^−k"),
    budget=tt.Budget(starts=18, steps=80, learning_rate=0.2),
    quick_budget=tt.Budget(starts=9, steps=25, learning_rate=0.3),
)

nash_mp_search_unregularized_method = nash_mp_search.control(
    id="nash-mp-search-unregularized-method",
    why="Mirror Prox with β = 0 in its update while the target stays π*_β (the claim's mechanism "
    "control): the iterates head for the unregularized equilibrium, KL(π*_β‖π_k) does not shrink, "
    "so the search must find a ratio above (1+2β)^{−k}.",
    run=functools.partial(nash_mp_kl_ratio, method_beta=0.0),
)

# --- EGPO extragradient (claims/preference/egpo.py) -------------------------------------------------

EGPO_BETA, EGPO_ETA, EGPO_N = 0.1, 0.5, 5  # the claim's β and η ≤ 1/(β + 1)
EGPO_HORIZONS = (1, 2, 5, 10, 20, 40, 80, 150)  # up to the claim's window end k = 150
EGPO_ETA_TOO_LARGE = 4.0  # past the theorem's range η ≤ 1/(β + 1) ≈ 0.91


def egpo_kl_ratio(g: gic.PreferenceInstance, key, horizons, eta=EGPO_ETA):
    """KL(π*_β‖π_k)/KL(π*_β‖π_0) of tabular EGPO (β = 0.1, step η; the claim's η = 0.5)."""
    step = lambda z: nash_self_play.egpo_extragradient_step(z, g.mu, EGPO_BETA, eta, g.P)  # noqa: E731
    return kl_ratio_path(g, horizons, step, EGPO_BETA)


def _egpo_bound(eta):
    """The bound's factor (1 − ηβ)^k at step η."""
    return tt.max_ratio(lambda k: (1.0 - eta * EGPO_BETA) ** k, "(1 − ηβ)^k")


egpo_search = tt.SearchSpec(
    id="egpo-search-preference-games",
    claim="egpo-extragradient-lastiterate",
    description="KL(π*_β‖π_k)/KL(π*_β‖π_0) of tabular EGPO (β = 0.1, η = 0.5, μ uniform) against "
    "(1 − ηβ)^k, k ≤ 150, over every constant-sum preference game on 5 actions and every start π₀ "
    "in the open simplex; limit 1 (Cen, Wei & Chi's bound, which the claim cites).",
    instances=gic.PreferenceGameClass(n=EGPO_N, free_reference=False, free_start=True),
    run=egpo_kl_ratio,
    horizons=EGPO_HORIZONS,
    statistic=_egpo_bound(EGPO_ETA),
    budget=tt.Budget(starts=16, steps=80, learning_rate=0.3),
    quick_budget=tt.Budget(starts=8, steps=25, learning_rate=0.5),
)

egpo_search_step_beyond_range = egpo_search.control(
    id="egpo-search-step-beyond-range",
    why=f"The step η = {EGPO_ETA_TOO_LARGE:g} > 1/(β + 1) with its own bound (1 − ηβ)^k: on intransitive "
    "games the extragradient's linear part has modulus² (1 − ηβ)² + x(x − 2(1 − ηβ) + (1 − ηβ)²), "
    "x = η²λ² (λ an eigenvalue of the skew part), above 1 − ηβ once ηλ is of order 1, so the "
    "search must find a KL ratio above the bound.",
    run=functools.partial(egpo_kl_ratio, eta=EGPO_ETA_TOO_LARGE),
    statistic=_egpo_bound(EGPO_ETA_TOO_LARGE),
)

# --- Chambolle–Pock on bilinear games (claims/games/adaptive_pdhg.py) -------------------------------

PDHG_DIM, PDHG_SIGMA_MIN, PDHG_SIGMA_MAX = 3, 0.1, 1.0  # the claim's singular-value range
PDHG_INSIDE = (0.05, 0.99)  # the claim's τσ‖A‖² range under Chambolle–Pock's condition
PDHG_OUTSIDE = (1.4, 4.0)  # the claim's range beyond the bilinear bound 4/3
#: The claim's CONVERGED_MARGIN: ρ < 1 decided 10⁻⁶ below 1 (far below the class's gap, far above rounding).
PDHG_LIMIT = 1.0 - 1e-6


def _diagonal_game(b: gic.BilinearSteps) -> monotone_games.Bilinear:
    zero = jnp.zeros_like(b.singular_values)
    return monotone_games.Bilinear(
        A=jnp.diag(b.singular_values),
        b=zero,
        c=zero,
        x_star=zero,
        y_star=zero,
        sigma_max=jnp.max(b.singular_values),
        sigma_min=jnp.min(b.singular_values),
    )


def pdhg_radius(b: gic.BilinearSteps, key, horizons, theta=1.0):
    """Spectral radius of one PDHG step's linear part (θ = 1 Chambolle–Pock, θ = 0 Arrow–Hurwicz),
    repeated per horizon (the quantity has no horizon)."""
    rho = bp.spectral_radius(_diagonal_game(b), b.tau, b.sigma, theta)
    return jnp.full(len(horizons), rho)


def pdhg_exact_worst(k):
    """The class's largest CP radius: √(1 − a_min), a_min = p_lo (μ/L)² (module docstring)."""
    return math.sqrt(1.0 - PDHG_INSIDE[0] * (PDHG_SIGMA_MIN / PDHG_SIGMA_MAX) ** 2)


pdhg_search = tt.SearchSpec(
    id="pdhg-search-chambolle-pock-steps",
    claim="adaptive-pdhg",
    description="Spectral radius of Chambolle–Pock's iteration over bilinear games with singular "
    "values in [0.1, 1] and every step pair with τσ‖A‖² ∈ [0.05, 0.99], τ/σ ∈ [0.1, 10]; limit "
    "1 − 10⁻⁶ (CP converges under τσ‖A‖² < 1).",
    instances=gic.BilinearStepClass(
        dim=PDHG_DIM,
        mu=PDHG_SIGMA_MIN,
        L=PDHG_SIGMA_MAX,
        product_lo=PDHG_INSIDE[0],
        product_hi=PDHG_INSIDE[1],
    ),
    run=pdhg_radius,
    horizons=(1,),
    statistic=tt.max_value(PDHG_LIMIT, "ρ(CP iteration)"),
    budget=tt.Budget(starts=24, steps=150, learning_rate=0.2),
    quick_budget=tt.Budget(starts=8, steps=60, learning_rate=0.3),
    exact_worst=pdhg_exact_worst,
)

pdhg_search_arrow_hurwicz = pdhg_search.control(
    id="pdhg-search-arrow-hurwicz",
    why="Chambolle–Pock without its extrapolation (θ = 0, Arrow–Hurwicz): every 2×2 block has "
    "determinant 1, so ρ = 1 on every instance, above 1 − 10⁻⁶.",
    run=functools.partial(pdhg_radius, theta=0.0),
    exact_worst=None,
)

pdhg_search_steps_beyond_spectrum = pdhg_search.control(
    id="pdhg-search-steps-beyond-spectrum",
    why="The class widened to τσ‖A‖² ∈ [1.4, 4], past the condition: the block of the largest "
    "singular value has a real eigenvalue below −1 (ρ ≥ 1.148), so the search must find ρ > 1.",
    instances=gic.BilinearStepClass(
        dim=PDHG_DIM,
        mu=PDHG_SIGMA_MIN,
        L=PDHG_SIGMA_MAX,
        product_lo=PDHG_OUTSIDE[0],
        product_hi=PDHG_OUTSIDE[1],
    ),
    exact_worst=None,
)

#: Part (i)'s "any constant steps": the claim's 8×8 grid τ‖A‖, σ‖A‖ ∈ [10⁻², 10] spans
#: these products and ratios.
PDHG_ANY_PRODUCT = (1e-4, 100.0)
PDHG_ANY_RATIO = (1e-3, 1e3)
#: The claim's EIG_ROUNDING: ρ ≥ 1 decided up to eigenvalue rounding, i.e. 1/ρ ≤ 1/(1 − 10⁻⁹).
PDHG_NONCONVERGENCE_LIMIT = 1.0 / (1.0 - 1e-9)


def pdhg_inverse_radius(b: gic.BilinearSteps, key, horizons, theta=0.0):
    """1/ρ of one PDHG step's linear part (θ = 0 Arrow–Hurwicz): above 1 exactly when the method
    converges on the instance, so maximizing it searches for a convergent Arrow–Hurwicz run."""
    return 1.0 / pdhg_radius(b, key, horizons, theta)


pdhg_search_nonconvergence = tt.SearchSpec(
    id="pdhg-search-arrow-hurwicz-any-steps",
    claim="adaptive-pdhg",
    description="1/ρ of Arrow–Hurwicz (PDHG without extrapolation) over bilinear games with singular "
    "values in [0.1, 1] and every step pair with τσ‖A‖² ∈ [10⁻⁴, 100], τ/σ ∈ [10⁻³, 10³]; limit "
    "1/(1 − 10⁻⁹) (part (i): no constant step makes it converge).",
    instances=gic.BilinearStepClass(
        dim=PDHG_DIM,
        mu=PDHG_SIGMA_MIN,
        L=PDHG_SIGMA_MAX,
        product_lo=PDHG_ANY_PRODUCT[0],
        product_hi=PDHG_ANY_PRODUCT[1],
        ratio_lo=PDHG_ANY_RATIO[0],
        ratio_hi=PDHG_ANY_RATIO[1],
    ),
    run=pdhg_inverse_radius,
    horizons=(1,),
    statistic=tt.max_value(PDHG_NONCONVERGENCE_LIMIT, "1/ρ(PDHG iteration)"),
    budget=tt.Budget(starts=24, steps=150, learning_rate=0.2),
    quick_budget=tt.Budget(starts=8, steps=60, learning_rate=0.3),
    exact_worst=lambda k: 1.0,  # every Arrow–Hurwicz block has determinant 1: ρ ≥ 1, = 1 for τσs² ≤ 4
)

pdhg_search_nonconvergence_with_extrapolation = pdhg_search_nonconvergence.control(
    id="pdhg-search-chambolle-pock-any-steps",
    why="Chambolle–Pock (θ = 1) in place of Arrow–Hurwicz: its radius is √(1 − τσs²) < 1 for small "
    "steps, so the search must find 1/ρ > 1 (a convergent run), as the claim's "
    "adaptive-pdhg-cp-claimed-nonconvergent control does on its grid.",
    run=functools.partial(pdhg_inverse_radius, theta=1.0),
    exact_worst=None,
)

# --- iterative water-filling (claims/games/iwf_contraction.py) --------------------------------------

IWF_USERS, IWF_CARRIERS = 3, 4
IWF_RHO = (0.1, 0.95)  # ρ(S^max) < 1, the theorem's condition (the claim's ρ_t ∈ {0.3, 0.6, 0.9})
#: The theorem's modulus: ‖T(p) − T(p′)‖_w ≤ ρ(S^max)‖p − p′‖_w, as a ratio ≤ 1.
IWF_LIMIT = 1.0


def _gain_ratios(G, reduce):
    """reduce_k G_qr(k)/G_qq(k) for r ≠ q, 0 on the diagonal (reduce = max: S^max)."""
    Q = G.shape[0]
    direct = G[jnp.arange(Q), jnp.arange(Q)]
    return jnp.where(jnp.eye(Q, dtype=bool), 0.0, reduce(G / direct[:, None, :], axis=-1))


def iwf_contraction_ratio(pair: gic.PowerPair, key, horizons, reduce=jnp.max):
    """‖T(p) − T(p′)‖_w / (ρ‖p − p′‖_w), T one simultaneous water-filling round, ‖·‖_w the weighted
    block-max norm of the Perron vector w of S (S^max; the control passes reduce = mean), repeated
    per horizon (the quantity has no horizon)."""
    rho, w = gic.perron(_gain_ratios(pair.game.G, reduce))
    block_norm = lambda d: jnp.max(jnp.sqrt(jnp.sum(d**2, axis=1)) / w)  # noqa: E731
    moved = pc.simultaneous_round(pair.game, pair.p) - pc.simultaneous_round(pair.game, pair.p_other)
    ratio = block_norm(moved) / (rho * block_norm(pair.p - pair.p_other))
    return jnp.full(len(horizons), ratio)


iwf_search = tt.SearchSpec(
    id="iwf-search-contraction",
    claim="iwf-contraction",
    description="One simultaneous water-filling round's ‖T(p) − T(p′)‖_w/(ρ(S^max)‖p − p′‖_w) (weighted "
    "block-max norm, Perron weights of S^max) over 3-user 4-carrier interference games with "
    "ρ(S^max) ∈ [0.1, 0.95] and all pairs of feasible power profiles; limit 1 (modulus ρ(S^max)).",
    instances=gic.PowerPairClass(
        users=IWF_USERS, carriers=IWF_CARRIERS, rho_lo=IWF_RHO[0], rho_hi=IWF_RHO[1]
    ),
    run=iwf_contraction_ratio,
    horizons=(1,),
    statistic=tt.max_value(IWF_LIMIT, "‖T(p) − T(p′)‖_w / (ρ(S^max)‖p − p′‖_w)"),
    budget=tt.Budget(starts=32, steps=200, learning_rate=0.2),
    quick_budget=tt.Budget(starts=12, steps=80, learning_rate=0.3),
    exact_worst=lambda k: IWF_LIMIT,  # attained: constant gain ratios, all carriers active (docstring)
)

iwf_search_average_gain_modulus = iwf_search.control(
    id="iwf-search-average-gain-modulus",
    why="The modulus and weights taken from S^mean (gain ratios averaged over carriers) instead of "
    "S^max: interference differences on the carrier with the largest ratio move the response by "
    "more than the average predicts, so the search must find a ratio above 1.",
    run=functools.partial(iwf_contraction_ratio, reduce=jnp.mean),
    exact_worst=None,
)

# --- variance-reduced Halpern (claims/optimization/vr_halpern.py) ------------------------------------

VRH_N, VRH_DIM, VRH_L, VRH_OFFSET = 16, 3, 1.0, 0.3  # the claim's smallest n; its offset scale 0.3
VRH_HORIZONS = (25, 50, 100, 200, 400)
#: The claim's iteration budget: ε = 1/inv_eps reached within 4·inv_eps iterations, i.e. the best
#: residual within k iterations at most 4L‖z0 − z*‖/k, twice Halpern's guarantee 2L‖z0 − z*‖/(k + 1).
VRH_BUDGET_FACTOR = 4.0


def vr_halpern_residual(c: gic.CocoerciveSum, key, horizons, variance_reduction=True):
    """min_{j ≤ k} ‖F(z_j)‖/(L‖z0 − z*‖) on one noise path of the claim's loopless-SVRG Halpern
    (step 1/L, refresh probability 1/√n); variance_reduction=False: the single-sample estimate
    F_i(z) (the claim's mechanism control)."""
    n = c.M.shape[0]
    L = gic.cocoercive_constant(c)
    z0 = jnp.zeros_like(c.z_star)
    scale = L * jnp.linalg.norm(z0 - c.z_star)
    F = lambda z: gic.cocoercive_mean(c, z)  # noqa: E731
    F_i = lambda i, z: gic.cocoercive_component(c, i, z)  # noqa: E731

    def step(t, state):
        z, w, Fw, best = state
        k = jax.random.fold_in(key, t)
        if variance_reduction:
            z, w, Fw = minmax.vr_halpern_step(F_i, F, n, k, z, z0, w, Fw, t, 1.0 / L, 1.0 / math.sqrt(n))
        else:
            beta = 1.0 / (t + 2.0)
            z = beta * z0 + (1.0 - beta) * (z - F_i(jax.random.randint(k, (), 0, n), z) / L)
        return z, w, Fw, jnp.minimum(best, jnp.linalg.norm(F(z)))

    state = (z0, z0, F(z0), jnp.linalg.norm(F(z0)))
    return ic.trajectory(step, state, horizons, lambda s: s[3] / scale)


vr_halpern_search = tt.SearchSpec(
    id="vr-halpern-search-cocoercive-sums",
    claim="vr-halpern",
    description="E[min_{j≤k} ‖F(z_j)‖]/(L‖z0 − z*‖) of the claim's variance-reduced Halpern (loopless "
    "SVRG, refresh 1/√n, n = 16) against 4/k (the claim's iteration budget, twice Halpern's "
    "guarantee) over finite sums of 16 affine L-cocoercive components on ℝ³ with distinct zeros; "
    "common random numbers; limit 1.",
    instances=gic.CocoerciveSumClass(n=VRH_N, dim=VRH_DIM, L=VRH_L, offset=VRH_OFFSET),
    run=vr_halpern_residual,
    horizons=VRH_HORIZONS,
    statistic=tt.max_ratio(lambda k: VRH_BUDGET_FACTOR / k, "4/k"),
    noise_paths=16,
    replay_paths=512,
    budget=tt.Budget(starts=10, steps=40, learning_rate=0.2),
    quick_budget=tt.Budget(starts=5, steps=15, learning_rate=0.3),
)

vr_halpern_search_no_variance_reduction = vr_halpern_search.control(
    id="vr-halpern-search-no-variance-reduction",
    why="The single-sample estimate F_i(z) (the claim's mechanism control): with distinct zeros its "
    "noise does not vanish at z*, the residual stalls at a floor decaying like k^(−1/2), so the "
    "search must find a residual above 4L‖z0 − z*‖/k.",
    run=functools.partial(vr_halpern_residual, variance_reduction=False),
)

# --- SPPO self-play (claims/preference/sppo.py) ------------------------------------------------------

SPPO_K = 5
SPPO_HORIZONS = (10, 30, 100, 300, 1000)  # the claim's bound window starts at T = 100; shorter T are harder


def sppo_step_size(T):
    """The claim's η = √(8 log K/T), which makes the Hedge bound log K/(ηT) + η/8 = √(log K/(2T))."""
    return math.sqrt(8.0 * math.log(SPPO_K) / T)


def sppo_average_gap(g: gic.PreferenceInstance, key, horizons, average=True):
    """max_y P(y ≻ π̄_T) − ½ of the average π̄_T = (1/T)Σ_{t<T} π_t of SPPO's exact self-play update
    (Hedge with gains Pπ_t) from π₀, one run per horizon T with its own step (the claim's);
    average=False: the gap of the last iterate π_T instead (the claim's second control)."""

    def gap_at(T):
        eta = sppo_step_size(T)

        def step(carry, _):
            pi, total = carry
            return (minmax.hedge_step(pi, -(g.P @ pi), eta), total + pi), None

        (last, total), _ = jax.lax.scan(step, (g.pi0, jnp.zeros_like(g.pi0)), None, length=T)
        return 0.5 * preference_games.gap(g.P, total / T if average else last)

    return jnp.stack([gap_at(int(T)) for T in horizons])


sppo_search = tt.SearchSpec(
    id="sppo-search-preference-games",
    claim="sppo-selfplay",
    description="max_y P(y ≻ π̄_T) − ½ of SPPO's exact self-play average (η = √(8 log K/T), π₀ uniform) "
    "against √(log K/(2T)), T ∈ [10, 1000], over every constant-sum preference game on K = 5 "
    "responses; limit 1 (the Hedge regret bound the claim checks).",
    instances=gic.PreferenceGameClass(n=SPPO_K, free_reference=False, free_start=False),
    run=sppo_average_gap,
    horizons=SPPO_HORIZONS,
    statistic=tt.max_ratio(lambda T: (math.log(SPPO_K) / (2.0 * T)) ** 0.5, "√(log K/(2T))"),
    budget=tt.Budget(starts=20, steps=80, learning_rate=0.3),
    quick_budget=tt.Budget(starts=10, steps=25, learning_rate=0.5),
)

sppo_search_last_iterate = sppo_search.control(
    id="sppo-search-last-iterate",
    why="The last iterate π_T in place of the average (the method without its averaging, the "
    "claim's sppo-last-iterate-cycles): on intransitive games multiplicative-weights self-play "
    "cycles around the equilibrium, its gap does not decay, so the search must find it above "
    "√(log K/(2T)).",
    run=functools.partial(sppo_average_gap, average=False),
)
