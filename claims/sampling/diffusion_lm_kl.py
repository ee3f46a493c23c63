"""Masked diffusion language models: sampling error KL = Θ(Σ_i I(X_i; X_−i) / T).

Statement
---------
G. Li, C. Cai, "A Convergence Theory for Diffusion Language Models: An Information-Theoretic
Perspective", arXiv:2505.21400 (2025; v2 "Breaking AR's Sampling Bottleneck: Provable Acceleration
via Diffusion Language Models", NeurIPS 2025). Abstract: the sampling error in KL decays inversely
with the number of iterations T and scales linearly with the mutual information between tokens,
with matching upper and lower bounds up to constants. Theorem 1 (constant as restated by a
secondary summary; the paper's own theorem could not be read here, see Departures): for any
mask-size schedule (s_t) with s_max = max_t s_t, the sampler that unmasks a uniformly random set
of s_t positions at step t and draws them independently from the mask predictor satisfies
    E_M[KL(p_X ‖ p_{Y|M})] ≤ (2^⌈log2 s_max⌉ − 1)/L · Σ_{i=1}^L I(X_i; X_−i) + ε_train,
so for balanced s_t = L/T, KL ≤ (C/T)·Σ_i I(X_i; X_−i) + ε_train; Theorem 2 is a lower bound of
the same order for some schedules.

Assumptions
-----------
- Target: L = 512 binary tokens from a stationary symmetric Markov chain with flip probability
  q ∈ {0.02, 0.05, 0.15, 0.3, 0.4, 0.45}; Σ_i I(X_i; X_−i) in closed form
  (problems.diffusion.masked_diffusion), spanning a factor ≈ 66 over the grid.
- Perfect mask predictor (ε_train = 0): each token is drawn from its exact conditional given the
  revealed tokens (by the Markov property, given the nearest revealed neighbours).
- Uniformly random unmasking sets: each seed draws one uniformly random order of the positions;
  the partition into T groups takes consecutive blocks of L/T of that order (a uniformly random
  balanced partition for every T, common random numbers across T).
- The quantity: KL(p ‖ q_M) computed EXACTLY per partition (closed form checked against
  brute-force enumeration in the module's tests); the mean over seeds estimates E_M KL.

Attainment
----------
The error comes from dependent tokens revealed in the same step; two given positions share a
group with probability (L/T − 1)/(L − 1) and the dependence of a Markov chain is concentrated on
nearby pairs, so E_M KL ≈ c(q)·(L/T − 1)/(L − 1)·L. KL(T = L) = 0 exactly, so the 1/T law is the
T ≪ L regime: with L = 512 the fit uses T ∈ [1, 32] (T ≤ L/16), where (L/T − 1)/(L − 1) is within
6% of 1/T; T = 64 is measured and plotted, outside the window. Checks (AllOf, mean over seeds):
- tight T-exponent per q: −1 ± RATE_TOL on T ∈ [1, 32];
- joint log-linear fit of KL in (T, Σ_i I): exponents −1 and +1, each ± RATE_TOL. Over a factor
  ≈ 66 in Σ_i I, the linear law (exponent 1) and a √MI law (exponent ½) differ by 0.5 in the
  fitted exponent, more than the two tolerances together, so the fit tells them apart.
- Theorem 1's explicit bound with the restated constant, at every T ∈ {1, …, 64} and q.
RATE_TOL = 0.3 is the card's tolerance: the finite-L / correlation-length effect steepens the
T-slope at strong dependence (the card predicted it), and the constant c(q) of KL·T/ΣI drifts
with q by less than a factor 2 across the grid (Theorem 1 allows any constant).

Trivial baseline
----------------
A data-independent output (i.i.d. uniform tokens) has KL = the total correlation of p at every T:
slope 0, rejected by the T-rate checks. The sampler without its key ingredient, random unmasking
sets, is run by `diffusion-lm-kl-contiguous-blocks`: revealing contiguous blocks left to right
leaves almost every neighbour pair in the same step, the KL barely falls with T, and the claim is
REFUTED.

Controls
--------
- diffusion-lm-kl-contiguous-blocks (mechanism): the unmasking sets are the contiguous blocks
  {1..L/T}, {L/T+1..2L/T}, … instead of uniformly random sets (breaks the theorem's random
  masking); the KL stays ≈ (L − T)·I(X_i; X_{i+1}), nearly flat in T ≪ L, so the T-rate checks must
  be REFUTED.
- diffusion-lm-kl-claimed-1-over-t2: the same runs claimed at KL = Θ(1/T²) (card).
- diffusion-lm-kl-claimed-sqrt-mi: the same runs claimed at KL = Θ(√(Σ_i I)/T); the fitted
  MI-exponent is near 1, so exponent ½ ± RATE_TOL must be REFUTED (shows the MI part can tell
  linear from square-root dependence).
- diffusion-lm-kl-bound-halved: Theorem 1's bound with half its constant must be exceeded (at
  T = 1 the KL is the total correlation, most of the full bound at small q), which shows the
  explicit-bound part is not vacuous here.

Departures and revisions
------------------------
- Theorem 1's constant is from a secondary restatement: the paper's full text was not reachable
  in the stored corpus (only its opening). The rate statements are the abstract's.
- L = 512 instead of the card's 12 (the exact closed form needs no enumeration, so the T ≪ L
  regime of the theorem is reachable).
- The KL is the expectation over partitions of the per-partition KL (the paper's E_M KL), not the
  KL of the partition-averaged output law (smaller, by convexity).
- The q grid was widened and the card's ×4 band on KL·T/ΣI replaced by a joint exponent fit after
  review (see `revisions`).
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems.diffusion import masked_diffusion as md

PAPER = tt.Paper(
    title="A Convergence Theory for Diffusion Language Models: An Information-Theoretic Perspective",
    authors="G. Li, C. Cai",
    year=2025,
    arxiv="2505.21400",
)

L = 512
QS = (0.02, 0.05, 0.15, 0.3, 0.4, 0.45)
TS = (1, 2, 4, 8, 16, 32, 64)
WINDOW = (1, 32)
RATE_TOL = 0.3  # the card's exponent tolerance (see the docstring)


def _mutual_information(q):
    return float(md.sum_mutual_information(q, L))


POINTS = tuple({"q": q, "mi": _mutual_information(q)} for q in QS)


def sampling_kl(key, q, checkpoints, mi=None, order="random", L=L):
    """KL(p ‖ q_M) for one balanced partition M into T groups, T ∈ checkpoints.

    order="random": one uniformly random order of the positions per seed, cut into consecutive
    blocks of L/T (a uniformly random balanced partition for every T); order="contiguous": the
    positions left to right (contiguous blocks, the same for every seed). `mi` (Σ_i I(X_i; X_−i), a
    sweep coordinate for the fit) is not used here.
    """
    ts = jnp.asarray(checkpoints)
    perm = jax.random.permutation(key, L) if order == "random" else jnp.arange(L)
    kl = jax.vmap(
        lambda T: md.kl_closed_form(q, md.partition_from_order(perm, L // T), num_steps=max(checkpoints))
    )(ts)
    bound = jnp.stack([md.li_cai_bound(q, L, T) for T in checkpoints])
    return {"kl": kl, "kl_over_bound": kl / bound}


def _rate(q, exponent=-1.0):
    return tt.Scaling(
        exponents={"T": exponent}, tol=RATE_TOL, sided="tight", window={"q": (q, q), "T": WINDOW}, series="kl"
    )


def _joint(mi_exponent=1.0):
    return tt.Scaling(
        exponents={"T": -1.0, "mi": mi_exponent},
        tol=RATE_TOL,
        sided="tight",
        window={"T": WINDOW},
        series="kl",
    )


_ONE = np.ones_like

diffusion_lm_kl_rate = tt.Claim(
    id="diffusion-lm-kl-rate",
    paper=PAPER,
    statement="A masked diffusion language model with a perfect mask predictor that unmasks a "
    "random L/T tokens per step has sampling error E_M KL(p ‖ q_T) = Θ(Σ_i I(X_i; X_−i)/T); "
    "Theorem 1: E_M KL ≤ (2^⌈log2 s_max⌉ − 1)/L · Σ_i I(X_i; X_−i) + ε_train.",
    assumptions=(
        "perfect mask predictor (ε_train = 0): exact conditionals of a binary Markov chain",
        "uniformly random unmasking sets of balanced sizes s_t = L/T",
        "T ≪ L: L = 512, fit over T ≤ 32",
    ),
    testbed="stationary binary Markov chain, L = 512, flip prob q ∈ {0.02, …, 0.45} (Σ_i I spans ≈ 66×), "
    "T ∈ {1, …, 64}; exact KL per random partition, mean over partitions",
    area="sampling",
    experiment=sampling_kl,
    quantity=r"$\mathrm{KL}(p \,\|\, q_M)$",
    sweep=tt.Sweep(points=POINTS, checkpoints=TS, checkpoint_name="T"),
    seeds=256,
    quick_seeds=64,
    aggregate="mean",
    check=tt.AllOf(
        [_rate(q) for q in QS]
        + [
            _joint(),
            tt.ExplicitBound(
                bound=_ONE, label="Thm 1: (2^⌈log2 s⌉−1)/L·Σ_i I(X_i;X_−i)", x="T", series="kl_over_bound"
            ),
        ],
        names=[f"1/T at q={q}" for q in QS] + ["Θ(ΣI/T) joint fit", "Theorem 1 bound"],
    ),
    source="Theorem 1 (as restated by a secondary summary; rate from the abstract)",
    revisions=(
        "The q grid was widened from {0.05, 0.15, 0.3} (Σ_i I spanning ≈ 4×) to six values spanning "
        "≈ 66×, and the card's ×4 band on KL·T/ΣI was replaced by a joint (T, ΣI) exponent fit, after "
        "review noted that a ×4 band over a 4–6× spread cannot tell linear from √MI dependence; "
        "the T-rate checks, their window and tolerance are unchanged.",
        "The (q, T) grid was turned into a q grid with T as checkpoints and one random order per seed "
        "shared across T, after the first run, to cut compilation; verdicts and estimates were "
        "identical.",
    ),
)

diffusion_lm_kl_contiguous_blocks = diffusion_lm_kl_rate.control(
    id="diffusion-lm-kl-contiguous-blocks",
    why="Contiguous blocks revealed left to right instead of uniformly random unmasking sets: almost "
    "every neighbour pair is sampled in the same step whatever T ≪ L, so the KL barely falls with T "
    "and the Θ(1/T) checks must be REFUTED.",
    experiment=functools.partial(sampling_kl, order="contiguous"),
)

diffusion_lm_kl_claimed_1_over_t2 = diffusion_lm_kl_rate.control(
    id="diffusion-lm-kl-claimed-1-over-t2",
    why="The same runs claimed at KL = Θ(1/T²): the error is driven by same-step dependent pairs, "
    "whose number falls like 1/T, so a tight exponent −2 ± 0.3 must be rejected.",
    check=tt.AllOf([_rate(q, -2.0) for q in QS], names=[f"1/T² at q={q}" for q in QS]),
)

diffusion_lm_kl_claimed_sqrt_mi = diffusion_lm_kl_rate.control(
    id="diffusion-lm-kl-claimed-sqrt-mi",
    why="The same runs claimed at KL = Θ(√(Σ_i I)/T): over a ≈ 66× spread of Σ_i I the fitted "
    "exponent is near 1, so exponent ½ ± 0.3 must be rejected.",
    check=_joint(0.5),
)

diffusion_lm_kl_bound_halved = diffusion_lm_kl_rate.control(
    id="diffusion-lm-kl-bound-halved",
    why="Theorem 1's bound with half its constant must fail: at T = 1 the KL is the total "
    "correlation, most of the full bound at small q, so the halved bound is exceeded; this shows "
    "the explicit-bound part has teeth.",
    quantity=r"$\mathrm{KL}(p \,\|\, q_M) / \mathrm{bound}$",
    check=tt.ExplicitBound(
        bound=lambda x: 0.5 * np.ones_like(x),
        label="½·(2^⌈log2 s⌉−1)/L·Σ_i I(X_i;X_−i)",
        x="T",
        series="kl_over_bound",
    ),
)
