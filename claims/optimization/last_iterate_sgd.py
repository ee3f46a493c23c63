"""Last-iterate SGD on Lipschitz (strongly) convex functions, unbounded domain and noise.

Statement
---------
Z. Liu, Z. Zhou, "Revisiting the Last-Iterate Convergence of Stochastic Gradient Methods",
ICLR 2024, arXiv:2312.08531 (source: abstract only; the theorem numbers were not read). For a
Lipschitz convex f, the last iterate of SGD (also proximal / mirror / composite variants)
satisfies, without a compact domain and with sub-Gaussian (not a.s. bounded) noise,
f(x_T) − f* = O(log(1/δ)·log T/√T) with probability ≥ 1 − δ (η_t ∝ 1/√t), and O(log T/√T) in
expectation; for a Lipschitz strongly convex f, O(log(1/δ)·log T/T) and O(log T/T)
(η_t = 1/(μt)). The scraped abstract's convex rates "log T/T" and "1/T" lost a square root
(checked against the arXiv abstract); the damaged rate is a control.

Assumptions
-----------
- Lipschitz convex, unbounded domain: f(x) = ‖x‖₁ on R^10, x0 = 1, no projection
  (problems.convex.nonsmooth); strongly convex: ‖x‖₁ + ½‖x‖² (μ = 1).
- Unbiased sub-Gaussian noise: subgradient + z, z ~ N(0, I) (problems.stochastic.noise).
- η_t = 0.5/√t (anytime) for the convex case, 1/(μt) for the strongly convex case; optax.sgd.
- High probability at every δ ∈ {0.5, 0.1, 0.01}: the (1 − δ)-quantile over 512 seeds.

Attainment
----------
Near x* = 0 each coordinate is a random walk pushed back by the sign drift, so the gap is
≍ η_T σ² per coordinate: ∝ 1/√T and ∝ 1/T, the minimax orders, so a slower last iterate would
show. The log T factor of the theorem (it needs the adversarial construction of Harvey et al.
2019) is not visible here: the checks are one-sided upper rates. The log(1/δ) factor is checked
only in shape of the rate: the T-rate must hold at every δ level of the sweep; a bound on the
growth of the quantile in log(1/δ) at fixed T needs a cross-seed statistic the engine's checks
do not offer (not done).

Trivial baseline
----------------
The method without its ingredient, a constant step (`sgd-last-iterate-constant-step`), stalls at
a noise floor: slopes ≈ 0, REFUTED. The data-independent output x_T = x0
(`sgd-last-iterate-trivial-output`, run) has a constant gap, slope 0: every part REFUTED.

Controls
--------
- `sgd-last-iterate-damaged-rate` (check only): the scrape-damaged 1/T for the convex case.
- `sgd-last-iterate-constant-step` (mechanism): η = 0.05 constant; slopes ≈ 0, REFUTED.
- `sgd-last-iterate-trivial-output` (trivial baseline): x_T = x0 kept; constant gap, REFUTED.
- `sgd-last-iterate-heavy-tails` (mechanism): symmetric Pareto noise, tail index 1.5 (infinite
  variance, outside the sub-Gaussian assumption); the 0.99 quantile of the convex gap does not
  decay, REFUTED. This shows the light-tail assumption is needed, not that the theorem is wrong.

Departures and revisions
------------------------
Tolerance 0.1 on every slope: a log T factor over T ∈ [10³, 10⁵] adds
log(log 10⁵/log 10³)/log 10² ≈ 0.11 to a fitted slope, so 0.1 allows the theorem's log T (the
quick window [10³, 10⁴] gives ≈ 0.13; 0.1 is kept, the stricter). Post-hoc changes are in
`revisions=`.
"""

import functools

import jax
import jax.numpy as jnp
import optax

import theorytest as tt
from problems.convex import nonsmooth
from problems.stochastic import noise

PAPER = tt.Paper(
    title="Revisiting the Last-Iterate Convergence of Stochastic Gradient Methods",
    authors="Z. Liu, Z. Zhou",
    year=2024,
    arxiv="2312.08531",
)

_DIM = 10


def _last_iterate_gap(key, checkpoints, lam, schedule, noise_kind, alpha):
    """f(x_T) − f* of SGD on ‖x‖₁ + lam/2‖x‖² from x0 = 1, at the checkpoints."""
    problem = nonsmooth.make(_DIM, lam)
    opt = optax.sgd(schedule)
    x0 = jnp.ones(_DIM)

    def step(t, state):
        x, opt_state = state
        z = noise.sample(noise_kind, jax.random.fold_in(key, t), (_DIM,), 1.0, alpha)
        updates, opt_state = opt.update(nonsmooth.subgrad(problem, x) + z, opt_state, x)
        return optax.apply_updates(x, updates), opt_state

    return tt.trajectory(
        step, (x0, opt.init(x0)), checkpoints, lambda s: nonsmooth.value(problem, s[0]) - problem.f_star
    )


def last_iterate(key, checkpoints, constant_step=None, noise_kind="gaussian", alpha=1.5):
    """Both cases on the same key: {"convex": gaps, "strongly_convex": gaps}."""
    k_convex, k_strong = jax.random.split(key)
    if constant_step is None:
        convex_lr = lambda count: 0.5 / jnp.sqrt(count + 1.0)  # noqa: E731
        strong_lr = lambda count: 1.0 / (count + 1.0)  # noqa: E731  (μ = 1)
    else:
        convex_lr = strong_lr = constant_step
    return {
        "convex": _last_iterate_gap(k_convex, checkpoints, 0.0, convex_lr, noise_kind, alpha),
        "strongly_convex": _last_iterate_gap(k_strong, checkpoints, 1.0, strong_lr, noise_kind, alpha),
    }


def initial_point_gap(key, checkpoints):
    """f(x0) − f* of the data-independent output x_T = x0 = 1 kept at every T, both cases."""
    del key  # no noise is drawn: the output ignores the data

    def constant_gap(lam):
        problem = nonsmooth.make(_DIM, lam)
        return jnp.full(len(checkpoints), nonsmooth.value(problem, jnp.ones(_DIM)) - problem.f_star)

    return {"convex": constant_gap(0.0), "strongly_convex": constant_gap(1.0)}


_FULL = (1_000, 100_000)  # the quick sweep stops at 10⁴: the same window clipped
_DELTAS = (0.5, 0.1, 0.01)


def _check(window):
    def rates(series_exp):
        return [tt.UpperRate(exponent=p, tol=0.1, window=window, series=s) for s, p in series_exp]

    parts = [("convex", -0.5), ("strongly_convex", -1.0)]
    return tt.AllOf(
        rates(parts) + [tt.HighProbability(deltas=_DELTAS, check=tt.AllOf(rates(parts)))],
        names=["convex mean", "strongly convex mean", "(1 − δ) quantiles, δ ∈ {0.5, 0.1, 0.01}"],
    )


sgd_last_iterate = tt.Claim(
    id="sgd-last-iterate",
    paper=PAPER,
    source="abstract only",
    statement="For Lipschitz convex f, the last iterate of SGD with η_t ∝ 1/√t satisfies "
    "f(x_T) − f* = O(log(1/δ)·log T/√T) with probability 1 − δ (and O(log T/√T) in "
    "expectation), on unbounded domains with sub-Gaussian noise; for strongly convex "
    "f with η_t = 1/(μt) it is O(log(1/δ)·log T/T). (Scrape repaired: the scraped "
    "'log T/T' and '1/T' for the convex case lost a √.)",
    assumptions=(
        "Lipschitz convex, unbounded domain: f = ‖x‖₁ on R^10, no projection, x0 = 1",
        "strongly convex: f = ‖x‖₁ + ½‖x‖², μ = 1",
        "unbiased sub-Gaussian noise, not a.s. bounded: subgradient + N(0, I)",
        "η_t = 0.5/√t (convex), η_t = 1/(μt) (strongly convex)",
    ),
    testbed="‖x‖₁ (+ ½‖x‖²) on R^10, x0 = 1, Gaussian subgradient noise σ = 1, optax.sgd; "
    "512 seeds; T ∈ [10³, 10⁵] read off one anytime run",
    area="optimization",
    experiment=last_iterate,
    quantity=r"$f(x_T) - f^\star$",
    sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1_000, 100_000, 15), checkpoint_name="T"),
    quick_sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1_000, 10_000, 8), checkpoint_name="T"),
    seeds=512,
    quick_seeds=512,
    aggregate="mean",
    check=_check(_FULL),
    revisions=(
        "quick_seeds 128 → 256 → 512 after the reseeding audit found INCONCLUSIVE in 1 of 5 seed "
        "sets at each of the smaller sizes.",
        "The high-probability part now sweeps δ ∈ {0.5, 0.1, 0.01} (was δ = 0.01 only), after "
        "the validity review found the δ-dependence unchecked.",
    ),
)

sgd_last_iterate_damaged_rate = sgd_last_iterate.control(
    id="sgd-last-iterate-damaged-rate",
    why="The scrape-damaged rate O(log(1/δ)/T) for the Lipschitz convex case: the gap decays "
    "like T^{-1/2} (the minimax order), so a slope ≤ −1 + 0.1 must be rejected.",
    check=tt.UpperRate(exponent=-1.0, tol=0.1, window=_FULL, series="convex"),
)

sgd_last_iterate_constant_step = sgd_last_iterate.control(
    id="sgd-last-iterate-constant-step",
    why="A constant step η = 0.05 does not decay: the iterate stalls at a noise floor ≍ ησ²d/2, "
    "so the slopes are ≈ 0 and the rate checks must fail.",
    experiment=functools.partial(last_iterate, constant_step=0.05),
)

sgd_last_iterate_trivial_output = sgd_last_iterate.control(
    id="sgd-last-iterate-trivial-output",
    why="The data-independent output x_T = x0 at every T (no algorithm): the gap f(x0) − f* is "
    "constant, slope 0, so every rate part (mean and quantiles) must be rejected.",
    experiment=initial_point_gap,
)

sgd_last_iterate_heavy_tails = sgd_last_iterate.control(
    id="sgd-last-iterate-heavy-tails",
    why="Symmetric Pareto noise with tail index 1.5 has infinite variance, outside the "
    "sub-Gaussian assumption: the 0.99 quantile of the convex gap does not decay, so the "
    "high-probability rate must be rejected.",
    experiment=functools.partial(last_iterate, noise_kind="pareto", alpha=1.5),
    check=tt.HighProbability(
        deltas=(0.01,), check=tt.UpperRate(exponent=-0.5, tol=0.1, window=_FULL, series="convex")
    ),
)
