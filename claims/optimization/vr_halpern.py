"""Variance-reduced Halpern iteration: Õ(n + √n·L/ε) component calls for finite-sum
cocoercive operators, against n·L/ε for deterministic Halpern.

Statement
---------
X. Cai, A. Alacaoglu, J. Diakonikolas, "Variance Reduced Halpern Iteration for Finite-Sum
Monotone Inclusions", ICLR 2024, arXiv:2310.02987 (source: abstract only; the theorem text was
not reachable in the page store, only the abstract and a third-party summary saying that the
cocoercive result is for Algorithm 1, Halpern with recursive variance reduction). For
F = (1/n)Σ F_i whose components are L-cocoercive "on average", the variance-reduced Halpern
method returns a last iterate z with ‖F(z)‖ ≤ ε after Õ(n + √n·L/ε) component-oracle calls,
up to √n fewer than deterministic Halpern's n·L/ε (n calls per iteration, L/ε iterations).
Catalogue cards: seeds-002 `vr-halpern-complexity`, seeds-000-003-004 `vr-halpern`; the seed
text's "O(n + nLε⁻¹) … a factor up to n" lost both square roots (the abstract has √n).

Assumptions
-----------
- Components cocoercive: F_i(z) = M_i(z − c_i) with M_i = A^½(I + E_i)A^½ PSD, ‖M_i‖ ≤ L = max_i
  ‖M_i‖ ≤ 1.9 (problems.games.vr_halpern_components); each F_i is the gradient of a convex quadratic.
- The mean is as rough as its components (the regime where the √n gain is claimed): the mean
  Jacobian is A with ‖A‖ = 1 ≈ L, spectrum log-uniform on [1e-4, 1] so Halpern sits in its
  sublinear 1/k regime.
- Not interpolating: the zeros c_i are distinct, so a single-sample estimate F_i(z*) ≠ 0 at the
  solution (without this the plain stochastic method would converge like the deterministic one
  and the variance reduction would have nothing to do).
- Method: Halpern (β_k = 1/(k+2), anchor z_0 = 0) on the forward map z − F(z)/L with a
  loopless-SVRG estimate F_i(z) − F_i(w) + F(w), snapshot refreshed with probability p = 1/√n
  (expected 2 + √n calls per iteration). This is a departure: the paper's Algorithm 1 uses a
  recursive (PAGE/SARAH-type) estimator whose exact batch and restart schedule was not readable.
- n ≪ √n·L/ε over the grid (n ≤ 256, 1/ε ≥ 100; ε is measured on Halpern's scale L‖z_0 − z*‖),
  so the √n·L/ε term is the one measured.

Attainment
----------
Only upper rates are checked for the variance-reduced method. Its n-exponent is set by the
refresh schedule p = 1/√n (oracle-call accounting: iterations to ε do not depend on n here, since
for affine components the SVRG correction M_i(z − w) is small once Halpern's steps are small);
its ε-exponent is the iteration count of Halpern, Θ(1/ε) on this spectrum (the anchor term decays
exactly like 1/k). This instance is easy for the estimator: the validity review found that a
refresh rate 1/n also reaches ε at n-free cost on the earlier version of this testbed, so the
testbed does not attain the paper's lower bound in n and a Θ(√n) check would not be justified.
Deterministic Halpern is checked Θ(n) in n (n calls per iteration, iterations n-free, exact by
construction) as the reference the gain is measured against.

Trivial baseline
----------------
The method without its ingredient, plain stochastic Halpern with the single-sample estimate F_i(z)
(1 call per iteration, n-free cost), run by `vr-halpern-no-variance-reduction`. Its n-exponent
passes the n-part trivially, which is why the ε-part is checked jointly: with distinct zeros its
estimator noise does not vanish at z*, ‖F‖ stalls at a floor that decays only like k^(-1/2), and
it does not reach ε within the iteration budget (reported as +inf calls), so it is REFUTED.

Controls
--------
- `vr-halpern-no-variance-reduction` (mechanism): the VR estimate replaced by F_i(z); REFUTED by
  the iteration budget/ε-part (see above).
  (With shared zeros, an interpolating finite sum, the plain method would converge too and the
  control would not test the mechanism: hence the distinct zeros.)
- `vr-halpern-deterministic-claimed-sqrt-n` (check only): the √n bound claimed for deterministic
  Halpern; its calls grow like n¹, so REFUTED.
- `vr-halpern-claimed-n-free` (check only): an n-free cost claimed for VR-Halpern at p = 1/√n;
  REFUTED, but only by the accounting of the refresh schedule (see Attainment).

Departures and revisions
------------------------
Loopless-SVRG estimator instead of the paper's recursive one; source is the abstract. Tolerances:
the Õ hides logarithmic factors, and a factor log(1/ε) over 1/ε ∈ [100, 1000] adds
log(log 1000 / log 100)/log 10 ≈ 0.18 to a fitted ε-exponent (`_LOG_TOL_EPS`); a factor log n over
n ∈ [16, 256] adds log(log 256 / log 16)/log 16 = 0.25 to the n-exponent (`_LOG_TOL_N`); the joint
fit has one tol, the larger (`_LOG_TOL`). The iteration budget 4/ε is twice deterministic Halpern's
guarantee 2L‖z_0 − z*‖/(k + 1), so a method that misses ε within it is slower than the claim. The
deterministic Θ(n) is exact up to the seed noise of the iteration count (`_DET_TOL`).
"""

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems.games import vr_halpern_components as vhc
from problems.methods import minmax

PAPER = tt.Paper(
    title="Variance Reduced Halpern Iteration for Finite-Sum Monotone Inclusions",
    authors="X. Cai, A. Alacaoglu, J. Diakonikolas",
    year=2024,
    arxiv="2310.02987",
)

_D, _KAPPA, _SPREAD, _OFFSET = 20, 1e4, 0.9, 0.3
# Iterations allowed: 4/ε, twice Halpern's guarantee ‖F(z_k)‖ ≤ 2L‖z_0 − z*‖/(k + 1).
_ITER_BUDGET_PER_INV_EPS = 4
_LOG_TOL_EPS = float(np.log(np.log(1000) / np.log(100)) / np.log(10))  # a log(1/ε) factor, [100, 1000]
_LOG_TOL_N = float(np.log(np.log(256) / np.log(16)) / np.log(16))  # a log n factor on [16, 256]
_LOG_TOL = max(_LOG_TOL_EPS, _LOG_TOL_N)  # one tol for the joint fit: a log factor in either variable
_DET_TOL = 0.1  # deterministic calls are exactly n·(1 + iterations), iterations n-free


def _first_hit(residual_ok, calls, hit):
    """The call count at the first iteration whose residual is within target (−1 until then)."""
    return jnp.where((hit < 0) & residual_ok, calls, hit)


def _calls_or_inf(hit):
    """+inf where ε was not reached within the iteration budget (the engine refutes a rate there)."""
    return jnp.where(hit < 0, jnp.inf, hit)


def _run(key, n, inv_eps, variance_reduction):
    """Calls to ‖F(z)‖ ≤ L‖z_0 − z*‖/inv_eps: the stochastic method ("vr") and Halpern ("det")."""
    k_p, k_run = jax.random.split(key)
    problem = vhc.make(k_p, n, _D, _KAPPA, _SPREAD, _OFFSET)
    lr = 1.0 / problem.L

    def F(z):
        return vhc.mean(problem, z)

    def F_i(i, z):
        return vhc.component(problem, i, z)

    z0 = jnp.zeros(_D)
    target = problem.L * jnp.linalg.norm(z0 - problem.z_star) / inv_eps

    def vr_step(carry, k):
        z, w, Fw, calls, hit = carry
        z, w_new, Fw = minmax.vr_halpern_step(
            F_i, F, n, jax.random.fold_in(k_run, k), z, z0, w, Fw, k, lr, 1.0 / jnp.sqrt(n)
        )
        calls = calls + 2 + n * jnp.any(w_new != w)
        return (z, w_new, Fw, calls, _first_hit(jnp.linalg.norm(F(z)) <= target, calls, hit)), None

    def plain_step(carry, k):
        z, calls, hit = carry
        z = vhc.stochastic_halpern_step(problem, jax.random.fold_in(k_run, k), z, z0, k, lr)
        calls = calls + 1
        return (z, calls, _first_hit(jnp.linalg.norm(F(z)) <= target, calls, hit)), None

    def det_step(carry, k):
        z, calls, hit = carry
        z = minmax.halpern_step(minmax.forward_map(F, lr), z, z0, k)
        calls = calls + n
        return (z, calls, _first_hit(jnp.linalg.norm(F(z)) <= target, calls, hit)), None

    ks = jnp.arange(_ITER_BUDGET_PER_INV_EPS * inv_eps)
    if variance_reduction:
        (_, _, _, _, stoch_hit), _ = jax.lax.scan(vr_step, (z0, z0, F(z0), 1.0 * n, -1.0), ks)
    else:
        (_, _, stoch_hit), _ = jax.lax.scan(plain_step, (z0, 0.0, -1.0), ks)
    (_, _, det_hit), _ = jax.lax.scan(det_step, (z0, 1.0 * n, -1.0), ks)
    return {"vr": _calls_or_inf(stoch_hit), "det": _calls_or_inf(det_hit)}


def oracle_calls(key, n, inv_eps):
    """Component calls to ‖F(z)‖ ≤ εL‖z_0 − z*‖: VR-Halpern ("vr") and deterministic Halpern ("det")."""
    return _run(key, n, inv_eps, variance_reduction=True)


def oracle_calls_without_variance_reduction(key, n, inv_eps):
    """As `oracle_calls`, with plain stochastic Halpern (estimate F_i(z)) reported as "vr"."""
    return _run(key, n, inv_eps, variance_reduction=False)


_CHECK = tt.AllOf(
    [
        tt.Scaling(exponents={"n": 0.5, "inv_eps": 1.0}, tol=_LOG_TOL, series="vr"),
        tt.Scaling(exponents={"n": 1.0}, tol=_DET_TOL, sided="tight", series="det"),
    ],
    names=["VR calls Õ(n^½·ε⁻¹)", "deterministic calls Θ(n)"],
)

vr_halpern = tt.Claim(
    id="vr-halpern",
    paper=PAPER,
    source="abstract only",
    statement="For F = (1/n)ΣF_i with components L-cocoercive on average, variance-reduced "
    "Halpern reaches ‖F(z)‖ ≤ ε at its last iterate with Õ(n + √n·L·ε⁻¹) component "
    "calls, a factor up to √n better than deterministic Halpern (n·L/ε).",
    assumptions=(
        "components L-cocoercive: F_i = ∇ of convex quadratics, ‖∇F_i‖ ≤ L ≤ 1.9",
        "mean as rough as its components: ‖∇F‖ = 1 ≈ L",
        "distinct component zeros: F_i(z*) ≠ 0 (not interpolating)",
        "n ≪ √n·L/ε: n ≤ 256, 1/ε ≥ 100",
        "loopless-SVRG Halpern, refresh probability 1/√n, step 1/L (paper: recursive VR)",
    ),
    testbed="d = 20, mean Jacobian log-uniform spectrum [1e-4, 1], F_i = A^½(I + E_i)A^½(z − c_i), "
    "ΣE_i = 0, ‖E_i‖ ≤ 0.9, c_i = c + 0.3·N(0, I); calls to ‖F‖ ≤ L‖z_0 − z*‖/inv_eps within "
    "4·inv_eps iterations, n ∈ {16, 64, 256}, inv_eps ∈ {100, 300, 1000}",
    area="optimization",
    experiment=oracle_calls,
    quantity=r"oracle calls to $\varepsilon$-accuracy",
    sweep=tt.Sweep(grid={"n": (16, 64, 256), "inv_eps": (100, 300, 1000)}),
    quick_sweep=tt.Sweep(grid={"n": (16, 256), "inv_eps": (100, 1000)}),
    seeds=16,
    quick_seeds=6,
    aggregate="mean",
    check=_CHECK,
    revisions=(
        "Components given distinct zeros, an ε-sweep added (joint n, 1/ε fit) and the plain "
        "stochastic estimator added as the mechanism control, after the validity review found "
        "that the √n was refresh-schedule accounting on components sharing their zero, with no "
        "control that removes the variance reduction; the n-part tol became the derived "
        "log-factor allowance 0.25 (was a bare 0.15).",
        "ε measured on Halpern's scale L‖z_0 − z*‖ over 1/ε ∈ [100, 1000] (was relative to "
        "‖F(z_0)‖ over [30, 300]) with an iteration budget of twice Halpern's guarantee, after the "
        "first joint fit was INCONCLUSIVE (ε-exponent CI reaching past 1 + tol in the early, "
        "pre-asymptotic phase) and too slow for the quick size.",
    ),
)

vr_halpern_no_variance_reduction = vr_halpern.control(
    id="vr-halpern-no-variance-reduction",
    why="Without the variance-reduced estimate (plain F_i(z), 1 call per step) the distinct zeros "
    "leave estimator noise at z*; ‖F‖ stalls above ε within the iteration budget, so the calls "
    "to ε are unbounded and the Õ(√n/ε) part must be REFUTED.",
    experiment=oracle_calls_without_variance_reduction,
)

vr_halpern_det_claimed_sqrt_n = vr_halpern.control(
    id="vr-halpern-deterministic-claimed-sqrt-n",
    why="Deterministic Halpern pays n calls per iteration, so its calls grow like n¹; the √n "
    "bound claimed for it must be rejected.",
    check=tt.Scaling(exponents={"n": 0.5}, tol=_LOG_TOL, series="det"),
)

vr_halpern_claimed_n_free = vr_halpern.control(
    id="vr-halpern-claimed-n-free",
    why="At refresh probability 1/√n VR-Halpern pays about √n calls per iteration, so an n-free "
    "cost must be rejected (a statement about the refresh schedule, see Attainment).",
    check=tt.Scaling(exponents={"n": 0.0, "inv_eps": 1.0}, tol=_LOG_TOL, series="vr"),
)
