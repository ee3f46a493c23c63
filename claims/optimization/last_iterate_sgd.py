"""Last-iterate SGD on Lipschitz (strongly) convex functions, unbounded domain and noise.

Paper: Z. Liu, Z. Zhou, "Revisiting the Last-Iterate Convergence of Stochastic Gradient
Methods", arXiv:2312.08531 (ICLR 2024).

Statement (abstract, with the scrape repaired): for a Lipschitz convex f, the last iterate
of SGD (also proximal / mirror / composite variants) satisfies, without a compact domain
and without almost-surely bounded noise (sub-Gaussian noise suffices),
    f(x_T) − f* = O(log(1/δ)·log T/√T)   with probability ≥ 1 − δ   (η_t ∝ 1/√t),
and E[f(x_T) − f*] = O(log T/√T); for a Lipschitz strongly convex f the rates are
O(log(1/δ)·log T/T) and O(log T/T) (η_t = 1/(μt)).
The scraped abstract reads "O(log(1/δ) log T/T) or O(log(1/δ)/T)" for the convex case: both
square roots were lost (checked against arXiv 2312.08531). The damaged 1/T rate is impossible
for Lipschitz convex stochastic optimization (the Ω(1/√T) lower bound); here it is one of
the negative controls.

Assumptions and how the testbed realizes them (problems.nonsmooth, problems.noise):
- f convex and Lipschitz, unbounded domain: f(x) = ‖x‖₁ on R^10, x0 = 1 (all ones),
  no projection.
- Strongly convex case: f(x) = ‖x‖₁ + ½‖x‖² (μ = 1), same x0.
- Unbiased stochastic subgradients with sub-Gaussian (not a.s. bounded) noise:
  sign(x) + μx + z, z ~ N(0, I).
- Steps: η_t = 0.5/√t (anytime schedule) for the convex case, η_t = 1/(μt) for the strongly
  convex case; SGD is optax.sgd with that schedule.

Why the instance attains the rates: near x* = 0 each coordinate is a random walk pushed back
by the sign drift, so it fluctuates at the step-size scale and the gap f(x_T) is ≍ η_T·σ²
per coordinate: ∝ 1/√T with η_t ∝ 1/√t, ∝ 1/T with η_t = 1/(μt). These are the minimax
orders, so an instance whose last iterate were slower than claimed would show it. The
log T factor of the theorem (which needs the adversarial construction of Harvey et al.
2019 to appear) is not visible here and is allowed within the tolerance: the checks are
one-sided upper-rate checks, never tight-rate.

Check: AllOf of four upper-rate fits over T ∈ [10³, 10⁵] (quick: [10³, 10⁴]), on the
mean gap (the in-expectation statement) and on the 0.99 quantile over seeds (the
high-probability statement at δ = 0.01):
  convex: slope ≤ −0.5 + 0.1;  strongly convex: slope ≤ −1 + 0.1.
Catalogue prototype (numpy, 400 runs): convex slopes −0.495/−0.499 (median/q99),
strongly convex −0.996/−1.009.

Negative controls (each must be REFUTED):
- the scrape-damaged exponent −1 claimed for the convex case (the data decay like T^{-1/2});
- a constant step η = 0.05 (no decay): the iterate stalls at a noise floor ≍ ησ²d/2, so
  every slope is ≈ 0;
- symmetric Pareto noise with tail index 1.5 (infinite variance, outside the sub-Gaussian
  assumption) in the convex case: the median still converges, but the 0.99 quantile does
  not decay (catalogue prototype with t(1.5) noise: slope +0.01), so the high-probability
  part fails. This shows that the light-tail assumption is needed, not that the theorem is
  wrong.
"""

import functools

import jax
import jax.numpy as jnp
import optax

import theorytest as tt
from problems import noise, nonsmooth

PAPER = tt.Paper(title="Revisiting the Last-Iterate Convergence of Stochastic Gradient Methods",
                 authors="Z. Liu, Z. Zhou", year=2024, arxiv="2312.08531")

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

  return tt.trajectory(step, (x0, opt.init(x0)), checkpoints,
                       lambda s: nonsmooth.value(problem, s[0]) - problem.f_star)


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


_FULL = (1_000, 100_000)  # the quick sweep stops at 10⁴: the same window clipped


def _check(window):
  def rates(series_exp):
    return [tt.UpperRate(exponent=p, tol=0.1, window=window, series=s) for s, p in series_exp]
  parts = [("convex", -0.5), ("strongly_convex", -1.0)]
  return tt.AllOf(
      rates(parts) + [tt.HighProbability(deltas=(0.01,), check=tt.AllOf(rates(parts)))],
      names=["convex mean", "strongly convex mean", "0.99 quantile (δ = 0.01)"])


sgd_last_iterate = tt.Claim(
    id="sgd-last-iterate",
    paper=PAPER,
    statement="For Lipschitz convex f, the last iterate of SGD with η_t ∝ 1/√t satisfies "
              "f(x_T) − f* = O(log(1/δ)·log T/√T) with probability 1 − δ (and O(log T/√T) in "
              "expectation), on unbounded domains with sub-Gaussian noise; for strongly convex "
              "f with η_t = 1/(μt) it is O(log(1/δ)·log T/T). (Scrape repaired: the scraped "
              "'log T/T' and '1/T' for the convex case lost a √.)",
    assumptions=("Lipschitz convex, unbounded domain: f = ‖x‖₁ on R^10, no projection, x0 = 1",
                 "strongly convex: f = ‖x‖₁ + ½‖x‖², μ = 1",
                 "unbiased sub-Gaussian noise, not a.s. bounded: subgradient + N(0, I)",
                 "η_t = 0.5/√t (convex), η_t = 1/(μt) (strongly convex)"),
    testbed="‖x‖₁ (+ ½‖x‖²) on R^10, x0 = 1, Gaussian subgradient noise σ = 1, optax.sgd; "
            "512 seeds; T ∈ [10³, 10⁵] read off one anytime run",
    area="optimization",
    experiment=last_iterate,
    sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1_000, 100_000, 15), checkpoint_name="T"),
    quick_sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1_000, 10_000, 8), checkpoint_name="T"),
    seeds=512,
    quick_seeds=512,  # was 128, then 256: INCONCLUSIVE in 1 of 5 seed sets of the reseeding audit at both
    aggregate="mean",
    check=_check(_FULL),
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

sgd_last_iterate_heavy_tails = sgd_last_iterate.control(
    id="sgd-last-iterate-heavy-tails",
    why="Symmetric Pareto noise with tail index 1.5 has infinite variance, outside the "
        "sub-Gaussian assumption: the 0.99 quantile of the convex gap does not decay (the "
        "catalogue measured slope +0.01 with t(1.5) noise), so the high-probability rate must "
        "be rejected.",
    experiment=functools.partial(last_iterate, noise_kind="pareto", alpha=1.5),
    check=tt.HighProbability(deltas=(0.01,), check=tt.UpperRate(
        exponent=-0.5, tol=0.1, window=_FULL, series="convex")),
)
