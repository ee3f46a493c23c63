"""Muon's Newton–Schulz orthogonalization: what the tuned quintic does and does not compute.

Paper: "Muon: Training and Trade-offs with Latent Attention and MoE" (catalogue seeds-001;
the Muon update of K. Jordan et al., 2024).

Statement (as the catalogue card makes it checkable):
  (a) Muon's update is steepest descent under the spectral norm: for G = USVᵀ,
      orth(G) = UVᵀ = argmax_{‖D‖_op ≤ 1} ⟨G, D⟩ and ⟨G, UVᵀ⟩ = ‖G‖_* (nuclear norm).
  (b) orth(G) is computed by a Newton–Schulz (NS) iteration on X0 = G/‖G‖_F with the quintic
      coefficients (3.4445, −4.7750, 2.0315). These are tuned for speed, not convergence:
      1 is not a fixed point of p(s) = 3.4445s − 4.7750s³ + 2.0315s⁵ (p(1) = 0.701), so the
      iteration does NOT converge to UVᵀ; the singular values settle in a band ≈ [0.68, 1.2]
      (it computes US'Vᵀ). The plain cubic NS, p(s) = 1.5s − 0.5s³, converges to UVᵀ, but
      only for singular values in (0, √3): σ0 ∈ (√3, √5) lands on −1 (a sign flip, the wrong
      polar factor) and σ0 > √5 diverges. The paper's convergence-rate statement has no
      rate in the abstract and is not encoded.

Testbed: G ∈ R^{64×32} with i.i.d. N(0, 1) entries (one per seed). Both iterations are
problems.methods.orthogonalize.newton_schulz: the same iteration as optax.contrib.muon's
(normalize by ‖G‖_F, then X ← aX + (bXXᵀ + c(XXᵀ)²)X on the wide orientation), with
optax's default coefficients MUON_COEFFS = (3.4445, −4.7750, 2.0315) for the quintic and
(1.5, −0.5, 0) for the cubic. (optax's own implementation unrolls the loop; under vmap its
compile time grows to minutes at k = 32, so the claim uses the rolled loop.) The exact UVᵀ
is problems.methods.orthogonalize.polar (SVD). Sweep: the number of NS steps
k ∈ {5, …, 32}.

Check (AllOf, worst seed = aggregate "max"):
  1. steepest-descent identity: |⟨G, UVᵀ⟩ − ‖G‖_*|/‖G‖_* ≤ 10⁻⁹ (explicit bound);
  2. quintic band: σ(NS_k(X0)) ⊂ [0.6, 1.25] for every k ≥ 5, encoded as
     max(0.6/σ_min, σ_max/1.25) ≤ 1 (explicit bound; catalogue prototype [0.682, 1.110]);
  3. quintic does not orthogonalize: ‖NS_k(X0) − UVᵀ‖_2 ≥ 0.1 for every k, encoded as
     0.1/‖NS_k(X0) − UVᵀ‖_2 ≤ 1 (measured ≈ 0.32 at every k: a fixed band, not a transient);
  4. cubic converges: ‖NS_k(X0) − UVᵀ‖_2 ≤ 10⁻¹⁰ for k ∈ [16, 32] (all σ(X0) ≤ 1 < √3).
Negative controls (each must be REFUTED):
  - the quintic claimed to orthogonalize: ‖NS_k(X0) − UVᵀ‖_2 ≤ 10⁻³ for k ∈ [5, 32];
  - the cubic NS fed an unnormalized X0 whose singular values are rescaled into
    [0.5, 1.9] (σ_max ∈ (√3, √5)): the top singular values land on −1, so part 4 fails.
    The matrix iteration acts on each singular value by the scalar map, so the spectral
    error is max_i |p^k(σ_i) − 1|, computed with problems.methods.orthogonalize.
    singular_value_map.
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems.methods import orthogonalize

PAPER = tt.Paper(title="Muon: Training and Trade-offs with Latent Attention and MoE")

_SHAPE = (64, 32)


def _ns(G, coeffs, steps):
  """NS_k(G/‖G‖_F) (problems.methods.orthogonalize.newton_schulz, optax's iteration)."""
  return orthogonalize.newton_schulz(G, steps, coeffs)


def newton_schulz_numerics(key, steps, cubic_sigma_max=None):
  """Identity error, quintic band excess, quintic and cubic distance to UVᵀ, for one G."""
  G = jax.random.normal(key, _SHAPE)
  polar = orthogonalize.polar(G)
  nuclear = jnp.sum(jnp.linalg.svd(G, compute_uv=False))
  quintic = _ns(G, orthogonalize.MUON_COEFFS, steps)
  s_q = jnp.linalg.svd(quintic, compute_uv=False)
  if cubic_sigma_max is None:
    cubic_err = jnp.linalg.norm(_ns(G, orthogonalize.CUBIC_COEFFS, steps) - polar, 2)
  else:  # unnormalized input: singular values rescaled into [0.5, cubic_sigma_max]
    s = jnp.linalg.svd(G, compute_uv=False)
    s0 = 0.5 + (cubic_sigma_max - 0.5) * (s - s.min()) / (s.max() - s.min())
    s_k = orthogonalize.singular_value_map(s0, steps, orthogonalize.CUBIC_COEFFS)
    cubic_err = jnp.max(jnp.abs(s_k - 1.0))
  return {
      "identity_error": jnp.abs(jnp.sum(G * polar) - nuclear) / nuclear,
      "quintic_band": jnp.maximum(0.6 / s_q.min(), s_q.max() / 1.25),
      "quintic_error": jnp.linalg.norm(quintic - polar, 2),
      "quintic_closeness": 0.1 / jnp.linalg.norm(quintic - polar, 2),
      "cubic_error": cubic_err,
  }


def _const(c):
  return lambda k: np.full(np.shape(k), c, dtype=float)


_ALL = (5, 32)

muon_newton_schulz = tt.Claim(
    id="muon-newton-schulz",
    paper=PAPER,
    statement="Muon's update orth(G) = UVᵀ is spectral-norm steepest descent (⟨G, UVᵀ⟩ = ‖G‖_*); "
              "the quintic Newton–Schulz with coefficients (3.4445, −4.7750, 2.0315) leaves "
              "the singular values in a band ≈ [0.68, 1.2] and does not converge to UVᵀ, while "
              "the cubic NS converges to UVᵀ for singular values in (0, √3).",
    assumptions=("input normalized by its Frobenius norm, so every σ(X0) ≤ 1 < √3",
                 "NS iteration as in optax.contrib.muon, its default quintic coefficients"),
    testbed="G ∈ R^{64×32} with N(0, 1) entries per seed; k ∈ {5, …, 32} NS steps; exact UVᵀ by SVD",
    area="optimization",
    experiment=newton_schulz_numerics,
    sweep=tt.Sweep(grid={"steps": (5, 6, 8, 12, 16, 24, 32)}),
    quick_sweep=tt.Sweep(grid={"steps": (5, 8, 16, 32)}),
    seeds=16,
    quick_seeds=4,
    aggregate="max",
    check=tt.AllOf(
        [tt.ExplicitBound(bound=_const(1e-9), label="10⁻⁹", window=_ALL, series="identity_error"),
         tt.ExplicitBound(bound=_const(1.0), label="σ ∈ [0.6, 1.25]", window=_ALL,
                          series="quintic_band"),
         tt.ExplicitBound(bound=_const(1.0), label="‖NS − UVᵀ‖₂ ≥ 0.1", window=_ALL,
                          series="quintic_closeness"),
         tt.ExplicitBound(bound=_const(1e-10), label="10⁻¹⁰", window=(16, 32), series="cubic_error")],
        names=["⟨G, UVᵀ⟩ = ‖G‖_*", "quintic band [0.6, 1.25]", "quintic ≠ UVᵀ",
               "cubic → UVᵀ"]),
)

muon_quintic_claimed_orthogonal = muon_newton_schulz.control(
    id="muon-newton-schulz-quintic-orthogonal",
    why="The tuned quintic claimed to orthogonalize (‖NS_k(X0) − UVᵀ‖₂ ≤ 10⁻³): 1 is not a "
        "fixed point of its polynomial and the error stays ≈ 0.32 at every k, so this must be "
        "rejected.",
    check=tt.ExplicitBound(bound=_const(1e-3), label="10⁻³", window=_ALL, series="quintic_error"),
)

muon_cubic_unnormalized = muon_newton_schulz.control(
    id="muon-newton-schulz-cubic-unnormalized",
    why="The cubic NS without normalization, singular values rescaled into [0.5, 1.9] with "
        "1.9 ∈ (√3, √5): the top singular values are mapped to −1 (a sign flip), so the "
        "iteration does not reach UVᵀ and 'cubic → UVᵀ' must be rejected.",
    experiment=functools.partial(newton_schulz_numerics, cubic_sigma_max=1.9),
)
