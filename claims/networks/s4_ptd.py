"""S4-PTD: perturb-then-diagonalize gives a diagonal SSM whose transfer function tends to HiPPO's.

Covers the catalogue cards s4-ptd (seeds-000-003-004), ptd-ssm-diagonalization (seeds-001)
and ssm-ptd-diagonalization (seeds-002): one paper.

Statement
---------
A. Yu, A. Nigmetov, D. Morozov, M. W. Mahoney, N. B. Erichson, "Robustifying State-space Models
for Long Sequences via Approximate Diagonalization", ICLR 2024, arXiv:2310.01698, abstract
(the theorems of its sections 3–4 could not be read here): diagonalizing the HiPPO framework
is an ill-posed problem; the backward-stable perturb-then-diagonalize (PTD) initialization
converges strongly to HiPPO (its transfer function converges uniformly as the perturbation
size ε → 0), while the S4D initialization converges only weakly. Encoded as two parts:
1. the eigenvector matrix V of HiPPO-LegS has a condition number κ(V) growing exponentially
   in the state size N (log κ(V) increasing linearly in N: the ill-posedness);
2. the PTD model's uniform transfer-function error sup_ω |G_PTD(iω) − G_HiPPO(iω)| /
   sup_ω |G_HiPPO(iω)| is O(ε) (the catalogue cards' rate; the abstract says only "→ 0").

Assumptions
-----------
- HiPPO-LegS (A, B) of size N (A lower triangular, eigenvalues −1, …, −N), C ~ N(0, I) per
  seed, D = 0.
- PTD: E complex Gaussian scaled to ‖E‖₂ = ε, fresh per seed; the model is the
  eigendecomposition A + E = VΛV⁻¹ taken as the diagonal system (Λ, V⁻¹B, CV).
- Uniform norm approximated on 1000 frequencies ±logspace(−2, 4) (the card asks for 10⁴; the
  transfer functions are smooth on this scale, all poles have |Re λ| ≥ 1).
- Part 1 at ε = 1e−3 over N ∈ {4, 8, 12, 16} (quick: {10, 16}, one compiled program per N);
  part 2 at N = 16 over ε ∈ {1e−1, …, 1e−5}.

Attainment
----------
In exact arithmetic the PTD model is A + E itself, so its error is the first-order
perturbation C R E R B (R = (iω − A)⁻¹) plus O(ε²): the slope in ε is exactly 1 and the check
(error = O(ε), slope against 1/ε at most −1 + RATE_TOL) is sharp. Rounding adds
u·κ(V_ε)‖B‖‖C‖, which stays below the first-order term on this window at N = 16 (the window
stops at ε = 1e−5 because κ(V_ε) grows as ε shrinks toward the unperturbed κ(V)).
κ(V) of the exact eigenvectors is deterministic, so part 1 has a zero-width interval: its
semilog slope must be strictly positive.

Trivial baseline
----------------
Diagonalizing without the perturbation (ε ignored, exact eigendecomposition in float64) gives
an error that does not depend on ε, so part 2 is REFUTED (s4-ptd-exact-diagonalization); a
data-independent model (G ≡ 0) would have relative error 1 at every ε, likewise flat, and is
not run separately. A normal matrix with the same spectrum has κ(V) = 1 at every N, so part 1
is REFUTED (s4-ptd-normal-matrix).

Controls
--------
- s4-ptd-s4d-normal-part: reports the S4D model (the diagonalization of A's normal part
  A + PPᵀ, the low-rank term dropped) in place of PTD: its error is a fixed, ε-independent
  mismatch, so the O(ε) part must be REFUTED.
- s4-ptd-exact-diagonalization: reports the exact (unperturbed) diagonalization in place of
  PTD: its error is the ε-independent rounding error amplified by κ(V): REFUTED.
- s4-ptd-normal-matrix: HiPPO-LegS replaced by diag(−1, …, −N), a normal matrix with the same
  eigenvalues: κ(V) = 1 for every N, so the exponential-growth part must be REFUTED.

Departures and revisions
------------------------
- Source is the abstract; the O(ε) rate is the catalogue cards', not read in a theorem. The
  S4D "weak convergence only" statement (convergence against smooth test inputs as N grows) is
  not checked: its exact S4D normalization of B and the test-function class are in the paper's
  section 3, which could not be read; S4D appears only as a control.
- The frequency grid has 1000 points rather than the card's 10⁴.
"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems.networks import s4_ptd

PAPER = tt.Paper(
    title="Robustifying State-space Models for Long Sequences via Approximate Diagonalization",
    authors="A. Yu, A. Nigmetov, D. Morozov, M. W. Mahoney, N. B. Erichson",
    year=2023,
    arxiv="2310.01698",
)

#: Slope allowance for error = O(ε): the first-order term has slope exactly 1; the O(ε²)
#: remainder at ε = 0.1 and the rounding floor u·κ(V_ε) at ε = 1e−5 can only bend the fitted
#: line at the window's ends. 0.1 is the engine's default slope tolerance, not tuned here.
RATE_TOL = 0.1
PTD_SIZE = 16
KAPPA_EPS = 1e-3
EPSILONS = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5)
KAPPA_SIZES = (4, 8, 12, 16)
FREQUENCIES = s4_ptd.symmetric_log_frequencies(-2.0, 4.0, 500)


def _state_matrix(size, matrix):
    if matrix == "legs":
        return s4_ptd.hippo_legs(size)[0]
    return s4_ptd.normal_with_legs_spectrum(size)


def ptd_errors(key, N, eps, matrix="legs"):
    """Relative sup-norm transfer errors of PTD, S4D and exact diagonalization; κ(V) of exact A."""
    a = _state_matrix(N, matrix)
    b = s4_ptd.hippo_legs(N)[1]
    key_c, key_e = jax.random.split(key)
    c = jax.random.normal(key_c, (N,))
    g_ref = s4_ptd.dense_transfer(a, b, c, FREQUENCIES)
    scale = jnp.max(jnp.abs(g_ref))

    def rel_error(diag_system):
        return jnp.max(jnp.abs(s4_ptd.diagonal_transfer(*diag_system, FREQUENCIES) - g_ref)) / scale

    perturbed = a + s4_ptd.complex_perturbation(key_e, N, eps)
    return {
        "PTD error": rel_error(s4_ptd.diagonalize(perturbed, b, c)),
        "S4D error": rel_error(s4_ptd.diagonalize(s4_ptd.legs_normal_part(N), b, c)),
        "exact-diagonalization error": rel_error(s4_ptd.diagonalize(a, b, c)),
        "κ(V)": s4_ptd.eigenvector_condition(a),
    }


QUICK_KAPPA_SIZES = (10, 16)


def _points(kappa_sizes):
    """The ε sweep at N = PTD_SIZE plus the N sweep at ε = KAPPA_EPS (one program per N)."""
    return tuple({"N": PTD_SIZE, "eps": e} for e in EPSILONS) + tuple(
        {"N": n, "eps": KAPPA_EPS} for n in kappa_sizes if n != PTD_SIZE
    )


def inverse_eps(point):
    """1/ε: the fit variable, so that error = O(ε) reads as slope ≤ −1."""
    return 1.0 / point["eps"]


s4_ptd_claim = tt.Claim(
    id="s4-ptd",
    paper=PAPER,
    statement="Diagonalizing HiPPO-LegS is ill-posed: κ(V) of its eigenvectors grows exponentially "
    "in N. Perturb-then-diagonalize with ‖E‖ = ε gives a diagonal model whose transfer function "
    "converges uniformly to HiPPO's, sup_ω |G_PTD − G_HiPPO| = O(ε).",
    assumptions=(
        "HiPPO-LegS (A, B), C ~ N(0, I), D = 0",
        "E complex Gaussian with ‖E‖₂ = ε; the PTD model is the eigendecomposition of A + E",
        "uniform norm over 1000 frequencies ±logspace(−2, 4)",
    ),
    testbed="HiPPO-LegS, N = 16 for ε ∈ {1e−1, …, 1e−5}; κ(V) for N ∈ {4, 8, 12, 16}",
    source="abstract only (O(ε) rate from the catalogue cards)",
    area="networks",
    experiment=ptd_errors,
    quantity=r"$\|G - G_{\rm HiPPO}\|_\infty / \|G_{\rm HiPPO}\|_\infty$ or $\kappa(V)$",
    sweep=tt.Sweep(points=_points(KAPPA_SIZES)),
    quick_sweep=tt.Sweep(points=_points(QUICK_KAPPA_SIZES)),
    seeds=64,
    quick_seeds=16,
    aggregate="mean",
    check=tt.AllOf(
        [
            tt.Where(
                {"N": PTD_SIZE},
                tt.UpperRate(exponent=-1.0, tol=RATE_TOL, x=inverse_eps, series="PTD error"),
            ),
            tt.Where(
                {"eps": KAPPA_EPS},
                tt.Divergence(min_slope=0.0, scale="semilog", x="N", series="κ(V)"),
            ),
        ],
        names=["PTD error = O(ε)", "κ(V) grows exponentially in N"],
    ),
)

s4_ptd_s4d_normal_part = s4_ptd_claim.control(
    id="s4-ptd-s4d-normal-part",
    why="S4D (the normal part A + PPᵀ diagonalized, the low-rank term dropped) reported in place "
    "of PTD: its transfer function differs from HiPPO's by a fixed amount whatever ε, so the O(ε) "
    "part must be REFUTED.",
    experiment=tt.same_method(ptd_errors, {"PTD error": "S4D error"}),
)

s4_ptd_exact_diagonalization = s4_ptd_claim.control(
    id="s4-ptd-exact-diagonalization",
    why="The trivial baseline, no perturbation: the exact eigendecomposition of A in float64 has an "
    "error that does not depend on ε (rounding amplified by κ(V)), so the O(ε) part must be REFUTED.",
    experiment=tt.same_method(ptd_errors, {"PTD error": "exact-diagonalization error"}),
)

s4_ptd_normal_matrix = s4_ptd_claim.control(
    id="s4-ptd-normal-matrix",
    why="HiPPO-LegS replaced by diag(−1, …, −N), normal with the same eigenvalues: κ(V) = 1 for "
    "every N, so the exponential-growth part must be REFUTED (the ill-posedness is non-normality).",
    experiment=functools.partial(ptd_errors, matrix="normal"),
)
