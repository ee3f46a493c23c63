"""1-bit Adam: error-compensated 1-bit momentum converges like uncompressed, O(1/√(nT)).

Paper: H. Tang, S. Gan, A. A. Awan, S. Rajbhandari, C. Li, X. Lian, J. Liu, C. Zhang, Y. He,
"1-bit Adam: Communication Efficient Large-Scale Training with Adam's Convergence Speed",
ICML 2021, arXiv:2102.02888. Catalogue card: seeds-001 `one-bit-adam-ef`.

Statement: after a warm-up, Adam's variance term is stable and is frozen as a fixed
preconditioner; error-compensated 1-bit compression of the momentum then "provides the same
convergence speed as uncompressed Adam". The abstract says only "we provide theoretical
analysis"; the card's reading of the theorem is the non-convex rate of (momentum) SGD with that
preconditioner, (1/T)Σ_t E‖∇f(x_t)‖² = O(1/√(nT)) for n workers. Asserted here: the
one-sided rate in T at fixed n and the card's comparison (within ×1.5 of uncompressed
momentum SGD with the same preconditioner). The n-dependence is not checked.

Method (problems.methods.onebit_adam, Algorithm 1 of the paper): warm-up with optax.adam
(lr 0.05, β = (0.9, 0.999)) for 100 steps on the averaged gradient; freeze v (bias-corrected
second moment); then per step, worker momenta m_i = β1 m + (1 − β1) g_i, scaled-sign
compression with worker-side error feedback, server average, scaled-sign compression with
server-side error feedback, m ← the broadcast, x ← x − γ m/(√v + ε). The compressor is
C(x) = (‖x‖₁/d) sign(x) (contractive, δ = 1/d); the paper's exact scale may differ.

Testbed and how it realizes the assumptions:
- smooth non-convex objective: n = 8 workers with separable Cauchy losses
  f_i(x) = Σ_j log(1 + (x_j − c_ij)²), d = 10, c_ij ~ N(0, 1) (problems.nonconvex_clients;
  L = 2, bounded gradients, bounded heterogeneity), x⁰ = 3·1 before the warm-up;
- unbiased stochastic gradients with bounded variance: ∇f_i + N(0, I) per worker and step;
- step γ_T = 0.5·√(n/T) for horizon T (the usual choice giving O(1/√(nT)); not in the
  abstract), each horizon run with its own γ_T in one program (vmapped over T, masked).
Measured per seed and horizon: G(T) = (1/T)Σ_{t<T}‖∇f(x_t)‖² over the compression stage, for
1-bit Adam with error feedback, without error feedback, and uncompressed momentum SGD with the
same frozen preconditioner (same warm-up, same gradient noise).

Why the instance attains the rate: G(T) ≈ Δ/(γ_T T) + γ_T L σ²/n, both ∝ 1/√(nT) with
γ_T ∝ √(n/T); the compression error with error feedback enters at O(γ²), i.e. O(1/T).

Check (AllOf, mean over seeds, T ∈ [128, 2048]; quick [128, 1024]; decided before the verdict):
1. slope of G_1bit(T) ≤ −1/2 + 0.1;
2. G_1bit / G_uncompressed ≤ 1.5 (geometric mean over T; the card's ×1.5).

Measured (this encoding): slope −0.455 [−0.488, −0.424] quick, −0.466 [−0.482, −0.450] full;
G_1bit/G_uncompressed = 0.93 / 0.94 (CONFIRMED at both sizes).

Negative control (must be REFUTED):
- one-bit-adam-ef-claimed-inverse-t: the 1-bit runs claimed at O(1/T) (slope ≤ −1 + 0.1);
  measured ≈ −0.46 (quick).

Finding (the card's control did not come out): the card predicts that compression WITHOUT
error feedback plateaus. On this testbed it does not within the window: at quick size its
G(T) was 0.375× [0.33, 0.42] that of uncompressed momentum SGD (lower, not higher) with slope
−0.40 [−0.44, −0.36] over T ∈ [128, 1024], so "slope ≤ −0.4 and ratio ≤ 1.5" was INCONCLUSIVE,
not REFUTED. The scaled sign shrinks noise-dominated momenta (‖C(x)‖ ≤ ‖x‖, and worker signs
of independent noise cancel in the server average), which lowers the noise floor more than
the heterogeneity bias raises it at these T; the bias should dominate only at larger T or
smaller noise. The no-error-feedback series is still computed (returned as "no_ef"), but it is not
used as a control (it would not fail, and its quick and full verdicts need not agree).
"""

import functools

import jax
import jax.numpy as jnp
import optax

import theorytest as tt
from problems import nonconvex_clients
from problems.methods import onebit_adam

PAPER = tt.Paper(
    title="1-bit Adam: Communication Efficient Large-Scale Training with Adam's Convergence Speed",
    authors="H. Tang, S. Gan, A. A. Awan, S. Rajbhandari, C. Li, X. Lian, J. Liu, C. Zhang, Y. He",
    year=2021, arxiv="2102.02888")

_N, _D = 8, 10


def onebit_experiment(key, checkpoints, spread=1.0, noise=1.0, warmup=100, c=0.5, beta1=0.9):
    """G(T) for 1-bit Adam (error feedback), 1-bit without error feedback, uncompressed."""
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
    v = adam_state.nu / (1.0 - 0.999 ** warmup)
    m_w = adam_state.mu

    horizons = jnp.asarray(checkpoints, dtype=float)
    t_max = int(max(checkpoints))

    def sq_grad(x):
        return jnp.sum(nonconvex_clients.grad(clients, x) ** 2)

    def one(lr, horizon):
        step_ef = functools.partial(onebit_adam.onebit_step, v=v, lr=lr, beta1=beta1)

        def body(t, s):
            ef, no_ef, (x, m), acc = s
            live = t < horizon
            acc = acc + jnp.where(live, jnp.stack([sq_grad(ef.x), sq_grad(no_ef.x), sq_grad(x)]), 0.0)
            k = jax.random.fold_in(k_r, t)
            ef_n = step_ef(ef, worker_grads(ef.x, k))
            no_ef_n = step_ef(no_ef, worker_grads(no_ef.x, k), error_feedback=False)
            xm_n = onebit_adam.momentum_step(x, m, worker_grads(x, k), v, lr, beta1)
            keep = lambda new, old: jax.tree_util.tree_map(lambda a, b: jnp.where(live, a, b), new, old)
            return keep(ef_n, ef), keep(no_ef_n, no_ef), keep(xm_n, (x, m)), acc

        s0 = onebit_adam.init(x_w, m_w, _N)
        *_, acc = jax.lax.fori_loop(0, t_max, body, (s0, s0, (x_w, m_w), jnp.zeros(3)))
        return acc / horizon

    G = jax.vmap(one)(c * jnp.sqrt(_N / horizons), horizons)
    return {"onebit": G[:, 0], "no_ef": G[:, 1], "uncompressed": G[:, 2]}


_WINDOW = (128, 2048)


def _checks(series, exponent=-0.5):
    return tt.AllOf(
        [tt.UpperRate(exponent=exponent, tol=0.1, window=_WINDOW, series=series),
         tt.Comparison(numerator=series, denominator="uncompressed", at_most=1.5)],
        names=["O(1/√(nT)) in T", "within ×1.5 of uncompressed"])


one_bit_adam_ef = tt.Claim(
    id="one-bit-adam-ef",
    paper=PAPER,
    statement="After a warm-up, with Adam's variance frozen as a preconditioner, error-compensated "
              "1-bit compression of the momentum converges at the rate of uncompressed momentum SGD "
              "with that preconditioner, (1/T)Σ E‖∇f(x_t)‖² = O(1/√(nT)) for smooth non-convex f.",
    assumptions=("smooth non-convex objective: 8 workers with separable Cauchy losses, d = 10, "
                 "c_ij ~ N(0, 1), L = 2",
                 "unbiased stochastic gradients, bounded variance: additive N(0, I) per worker",
                 "contractive 1-bit compressor: (‖x‖₁/d)·sign(x), error feedback on workers and server",
                 "warm-up 100 optax.adam steps, v frozen; γ_T = 0.5·√(n/T) (not in the abstract)"),
    testbed="8 Cauchy-loss workers, 1-bit Adam compression stage vs no error feedback vs "
            "uncompressed, G(T) = (1/T)Σ‖∇f(x_t)‖², horizons T = 128 … 2048 in one program",
    area="distributed",
    experiment=onebit_experiment,
    sweep=tt.Sweep(checkpoints=(128, 256, 512, 1024, 2048), checkpoint_name="T"),
    quick_sweep=tt.Sweep(checkpoints=(128, 256, 512, 1024), checkpoint_name="T"),
    seeds=64,
    quick_seeds=64,  # was 32: INCONCLUSIVE in 2 of 5 seed sets of the reseeding audit
    aggregate="mean",
    check=_checks("onebit"),
)

one_bit_adam_inverse_t = one_bit_adam_ef.control(
    id="one-bit-adam-ef-claimed-inverse-t",
    why="A stochastic non-convex rate O(1/T) in T beats what noise allows at this step; the "
        "measured slope is ≈ −0.5, so slope ≤ −1 + 0.1 must be rejected.",
    check=tt.UpperRate(exponent=-1.0, tol=0.1, window=_WINDOW, series="onebit"),
)
