"""Small-Gain Nash: a block-weighted metric certifies contraction of a non-monotone game.

Paper: "Small-Gain Nash: Certified Contraction to Nash Equilibria in Differentiable Games"
(2025; authors and arXiv id not in the scraped listing). Catalogue card: seeds-000-003-004
`small-gain-nash`.

Claim: if player i's own block is μ_i-strongly monotone and the cross-Lipschitz couplings are
L₁₂, L₂₁ with the block small-gain condition L₁₂L₂₁ < μ₁μ₂, then for every weight ratio
r = w₁/w₂ in the "timescale band" (rL₁₂ + L₂₁)² < 4rμ₁μ₂ the pseudo-gradient F is strongly
monotone in the metric W = diag(w₁I, w₂I), with modulus m_W ≥ λ_min([[μ₁, −c/2], [−c/2, μ₂]]),
c = √r·L₁₂ + L₂₁/√r > 0 — even when F is not monotone in the Euclidean metric — and Euler steps
x⁺ = x − ηF(x) contract in ‖·‖_W with factor ρ = √(1 − 2ηm_W + η²L_W²) for η < 2m_W/L_W².

Testbed (the card's): quadratic game F(x) = Jx, d = 3 per player, A_i with eigenvalues
{1, 1.5, 2} (μ_i = 1) and random eigenvectors, aligned couplings B₁₂ = 3U, B₂₁ = L₂₁Uᵀ (U
random orthogonal; a fresh game per seed), L₂₁ ∈ {0.1, 0.2, 0.3} (L₁₂L₂₁ ≤ 0.9 < 1).
r = √(r_lo·r_hi) (the band's geometric centre), η = m_W/L_W² (so ρ = √(1 − m_W²/L_W²)),
400 Euler steps (problems.methods.minmax.gda_step) from x₀ ~ N(0, I). The equilibrium is x* = 0.

Checks (aggregate: max over games — every game must satisfy them; floors are written as
ratios floor/value ≤ 1, a non-positive value counting as a violation):
  Euclidean non-monotone    −λ_min(sym J) ≥ 0.05 (the premise: F is not monotone);
  certificate positive      the certified lower bound λ_min([[μ₁, −c/2], [−c/2, μ₂]]) ≥ 0.01;
  certificate valid         certified bound / m_W ≤ 1 (m_W exact, from eigenvalues);
  contraction               ‖x_t‖_W ≤ ρ^t‖x₀‖_W at every checkpoint t ∈ [10, 400], and the
                            largest one-step ratio ‖x_{t+1}‖_W/‖x_t‖_W over the run ≤ ρ.

Negative control (card): violate small gain, L₂₁ = 0.8 (L₁₂L₂₁ = 2.4 > 1). The band is empty;
we take the best available weight r = L₂₁/L₁₂ (the minimizer of c) and the step η = 0.03, and
claim ρ = 1 (mere non-expansion). Every such game has an eigenvalue of J with negative real
part (−0.29…−0.55 on 8 draws), so Euler diverges and the certificate is negative: REFUTED.
(With L₂₁ = 0.5 the card saw divergence, but with A_i eigenvalues up to 2 some draws still have
all eigenvalues in the right half-plane — the condition is sufficient, not necessary — so that
is not a reliable control here.)
"""

import jax
import jax.numpy as jnp

import theorytest as tt
from problems import small_gain as sg
from problems.methods import minmax

PAPER = tt.Paper(title="Small-Gain Nash: Certified Contraction to Nash Equilibria in "
                       "Differentiable Games", year=2025)

D, L12 = 3, 3.0


def small_gain_run(key, checkpoints, L21, violated_step=0.03):
    """Certificate quantities and the W-norm contraction of Euler steps on one random game."""
    k_game, k_x = jax.random.split(key)
    game = sg.coupled_game(k_game, D, L12, L21)
    lo, hi = sg.timescale_band(game.mu1, game.mu2, game.L12, game.L21)
    band = jnp.isfinite(lo)
    r = jnp.where(band, jnp.sqrt(jnp.where(band, lo * hi, 1.0)), L21 / L12)
    m_w, L_w = sg.weighted_constants(game, r)
    eta = jnp.where(band, m_w / L_w ** 2, violated_step)
    rho = jnp.where(band, jnp.sqrt(jnp.maximum(1.0 - 2 * eta * m_w + eta ** 2 * L_w ** 2, 0.0)), 1.0)
    cert = sg.certified_modulus(game.mu1, game.mu2, game.L12, game.L21, r)
    x0 = jax.random.normal(k_x, (2 * D,))
    n0 = sg.weighted_norm(game, x0, r)
    F = lambda x: game.J @ x  # noqa: E731

    def step(t, state):
        x, worst = state
        x_new = minmax.gda_step(F, x, eta)
        ratio = sg.weighted_norm(game, x_new, r) / sg.weighted_norm(game, x, r)
        return x_new, jnp.maximum(worst, ratio)

    observe = lambda s: (sg.weighted_norm(game, s[0], r) / n0, s[1])  # noqa: E731
    norms, worst = tt.trajectory(step, (x0, jnp.zeros(())), checkpoints, observe)
    t = jnp.asarray(checkpoints, dtype=float)
    const = jnp.ones(len(checkpoints))
    return {"‖x_t‖_W/(ρ^t‖x_0‖_W)": norms / rho ** t,
            "max one-step ratio/ρ": worst / rho,
            # floors as ratios ≤ 1 (a non-positive value maps to +1e12: fails)
            "0.05/(−λ_min(sym J))": 0.05 / jnp.maximum(-sg.euclidean_modulus(game), 1e-12) * const,
            "0.01/certified modulus": 0.01 / jnp.maximum(cert, 1e-12) * const,
            "certified/m_W": cert / m_w * const}


def _bound_one(series, label):
    return tt.ExplicitBound(bound=lambda t: 1.0 + 0.0 * t, label=label, x="t", series=series)


_CHECK = tt.AllOf(
    [_bound_one("0.05/(−λ_min(sym J))", "1 (−λ_min(sym J) ≥ 0.05)"),
     _bound_one("0.01/certified modulus", "1 (certificate ≥ 0.01)"),
     _bound_one("certified/m_W", "1"),
     _bound_one("‖x_t‖_W/(ρ^t‖x_0‖_W)", "1 (‖x_t‖_W ≤ ρ^t‖x_0‖_W)"),
     _bound_one("max one-step ratio/ρ", "1 (one-step ratio ≤ ρ)")],
    names=["Euclidean non-monotone", "certificate positive", "certificate ≤ m_W",
           "W-norm contraction", "one-step ratio ≤ ρ"])

_CHECKPOINTS = tuple(range(10, 401, 10))

small_gain = tt.Claim(
    id="small-gain-nash",
    paper=PAPER,
    statement="Under the block small-gain condition L₁₂L₂₁ < μ₁μ₂, every weight ratio r in the band "
              "(rL₁₂ + L₂₁)² < 4rμ₁μ₂ makes the pseudo-gradient strongly monotone in "
              "W = diag(w₁I, w₂I) (even if it is not monotone in the Euclidean metric), and Euler "
              "steps contract in ‖·‖_W with factor ρ = √(1 − 2ηm_W + η²L_W²).",
    assumptions=("own blocks μ_i-strongly monotone: A_i symmetric, eigenvalues {1, 1.5, 2}",
                 "cross couplings ‖B₁₂‖ = 3, ‖B₂₁‖ = L₂₁ ∈ {0.1, 0.2, 0.3}, aligned (worst case)",
                 "r at the centre of the band, η = m_W/L_W² < 2m_W/L_W²"),
    testbed="quadratic game F(x) = Jx, d = 3 per player, random eigenvectors and U per seed; "
            "400 Euler steps from x₀ ~ N(0, I)",
    area="games",
    experiment=small_gain_run,
    sweep=tt.Sweep(grid={"L21": (0.1, 0.2, 0.3)}, checkpoints=_CHECKPOINTS, checkpoint_name="t"),
    quick_sweep=tt.Sweep(grid={"L21": (0.1, 0.3)}, checkpoints=_CHECKPOINTS, checkpoint_name="t"),
    seeds=32,
    quick_seeds=8,
    aggregate="max",
    check=_CHECK,
)

small_gain_violated = small_gain.control(
    id="small-gain-violated-diverges",
    why="L₂₁ = 0.8, so L₁₂L₂₁ = 2.4 > μ₁μ₂ = 1: no weight certifies the game (the certificate is "
        "negative at the best r) and J has an eigenvalue with negative real part, so Euler steps "
        "diverge and even non-expansion (ρ = 1) fails.",
    sweep=tt.Sweep(grid={"L21": (0.8,)}, checkpoints=_CHECKPOINTS, checkpoint_name="t"),
    quick_sweep=tt.Sweep(grid={"L21": (0.8,)}, checkpoints=_CHECKPOINTS, checkpoint_name="t"),
)
