"""FedSpeed: O(1/T) non-convex rate in communication rounds, no client-drift floor.

Paper: Y. Sun, L. Shen, T. Huang, L. Ding, D. Tao, "FedSpeed: Larger Local Interval, Less
Communication Round, and Higher Generalization Accuracy", ICLR 2023, arXiv:2302.10429.
Catalogue cards: seeds-000-003-004 `fedspeed`, seeds-001 and seeds-002 `fedspeed-rate`
(one id).

Statement (abstract): FedSpeed applies a prox-correction term to the local updates (removing
the bias of the prox term) and merges the stochastic gradient with one computed after an
extra gradient-ascent step (a SAM-like perturbation); "the convergence rate is related to
both the communication rounds T and local intervals K with a upper bound O(1/T) if setting a
proper local interval". For smooth non-convex f this reads (1/T)Σ_{t<T}‖∇f(x^t)‖² = O(1/T).

Method (Algorithm 1 of the paper, the same recursion as the authors' FL-Simulator code;
problems.methods.federated_sam.fedspeed_round): K local steps per client from the server
model x, g = (1 − α)∇f_i(y) + α∇f_i(y + ρ∇f_i(y)), y ← y − η(g − λ̂_i + (1/λ)(y − x));
then λ̂_i ← λ̂_i − (1/λ)(y_K − x), x⁺ = mean_i(y_K − λλ̂_i).

What the abstract does not give, and what we chose (decided before the verdict):
- the noise / K condition: we use deterministic local gradients. Our reading of "a proper
  local interval" is that K must be large enough for the stochastic terms to fall to O(1/T);
  deterministic gradients are the regime where those terms are absent. This is a departure.
- ρ: the perturbed gradient moves FedSpeed's fixed point by O(αρ) (at the fixed point
  mean_i[(1 − α)∇f_i + α∇f_i(x + ρ∇f_i)] = 0, not ∇f = 0), so with a T-independent ρ the
  average would plateau at O(α²ρ²). We take ρ_T = 1/√T per horizon (the usual SAM-analysis
  choice, bias O(1/T)), each horizon run with its own ρ_T. This is an assumption about the
  theorem's regime, not read from the paper.
- 1/λ: FedDyn-type prox-corrected methods need 1/λ of order L on non-convex problems. A
  prototype on this testbed with 1/λ = 0.1 left some seeds cycling at ‖∇f‖² ≈ 0.02 after 1600
  rounds; with 1/λ ≥ 1 all converged linearly. We use 1/λ = L = 2. Also K = 10, η = 0.1, α = 0.5.

Testbed (problems.nonconvex_clients): N = 10 clients, f_i(x) = Σ_j log(1 + (x_j − c_ij)²),
d = 10, c_ij ~ N(0, 2²): L-smooth (L = 2), non-convex, bounded heterogeneity (|∂_j f_i| ≤ 1);
full participation; x⁰ = 0, λ̂⁰ = 0. Horizons T are run in one program (vmapped over T,
rounds after T masked). Measured: G(T) = (1/T)Σ_{t<T}‖∇f(x^t)‖² (the paper's measure) for
FedSpeed, FedSpeed without the prox-correction (λ̂ ≡ 0: FedProx with the same perturbed
gradient) and FedAvg (K local GD steps, η = 0.1).

Why the instance attains the rate: the prox-corrected recursion converges linearly to a
stationary point here, so Σ_t‖∇f(x^t)‖² is a finite transient sum S and G(T) ≈ S/T + O(ρ_T²)
= Θ(1/T); the 1/T of non-convex deterministic bounds comes exactly from Σ‖∇f‖² ≤ Δ/(step).
FedAvg and the uncorrected variant converge to biased points (client drift with K local steps
on heterogeneous clients), where ‖∇f‖² > 0, so their G(T) flattens to a floor.
Prototype (16 seeds, 1/λ = 0.1, before the 1/λ choice above): FedAvg G = 0.051, 0.045, 0.043,
0.041 at T = 128, 256, 512, 1024 (local slope → −0.05).

Measured (this encoding): FedSpeed slope −0.994 [−0.995, −0.993] quick, −0.995 full
(CONFIRMED); without correction −0.31 / −0.26, FedAvg −0.11 / −0.09 (both REFUTED).

Check: slope of the mean of G(T) over T ∈ [128, 2048] (quick [128, 1024]) ≤ −1 + 0.15 (the
card's tolerance).

Negative controls (each must be REFUTED; same runs, another series):
- fedspeed-no-prox-correction: FedSpeed without the prox-correction term plateaus at the
  drift floor (the card's control);
- fedspeed-fedavg-drift-floor: FedAvg has a heterogeneity-driven floor (the card's comparison).
Not checked: the dependence on K ("larger local interval, less communication rounds") and
the generalization claim.
"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems import nonconvex_clients
from problems.methods import federated_sam

PAPER = tt.Paper(
    title="FedSpeed: Larger Local Interval, Less Communication Round, and Higher Generalization Accuracy",
    authors="Y. Sun, L. Shen, T. Huang, L. Ding, D. Tao", year=2023, arxiv="2302.10429")

_N, _D = 10, 10


def fedspeed_experiment(key, checkpoints, local_steps=10, lr=0.1, alpha=0.5, prox=2.0, rho0=1.0,
                        spread=2.0):
    """G(T) = (1/T)Σ_{t<T}‖∇f(x^t)‖² for FedSpeed (ρ_T = ρ0/√T), FedSpeed w/o correction, FedAvg."""
    clients = nonconvex_clients.random(key, _N, _D, spread)
    grad_fn = functools.partial(nonconvex_clients.grads, clients)
    horizons = jnp.asarray(checkpoints, dtype=float)
    t_max = int(max(checkpoints))

    def sq_grad(x):
        return jnp.sum(nonconvex_clients.grad(clients, x) ** 2)

    def one(rho, horizon):
        def body(t, s):
            x1, lam, x2, x3, acc = s
            live = t < horizon
            acc = acc + jnp.where(live, jnp.stack([sq_grad(x1), sq_grad(x2), sq_grad(x3)]), 0.0)
            x1n, lamn = federated_sam.fedspeed_round(grad_fn, x1, lam, key, lr, rho, alpha, prox, local_steps)
            x2n, _ = federated_sam.fedspeed_round(grad_fn, x2, jnp.zeros((_N, _D)), key, lr, rho, alpha,
                                                  prox, local_steps, correction=False)
            x3n = federated_sam.fedavg_round(grad_fn, x3, _N, key, lr, local_steps)
            keep = lambda new, old: jnp.where(live, new, old)
            return keep(x1n, x1), keep(lamn, lam), keep(x2n, x2), keep(x3n, x3), acc

        z = jnp.zeros(_D)
        *_, acc = jax.lax.fori_loop(0, t_max, body, (z, jnp.zeros((_N, _D)), z, z, jnp.zeros(3)))
        return acc / horizon

    G = jax.vmap(one)(rho0 / jnp.sqrt(horizons), horizons)
    return {"fedspeed": G[:, 0], "no_correction": G[:, 1], "fedavg": G[:, 2]}


_WINDOW = (128, 2048)


def _rate(series):
    return tt.UpperRate(exponent=-1.0, tol=0.15, window=_WINDOW, series=series)


fedspeed = tt.Claim(
    id="fedspeed",
    paper=PAPER,
    statement="For smooth non-convex federated objectives FedSpeed (prox-correction + gradient "
              "perturbation) has (1/T)Σ_{t<T}‖∇f(x^t)‖² = O(1/T) in communication rounds T with a "
              "proper local interval K.",
    assumptions=("L-smooth non-convex heterogeneous clients: separable Cauchy losses, N = 10, d = 10, "
                 "c_ij ~ N(0, 4), L = 2, bounded heterogeneity",
                 "deterministic local gradients (our reading of the K condition: no stochastic terms)",
                 "K = 10, η = 0.1, α = 0.5, 1/λ = L = 2, ρ_T = 1/√T (not given in the abstract)",
                 "full participation"),
    testbed="10 Cauchy-loss clients, FedSpeed vs FedSpeed without correction vs FedAvg, "
            "G(T) = (1/T)Σ‖∇f(x^t)‖², horizons T = 128 … 2048 in one program",
    area="federated",
    experiment=fedspeed_experiment,
    sweep=tt.Sweep(checkpoints=(128, 256, 512, 1024, 2048), checkpoint_name="T"),
    quick_sweep=tt.Sweep(checkpoints=(128, 256, 512, 1024), checkpoint_name="T"),
    seeds=32,
    quick_seeds=16,
    aggregate="mean",
    check=_rate("fedspeed"),
)

fedspeed_no_correction = fedspeed.control(
    id="fedspeed-no-prox-correction",
    why="Without the prox-correction (λ̂ ≡ 0, FedProx with the same perturbed gradient) the "
        "local prox term only damps client drift; the iterates converge to a biased point with "
        "‖∇f‖² > 0, so G(T) flattens and the O(1/T) slope must be rejected.",
    check=_rate("no_correction"),
)

fedspeed_fedavg_floor = fedspeed.control(
    id="fedspeed-fedavg-drift-floor",
    why="FedAvg with K = 10 local steps on heterogeneous clients converges to a drift-biased point "
        "(objective inconsistency), so its G(T) tends to a positive floor and O(1/T) must be rejected.",
    check=_rate("fedavg"),
)
