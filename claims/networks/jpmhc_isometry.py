"""JPmHC: orthogonal residual mixers keep the skip Jacobian isometric; bistochastic ones collapse it.

Statement
---------
B. Sengupta, J. Wang, L. Brunswic, "JPmHC Dynamical Isometry via Orthogonal Hyper-Connections",
2026, arXiv:2602.18308, abstract (the paper's free-probability theorems could not be read
here): constraining the hyper-connection mixer to operator-norm-bounded manifolds controls the
Jacobian spectrum; orthogonal (Stiefel, via Cayley) mixers preserve dynamical isometry, while
bistochastic mixers contract toward rank one. Encoded on the skip path's Jacobian
J_L = M_L ⋯ M_1 through L layers of n = 8 streams:
1. orthogonal mixers: every singular value of J_L equals 1, max_i |σ_i(J_L) − 1| ≤
   ISOMETRY_TOL for L ≤ 64;
2. bistochastic mixers: σ₂(J_L) → 0 geometrically, at a rate no slower than the mean
   single-layer factor E σ₂(M) (the complement of the all-ones direction contracts; σ₁ = 1).

Assumptions
-----------
- n = 8 streams, a fresh random mixer per layer (independent across layers and seeds).
- orthogonal: Cayley transform (I + S)⁻¹(I − S) of S = (G − Gᵀ)/2, G standard Gaussian.
- bistochastic: Sinkhorn projection (200 sweeps) of exp(G) (the mHC parametrization).
- only the skip path's linear Jacobian is measured (the residual branch F is omitted).

Attainment
----------
1. Orthogonal products are orthogonal, so the gap is pure float64 rounding, growing like L·n·u.
2. For doubly stochastic factors σ₂(J_L) ≤ ∏ σ₂(M_l) (each fixes the all-ones vector and maps
   its complement to itself), so with independent layers E σ₂(J_L) ≤ (E σ₂(M))^L; the check
   compares the fitted contraction of the mean σ₂ over L ∈ [1, 12] (above the float64 floor,
   which the product reaches within a few tens of layers) with E σ₂(M), a Monte Carlo
   constant of this testbed. This is an upper rate (products contract faster than the
   single-factor bound); it fails only if the factors do not contract the complement.

Trivial baseline
----------------
The identity mixer (a plain residual connection) is orthogonal and passes part 1 (it is not
what the claim contrasts with); it fails part 2 (σ₂ = 1 at every depth). An unconstrained
mixer I + G/√n (plain hyper-connections) fails part 1: its singular values spread with depth.
Runs: jpmhc-isometry-free-mixer, jpmhc-isometry-orthogonal-as-bistochastic.

Controls
--------
- jpmhc-isometry-bistochastic-as-orthogonal: Sinkhorn mixers in the orthogonal role: the
  product tends to rank one, the isometry gap tends to 1: part 1 REFUTED.
- jpmhc-isometry-free-mixer: unconstrained mixers I + G/√n in the orthogonal role: the singular
  values of the product spread: part 1 REFUTED.
- jpmhc-isometry-orthogonal-as-bistochastic: Cayley mixers in the bistochastic role (no
  contraction, σ₂ = 1 as for the identity): part 2 REFUTED.

Departures and revisions
------------------------
- Source is the abstract. The card's third check (the free-probability density against the
  empirical spectrum, KS < 0.05) is not encoded: the predicted density is in the paper's body.
- ISOMETRY_TOL is the catalogue card's threshold; the contraction threshold E σ₂(M) is this
  encoding's (a bound every product of independent doubly stochastic factors obeys), not a
  constant of the paper.
"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems.networks import jpmhc_mixers as jm

PAPER = tt.Paper(
    title="JPmHC Dynamical Isometry via Orthogonal Hyper-Connections",
    authors="B. Sengupta, J. Wang, L. Brunswic",
    year=2026,
    arxiv="2602.18308",
)

STREAMS = 8
MAX_DEPTH = 64
#: The catalogue card's isometry threshold; float64 rounding over ≤ 64 products of 8×8
#: orthogonal matrices is of order L·n·u ≈ 1e−13, three orders below it.
ISOMETRY_TOL = 1e-10
#: Contraction window: σ₂ of the bistochastic product reaches the float64 floor (~1e−16)
#: within a few tens of layers, so the geometric fit stops at L = 12.
CONTRACTION_WINDOW = (1, 12)
#: (E σ₂(M), its Monte Carlo standard error) for one Sinkhorn mixer of this testbed.
_MEAN_SIGMA2, _SIGMA2_SE = jm.mean_second_singular_value(STREAMS)
#: Three Monte Carlo standard errors of the threshold.
CONTRACTION_TOL = 3.0 * _SIGMA2_SE


def skip_jacobian_spectra(key, checkpoints, isometric="orthogonal", contracting="bistochastic"):
    """Isometry gap of a product of `isometric` mixers and σ₂ of a product of `contracting` ones."""
    make_iso, make_con = jm.mixer(isometric), jm.mixer(contracting)
    eye = jnp.eye(STREAMS)

    def step(t, state):
        j_iso, j_con = state
        k_iso, k_con = jax.random.split(jax.random.fold_in(key, t))
        return make_iso(k_iso, STREAMS) @ j_iso, make_con(k_con, STREAMS) @ j_con

    def observe(state):
        s_iso = jnp.linalg.svd(state[0], compute_uv=False)
        s_con = jnp.linalg.svd(state[1], compute_uv=False)
        return {"orthogonal isometry gap": jnp.max(jnp.abs(s_iso - 1.0)), "bistochastic σ₂": s_con[1]}

    return tt.trajectory(step, (eye, eye), checkpoints, observe)


jpmhc_isometry = tt.Claim(
    id="jpmhc-isometry",
    paper=PAPER,
    statement="Products of orthogonal (Cayley) residual mixers keep every singular value at 1 "
    "(dynamical isometry); products of bistochastic (Sinkhorn) mixers contract toward rank one, "
    "σ₂(M_L⋯M_1) → 0 geometrically.",
    assumptions=(
        "n = 8 streams, independent random mixers per layer",
        "orthogonal: Cayley transform of a Gaussian skew matrix; bistochastic: Sinkhorn of exp(G)",
        "skip-path Jacobian only (residual branch omitted)",
    ),
    testbed="products of L ≤ 64 random 8×8 mixers; σ₂ fit over L ∈ [1, 12]",
    source="abstract only",
    area="networks",
    experiment=skip_jacobian_spectra,
    quantity=r"$\max_i |\sigma_i(J_L) - 1|$ or $\sigma_2(J_L)$",
    sweep=tt.Sweep(checkpoints=tuple(range(1, MAX_DEPTH + 1)), checkpoint_name="L"),
    quick_sweep=tt.Sweep(checkpoints=tuple(range(1, 13)) + (16, 24, 32, 48, MAX_DEPTH), checkpoint_name="L"),
    seeds=256,
    quick_seeds=32,
    aggregate="mean",
    check=tt.AllOf(
        [
            tt.AtMost(
                value=ISOMETRY_TOL,
                label="isometry tolerance",
                window=(1, MAX_DEPTH),
                series="orthogonal isometry gap",
            ),
            tt.LinearRate(
                rate=_MEAN_SIGMA2,
                label="E σ₂(M)",
                tol=CONTRACTION_TOL,
                window=CONTRACTION_WINDOW,
                series="bistochastic σ₂",
            ),
        ],
        names=["orthogonal: isometry", "bistochastic: contraction to rank one"],
    ),
)

jpmhc_isometry_bistochastic_as_orthogonal = jpmhc_isometry.control(
    id="jpmhc-isometry-bistochastic-as-orthogonal",
    why="Sinkhorn mixers in the orthogonal role: their product tends to rank one, so the largest "
    "deviation of a singular value from 1 tends to 1 and the isometry part must be REFUTED.",
    experiment=functools.partial(skip_jacobian_spectra, isometric="bistochastic"),
)

jpmhc_isometry_free_mixer = jpmhc_isometry.control(
    id="jpmhc-isometry-free-mixer",
    why="Unconstrained mixers I + G/√n (plain hyper-connections) in the orthogonal role: the "
    "singular values of the product spread with depth, so the isometry part must be REFUTED.",
    experiment=functools.partial(skip_jacobian_spectra, isometric="free"),
)

jpmhc_isometry_orthogonal_as_bistochastic = jpmhc_isometry.control(
    id="jpmhc-isometry-orthogonal-as-bistochastic",
    why="Cayley mixers in the bistochastic role: orthogonal products have σ₂ = 1 at every depth "
    "(like the identity skip), so the contraction part must be REFUTED.",
    experiment=functools.partial(skip_jacobian_spectra, contracting="orthogonal"),
)
