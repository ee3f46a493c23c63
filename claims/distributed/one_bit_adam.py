"""1-bit Adam: error-compensated 1-bit momentum converges like uncompressed, O(1/√(nT)).

Statement
---------
H. Tang, S. Gan, A. A. Awan, S. Rajbhandari, C. Li, X. Lian, J. Liu, C. Zhang, Y. He, "1-bit Adam:
Communication Efficient Large-Scale Training with Adam's Convergence Speed", ICML 2021,
arXiv:2102.02888 (catalogue card seeds-001 `one-bit-adam-ef`). After a warm-up, Adam's variance
term is stable and is frozen as a fixed preconditioner; error-compensated 1-bit compression of the
momentum then gives the same convergence speed as uncompressed Adam. The abstract says only "we
provide theoretical analysis"; the theorem could not be read here (`source` = "abstract only").
The card's reading, encoded here: the non-convex rate of momentum SGD with that preconditioner,
(1/T)Σ_t E‖∇f(x_t)‖² = O(1/√(nT)) for n workers, checked as a one-sided rate in T at fixed n, and
"same speed" as G_1bit/G_uncompressed < 1.5 (the card's margin).

Assumptions
-----------
- Smooth non-convex objective: n = 8 workers with separable Cauchy losses
  f_i(x) = Σ_j log(1 + (x_j − c_ij)²), d = 10, c_ij ~ N(0, 1.5²)
  (problems.distributed.nonconvex_clients; L = 2, bounded gradients, bounded heterogeneity),
  x⁰ = 3·1 before the warm-up.
- Unbiased stochastic gradients with bounded variance: ∇f_i + N(0, 0.3² I) per worker and step.
- Method (problems.methods.onebit_adam, Algorithm 1): warm-up with optax.adam (lr 0.05,
  β = (0.9, 0.999)) for 100 steps on the averaged gradient; freeze v (bias-corrected second
  moment); then per step worker momenta m_i = β1 m + (1 − β1) g_i, scaled-sign compression with
  worker-side error feedback, server average, scaled-sign compression with server-side error
  feedback, m ← the broadcast, x ← x − γ m/(√v + ε). Compressor C(x) = (‖x‖₁/d) sign(x)
  (contractive, δ = 1/d); the paper's exact scale may differ.
- Step γ_T = 0.5·√(n/T) for horizon T (the usual choice giving O(1/√(nT)); not in the abstract),
  each horizon run with its own γ_T in one program (vmapped over T, masked).
Measured per seed and horizon: G(T) = (1/T)Σ_{t<T}‖∇f(x_t)‖² over the compression stage, for
1-bit Adam and for uncompressed momentum SGD with the same frozen preconditioner (same warm-up,
same gradient noise).

Attainment
----------
G(T) ≈ Δ/(γ_T T) + γ_T L σ²/n, both ∝ 1/√(nT) with γ_T ∝ √(n/T); the compression error with error
feedback enters at O(γ²), i.e. O(1/T), so the leading term is attained. Check (AllOf, mean over
seeds, T ∈ [128, 2048], the quick sweep stops at 1024): slope of G_1bit(T) ≤ −1/2 + 0.1 (0.1: the
bootstrap spread of a 4–5 point fit; the lower-order terms only steepen the slope), and
G_1bit/G_uncompressed < 1.5 (geometric mean over T). The 1.5 is the card's margin for "same speed":
a parity claim needs a margin, and the O(γ²) compression term makes the ratio exceed 1 at finite T.

Trivial baseline
----------------
The same compression without error feedback is biased (the scaled sign of a heterogeneous
average does not average to the average): on this testbed its G(T) stops decreasing, and both
parts are REFUTED (control no-error-feedback, a run change). A same-method control (the
uncompressed method in place of 1-bit) is not meaningful for a parity part: a method is within
×1.5 of itself, so it would CONFIRM by construction; the no-error-feedback control plays that role.

Controls
--------
- one-bit-adam-ef-no-error-feedback: the 1-bit run with error feedback switched off on workers and
  server: G(T) plateaus at the compression bias and exceeds uncompressed by a growing factor, so
  both parts must be REFUTED (the card's control).
- one-bit-adam-ef-claimed-inverse-t: the 1-bit run claimed at O(1/T) (slope ≤ −1 + 0.1), REFUTED
  (check only).

Departures and revisions
------------------------
Theorem text not read; the rate is the card's reading. The n-dependence is not checked. The
testbed was changed after a result (see `revisions=`): on the first testbed the no-error-feedback
control was not REFUTED.
"""

import functools

import jax
import jax.numpy as jnp
import optax

import theorytest as tt
from problems.distributed import nonconvex_clients
from problems.methods import onebit_adam

PAPER = tt.Paper(
    title="1-bit Adam: Communication Efficient Large-Scale Training with Adam's Convergence Speed",
    authors="H. Tang, S. Gan, A. A. Awan, S. Rajbhandari, C. Li, X. Lian, J. Liu, C. Zhang, Y. He",
    year=2021,
    arxiv="2102.02888",
)

_N, _D = 8, 10


def onebit_experiment(
    key, checkpoints, spread=1.5, noise=0.3, warmup=100, c=0.5, beta1=0.9, error_feedback=True
):
    """G(T) for 1-bit Adam and for uncompressed momentum SGD (same preconditioner, same noise).

    error_feedback=False switches the 1-bit run's error feedback off (workers and server).
    """
    k_c, k_w, k_r = jax.random.split(key, 3)
    clients = nonconvex_clients.random(k_c, _N, _D, spread)

    def worker_grads(x, k):
        return nonconvex_clients.grads(clients, x) + noise * jax.random.normal(k, (_N, _D))

    opt = optax.adam(0.05, b1=beta1, b2=0.999)

    def warm(t, s):
        x, st = s
        updates, st = opt.update(worker_grads(x, jax.random.fold_in(k_w, t)).mean(0), st, x)
        return optax.apply_updates(x, updates), st

    x0 = 3.0 * jnp.ones(_D)
    x_w, st = jax.lax.fori_loop(0, warmup, warm, (x0, opt.init(x0)))
    adam_state = st[0]
    v = adam_state.nu / (1.0 - 0.999**warmup)
    m_w = adam_state.mu

    horizons = jnp.asarray(checkpoints, dtype=float)
    t_max = int(max(checkpoints))

    def sq_grad(x):
        return jnp.sum(nonconvex_clients.grad(clients, x) ** 2)

    def one(lr, horizon):
        step_1bit = functools.partial(
            onebit_adam.onebit_step, v=v, lr=lr, beta1=beta1, error_feedback=error_feedback
        )

        def body(t, s):
            ob, (x, m), acc = s
            live = t < horizon
            acc = acc + jnp.where(live, jnp.stack([sq_grad(ob.x), sq_grad(x)]), 0.0)
            k = jax.random.fold_in(k_r, t)
            ob_n = step_1bit(ob, worker_grads(ob.x, k))
            xm_n = onebit_adam.momentum_step(x, m, worker_grads(x, k), v, lr, beta1)
            keep = lambda new, old: jax.tree_util.tree_map(lambda a, b: jnp.where(live, a, b), new, old)
            return keep(ob_n, ob), keep(xm_n, (x, m)), acc

        s0 = onebit_adam.init(x_w, m_w, _N)
        *_, acc = jax.lax.fori_loop(0, t_max, body, (s0, (x_w, m_w), jnp.zeros(2)))
        return acc / horizon

    G = jax.vmap(one)(c * jnp.sqrt(_N / horizons), horizons)
    return {"onebit": G[:, 0], "uncompressed": G[:, 1]}


_WINDOW = (128, 2048)
_SLOPE_TOL = 0.1  # bootstrap spread of a 4–5 point slope fit; lower-order terms only steepen the slope
_SAME_SPEED = 1.5  # the card's margin for "same convergence speed" (compression adds an O(γ²) term)


def _checks(series, exponent=-0.5):
    return tt.AllOf(
        [
            tt.UpperRate(exponent=exponent, tol=_SLOPE_TOL, window=_WINDOW, series=series),
            tt.Comparison(numerator=series, denominator="uncompressed", at_most=_SAME_SPEED),
        ],
        names=["O(1/√(nT)) in T", "within ×1.5 of uncompressed"],
    )


one_bit_adam_ef = tt.Claim(
    id="one-bit-adam-ef",
    paper=PAPER,
    source="abstract only",
    statement="After a warm-up, with Adam's variance frozen as a preconditioner, error-compensated "
    "1-bit compression of the momentum converges at the rate of uncompressed momentum SGD "
    "with that preconditioner, (1/T)Σ E‖∇f(x_t)‖² = O(1/√(nT)) for smooth non-convex f.",
    assumptions=(
        "smooth non-convex objective: 8 workers with separable Cauchy losses, d = 10, "
        "c_ij ~ N(0, 1.5²), L = 2",
        "unbiased stochastic gradients, bounded variance: additive N(0, 0.3² I) per worker",
        "contractive 1-bit compressor: (‖x‖₁/d)·sign(x), error feedback on workers and server",
        "warm-up 100 optax.adam steps, v frozen; γ_T = 0.5·√(n/T) (not in the abstract)",
    ),
    testbed="8 Cauchy-loss workers, 1-bit Adam compression stage vs uncompressed momentum SGD, "
    "G(T) = (1/T)Σ‖∇f(x_t)‖², horizons T = 128 … 2048 in one program",
    area="distributed",
    experiment=onebit_experiment,
    quantity=r"$(1/T)\,\Sigma_{t<T} \|\nabla f(x_t)\|^2$",
    sweep=tt.Sweep(checkpoints=(128, 256, 512, 1024, 2048), checkpoint_name="T"),
    quick_sweep=tt.Sweep(checkpoints=(128, 256, 512, 1024), checkpoint_name="T"),
    seeds=64,
    quick_seeds=64,
    aggregate="mean",
    check=_checks("onebit"),
    revisions=(
        "Testbed changed from c_ij ~ N(0, 1), noise N(0, I) to c_ij ~ N(0, 1.5²), noise N(0, 0.3² I) "
        "after the no-error-feedback control came out INCONCLUSIVE there (noise-dominated regime, "
        "where the scaled sign shrinks the noise and hides the compression bias); a prototype over 8 "
        "(spread, noise) pairs showed the bias only where heterogeneity dominates the noise. The check, "
        "window, sizes and tolerances are unchanged; the claim held on both testbeds.",
        "The no-error-feedback control added as a run change (error_feedback=False) after the validity "
        "review; the no_ef series left the main run.",
        "quick_seeds raised from 32 to 64 after the reseeding audit (INCONCLUSIVE in 2 of 5 seed sets, "
        "on the first testbed).",
    ),
)

one_bit_adam_no_ef = one_bit_adam_ef.control(
    id="one-bit-adam-ef-no-error-feedback",
    why="Without error feedback the scaled-sign compression is biased (the compressed average is not "
    "the average), so the iterates stall at a compression-biased point: G(T) stops decreasing and "
    "exceeds the uncompressed method's by a growing factor; both parts must be rejected.",
    experiment=functools.partial(onebit_experiment, error_feedback=False),
)

one_bit_adam_inverse_t = one_bit_adam_ef.control(
    id="one-bit-adam-ef-claimed-inverse-t",
    why="A stochastic non-convex rate O(1/T) in T beats what noise allows at this step; the "
    "measured slope is ≈ −0.5, so slope ≤ −1 + 0.1 must be rejected.",
    check=tt.UpperRate(exponent=-1.0, tol=0.1, window=_WINDOW, series="onebit"),
)
