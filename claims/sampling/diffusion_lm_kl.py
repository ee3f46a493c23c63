"""Masked diffusion language models: sampling error KL = Θ(Σ_i I(X_i; X_−i) / T).

Paper: G. Li, C. Cai, "A Convergence Theory for Diffusion Language Models: An
Information-Theoretic Perspective", arXiv:2505.21400 (2025); v2 retitled "Breaking AR's
Sampling Bottleneck: Provable Acceleration via Diffusion Language Models", NeurIPS 2025.

Statement (abstract): the sampling error, measured by KL, decays inversely with the number of
iterations T and scales linearly with the mutual information between tokens; matching upper
and lower bounds up to constants. Theorem 1 (as restated in a secondary summary of the paper;
the PDF itself could not be read here, so the constant is taken from that restatement): for
any mask-size schedule (s_t) with s_max = max_t s_t, the sampler that unmasks a uniformly
random set of s_t positions at step t and draws them independently from the mask predictor
satisfies
    E_M[KL(p_X ‖ p_{Y|M})] ≤ (2^⌈log2 s_max⌉ − 1)/L · Σ_{i=1}^L I(X_i; X_−i) + ε_train,
and Corollary 1 (balanced s_t ≈ L/T) gives KL ≤ (C/T) Σ_i I(X_i; X_−i) + ε_train; Theorem 2
is a lower bound of the same order for some schedules (with a refined MI term).

Assumptions and how the testbed realizes them (problems.masked_diffusion):
- target: L = 512 binary tokens from a stationary symmetric Markov chain, flip probability
  q ∈ {0.05, 0.15, 0.3} (q tunes Σ_i I(X_i; X_−i), which is computed in closed form);
- perfect mask predictor (ε_train = 0): each token is drawn from its exact conditional given
  the revealed tokens (by the Markov property, given the nearest revealed neighbours);
- schedule: a uniformly random partition of the positions into T groups of s = L/T (the
  paper's forward process reveals uniformly random index sets of the given sizes);
- the quantity: each seed draws one partition M and computes KL(p ‖ q_M) EXACTLY
  (closed form checked against brute-force enumeration over 2^L sequences in the module's
  tests); the mean over seeds estimates E_M KL, the paper's quantity, with a bootstrap CI.

Why the instance attains Θ(1/T): the error comes from dependent tokens revealed in the same
step; the probability that two given positions share a group is (L/T − 1)/(L − 1), and in a
Markov chain the dependence is concentrated on nearby pairs, so E_M KL ≈ c(q)·(L/T − 1)/(L − 1)·L.
With L fixed, KL(T = L) = 0 exactly, so KL cannot be a pure power of T up to T = L (the card's
"second check"); the theorem's 1/T is the T ≪ L regime. Decision (made before any run, as
the card proposes): take L = 512 ≫ T and fit only T ∈ [1, 32] (T ≤ L/16), where
(L/T − 1)/(L − 1) differs from 1/T by at most 6%; T = 64 is measured and plotted but is
outside the fit window.

Checks (AllOf):
- tight rate in T, per q: fitted exponent of E_M KL in T is −1 ± 0.3 (card), T ∈ [1, 32];
- linear in the mutual information (card's form): KL·T / Σ_i I(X_i; X_−i) lies in a band of
  max/min ≤ 4 across all q and T ∈ [1, 32] (MI varies ~6× over the q grid);
- the explicit Theorem 1 bound with the restated constant, at every T ∈ {1, …, 64}.

Negative controls (all must be REFUTED):
- diffusion-lm-kl-claimed-1-over-t2: the same runs claimed at KL = Θ(1/T²) (card);
- diffusion-lm-kl-no-mi-scaling: KL·T claimed to lie in the same ×4 band WITHOUT dividing by
  the mutual information, i.e. "the error does not depend on the token dependence"; since
  Σ_i I varies ~6× over q, this must fail, which shows the band check sees the MI factor.
- diffusion-lm-kl-bound-halved (added after the first run, once the bound ratio 0.81 was
  seen; it is a control, not a change to the claim): Theorem 1's bound with half its
  constant must be exceeded, which shows the explicit-bound part is not vacuous here.
The module's problems test covers the card's consistency checks: independent tokens
(q = 1/2) give KL = 0 for every T, and T = L gives KL = 0.

Measured (full size, 256 partitions): T-exponents −1.15 [−1.15, −1.14] (q = 0.05),
−1.09 (q = 0.15), −1.04 (q = 0.3); KL·T/ΣI band max/min 1.70 [1.63, 1.79]; max KL/bound
0.811 (at T = 1, q = 0.05). Quick size (64 partitions) gives the same verdicts. The steeper
slope at small q is the finite-L / correlation-length effect the card predicted, well inside
the tolerance. Controls: exponent −2 refuted for every q; KL·T without the MI factor spans
6.86 [6.57, 7.19] > 4, refuted. Change after the first run (no change of sizes, windows,
tolerances or seeds): the (q, T) grid was turned into a q grid with T as checkpoints and one
random order per seed shared across T, to cut compilation from 21 graphs to 3; the verdicts
and estimates were identical.

Departures from the card: L = 512 instead of 12 (with the exact closed form no enumeration is
needed, so the T ≪ L regime of the theorem is reachable); the KL is the expectation over
partitions of the per-partition KL (the paper's E_M KL), not the KL of the partition-averaged
output law (which the card's "average q(x) over partitions" would give, and which is smaller
by convexity); the explicit bound is added.
"""

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems import masked_diffusion as md

PAPER = tt.Paper(
    title="A Convergence Theory for Diffusion Language Models: An Information-Theoretic Perspective",
    authors="G. Li, C. Cai", year=2025, arxiv="2505.21400")

L = 512
QS = (0.05, 0.15, 0.3)
TS = (1, 2, 4, 8, 16, 32, 64)
WINDOW = (1, 32)


def sampling_kl(key, q, checkpoints, L=L):
  """KL(p ‖ q_M) for one random balanced partition M into T groups, T ∈ checkpoints.

  One uniformly random order of the positions per seed; the partition into T groups takes
  consecutive blocks of L/T of that order, so every T sees a uniformly random balanced
  partition (common random numbers across T, independent across seeds).
  """
  ts = jnp.asarray(checkpoints)
  order = jax.random.permutation(key, L)
  kl = jax.vmap(lambda T: md.kl_closed_form(q, md.partition_from_order(order, L // T),
                                            num_steps=max(checkpoints)))(ts)
  mi = md.sum_mutual_information(q, L)
  bound = jnp.stack([md.li_cai_bound(q, L, T) for T in checkpoints])
  return {"kl": kl, "kl_T_over_mi": kl * ts / mi, "kl_T": kl * ts, "kl_over_bound": kl / bound}


def _rate(q, exponent=-1.0):
  return tt.Scaling(exponents={"T": exponent}, tol=0.3, sided="tight",
                    window={"q": (q, q), "T": WINDOW}, series="kl")


_ONE = np.ones_like

diffusion_lm_kl_rate = tt.Claim(
    id="diffusion-lm-kl-rate",
    paper=PAPER,
    statement="A masked diffusion language model with a perfect mask predictor that unmasks a "
              "random L/T tokens per step has sampling error E_M KL(p ‖ q_T) = Θ(Σ_i I(X_i; X_−i)/T); "
              "Theorem 1: E_M KL ≤ (2^⌈log2 s_max⌉ − 1)/L · Σ_i I(X_i; X_−i) + ε_train.",
    assumptions=("perfect mask predictor (ε_train = 0): exact conditionals of a binary Markov chain",
                 "uniformly random unmasking sets of balanced sizes s_t = L/T",
                 "T ≪ L: L = 512, fit over T ≤ 32"),
    testbed="stationary binary Markov chain, L = 512, flip prob q ∈ {0.05, 0.15, 0.3}, "
            "T ∈ {1, …, 64}; exact KL per random partition, mean over partitions",
    area="sampling",
    experiment=sampling_kl,
    sweep=tt.Sweep(grid={"q": QS}, checkpoints=TS, checkpoint_name="T"),
    seeds=256,
    quick_seeds=64,
    aggregate="mean",
    check=tt.AllOf(
        [_rate(q) for q in QS]
        + [tt.Band(label="KL·T/ΣI", exponent=0.0, max_ratio=4.0, window=WINDOW, x="T",
                   series="kl_T_over_mi"),
           tt.ExplicitBound(bound=_ONE, label="Thm 1: (2^⌈log2 s⌉−1)/L·Σ_i I(X_i;X_−i)", x="T",
                            series="kl_over_bound")],
        names=[f"1/T at q={q}" for q in QS] + ["linear in MI (band ×4)", "Theorem 1 bound"]),
)

diffusion_lm_kl_claimed_1_over_t2 = diffusion_lm_kl_rate.control(
    id="diffusion-lm-kl-claimed-1-over-t2",
    why="The same runs claimed at KL = Θ(1/T²): the error is driven by same-step dependent pairs, "
        "whose number falls like 1/T, so a tight exponent −2 ± 0.3 must be rejected.",
    check=tt.AllOf([_rate(q, -2.0) for q in QS], names=[f"1/T² at q={q}" for q in QS]),
)

diffusion_lm_kl_no_mi_scaling = diffusion_lm_kl_rate.control(
    id="diffusion-lm-kl-no-mi-scaling",
    why="KL·T claimed to stay in a ×4 band across q without the mutual-information factor; "
        "Σ_i I(X_i; X_−i) changes ~6× from q = 0.3 to q = 0.05, so the band must be exceeded.",
    check=tt.Band(label="KL·T", exponent=0.0, max_ratio=4.0, window=WINDOW, x="T", series="kl_T"),
)

diffusion_lm_kl_bound_halved = diffusion_lm_kl_rate.control(
    id="diffusion-lm-kl-bound-halved",
    why="Theorem 1's bound with half its constant, (2^⌈log2 s⌉ − 1)/(2L)·Σ_i I(X_i; X_−i), must fail: "
        "at T = 1 the KL is the total correlation (L − 1)·I(X_1; X_2), 0.81 of the full bound at "
        "q = 0.05, so the halved bound is exceeded; this shows the explicit-bound part has teeth.",
    check=tt.ExplicitBound(bound=lambda x: 0.5 * np.ones_like(x),
                           label="½·(2^⌈log2 s⌉−1)/L·Σ_i I(X_i;X_−i)", x="T", series="kl_over_bound"),
)
