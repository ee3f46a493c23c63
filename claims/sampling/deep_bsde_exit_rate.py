"""Deep BSDEs on bounded domains: discrete exit monitoring degrades the order to h^{1/4−ε} (surrogate).

Covers the catalogue cards `deep-bsde-exit-rate` (seeds-002.md) and `deep-xva-exit`
(seeds-000-003-004.md), which state the same result of one paper.

Statement
---------
K. Andersson, A. Gnoatto, "Multi-Layer Deep xVA: Structural Credit Models, Measure Changes
and Convergence Analysis", arXiv:2502.14766 (abstract only). Extending Han and Long's a
posteriori error analysis of the deep BSDE method to BSDEs on bounded domains, the random exit
from the domain gives an error of order O(h^{1/4−ε}) in the time step h (instead of the usual
O(h^{1/2})). Checked here on the exit-time discretization alone: the error of the time-h
scheme decays at least like h^{1/4−ε}, i.e. with n = T/h steps, slope in n ≤ −(1/4 − ε).

Assumptions
-----------
- Forward process: Brownian motion from x0 = 0.3 in the domain (0, 1), horizon T = 1; the
  scheme sees it on the grid of step h = T/n and detects the exit at the first grid date
  outside (discrete monitoring), stopping the path there (clipped to the boundary).
- BSDE: Y_t = g(X_{τ∧T}) with g(x) = x² (no driver, so Z is the martingale part and Y_0 is
  an expectation); the exact Y_0 is the sine series of the heat equation on (0, 1)
  (`problems.stochastic.deep_bsde_exit_rate.exact_value`).
- The network is replaced by exact conditional expectations (no training error), so the error
  measured is the time-discretization error the theorem's rate is about.

Attainment
----------
Two series share the paths: the weak error E g(X_{τ_h∧T}) − E g(X_{τ∧T}) (card
deep-bsde-exit-rate: the error of Y_0) and the strong error E|X_{τ_h∧T} − X_{τ∧T}|²
(card deep-xva-exit). Both are computed against the continuous exit of the same paths,
detected on a fine grid with the Brownian-bridge crossing probability (unbiased for Y_0; its
agreement with the series is a unit test). For Brownian motion the weak error is known to
decay like h^{1/2} (Gobet's discrete-monitoring bias) and the squared strong error is driven
by the same missed exits, so both decay faster than the paper's h^{1/4−ε}; the rate is an
upper bound and is checked only as one (UpperRate, slope in n ≤ −1/4 + ε, ε = EPSILON).
The weak series is the coupled difference over the same paths, whose sign is that of the bias
(missed exits), with a far smaller variance than the error against the series value.

Trivial baseline
----------------
No exit monitoring before T (the domain ignored until the horizon, then clipped): the error
is a constant in h, slope 0 > −1/4 + ε; run by deep-bsde-exit-rate-no-monitoring (REFUTED).

Controls
--------
- deep-bsde-exit-rate-unrefined-monitoring: exits are checked only on a fixed grid of 10
  dates whatever h is (exit detection not refined with the scheme): the errors plateau, slope
  0, REFUTED.
- deep-bsde-exit-rate-no-monitoring: the trivial baseline above.
- deep-bsde-exit-rate-claimed-first-order: the same runs claimed at O(h) (check only): the
  discrete-monitoring error decays like h^{1/2}, REFUTED.

Departures and revisions
------------------------
Abstract only: the paper's theorem (its constants, the meaning of ε, the a posteriori terms)
was not read; the rate is stated no stronger than the abstract's order. The surrogate has no
neural network and no driver: it tests the exit-time discretization that causes the
degradation, not the deep BSDE scheme. The card's comparison with the same problem without a
domain is not encoded (without a domain the Euler scheme is exact for Brownian motion, so the
comparison is empty).
"""

import functools

import jax.numpy as jnp

import theorytest as tt
from problems.stochastic import deep_bsde_exit_rate as exit_rate

PAPER = tt.Paper(
    title="Multi-Layer Deep xVA: Structural Credit Models, Measure Changes and Convergence Analysis",
    authors="K. Andersson, A. Gnoatto",
    year=2025,
    arxiv="2502.14766",
)

#: The abstract's order is h^{1/4−ε} for every ε > 0; ε = 0.05 is the card's margin (a
#: smaller ε is a stronger claim).
EPSILON = 0.05
X0, HORIZON = 0.3, 1.0
STEPS = (10, 20, 40, 80, 160, 320, 640)
QUICK_STEPS = (10, 20, 40, 80, 160)
#: Fine grid of the continuous-exit reference: 4 fine steps per step of the finest scheme.
FINE_PER_STEP = 4
#: Paths per seed at quick size (the weak series is a coupled difference, so its noise stays
#: well below the bias at n ≤ 160).
QUICK_PATHS = 3000
#: Monitoring dates of the unrefined-monitoring control.
UNREFINED_DATES = 10


def exit_errors(key, checkpoints, n_paths=8000, monitor_steps=None):
    """Weak and strong errors of discrete exit monitoring at each number of steps n (the checkpoints)."""
    coarse, reference = exit_rate.stopped_values(
        key, checkpoints, FINE_PER_STEP * max(checkpoints), n_paths, X0, HORIZON, monitor_steps=monitor_steps
    )
    weak = jnp.mean(exit_rate.payoff(coarse) - exit_rate.payoff(reference)[None, :], axis=1)
    strong = jnp.mean((coarse - reference[None, :]) ** 2, axis=1)
    return {"weak error of Y_0": weak, "strong error": strong}


def _check(exponent=-(0.25 - EPSILON)):
    """UpperRate in n on both series; the abstract's ε sits in the exponent, so tol is 0."""
    return tt.AllOf(
        [
            tt.UpperRate(exponent=exponent, tol=0.0, series="weak error of Y_0"),
            tt.UpperRate(exponent=exponent, tol=0.0, series="strong error"),
        ],
        names=["weak error of Y_0 (deep-bsde-exit-rate)", "strong error (deep-xva-exit)"],
    )


deep_bsde_exit_rate = tt.Claim(
    id="deep-bsde-exit-rate",
    paper=PAPER,
    statement="For BSDEs on a bounded domain, the time-h scheme with the random exit from the domain has "
    "error O(h^{1/4−ε}) (instead of O(h^{1/2}) without the domain).",
    assumptions=(
        "Brownian motion from 0.3 in (0, 1), T = 1, exit detected at the scheme's grid dates",
        "Y_t = g(X_{τ∧T}), g(x) = x²; exact conditional expectations in place of the network",
    ),
    testbed="n ∈ {10, …, 640} steps, 8000 paths per seed; continuous-exit reference by Brownian bridge "
    "on a grid 4× finer than the finest scheme",
    source="abstract only",
    quantity=r"error at $h = T/n$",
    experiment=exit_errors,
    sweep=tt.Sweep(checkpoints=STEPS, checkpoint_name="n"),
    quick_sweep=tt.Sweep(checkpoints=QUICK_STEPS, checkpoint_name="n", grid={"n_paths": (QUICK_PATHS,)}),
    seeds=16,
    quick_seeds=8,
    aggregate="mean",
    check=_check(),
)

deep_bsde_exit_rate_unrefined_monitoring = deep_bsde_exit_rate.control(
    id="deep-bsde-exit-rate-unrefined-monitoring",
    why="Exits checked only at 10 fixed dates whatever h is: the missed-exit error does not shrink with h, "
    "so both errors plateau (slope 0 > −1/4 + ε).",
    experiment=functools.partial(exit_errors, monitor_steps=UNREFINED_DATES),
)

deep_bsde_exit_rate_no_monitoring = deep_bsde_exit_rate.control(
    id="deep-bsde-exit-rate-no-monitoring",
    why="The trivial baseline: the domain ignored until T (exit checked only at the horizon), a constant "
    "error in h.",
    experiment=functools.partial(exit_errors, monitor_steps=1),
)

deep_bsde_exit_rate_claimed_first_order = deep_bsde_exit_rate.control(
    id="deep-bsde-exit-rate-claimed-first-order",
    why="The same runs claimed at O(h): discrete exit monitoring of Brownian motion has error of order "
    "h^{1/2}, so a slope ≤ −1 must be rejected.",
    check=_check(exponent=-1.0),
)
