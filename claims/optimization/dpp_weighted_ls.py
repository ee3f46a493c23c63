"""Weighted least squares with (repeated) projection DPP samples is quasi-optimal in
expectation.

Paper: A. Nouy, B. Michel, "Weighted least-squares approximation with determinantal point
processes and generalized volume sampling", arXiv:2312.14057 (2023). Catalogue card:
seeds-002 `dpp-weighted-ls`.

Statement. Weighted least squares in an m-dimensional space V_m with the optimal weights
w(x) = m/Σ_j φ_j(x)² is quasi-optimal in expectation, E‖f − f̂‖²_{L²} ≤ C·‖f − P_m f‖²_{L²},
with n = O(m log m) samples from generalized volume-rescaled sampling; repeated independent
projection DPPs give similar bounds with far fewer samples in practice.

Testbed: [−1, 1] with the uniform measure, represented by a grid of G = 4000 midpoints (all
L² norms on the grid; P_m f is the exact grid projection). V_m = orthonormal Legendre
polynomials, m ∈ {5, 10, 20}; target f(x) = |x|^{1.5} (finite smoothness, so
‖f − P_m f‖ > 0 at every m). Samplers (problems.dpp): two independent projection DPPs with
kernel K(x, y) = Σ_j φ_j(x)φ_j(y) (HKPV chain rule; n = 2m points), and i.i.d. draws from the
optimal density (1/m)Σφ_j² with n = ⌈2m ln m⌉ (the O(m log m) regime). Metric: the ratio
R = ‖f − f̂‖²/‖f − P_m f‖², mean over seeds (the statement is in expectation).

Check: explicit bound R ≤ 3 at every m for two repeated DPPs (the card's constant, fitted on
m = 5 in its prototype: the paper's constant for this sampler is not in the abstract; the
generalized volume-rescaled sampler of the O(m log m) theorem itself is not implemented).
Card prototype: two DPPs 1.7–1.9; measured here 1.67–1.69. The i.i.d. series is recorded
and plotted but not checked: it is the Cohen–Migliorati baseline rather than this paper's
result, and its mean is heavy-tailed (rare near-singular Gram draws): at m = 5 (n = 17) the
mean R over 64 seeds was 2.22 with a bootstrap CI up to 3.6, so "R ≤ 3 in mean" is
INCONCLUSIVE at this budget (1.41 and 1.28 at m = 10, 20). A single n = m DPP does not meet R ≤ 3
(mean 6–27, growing with m) and i.i.d. at c = 1 has a heavy-tailed mean (up to 51), so
neither is asserted.

Negative control: unweighted least squares from n = m uniform i.i.d. points (no weights, no
log factor): ill-conditioned, median R ≈ 70 at m = 5 and ~10⁷ at m = 20 in the card's
prototype, so R ≤ 3 must be rejected.
"""

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems import dpp

PAPER = tt.Paper(
    title="Weighted least-squares approximation with determinantal point processes and "
          "generalized volume sampling",
    authors="A. Nouy, B. Michel", year=2023, arxiv="2312.14057")

_G = 4000


def approximation_ratio(key, m, control=False):
    """R = ‖f − f̂‖²/‖f − P_m f‖² for two DPPs ("dpp2") and i.i.d. optimal density ("iid")."""
    x = dpp.grid(_G)
    Phi = dpp.legendre_features(x, m)
    f = jnp.abs(x) ** 1.5
    w = dpp.christoffel_weights(Phi)
    best = dpp.best_error_sq(Phi, f)
    k1, k2, k3 = jax.random.split(key, 3)

    def ratio(idx, weights):
        return dpp.l2_error_sq(Phi, f, dpp.weighted_ls(Phi[idx], f[idx], weights)) / best

    if control:
        idx = dpp.uniform_iid(k1, _G, m)
        r = ratio(idx, jnp.ones(m))
        return {"dpp2": r, "iid": r}
    idx2 = jnp.concatenate([dpp.projection_dpp(k1, Phi), dpp.projection_dpp(k2, Phi)])
    idx_iid = dpp.optimal_density_iid(k3, Phi, int(math.ceil(2 * m * math.log(m))))
    return {"dpp2": ratio(idx2, w[idx2]), "iid": ratio(idx_iid, w[idx_iid])}


def _bound(series):
    return tt.ExplicitBound(bound=lambda m: np.full(np.shape(m), 3.0), label="3", series=series)


dpp_weighted_ls = tt.Claim(
    id="dpp-weighted-ls",
    paper=PAPER,
    statement="Weighted least squares in V_m with weights m/Σφ_j² is quasi-optimal in "
              "expectation, E‖f − f̂‖² ≤ C‖f − P_m f‖², with n = O(m log m) samples; repeated "
              "projection DPPs give similar bounds with far fewer samples.",
    assumptions=("V_m: orthonormal Legendre polynomials on [−1, 1], uniform measure (grid of 4000)",
                 "optimal weights w = m/Σφ_j²",
                 "samplers: 2 independent projection DPPs (n = 2m); i.i.d. optimal density, "
                 "n = ⌈2m ln m⌉",
                 "f = |x|^1.5 (not in V_m)"),
    testbed="m ∈ {5, 10, 20}, f = |x|^1.5, grid G = 4000; ratio to the best approximation error",
    area="optimization",
    experiment=approximation_ratio,
    sweep=tt.Sweep(grid={"m": (5, 10, 20)}),
    seeds=256,
    quick_seeds=64,
    aggregate="mean",
    check=_bound("dpp2"),
)

dpp_unweighted_control = dpp_weighted_ls.control(
    id="dpp-weighted-ls-unweighted-uniform",
    why="Unweighted least squares from n = m uniform points is ill-conditioned (card: median "
        "R ≈ 70 at m = 5, ~10⁷ at m = 20), so R ≤ 3 must be rejected.",
    experiment=functools.partial(approximation_ratio, control=True),
)
