"""EControl: error feedback with a controlled feedback strength converges under arbitrary
heterogeneity, linearly with full gradients and at the tight 1/T rate with stochastic ones.

Statement
---------
Y. Gao, R. Islamov, S. U. Stich, "EControl: Fast Distributed Optimization with Compression and
Error Control", ICLR 2024, arXiv:2311.05645 (source: abstract only; the theorems were not
reachable in the page store). Naive distributed gradient descent with a contractive (biased)
compressor such as Top-k can stall or diverge under data heterogeneity; EControl, error
compensation whose feedback strength is controlled by a parameter η, converges with no
bounded-gradient, bounded-heterogeneity or large-batch assumption. For strongly convex f it
converges linearly with full gradients (complexity O(L/(δμ)·log(1/ε)), δ the compressor's
contraction), and with stochastic gradients its error decays like the tight Õ(σ²/(μnT)).
Catalogue card: seeds-002 `econtrol-error-feedback`.

Assumptions
-----------
- f_i μ-strongly convex, L-smooth: n = 10 quadratics ½(x − c_i)ᵀA_i(x − c_i) in d = 20, A_i
  rotated with spectrum linspace(1, 20)/20 (μ = 0.05, L = 1).
- Arbitrary heterogeneity: centres c_i = 10·N(0, I), no bound used.
- Contractive compressor: Top-2 in d = 20 (δ = k/d = 0.1).
- Method (problems.methods.compression.econtrol_step): Δ_i = C(η e_i + g_i − h_i),
  x ← x − γ·mean_i(h_i + Δ_i), e_i ← e_i + g_i − h_i − Δ_i, h_i ← h_i + Δ_i; e_i = 0,
  h_i = g_i(x_0). η = 0.1 (a small controlled feedback, η ≤ 1 as the paper requires).
- Full-gradient claim: γ = 0.05. Stochastic claim: g_i = ∇f_i + N(0, I) (σ = 1 per client),
  γ_t = γ_0/(1 + t/t_0) with γ_0 = 0.05, t_0 = 2/(μ_f γ_0) (so γ_t ≈ 2/(μ_f t), the step that
  gives 1/T for SGD), μ_f = λ_min(mean A_i).

Attainment
----------
Full gradients: the contraction is checked against the theorem's form 1 − δμ/L per step in
distance (its hidden constant taken as 1), i.e. (1 − δμ/L)² = 0.990 for the squared error; the
instance contracts faster (like uncompressed GD on f), so only the upper rate and an explicit
bound ‖x_T − x*‖² ≤ (1 − δμ/L)^{2T}‖x_0 − x*‖² are checked. That reference can hold only where
uncompressed GD at the same step is at least as fast: GD's slowest direction contracts by
1 − γλ_min(Ā) per step (Ā = mean A_i), so the instance must have γλ_min(Ā) ≥ δμ/L, i.e.
λ_min(Ā) ≥ δμ/(γL) = 0.1 = 2μ at γ = 0.05. The random rotations realize this with margin: the
mean of 10 independently rotated spectra linspace(0.05, 1) concentrates towards its average
eigenvalue 0.525, and its λ_min exceeded three times 0.1 in every one of 2000 random draws of
the instance (checked once by hand, not part of the verdict), far from the clients' own μ.
Where all clients put μ on one shared direction, λ_min(Ā) = μ and the reference fails even for
GD (see Departures).
Stochastic: the noise term σ²/T is
attained (SGD-type noise with a 2/(μt) step), so the fitted slope of E‖x_T − x*‖² in T is
checked ≤ −1 + tol, and against EF21 (η = 0), which has the same structure without the error
term and is the method the paper improves on under noise.

Trivial baseline
----------------
The method without its ingredient. (a) No error control at all (naive Top-2 GD,
`econtrol-naive-topk-stalls`): stalls at a constant error under heterogeneity, REFUTED. (b) EF21
(η = 0): with full gradients it passes the linear-rate part too (the full-gradient part does not
separate the two; it is kept as the paper's linear-convergence statement), so the stochastic
claim compares EControl with EF21 and the EF21-in-place-of-EControl control
(`econtrol-stochastic-ef21`) must be REFUTED. Finding: under noise with the 2/(μt) step EF21's
error also decays at about the 1/T rate on this instance (its rate part alone is not refuted);
what separates the methods here is the constant (EF21's error is several times larger), which
the strict comparison measures. (c) Uncontrolled feedback η = 1: diverges
(`econtrol-uncontrolled-feedback`, `econtrol-stochastic-uncontrolled-feedback`), REFUTED.

Controls
--------
- `econtrol-naive-topk-stalls` (mechanism): no error compensation; stalls, both parts REFUTED.
- `econtrol-uncontrolled-feedback` (mechanism): η = 1, the feedback not controlled; the iterates
  blow up (reported as +inf), REFUTED.
- `econtrol-stochastic-ef21` (same-method): EF21 reported in EControl's place; the comparison is
  a tie and the claim must be REFUTED.
- `econtrol-stochastic-uncontrolled-feedback` (mechanism): η = 1 under noise; blows up, REFUTED.

Departures and revisions
------------------------
Source is the abstract; the constants of the rates are not the paper's: the linear-rate
reference takes the hidden constant of O(L/(δμ)) as 1 (`_RHO_THEOREM`), and the step γ = 0.05
is this encoding's, not a step from the theorem (which was not read).
Finding (worst-case search econtrol-error-feedback-search-quadratic-clients in
claims/reference/catalogue_searches.py, expected REFUTED): over clients that satisfy the
assumptions as listed (each f_i μ-strongly convex and L-smooth, any eigenvectors and centres),
the explicit contraction (1 − δμ/L)^{2T} fails when every client has its eigenvalue μ on one
shared direction: then λ_min(Ā) = μ and even uncompressed GD at γ = 0.05 contracts that
direction only by (1 − γμ)² per step, slower than (1 − δμ/L)² (its control, the identity in
place of Top-k, is refuted as well). This refutes the encoding's constant and step, not the
paper's O(L/(δμ)·log(1/ε)), whose constant and step are not fixed by the abstract. The claim's
instances pass because the random rotations keep λ_min(Ā) well above δμ/(γL) = 2μ (see
Attainment); the statement now carries that instance condition. The stochastic tol is
the log factor of Õ over the window, log(log 16000 / log 2000)/log 8 ≈ 0.13 (`_LOG_TOL`). The
comparison with EF21 is strict at 1 (an improvement, no margin claimed).
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems.convex import quadratics
from problems.methods import compression

PAPER = tt.Paper(
    title="EControl: Fast Distributed Optimization with Compression and Error Control",
    authors="Y. Gao, R. Islamov, S. U. Stich",
    year=2024,
    arxiv="2311.05645",
)

_N, _D, _K = 10, 20, 2
_LR, _ETA = 0.05, 0.1
_MU, _L = 0.05, 1.0
_DELTA = _K / _D  # Top-k contraction parameter
_RHO_THEOREM = (1.0 - _DELTA * _MU / _L) ** 2  # squared-error contraction of O(L/(δμ)·log 1/ε), c = 1
_SIGMA = 1.0
_STOCH_WINDOW = (2000, 16000)
_LOG_TOL = float(np.log(np.log(16000) / np.log(2000)) / np.log(8))  # a log T factor over the window


def _clients(key):
    """Heterogeneous quadratic clients: Hessians A_i, centres c_i, and the minimiser x* of the mean."""
    base = jnp.linspace(1.0, 20.0, _D) / 20.0
    qs = jax.vmap(lambda k: quadratics.from_eigs(k, base))(jax.random.split(key, _N))
    A, c = qs.A, 10.0 * qs.x_star
    x_star = jnp.linalg.solve(A.mean(0), jnp.einsum("nij,nj->i", A, c) / _N)
    return A, c, x_star


def _compress(_key, v):
    return compression.top_k(v, _K)


def _relative_error(x, x_star, r0):
    """‖x − x*‖²/‖x_0 − x*‖², +inf where the iterate overflowed (a blow-up, not a NaN)."""
    err = jnp.sum((x - x_star) ** 2) / r0
    return jnp.where(jnp.isfinite(err), err, jnp.inf)


def econtrol_error(key, checkpoints, error_feedback=True, eta=_ETA):
    """‖x_T − x*‖²/‖x_0 − x*‖² for EControl (or naive Top-k GD) with full gradients."""
    A, c, x_star = _clients(key)

    def grads(x):
        return jnp.einsum("nij,nj->ni", A, x[None, :] - c)

    x0 = jnp.zeros(_D)

    def step(t, state):
        x, e, h = state
        g = grads(x)
        if error_feedback:
            return compression.econtrol_step(_compress, key, x, e, h, g, _LR, eta)
        return x - _LR * jax.vmap(lambda v: compression.top_k(v, _K))(g).mean(0), e, h

    r0 = jnp.sum((x0 - x_star) ** 2)
    return tt.trajectory(
        step, (x0, jnp.zeros((_N, _D)), grads(x0)), checkpoints, lambda s: _relative_error(s[0], x_star, r0)
    )


def _stochastic_path(key, checkpoints, eta):
    """EControl with feedback strength eta on noisy gradients and a 2/(μt)-type step."""
    A, c, x_star = _clients(key)
    mu_f = jnp.linalg.eigvalsh(A.mean(0))[0]
    t0 = 2.0 / (mu_f * _LR)
    k_noise = jax.random.fold_in(key, 1)

    def grads(x, t):
        noise = _SIGMA * jax.random.normal(jax.random.fold_in(k_noise, t + 1), (_N, _D))
        return jnp.einsum("nij,nj->ni", A, x[None, :] - c) + noise

    x0 = jnp.zeros(_D)

    def step(t, state):
        x, e, h = state
        lr = _LR / (1.0 + t / t0)
        return compression.econtrol_step(_compress, key, x, e, h, grads(x, t), lr, eta)

    r0 = jnp.sum((x0 - x_star) ** 2)
    return tt.trajectory(
        step,
        (x0, jnp.zeros((_N, _D)), grads(x0, 0)),
        checkpoints,
        lambda s: _relative_error(s[0], x_star, r0),
    )


def stochastic_errors(key, checkpoints, eta=_ETA):
    """E‖x_T − x*‖²/‖x_0 − x*‖² under noise: EControl ("econtrol") and EF21 = η 0 ("ef21")."""
    return {
        "econtrol": _stochastic_path(key, checkpoints, eta),
        "ef21": _stochastic_path(key, checkpoints, 0.0),
    }


def _theorem_contraction(T):
    return _RHO_THEOREM ** np.asarray(T, dtype=float)


_CHECKPOINTS = tuple(range(100, 1201, 50))
_CHECK = tt.AllOf(
    [
        tt.LinearRate(rate=_RHO_THEOREM, label="(1 − δμ/L)²", window=(200, 1000)),
        tt.ExplicitBound(bound=_theorem_contraction, label="(1 − δμ/L)^{2T}", window=(200, 1200)),
    ],
    names=["linear rate", "explicit contraction"],
)

econtrol_error_feedback = tt.Claim(
    id="econtrol-error-feedback",
    paper=PAPER,
    source="abstract only",
    statement="Naive compressed GD with a contractive compressor can stall or diverge under "
    "heterogeneity; EControl converges with no bounded-heterogeneity assumption, with "
    "full gradients and strongly convex f linearly, in O(L/(δμ)·log(1/ε)) steps. Checked as "
    "‖x_T − x*‖² ≤ (1 − δμ/L)^{2T}‖x_0 − x*‖² (the O's constant taken as 1) at γ = 0.05, on "
    "instances whose mean Hessian has λ_min(Ā) ≥ δμ/(γL) = 2μ, where uncompressed GD at this "
    "step meets that reference; it fails for GD too when the clients share a flat direction.",
    assumptions=(
        "f_i μ-strongly convex and L-smooth: rotated quadratics, spectrum [0.05, 1]",
        "instance condition of the explicit reference: λ_min(mean A_i) ≥ δμ/(γL) = 0.1; the random "
        "rotations keep it above three times that",
        "arbitrary heterogeneity: centres c_i = 10·N(0, I), no bound used",
        "contractive compressor: Top-2 in d = 20 (δ = 0.1)",
        "full local gradients; γ = 0.05, η = 0.1, e_i = 0, h_i = ∇f_i(x_0)",
    ),
    testbed="10 quadratic clients, d = 20, κ_i = 20, centres 10·N(0, I), Top-2, T ≤ 1200",
    area="optimization",
    experiment=econtrol_error,
    quantity=r"$\|x_T - x^\star\|^2 / \|x_0 - x^\star\|^2$",
    sweep=tt.Sweep(checkpoints=_CHECKPOINTS, checkpoint_name="T"),
    seeds=16,
    quick_seeds=4,
    aggregate="max",
    check=_CHECK,
    revisions=(
        "Statement and docstring now state the instance condition λ_min(mean A_i) ≥ δμ/(γL) and that "
        "the explicit constant and step are the encoding's, after the worst-case search "
        "econtrol-error-feedback-search-quadratic-clients refuted the explicit contraction on "
        "clients sharing a flat direction (for uncompressed GD too); the run is unchanged.",
        "The bare thresholds ρ ≤ 0.99 and error ≤ 1e-12 replaced by the theorem-form contraction "
        "(1 − δμ/L)² and its explicit bound, and the η = 1 control and the stochastic claim "
        "(compared with EF21) added, after the validity review found that EF21 (η = 0) passes the "
        "full-gradient check as well.",
    ),
)

econtrol_naive_topk = econtrol_error_feedback.control(
    id="econtrol-naive-topk-stalls",
    why="Top-2 compressed GD without error control stalls at a constant fraction of "
    "‖x_0 − x*‖² on the heterogeneous instance (ρ̂ = 1), so both parts must be rejected.",
    experiment=functools.partial(econtrol_error, error_feedback=False),
)

econtrol_uncontrolled_feedback = econtrol_error_feedback.control(
    id="econtrol-uncontrolled-feedback",
    why="With the feedback strength not controlled (η = 1) the error feedback destabilises the "
    "iteration on this instance and the iterates blow up, so both parts must be rejected.",
    experiment=functools.partial(econtrol_error, eta=1.0),
)

econtrol_stochastic = tt.Claim(
    id="econtrol-stochastic-tight",
    paper=PAPER,
    source="abstract only",
    statement="With stochastic gradients (variance σ² per client) and strongly convex f, EControl's "
    "error decays at the tight rate Õ(σ²/(μnT)), with no heterogeneity term and no "
    "large batches, improving on error feedback without the error term (EF21).",
    assumptions=(
        "as econtrol-error-feedback, plus gradient noise N(0, σ²I), σ = 1, per client",
        "step γ_t = γ_0/(1 + t/t_0), t_0 = 2/(μ_f γ_0): γ_t ≈ 2/(μ_f t)",
    ),
    testbed="10 quadratic clients, d = 20, centres 10·N(0, I), Top-2, σ = 1, T ∈ [1000, 16000]; "
    "EF21 (η = 0) on the same instances and noise",
    area="optimization",
    experiment=stochastic_errors,
    quantity=r"$\|x_T - x^\star\|^2 / \|x_0 - x^\star\|^2$",
    sweep=tt.Sweep(checkpoints=(1000, 2000, 4000, 8000, 16000), checkpoint_name="T"),
    seeds=64,
    quick_seeds=16,
    aggregate="mean",
    check=tt.AllOf(
        [
            tt.UpperRate(exponent=-1.0, tol=_LOG_TOL, window=_STOCH_WINDOW, series="econtrol"),
            tt.Comparison(numerator="ef21", denominator="econtrol", at_least=1.0, window=_STOCH_WINDOW),
        ],
        names=["Õ(1/T)", "better than EF21"],
    ),
    revisions=(
        "Added after the validity review (the stochastic result was not encoded).",
        "Seeds raised to 16 quick / 64 full after the first quick run (4 seeds) was "
        "INCONCLUSIVE: the slope CI was too wide to decide.",
    ),
)

econtrol_stochastic_ef21 = econtrol_stochastic.control(
    id="econtrol-stochastic-ef21",
    why="EF21 reported in EControl's place: the comparison becomes a tie, which is not an "
    "improvement, so the claim must be REFUTED.",
    experiment=tt.same_method(stochastic_errors, econtrol="ef21"),
)

econtrol_stochastic_uncontrolled = econtrol_stochastic.control(
    id="econtrol-stochastic-uncontrolled-feedback",
    why="η = 1 (feedback not controlled) under noise: the iterates blow up, so the rate part must "
    "be REFUTED.",
    experiment=functools.partial(stochastic_errors, eta=1.0),
)
