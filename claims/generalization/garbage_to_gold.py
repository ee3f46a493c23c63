"""Garbage to gold: many error-prone proxies beat a cleaned low-dimensional predictor set.

Statement
---------
T. J. Lee-St. John, J. L. Lawson, B. Piechowski-Jozwiak, "From Garbage to Gold: A
Data-Architectural Theory of Predictive Robustness", 2026, arXiv:2603.12288 (catalogue card
seeds-000-003-004 `garbage-to-gold`; source: abstract only, with the card's derived rate). With
predictor-space noise split into predictor error (measurement error of each proxy) and
structural uncertainty (the proxies are stochastic functions of the latent factors), (1) using
a high-dimensional set of error-prone proxies overcomes both asymptotically: the excess error
over the oracle that sees the latent factors vanishes as the number p of proxies grows; for the
Gaussian latent model the card derives the rate 1/p; (2) cleaning a low-dimensional set (removing
its predictor error) stays bounded below by the structural uncertainty, so it ends above the
many-noisy-proxies predictor.

Assumptions
-----------
- Latent factor model (problems.generalization.garbage_to_gold_latent): r = 3 factors
  z ~ N(0, I), y = βᵀz + ε, β ~ N(0, I); proxies x_j = a_jᵀz + s_j + m_j with Gaussian loadings
  a_j ~ N(0, I) (the factors are shared causes of many proxies: informative collinearity),
  structural noise SD σ_s = 0.3 and predictor error SD σ_m = √(1 − 0.09) (total noise SD 1,
  the card's value); p ∈ {3, 10, 30, 100, 300}.
- Cleaned set: the first 3 proxies with σ_m = 0 (the card's "noise SD 1 → 0.3").
- The predictor is the Bayes (population linear) predictor from the proxies, its excess MSE
  computed exactly (r × r Woodbury solve); the statement is about what the predictors carry,
  so finite-sample estimation is not part of the encoding. Metric: excess MSE / ‖β‖² (the
  null predictor's excess is ‖β‖²).

Attainment
----------
With AᵀA ~ Wishart(p, I₃) the excess is ≈ σ²‖β‖²/(p − r − 1) for large p (inverse-Wishart
mean), a Θ(1/p) decay; the finite-p correction only steepens the log-log slope over [10, 300],
so `tol = 0` on the exponent −1 (no log factor, the bootstrap CI carries the seed noise). The
cleaned 3-proxy excess βᵀ(I + A₃ᵀA₃/σ_s²)⁻¹β is a fixed positive number per draw (3 loadings
and σ_s > 0), and the comparison is read at p ∈ [100, 300].

Trivial baseline
----------------
The data-independent predictor ŷ = 0 has excess exactly ‖β‖² (metric 1) at every p: slope 0,
REFUTED by the rate part (`garbage-to-gold-null-predictor`).

Controls
--------
- `garbage-to-gold-single-factor-proxies` (mechanism): all proxies load on one direction of
  the latent space (no shared-cause structure for the other factors), so the excess stays above
  ‖β_⊥‖²/‖β‖² for every p: the 1/p rate is REFUTED.
- `garbage-to-gold-null-predictor`: the trivial baseline, REFUTED.
- `garbage-to-gold-same-method`: the noisy-proxy series reported as the cleaned one; a tie,
  REFUTED by the strict comparison.

Departures and revisions
------------------------
The paper's theorems were not read (source: abstract only). The abstract states only the
vanishing of the excess; the 1/p rate is the card's derivation for this Gaussian model (checked
as an upper rate). The split σ_s = 0.3, σ_m = √0.91 of the card's total noise SD 1 is ours.
"""

import functools

import jax.numpy as jnp

import theorytest as tt
from problems.generalization import garbage_to_gold_latent as g2g

PAPER = tt.Paper(
    title="From Garbage to Gold: A Data-Architectural Theory of Predictive Robustness",
    authors="T. J. Lee-St. John, J. L. Lawson, B. Piechowski-Jozwiak",
    year=2026,
    arxiv="2603.12288",
)

PROXY_COUNTS = (3, 10, 30, 100, 300)
N_FACTORS = 3
CLEANED_COUNT = 3
SIGMA_STRUCTURAL = 0.3
SIGMA_MEASUREMENT = float(jnp.sqrt(1.0 - SIGMA_STRUCTURAL**2))
#: The inverse-Wishart finite-p correction 1/(p − r − 1) only steepens the slope; no log factor.
RATE_TOL = 0.0
RATE_WINDOW = (10, 300)
COMPARISON_WINDOW = (100, 300)


def proxy_excess(key, p, loadings="full", predictor="bayes"):
    """Normalized excess MSE with p noisy proxies, and with 3 cleaned proxies (same draw)."""
    model = g2g.make(key, max(PROXY_COUNTS), N_FACTORS, loadings)
    scale = model.beta @ model.beta
    noisy = g2g.excess_mse(g2g.first_proxies(model, p), SIGMA_STRUCTURAL, SIGMA_MEASUREMENT) / scale
    cleaned = g2g.excess_mse(g2g.first_proxies(model, CLEANED_COUNT), SIGMA_STRUCTURAL, 0.0) / scale
    if predictor == "null":
        noisy = jnp.ones_like(noisy)
    return {"noisy proxies": noisy, "cleaned 3 proxies": cleaned}


garbage_to_gold = tt.Claim(
    id="garbage-to-gold",
    paper=PAPER,
    statement="Predicting from p error-prone proxies of a few latent factors drives the excess "
    "error over the latent oracle to zero as p grows (rate 1/p for the Gaussian latent model, "
    "the card's derivation), while cleaning a low-dimensional proxy set stays bounded by the "
    "structural uncertainty, above the many-proxy predictor.",
    assumptions=(
        "3 latent factors, Gaussian loadings shared by all proxies",
        "proxy noise = structural (SD 0.3) + predictor error (SD √0.91); cleaning removes the latter",
        "Bayes linear predictor, excess MSE computed exactly",
    ),
    testbed="r = 3, p ∈ {3, 10, 30, 100, 300}, cleaned set = first 3 proxies with σ_m = 0",
    source="abstract only (card's derived rate)",
    area="generalization",
    quantity=r"excess MSE $/\ \|\beta\|^2$",
    experiment=proxy_excess,
    sweep=tt.Sweep(grid={"p": PROXY_COUNTS}),
    seeds=256,
    quick_seeds=64,
    aggregate="mean",
    check=tt.AllOf(
        [
            tt.UpperRate(exponent=-1.0, tol=RATE_TOL, window=RATE_WINDOW, series="noisy proxies"),
            tt.Comparison(
                numerator="cleaned 3 proxies",
                denominator="noisy proxies",
                at_least=1.0,
                window=COMPARISON_WINDOW,
            ),
        ],
        names=["many noisy proxies: 1/p", "cleaned low-D / many noisy"],
    ),
)

garbage_to_gold_single_factor_proxies = garbage_to_gold.control(
    id="garbage-to-gold-single-factor-proxies",
    why="All proxies load on one latent direction, so adding proxies never recovers the other "
    "factors: the excess stays above ‖β_⊥‖²/‖β‖² and the 1/p rate must be refuted.",
    experiment=functools.partial(proxy_excess, loadings="rank1"),
)

garbage_to_gold_null_predictor = garbage_to_gold.control(
    id="garbage-to-gold-null-predictor",
    why="The trivial baseline ŷ = 0: excess ‖β‖² at every p (metric 1), slope 0, refuted.",
    experiment=functools.partial(proxy_excess, predictor="null"),
)

garbage_to_gold_same_method = garbage_to_gold.control(
    id="garbage-to-gold-same-method",
    why="The noisy-proxy predictor reported as the cleaned one: a tie, which the strict "
    "comparison must refute.",
    experiment=tt.same_method(proxy_excess, {"cleaned 3 proxies": "noisy proxies"}),
)
