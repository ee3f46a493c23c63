"""Variance-reduced Halpern iteration: Õ(n + √n·L/ε) component calls for finite-sum
cocoercive operators, against n·L/ε for deterministic Halpern.

Paper: X. Cai, A. Alacaoglu, J. Diakonikolas, "Variance Reduced Halpern Iteration for Finite-Sum
Monotone Inclusions", ICLR 2024, arXiv:2310.02987. Catalogue cards: seeds-002
`vr-halpern-complexity` (tier A) and seeds-000-003-004 `vr-halpern` (tier B).

Statement (corrected). For F = (1/n)Σ F_i whose components are L-cocoercive (or L-Lipschitz
and monotone) "on average", variance-reduced Halpern finds z with ‖F(z)‖ ≤ ε at the last
iterate with Õ(n + √n·L·ε⁻¹) component-oracle calls, improving on deterministic Halpern
(n·L/ε: n calls per iteration × L/ε iterations) by a factor up to √n. Scrape note: the seed
text reads "O(n + nLε⁻¹) … by a factor up to n"; both square roots were lost (the public
abstract has √n), and the damaged form would be no improvement at all.

Method: problems.methods.minmax.vr_halpern_step, Halpern (β_k = 1/(k+2), anchor z_0) applied
to the forward map z − F(z)/L with a loopless-SVRG estimate F_i(z) − F_i(w) + F(w), the
snapshot w refreshed with probability p = 1/√n (expected cost 2 + p·n = 2 + √n calls per
iteration, n calls per refresh). This is the cocoercive case of the paper in the loopless
form; the paper's exact estimator/restart schedule (and its inexact-resolvent method for the
monotone Lipschitz case) is not reproduced, so this checks the complexity scaling in n that
the paper proves, for this variant. Deterministic Halpern (problems.methods.minmax
.halpern_step on the same forward map) is the baseline: n calls per iteration.

Testbed (finite-sum, "the mean as rough as the components", as the card's second check
requires): A = Q diag(λ)Qᵀ in d = 20 with λ log-uniform in [1e-4, 1] (so Halpern sits in its
sublinear 1/k regime, not in a linear one), components F_i(z) = A^{½}(I + E_i)A^{½}(z − z*)
with symmetric E_i, Σ_i E_i = 0, max‖E_i‖ = 0.9: each F_i is the gradient of a convex
quadratic with ‖A^{½}(I+E_i)A^{½}‖ ≤ 1.9 = L, so each is L-cocoercive, and F = A(z − z*)
has ‖A‖ = 1 ≈ L (not L/√n). Step 1/L, z_0 = 0, z* ~ N(0, I).
Metric: component calls (n for the initial F(z_0) and every refresh, 2 per VR step, n per
deterministic step) until ‖F(z_k)‖ ≤ ε‖F(z_0)‖ with ε = 3e-3, for n ∈ {16, …, 1024} (so
n ≪ (L/ε)² ≈ 4·10⁵: the √n·L/ε term dominates the n term).

Checks (AllOf): the fitted exponent of the VR calls in n is ≤ 0.5 + 0.15 (upper rate in n),
and deterministic Halpern's calls grow like n¹ (tight, ±0.1) on the same instances, so the
√n gain is visible. Measured in a prototype: VR calls ∝ n^0.44 (its iterations to ε are the
deterministic ones: the estimator's variance is negligible here), deterministic ∝ n^1.00.

Negative controls: (a) the √n-type bound claimed for deterministic Halpern (exponent ≤ 0.5
+ 0.15 in n) must be rejected (slope 1); (b) an n-free cost (exponent 0 + 0.15) claimed for
VR-Halpern must be rejected (slope ≈ 0.45): the check can tell √n from 1 and from n.
"""

import jax
import jax.numpy as jnp

import theorytest as tt
from problems import quadratics
from problems.methods import minmax

PAPER = tt.Paper(title="Variance Reduced Halpern Iteration for Finite-Sum Monotone Inclusions",
                 authors="X. Cai, A. Alacaoglu, J. Diakonikolas", year=2024, arxiv="2310.02987")

_D, _L, _EPS, _K = 20, 1.9, 3e-3, 12_000


def oracle_calls(key, n):
    """Component calls to reach ‖F(z)‖ ≤ ε‖F(z_0)‖: VR-Halpern ("vr") and Halpern ("det")."""
    k_q, k_e, k_run = jax.random.split(key, 3)
    q = quadratics.make(k_q, _D, kappa=1e4, spectrum="log-uniform")
    w, V = jnp.linalg.eigh(q.A)
    root = (V * jnp.sqrt(jnp.maximum(w, 0.0))) @ V.T
    E = jax.random.normal(k_e, (n, _D, _D))
    E = 0.5 * (E + jnp.swapaxes(E, 1, 2))
    E = E - E.mean(0)
    E = 0.9 * E / jnp.max(jnp.linalg.norm(E, ord=2, axis=(1, 2)))
    M = jnp.einsum("ij,njk,kl->nil", root, jnp.eye(_D) + E, root)

    def F_i(i, z):
        return M[i] @ (z - q.x_star)

    def F(z):
        return quadratics.grad(q, z)  # = A(z − z*) = mean_i F_i(z)

    z0 = jnp.zeros(_D)
    target = _EPS * jnp.linalg.norm(F(z0))

    def vr_step(carry, k):
        z, w, Fw, calls, hit = carry
        z, w_new, Fw = minmax.vr_halpern_step(F_i, F, n, jax.random.fold_in(k_run, k), z, z0, w,
                                             Fw, k, 1.0 / _L, 1.0 / jnp.sqrt(n))
        calls = calls + 2 + n * jnp.any(w_new != w)
        hit = jnp.where((hit < 0) & (jnp.linalg.norm(F(z)) <= target), calls, hit)
        return (z, w_new, Fw, calls, hit), None

    def det_step(carry, k):
        z, calls, hit = carry
        z = minmax.halpern_step(minmax.forward_map(F, 1.0 / _L), z, z0, k)
        calls = calls + n
        hit = jnp.where((hit < 0) & (jnp.linalg.norm(F(z)) <= target), calls, hit)
        return (z, calls, hit), None

    ks = jnp.arange(_K)
    (_, _, _, _, vr_hit), _ = jax.lax.scan(vr_step, (z0, z0, F(z0), 1.0 * n, -1.0), ks)
    (_, _, det_hit), _ = jax.lax.scan(det_step, (z0, 1.0 * n, -1.0), ks)
    return {"vr": vr_hit, "det": det_hit}


vr_halpern = tt.Claim(
    id="vr-halpern",
    paper=PAPER,
    statement="For F = (1/n)ΣF_i with L-cocoercive (on average) components, variance-reduced "
              "Halpern reaches ‖F(z)‖ ≤ ε with Õ(n + √n·L·ε⁻¹) component calls, a factor up to "
              "√n better than deterministic Halpern (n·L/ε). [Scrape corrected: 'n·L·ε⁻¹', "
              "'factor up to n' lost √n twice.]",
    assumptions=("components L-cocoercive: F_i = ∇ of convex quadratics, ‖∇F_i‖ ≤ 1.9 = L",
                 "mean as rough as its components: ‖∇F‖ = 1 ≈ L (not L/√n)",
                 "n ≪ (L/ε)²: ε = 3e-3 relative, n ≤ 1024",
                 "loopless-SVRG Halpern, refresh probability 1/√n, step 1/L"),
    testbed="d = 20, A log-uniform spectrum [1e-4, 1], F_i = A^½(I + E_i)A^½(z − z*), ΣE_i = 0, "
            "‖E_i‖ ≤ 0.9; calls to ‖F‖ ≤ 3e-3‖F(z_0)‖, n ∈ {16, …, 1024}",
    area="optimization",
    experiment=oracle_calls,
    sweep=tt.Sweep(grid={"n": (16, 64, 256, 1024)}),
    quick_sweep=tt.Sweep(grid={"n": (16, 128, 1024)}),
    seeds=16,
    quick_seeds=4,
    aggregate="mean",
    check=tt.AllOf(
        [tt.UpperRate(exponent=0.5, tol=0.15, series="vr"),
         tt.TightRate(exponent=1.0, tol=0.1, series="det")],
        names=["VR calls O(√n)", "deterministic calls Θ(n)"]),
)

vr_halpern_det_claimed_sqrt_n = vr_halpern.control(
    id="vr-halpern-deterministic-claimed-sqrt-n",
    why="Deterministic Halpern pays n calls per iteration, so its calls grow like n¹; the √n "
        "bound (exponent ≤ 0.5 + 0.15) claimed for it must be rejected.",
    check=tt.UpperRate(exponent=0.5, tol=0.15, series="det"),
)

vr_halpern_claimed_n_free = vr_halpern.control(
    id="vr-halpern-claimed-n-free",
    why="VR-Halpern's calls grow like √n (measured n^0.44 in a prototype), so an n-free cost "
        "(exponent ≤ 0 + 0.15) must be rejected.",
    check=tt.UpperRate(exponent=0.0, tol=0.15, series="vr"),
)
