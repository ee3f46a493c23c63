"""EF21 with the arithmetic mean of the smoothness constants (Richtárik et al., "Error Feedback
Reloaded").

Statement
---------
P. Richtárik, E. Gasanov, K. Burlachenko, "Error Feedback Reloaded: From Quadratic to
Arithmetic Mean of Smoothness Constants", ICLR 2024, arXiv:2402.10774 (the bound as the
catalogue card seeds-000-003-004 `ef21-arith-mean` states the paper's main theorem for the
original EF21; its number was not read): EF21 with an α-contractive compressor (Top-k:
α = k/d), on f = (1/n)Σ f_i with f_i L_i-smooth and f L-smooth (possibly non-convex),
θ = 1 − √(1−α), β = (1−α)/(1−√(1−α)), and the step γ = 1/(L + L_AM·√(β/θ)) with
L_AM = (1/n)Σ L_i, satisfies

    (1/T) Σ_{t<T} ‖∇f(x_t)‖² ≤ 2(f(x_0) − f^inf)/(γT) + G_0/(θT),
    G_0 = (1/n)Σ‖g_i^0 − ∇f_i(x_0)‖².

Earlier theory (Richtárik, Sokolov, Fatkhullin 2021) needed L_QM = √((1/n)ΣL_i²) ≥ L_AM in
the step; the gain is large when the L_i are heterogeneous.

Assumptions
-----------
- f_i L_i-smooth, f L-smooth, bounded below: n = 10 quadratic clients in d = 30,
  f_i(x) = ½(x − c_i)ᵀA_i(x − c_i), A_i = Q_i diag(linspace(0.01, 1)·L_i) Q_iᵀ (Haar Q_i),
  L_1 = 100 and L_i = 1 otherwise, c_i ~ N(0, I); L = λ_max(mean A_i) computed per instance.
- α-contractive compressor: Top-3 (α = 0.1).
- x_0 = 0 and g_i^0 = ∇f_i(x_0), so G_0 = 0 and the bound is 2(f(x_0) − f*)/(γT), f* the
  exact minimum (f^inf = f* for these strongly convex f).
- step exactly γ_AM (problems.methods.compression.ef21_step and top_k).

Attainment
----------
The theorem is a worst-case inequality with constants, so it is checked as an explicit bound:
the running average of ‖∇f(x_t)‖² with γ_AM, divided by 2(f(x_0) − f*)/γ, is ≤ 1/T at every
T ∈ [1, 3000] (max over seeds). The heterogeneous instance is the regime where the AM step
(several times the QM step) is the paper's contribution, so the claim also asks that the
larger step actually helps: ‖∇f(x_T)‖² with γ_AM is at most AM_GAIN × that with
γ_QM = 1/(L + L_QM√(β/θ)) over T ∈ [1000, 3000].

Trivial baseline
----------------
No algorithm (x_t = x_0) keeps ‖∇f‖² constant, so its running average is not O(1/T) and
violates the bound at large T. The method without its ingredient (compressed GD without error
feedback) is run by ef21-arith-mean-no-error-feedback (REFUTED). For the comparison, the QM
step compared with itself is run by ef21-arith-mean-same-method (REFUTED).

Controls
--------
- ef21-arith-mean-no-error-feedback: x ← x − γ·mean_i Top3(∇f_i(x)) on the same instance and
  step. Its gradient plateaus (the clients' Top-3 messages reach a fixed point where their
  mean is 0 while ∇f ≠ 0), so the explicit bound must be REFUTED at large T.
- ef21-arith-mean-same-method: the QM run reported in place of the AM run (ratio 1), so
  "γ_AM beats γ_QM" must be REFUTED.

Departures and revisions
------------------------
- The theorem's number was not read; the bound is the card's statement of it.
- AM_GAIN = 0.1 is this encoding's threshold (see the constant), not the paper's.
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems.convex import quadratics
from problems.methods import compression

PAPER = tt.Paper(
    title="Error Feedback Reloaded: From Quadratic to Arithmetic Mean of Smoothness Constants",
    authors="P. Richtárik, E. Gasanov, K. Burlachenko",
    year=2024,
    arxiv="2402.10774",
)

_N, _D, _K = 10, 30, 3
_L_CLIENTS = np.array([100.0] + [1.0] * (_N - 1))
_L_AM = float(_L_CLIENTS.mean())
_L_QM = float(np.sqrt(np.mean(_L_CLIENTS**2)))
_ALPHA = _K / _D
_THETA = 1.0 - np.sqrt(1.0 - _ALPHA)
_BETA = (1.0 - _ALPHA) / _THETA
_SQRT_BT = float(np.sqrt(_BETA / _THETA))


def _clients(key):
    """Stacked client Hessians (n, d, d) and centres (n, d), plus f's minimiser and f*."""
    base = jnp.linspace(0.01, 1.0, _D)
    keys = jax.random.split(key, _N)
    qs = jax.vmap(lambda k, L: quadratics.from_eigs(k, L * base))(keys, jnp.asarray(_L_CLIENTS))
    A, c = qs.A, qs.x_star
    A_mean = A.mean(0)
    x_star = jnp.linalg.solve(A_mean, jnp.einsum("nij,nj->i", A, c) / _N)
    return A, c, x_star


def _f(A, c, x):
    d = x[None, :] - c
    return 0.5 * jnp.mean(jnp.einsum("ni,nij,nj->n", d, A, d))


def _grads(A, c, x):
    return jnp.einsum("nij,nj->ni", A, x[None, :] - c)


def ef21_runs(key, checkpoints, error_feedback=True):
    """Running average of ‖∇f(x_t)‖² normalised by 2(f(x_0) − f*)/γ_AM ("metric"), and the
    last-iterate ‖∇f(x_T)‖²/‖∇f(x_0)‖² for γ_AM ("am") and γ_QM ("qm")."""
    A, c, x_star = _clients(key)
    L = jnp.linalg.eigvalsh(A.mean(0))[-1]
    grads = functools.partial(_grads, A, c)
    compress = lambda _k, v: compression.top_k(v, _K)  # noqa: E731 (deterministic compressor)
    x0 = jnp.zeros(_D)
    f_gap0 = _f(A, c, x0) - _f(A, c, x_star)
    g0 = jnp.sum(grads(x0).mean(0) ** 2)

    def run(lr):
        def step(t, state):
            x, h, acc = state
            acc = acc + jnp.sum(grads(x).mean(0) ** 2)
            if error_feedback:
                x, h = compression.ef21_step(compress, key, x, h, grads, lr)
            else:
                x = x - lr * jax.vmap(lambda g: compression.top_k(g, _K))(grads(x)).mean(0)
            return x, h, acc

        def observe(state):
            x, _, acc = state
            return acc, jnp.sum(grads(x).mean(0) ** 2)

        return tt.trajectory(step, (x0, grads(x0), 0.0), checkpoints, observe)

    lr_am = 1.0 / (L + _L_AM * _SQRT_BT)
    lr_qm = 1.0 / (L + _L_QM * _SQRT_BT)
    acc_am, last_am = run(lr_am)
    _, last_qm = run(lr_qm)
    T = jnp.asarray(checkpoints, dtype=float)
    return {"metric": acc_am / T / (2.0 * f_gap0 / lr_am), "am": last_am / g0, "qm": last_qm / g0}


_T_MAX = 3000
#: "The AM step helps": at least a tenfold smaller gradient than with γ_QM after 1000 steps. Both
#: runs contract linearly and γ_AM is several times γ_QM, so the true ratio is orders of magnitude
#: below 1; one order asks for a clear gain, not a tie.
AM_GAIN = 0.1

ef21_arith_mean = tt.Claim(
    id="ef21-arith-mean",
    paper=PAPER,
    statement="EF21 with an α-contractive compressor and step γ = 1/(L + L_AM·√(β/θ)), "
    "L_AM = (1/n)ΣL_i, satisfies (1/T)Σ_{t<T}‖∇f(x_t)‖² ≤ 2(f(x_0) − f^inf)/(γT) "
    "+ G_0/(θT); earlier theory needed L_QM = √((1/n)ΣL_i²) ≥ L_AM.",
    assumptions=(
        "f_i L_i-smooth, f L-smooth, bounded below: convex quadratic clients, L_1 = 100, "
        "L_i = 1 otherwise (L_AM = 10.9, L_QM = 31.6), L = λ_max(mean A_i) per instance",
        "α-contractive compressor: Top-3 in d = 30 (α = 0.1)",
        "g_i^0 = ∇f_i(x_0), so G_0 = 0",
        "step exactly γ_AM = 1/(L + L_AM√(β/θ))",
    ),
    testbed="n = 10 rotated quadratic clients, d = 30, spectra linspace(0.01, 1)·L_i, "
    "centres N(0, I), x_0 = 0, Top-3, T ≤ 3000",
    source="abstract only (the bound is the catalogue card's statement of the main theorem)",
    area="optimization",
    experiment=ef21_runs,
    quantity=r"$\gamma\,\Sigma_{t<T} \|\nabla f(x_t)\|^2 / 2T(f(x_0) - f^\star)$",
    sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1, _T_MAX, 30), checkpoint_name="T"),
    quick_sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1, _T_MAX, 15), checkpoint_name="T"),
    seeds=16,
    quick_seeds=4,
    aggregate="max",
    check=tt.AllOf(
        [
            tt.ExplicitBound(
                bound=lambda T: 1.0 / np.asarray(T, dtype=float),
                label="2(f(x_0) − f*)/(γT)",
                window=(1, _T_MAX),
            ),
            tt.Comparison(numerator="am", denominator="qm", at_most=AM_GAIN, window=(1000, _T_MAX)),
        ],
        names=["explicit bound (γ_AM)", "γ_AM beats γ_QM"],
    ),
)

ef21_no_error_feedback = ef21_arith_mean.control(
    id="ef21-arith-mean-no-error-feedback",
    why="Top-3 compressed GD without error feedback plateaus (the clients' Top-3 messages "
    "cancel at a non-stationary point), so the running average of ‖∇f‖² stays near a "
    "constant and must exceed 2(f(x_0) − f*)/(γT) at large T.",
    experiment=functools.partial(ef21_runs, error_feedback=False),
    check=tt.ExplicitBound(
        bound=lambda T: 1.0 / np.asarray(T, dtype=float), label="2(f(x_0) − f*)/(γT)", window=(1, _T_MAX)
    ),
)

ef21_same_method = ef21_arith_mean.control(
    id="ef21-arith-mean-same-method",
    why="The γ_QM run reported in place of the γ_AM run: the comparison then sets a method against "
    "itself (ratio 1 > AM_GAIN), so 'γ_AM beats γ_QM' must be rejected.",
    experiment=tt.same_method(ef21_runs, am="qm"),
)
