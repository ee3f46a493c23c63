"""Nash Mirror Prox: last-iterate linear convergence to the regularized NE, rate (1+2β)^{-N/2}.

Statement
---------
D. Tiapkin, D. Calandriello, D. Belomestny, É. Moulines, A. Naumov, K. Rasul, M. Valko,
P. Ménard, "Accelerating Nash Learning from Human Feedback via Mirror Prox", 2025,
arXiv:2505.19731 (abstract; catalogue cards seeds-001 and seeds-002 `nash-mp-linear`, this
module follows seeds-002, which pins η = 1/L = 2). The KL divergence from the β-regularized
Nash equilibrium to the last iterate decreases at a rate of order (1+2β)^{−N/2}, N the number
of preference queries, independently of the size of the action space. Mirror Prox spends 2
queries per iteration, so per iteration k: KL(π*_β‖π_k) ≤ (1+2β)^{−k}·KL(π*_β‖π_0).

Assumptions
-----------
- The β-regularized preference game max_π min_π′ πᵀPπ′ − βKL(π‖μ) + βKL(π′‖μ) with
  P = (M − Mᵀ + 1)/2, M ~ U[0, 1]^{n×n} (intransitive, P + Pᵀ = 1; a fresh game per seed and
  per β), μ = softmax(N(0, I)), π₀ = μ, exact (full-information) self-play.
- Nash-MP with η = 2 = 1/L (Pπ − ½ has entries in [−½, ½]):
  log π½ ∝ [ηPπ_k + ηβ log μ + log π_k]/(1+ηβ), log π_{k+1} ∝ [ηPπ½ + ηβ log μ + log π_k]/(1+ηβ)
  (problems.methods.nash_self_play.nash_mirror_prox_step).
- β ∈ {0.1, 0.5, 1}, so the factor (1+2β) ranges from 1.2 to 3; n-independence: at β = 0.1
  each seed also runs a game with n = 300 beside n = 10, under the same n-free bound.
- π*_β by an independent solver (damped fixed point + Newton on π = softmax(log μ + Pπ/β),
  problems.preference.preference_games.regularized_nash), certified: a fixed-point residual
  > 1e-10 returns NaN.

Attainment
----------
The bound has slack: the iterates contract at about (1+2β)^{−2} per iteration, so only the
upper bound is asserted (aggregate: max over games): the explicit bound KL_k/KL_0 ≤ (1+2β)^{−k}
at every k of its window, and the fitted factor ≤ (1+2β)^{−1} (no tolerance: the paper's
constant). The windows end before the relative KL reaches the float64 floor (≈ 10⁻¹⁵), which
at contraction (1+2β)^{−2} happens after about 17/log(1+2β) iterations: β = 0.1: bound
k ∈ [1, 60], fit [5, 50]; β = 0.5: [1, 12], [3, 12]; β = 1: [1, 8], [2, 8].

Trivial baseline
----------------
No update (π_k = μ) keeps KL constant: factor 1, REFUTED. The method without its key
ingredient, the regularization in the update, is run as `nash-mp-unregularized-method` and
REFUTED. Plain regularized mirror descent (no extragradient) also converges linearly on these
instances, so it is not a control here.

Controls
--------
- nash-mp-unregularized-method (mechanism): Mirror Prox with β = 0 in its update while the
  target stays π*_β: the iterates head for the unregularized equilibrium, KL(π*_β‖π_k) grows:
  REFUTED at every β.
- nash-mp-step-too-large (mechanism): η = 30 ≫ 1/L = 2 at β = 0.05 (the card's setting),
  checked against (1.1)^{−k}: Mirror Prox stops contracting on most n = 10 games: REFUTED. (At
  β = 0.1 the same step still converges on most games, so it would not be a reliable control.)
- nash-mp-claimed-too-fast: the same runs claimed at (1+2β)^{−3} per iteration, faster than the
  observed ≈ (1+2β)^{−2}: REFUTED.

Departures and revisions
------------------------
The theorem text was not read (abstract and cards): `source` is "abstract only". β = 0.5 and 1
were added after the validity review (see `revisions`); quick seeds were raised after the
reseeding audit.
"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems.methods import nash_self_play
from problems.preference import preference_games

PAPER = tt.Paper(
    title="Accelerating Nash Learning from Human Feedback via Mirror Prox",
    authors="D. Tiapkin, D. Calandriello, D. Belomestny, É. Moulines, A. Naumov, K. Rasul, "
    "M. Valko, P. Ménard",
    year=2025,
    arxiv="2505.19731",
)

BETA, ETA = 0.1, 2.0
RHO = 1.0 / (1.0 + 2.0 * BETA)
# β values and their windows: the measured contraction is about (1+2β)^{-2}, so the relative KL
# reaches the float64 floor (~1e-15) after about 17/log(1+2β) iterations (≈ 19 at β = 0.5, 16 at
# β = 1); each window ends before that. n-independence (n = 300 beside n = 10) is run at β = 0.1.
BETAS = (0.1, 0.5, 1.0)
WINDOWS = {0.05: (5, 50), 0.1: (5, 50), 0.5: (3, 12), 1.0: (2, 8)}
BOUND_WINDOWS = {0.05: (1, 60), 0.1: (1, 60), 0.5: (1, 12), 1.0: (1, 8)}
N_LARGE_BETAS = (0.05, 0.1)


def _kl_path(key, n, checkpoints, eta, beta, method_beta=None):
    """KL(π*_β‖π_k)/KL(π*_β‖π_0); the method runs with `method_beta` (default β) in its update."""
    method_beta = beta if method_beta is None else method_beta
    k_game, k_mu = jax.random.split(key)
    mu = jax.nn.softmax(jax.random.normal(k_mu, (n,)))
    game = preference_games.random_skew(k_game, n, mu=mu)
    star = preference_games.regularized_nash(game.P, game.mu, beta)
    ok = preference_games.fixed_point_residual(game.P, game.mu, beta, star) < 1e-10
    log_pi0 = jnp.log(mu)
    kl0 = preference_games.kl(star, mu)
    step = lambda t, z: nash_self_play.nash_mirror_prox_step(z, game.mu, method_beta, eta, game.P)  # noqa: E731
    path = tt.trajectory(step, log_pi0, checkpoints, lambda z: preference_games.kl(star, jnp.exp(z)) / kl0)
    return jnp.where(ok, path, jnp.nan)


def _series(n, beta):
    return f"n={n} β={beta:g}"


def nash_mp_kl(key, checkpoints, eta=ETA, betas=BETAS, unregularized_method=False):
    """KL(π*_β‖π_k)/KL(π*_β‖π_0) for Nash-MP on random games with n = 10 and n = 300, per β.

    unregularized_method=True runs Mirror Prox with β = 0 in its update (the control) while the
    target stays π*_β.
    """
    out = {}
    for i, beta in enumerate(betas):
        k10, k300 = jax.random.split(jax.random.fold_in(key, i))
        method_beta = 0.0 if unregularized_method else beta
        out[_series(10, beta)] = _kl_path(k10, 10, checkpoints, eta, beta, method_beta)
        if beta in N_LARGE_BETAS:
            out[_series(300, beta)] = _kl_path(k300, 300, checkpoints, eta, beta, method_beta)
    return out


def _check(betas=BETAS, power=1):
    """Explicit bound ((1+2β)^{-power})^k and contraction ≤ (1+2β)^{-power}, per n and β."""
    parts, names = [], []
    label = "(1+2β)^−1" if power == 1 else f"(1+2β)^−{power}"
    for beta in betas:
        rate = (1.0 + 2.0 * beta) ** -power
        for n in (10, 300) if beta in N_LARGE_BETAS else (10,):
            series = _series(n, beta)
            parts += [
                tt.ExplicitBound(
                    bound=lambda k, r=rate: r**k,
                    label=f"{label}^k",
                    window=BOUND_WINDOWS[beta],
                    series=series,
                ),
                tt.LinearRate(rate=rate, label=label, window=WINDOWS[beta], series=series),
            ]
            names += [f"{series}: explicit bound", f"{series}: contraction"]
    return tt.AllOf(parts, names=names)


nash_mp = tt.Claim(
    id="nash-mp-linear",
    paper=PAPER,
    statement="Nash Mirror Prox converges in the last iterate to the β-regularized NE at a linear "
    "rate independent of the number of actions: KL(π*_β‖π_k) ≤ (1+2β)^{−N/2}·KL(π*_β‖π_0) "
    "with N = 2k preference queries after k iterations.",
    assumptions=(
        "two-player constant-sum preference game, P + Pᵀ = 1: random intransitive P",
        "KL regularization β = 0.1 to a reference μ = softmax(N(0, I)); π₀ = μ",
        "exact queries; step η = 1/L = 2 (Pπ − ½ has entries in [−½, ½])",
        "π*_β by an independent solver, certified by its fixed-point residual < 1e-10",
    ),
    testbed="P = (M − Mᵀ + 1)/2, M ~ U[0,1]^{n×n}, n ∈ {10, 300} per seed, β = 0.1, η = 2, k ≤ 60",
    area="preference",
    experiment=nash_mp_kl,
    quantity=r"$\mathrm{KL}(\pi^\star_\beta \,\|\, \pi_k) / \mathrm{KL}(\pi^\star_\beta \,\|\, \pi_0)$",
    sweep=tt.Sweep(checkpoints=tuple(range(1, 61))),
    seeds=32,
    quick_seeds=32,
    aggregate="max",
    check=_check(),
    source="abstract only",
    revisions=(
        "Quick seeds raised from 8 to 32 after the reseeding audit found the η = 30 control "
        "INCONCLUSIVE in 3 of 5 seed sets.",
        "After the validity review β ∈ {0.5, 1} were added to β = 0.1 (so the (1+2β) factor is "
        "exercised), with linear-rate windows ending before the float64 floor.",
    ),
)

nash_mp_unregularized = nash_mp.control(
    id="nash-mp-unregularized-method",
    why="Mirror Prox run with β = 0 in its update (the regularization, the ingredient behind the linear "
    "rate, removed) while the target stays π*_β: the iterates approach the unregularized NE, not "
    "π*_β, so KL(π*_β‖π_k) stops decreasing and the bound and contraction must fail.",
    experiment=functools.partial(nash_mp_kl, unregularized_method=True),
)

nash_mp_step_too_large = nash_mp.control(
    id="nash-mp-step-too-large",
    why="Step η = 30, far above 1/L = 2, at β = 0.05: the prox steps overshoot and Mirror Prox "
    "stops contracting on most games (card: ρ̂ ≈ 1.000), so the paper's bound (1+2β)^{−k} "
    "= 1.1^{−k} and the contraction must fail.",
    experiment=functools.partial(nash_mp_kl, eta=30.0, betas=(0.05,)),
    check=_check(betas=(0.05,)),
)

nash_mp_claimed_too_fast = nash_mp.control(
    id="nash-mp-claimed-too-fast",
    why="The same runs claimed at (1+2β)^{−3} ≈ 0.58 per iteration, faster than the measured "
    "≈ (1+2β)^{−2} ≈ 0.69, must be rejected.",
    check=_check(power=3),
)
