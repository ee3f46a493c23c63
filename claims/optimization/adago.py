"""AdaGO (AdaGrad-norm stepsizes for Muon's orthogonal updates): O(T^{-1/4}) stochastic and
O(T^{-1/2}) deterministic nonconvex rates without tuning η to T.

Statement
---------
M. Zhang, Y. Liu, H. Schaeffer, "AdaGrad Meets Muon: Adaptive Stepsizes for Orthogonal
Updates", arXiv:2509.02981 (abstract and Algorithm 1; the theorems' numbers were not read):
AdaGO, X_{t+1} = X_t − α_t·orth(M_t) with M_t = μM_{t−1} + (1 − μ)G_t,
v_t² = v_{t−1}² + min(‖G_t‖_F², γ²), α_t = max(ε, η·min(‖G_t‖_F, γ)/v_t), on an L-smooth
nonconvex f with unbiased bounded-variance noise, attains the optimal rates
    min_{t≤T} E‖∇f(X_t)‖ = O(T^{−1/4})  (stochastic),   O(T^{−1/2})  (deterministic),
with one η for every horizon (no T-dependent tuning).

Assumptions
-----------
- L-smooth nonconvex f (problems.recovery.robust_matrix): Σ_ij log(1 + (AXB − Y)_ij²),
  X ∈ R^{16×16} (as in trust_region_muon.py), X0 = 0.
- unbiased bounded-variance noise: N(0, σ²) entrywise, σ = 1 (stochastic), σ = 0
  (deterministic).
- AdaGO as in Algorithm 1 (problems.methods.adago; the numerator min(‖G_t‖, γ) is part of the
  step), μ = 0.9, γ = 10, ε = 0 (a positive floor would make the step non-adaptive), one
  η = 0.5 for all T; orth by cubic Newton–Schulz to convergence (the exact polar factor).
  Nothing depends on T, so one run of 3·10⁴ steps read at checkpoints gives the sweep.
- the norm measured is the nuclear norm ‖∇f‖_* (Muon's dual norm; the catalogue's choice),
  within a factor √16 = 4 of the Frobenius norm, so the exponents are the same.

Attainment
----------
In the noisy regime ‖G_t‖_F > γ at almost every step, so α_t ≈ η/√t and the min-gradient
follows the noise-dominated T^{−1/4} order, which is the lower bound for stochastic
nonconvex first-order methods: the stochastic part is attained. The deterministic instance
converges faster than the worst-case T^{−1/2}: that part is one-sided and says nothing about
tightness.
Measured quantity: the running average A_T = (1/T)·Σ_{t<T} ‖∇f(X_t)‖_* of one run (the exact
gradient at the iterate), averaged over seeds: the mean estimates (1/T)·Σ_{t<T} E‖∇f(X_t)‖_*,
which is ≥ min_{t<T} E‖∇f(X_t)‖_*, the statement's quantity. So A_T ≤ C·T^{−1/4} implies the
statement's bound with the same C, and the check is at least as strict as the statement
(AdaGrad-norm analyses usually bound this average and then take the minimum; the theorem here
was not read, so that is not a claim about its proof). The per-seed minimum used
before, E[min_t ‖∇f(X_t)‖_*], is ≤ min_t E‖∇f(X_t)‖_* and so a weaker check than the
statement. The min over t of the mean over seeds is not computable from per-seed series read at
checkpoints (the engine aggregates over seeds after the run). Checks: upper-rate fits of log A_T
(mean over seeds) against log T over T ∈ [10³, 3·10⁴] (quick: [10³, 10⁴]): stochastic slope ≤
−1/4 + STOCHASTIC_TOL, deterministic slope ≤ −1/2 + 0.1. The average also carries the early
transient, a term ∝ 1/T: it can steepen a fitted slope, which an upper bound O(T^{−p}) allows
(a faster decay satisfies it), but it cannot hide a plateau (the constant-step control's average
still flattens). In the deterministic run the gradient norms are summable on this instance, so
the average decays about like 1/T: that part stays a loose one-sided check, as it was with the
minimum.

Trivial baseline
----------------
No algorithm (X_t = X0) has a constant average gradient norm, slope 0, and fails both parts.
The method without its ingredient (the adaptive stepsize) is Muon with a constant step, run by
adago-rate-constant-muon (REFUTED: its average plateaus at the noise floor).

Controls
--------
- adago-rate-constant-muon: Muon with a constant, non-adaptive, not horizon-tuned step
  η = 0.05 and momentum 0.9 in place of AdaGO: the stochastic gradient norm plateaus at a
  noise floor, so the O(T^{−1/4}) part must be REFUTED.
- adago-rate-stochastic-at-deterministic-rate: the deterministic rate O(T^{−1/2}) asserted
  for the stochastic runs (check only): under noise the gradient norm decays like T^{−1/4}, so
  the checker must tell the two regimes apart (REFUTED).

Departures and revisions
------------------------
- Theorem numbers not read (abstract only).
- STOCHASTIC_TOL = 0.07, not the default 0.1, is this encoding's choice and not derived from
  the paper; it is stricter than 0.1 (a one-sided check), so it cannot have turned a verdict
  green.
- The measured quantity is the time-averaged gradient norm, an upper bound of the statement's
  min_t E‖∇f(X_t)‖_* (see Attainment); until the validity review (issue 15) it was the per-seed
  minimum, a lower bound of it (see `revisions`).
"""

import functools

import jax
import jax.numpy as jnp
import optax

import theorytest as tt
from problems.methods import adago, orthogonalize
from problems.recovery import robust_matrix

PAPER = tt.Paper(
    title="AdaGrad Meets Muon: Adaptive Stepsizes for Orthogonal Updates", arxiv="2509.02981", year=2025
)

_SIZE = 16


def _optimizer(method):
    if method == "adago":
        return adago.adago(eta=0.5, mu=0.9, gamma=10.0, eps=0.0)
    # Muon with a constant step: momentum, exact spectral LMO, η = 0.05.
    return optax.chain(
        optax.trace(decay=0.9),
        orthogonalize.scale_by_newton_schulz(40, orthogonalize.CUBIC_COEFFS),
        optax.scale_by_learning_rate(0.05),
    )


def _mean_gradient(key, checkpoints, sigma, method):
    """(1/T)·Σ_{t<T} ‖∇f(X_t)‖_* along one run (the exact gradient at the iterate, not the noisy one)."""
    k_problem, k_noise = jax.random.split(key)
    p = robust_matrix.make(k_problem, _SIZE)
    opt = _optimizer(method)
    X0 = jnp.zeros((_SIZE, _SIZE))

    def step(t, state):
        X, opt_state, total = state
        g = robust_matrix.grad(p, X)
        total = total + robust_matrix.nuclear_norm(g)
        noisy = g + sigma * jax.random.normal(jax.random.fold_in(k_noise, t), g.shape)
        updates, opt_state = opt.update(noisy, opt_state, X)
        return optax.apply_updates(X, updates), opt_state, total

    totals = tt.trajectory(step, (X0, opt.init(X0), jnp.asarray(0.0)), checkpoints, lambda s: s[2])
    return totals / jnp.asarray(checkpoints, dtype=totals.dtype)


def mean_nuclear_gradient(key, checkpoints, method="adago"):
    """(1/T)·Σ_{t<T} ‖∇f(X_t)‖_*, stochastic (σ = 1) and deterministic (σ = 0) runs.

    Its mean over seeds is (1/T)·Σ_t E‖∇f(X_t)‖_* ≥ min_{t<T} E‖∇f(X_t)‖_*, the statement's quantity,
    so an upper rate confirmed for it holds for the statement's quantity too.
    """
    return {
        "stochastic": _mean_gradient(key, checkpoints, 1.0, method),
        "deterministic": _mean_gradient(key, checkpoints, 0.0, method),
    }


_WINDOW = (1_000, 30_000)
#: Tolerance of the stochastic upper rate: stricter than the default 0.1, a choice of this
#: encoding (see Departures); a one-sided check only gets harder to pass with it.
STOCHASTIC_TOL = 0.07

adago_rate = tt.Claim(
    id="adago-rate",
    paper=PAPER,
    statement="AdaGO (orthogonalized momentum × AdaGrad-norm stepsize) attains min_t E‖∇f(X_t)‖ "
    "= O(T^{−1/4}) under bounded-variance noise and O(T^{−1/2}) deterministically, on "
    "L-smooth nonconvex f, with one η for every horizon. Checked through the upper bound "
    "(1/T)Σ_{t<T} E‖∇f(X_t)‖_* ≥ min_{t<T} E‖∇f(X_t)‖_* (nuclear norm).",
    assumptions=(
        "L-smooth nonconvex: Σ log(1 + (AXB − Y)²), X ∈ R^{16×16}",
        "unbiased noise: N(0, 1) entrywise (stochastic) or none (deterministic)",
        "AdaGO per Algorithm 1: μ = 0.9, γ = 10, ε = 0, η = 0.5 for every T",
    ),
    testbed="robust matrix regression 16×16, X0 = 0; one run of 3·10⁴ steps read at T checkpoints; "
    "the running average of ‖∇f(X_t)‖_* over t < T",
    source="abstract only (Algorithm 1 for the method)",
    revisions=(
        "The measured quantity changed from the mean over seeds of min_t ‖∇f(X_t)‖_* (E[min], a "
        "lower bound of the statement's min_t E‖∇f(X_t)‖_*) to the mean over seeds of "
        "(1/T)Σ_{t<T} ‖∇f(X_t)‖_* (an upper bound of it), after the validity review (issue 15); "
        "checks, windows, tolerances and seeds unchanged; all three verdicts as expected at quick "
        "and full size afterwards.",
    ),
    area="optimization",
    experiment=mean_nuclear_gradient,
    quantity=r"$\frac{1}{T}\sum_{t<T} \|\nabla f(X_t)\|_*$",
    sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1_000, 30_000, 8), checkpoint_name="T"),
    quick_sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1_000, 10_000, 6), checkpoint_name="T"),
    seeds=8,
    quick_seeds=4,
    check=tt.AllOf(
        [
            tt.UpperRate(exponent=-0.25, tol=STOCHASTIC_TOL, window=_WINDOW, series="stochastic"),
            tt.UpperRate(exponent=-0.5, tol=0.1, window=_WINDOW, series="deterministic"),
        ],
        names=["stochastic O(T^{-1/4})", "deterministic O(T^{-1/2})"],
    ),
)

adago_constant_muon = adago_rate.control(
    id="adago-rate-constant-muon",
    why="Muon with a constant, non-adaptive step η = 0.05 (1 − β = 0.1) instead of AdaGO: the "
    "stochastic min-gradient plateaus at a noise floor, so the O(T^{−1/4}) part must be "
    "rejected.",
    experiment=functools.partial(mean_nuclear_gradient, method="muon-constant"),
    check=tt.UpperRate(exponent=-0.25, tol=STOCHASTIC_TOL, window=_WINDOW, series="stochastic"),
)

adago_stochastic_claimed_deterministic = adago_rate.control(
    id="adago-rate-stochastic-at-deterministic-rate",
    why="The deterministic rate O(T^{−1/2}) asserted for the stochastic runs: under noise the "
    "min-gradient decays like T^{−1/4} (the stochastic lower-bound order), "
    "so a slope ≤ −0.5 + 0.1 must be rejected.",
    check=tt.UpperRate(exponent=-0.5, tol=0.1, window=_WINDOW, series="stochastic"),
)
