"""FedAU: FedAvg is biased under unknown heterogeneous participation; FedAU removes the bias.

Statement
---------
S. Wang, M. Ji, "A Lightweight Method for Tackling Unknown Participation Statistics in Federated
Averaging", ICLR 2024, arXiv:2306.03401. Client i participates in each round independently with an
unknown probability p_i. (1) FedAvg with non-optimal aggregation weights (here: the average of the
participants' updates) can diverge from the optimum of the original objective f = (1/N)Σ f_i;
on quadratic clients its limit is the p-weighted optimum x̄_p = argmin Σ p_i f_i, a bias that does
not vanish with T. (2) FedAU weights each participant's update by ω_i, the online mean of its
observed participation intervals (cut off at K), an estimate of 1/p_i, and converges to an optimum
of the original objective, (3) with linear speedup. The theorem (its rate, step sizes and the role
of K) could not be read here (`source` = "abstract only"); the abstract states no rate.
Encoded rate (derived, not quoted): on f = ½‖x − x*‖² + const (‖∇f‖² = ‖x − x*‖²) with the anytime
step η_t ∝ t^{-1/2}, an unbiased SGD-type method has stationary error Θ(η_t) = Θ(T^{-1/2}), so
"FedAU converges" is checked as E‖∇f(x_T)‖² = O(T^{-1/2}) (fedau-participation), and "linear
speedup" as E‖∇f(x_T)‖² = O(N⁻¹T^{-1/2}) together with FedAU keeping the error of the oracle that
knows p (weights 1/p_i) at every N and T (fedau-participation-speedup).

Assumptions
-----------
- Smooth heterogeneous clients: f_i(x) = ½‖x − c_i‖², d = 5, c_i ~ N(0, I) with c_i[0] += 3p_i, so
  participation is correlated with the local optimum (bias² ‖x̄_p − x*‖² ≈ 0.25 at N = 20).
- Unknown independent participation: q_i^t ~ Bernoulli(p_i), p = linspace(0.05, 0.9, N).
- Local SGD with bounded variance: 5 local steps with gradient noise N(0, 0.25 I) (sampled exactly in
  one draw, `federated.local_sgd_isotropic`), local step η_t = 0.05/√(1 + t/50), global step 1.
- FedAU's estimator and aggregation as in the authors' code (github.com/IBM/fedau):
  x ← x + (1/N)Σ_i q_i ω_i Δ_i, ω_i the mean of the recorded intervals; cutoff K = 200, so the
  cutoff bias (1 − p_i)^K ≤ 0.95^200 ≈ 4e-5 is negligible. The oracle uses ω_i = 1/p_i with the same
  participation and local noise draws as FedAU (common random numbers).
Metric: the statement's E‖∇f(x_T)‖² read as E‖x_T − x*‖² and smoothed over the last rounds. On
these clients every Hessian is the identity, so ∇f(x) = x − (1/N)Σ c_i = x − x* and
‖∇f(x)‖² = ‖x − x*‖² exactly (for general μ-strongly convex, L-smooth quadratics the two agree
within the factors μ² and L², which leave every exponent unchanged). The smoothing is an
exponential moving average with weight β_t = 1/(1 + 0.1t); the error of round s enters e_T with
weight ≈ 10·s⁹/T¹⁰ (65% of it on the last 10% of rounds, 89% on the last 20%), so for a power
law E‖x_s − x*‖² = C·s^{−a} it reads C·T^{−a}·10/(10 − a) (a factor 1.05 at a = 1/2: the same
exponent), and for a plateau it reads the plateau. Averaged over seeds.

Attainment
----------
The quadratic is strongly convex and the aggregated update's noise (participation + SGD noise) has
variance ∝ η_t², so the stationary error tracks η_t ∝ t^{-1/2} once t exceeds the relaxation time
(~10–100 rounds): the T-exponent −1/2 is attained. The server update is a mean of N independent
client terms, so its variance is ∝ 1/N: the N-exponent −1 is attained. FedAU's estimation error of
ω_i moves its fixed point by a mean of N zero-mean terms whose square decays like 1/(Nt), faster
than the noise 1/(N√t), so FedAU/oracle stays bounded in N and T.
fedau-participation (AllOf): FedAvg error ≥ 0.5·bias² for T ≥ 500 (Divergence; half the bias the
limit x̄_p predicts, so that the transient and the noise do not count); FedAvg plateau, T-slope
0 ± 0.1 (TightRate); FedAU slope ≤ −0.5 + 0.1 on T ∈ [500, T_max] (UpperRate); FedAU error strictly
below 0.1 × FedAvg's for T ≥ 4000 (Comparison; the margin says FedAU removes at least 90% of the
bias, which the O(T^{-1/2}) noise at T ≥ 4000 allows).
fedau-participation-speedup (AllOf): Scaling (upper), joint fit over N ∈ {10, 20, 40, 80, 160}
(quick {10, 40, 160}) and T ∈ [1000, 4000]: N-exponent ≤ −1 + 0.15, T-exponent ≤ −0.5 + 0.15; and the
ratio FedAU/oracle with N- and T-exponents ≤ 0 + 0.15 (FedAU's online weighting keeps the oracle's
speedup: its estimation cost grows neither with N nor with T). The tolerance 0.15 covers the
small-N grid effect (the mean of 1/p over linspace(0.05, 0.9, 10) is 4.4 against ≈ 3.4 for the
continuum, which steepens the fitted N-exponent) and a 4-point T fit.

Trivial baseline
----------------
FedAvg itself (ω_i ≡ 1) is the method without FedAU's ingredient: it is the biased series of the
main claim; as FedAU with cutoff K = 1 (every interval 1, ω ≡ 1) it is REFUTED by the "converges"
part and by both speedup parts (its error is the participation bias, whose systematic part does
not shrink with N or T). Weights estimated once and then frozen (no online adaptation) leave an
estimation bias that does not decay with T: REFUTED by the T-exponents (control frozen-weights).
The same-method control (FedAvg reported as FedAU) is REFUTED by the rate part and the comparison.

Controls
--------
- fedau-participation-cutoff-one: cutoff K = 1, ω ≡ 1: FedAU plateaus at the bias, REFUTED.
- fedau-participation-same-method: tt.same_method reporting FedAvg in place of FedAU, REFUTED.
- fedau-participation-speedup-cutoff-one: cutoff K = 1 on the speedup grid: no 1/N speedup and the
  ratio to the oracle grows with N and T, REFUTED.
- fedau-participation-speedup-frozen-weights: the interval estimator stops recording after 20
  rounds (ω frozen from then on; clients with p ≈ 0.05 mostly have no estimate yet, ω = 1): the
  weighting no longer adapts, its estimation error leaves a bias that is constant in T, so the
  T-exponents (of the error and of the ratio to the oracle) must be REFUTED. Freezing after 50
  rounds was INCONCLUSIVE (ratio T-exponent just above 0, CI straddling the tolerance): a 50-round
  estimate is already good enough that its bias stays near the noise for T ≤ 4000, a finding on
  how little online adaptation this stationary Bernoulli instance needs.

Departures and revisions
------------------------
Theorem text not read: the O(T^{-1/2}) and O(1/(N√T)) forms are derived for this instance at our
anytime step, not the paper's bound (whose step sizes and N-dependence were not available).
The measured quantity is the smoothed ‖x_T − x*‖², not the last round's ‖∇f(x_T)‖²: equal to it on
these identity-Hessian clients (see Metric) up to the smoothing, which averages E‖∇f(x_s)‖² over
the last rounds s ≲ T with weights ∝ s⁹. Why: the last round's error of one seed is a
chi-square-like draw dominated by the most recent participation and SGD noise; the average over
the last ~10–20% of rounds cuts that variance, so that a few dozen seeds give a CI narrow enough
to fit exponents, while changing a power law only by the constant factor 10/(10 − a) and a
plateau not at all. It is a choice of this encoding, in place since the claim was written. The
participation distribution is the same at every N (p = linspace(0.05, 0.9, N)). Revisions: see
`revisions=`.
"""

import functools

import jax
import jax.numpy as jnp

import theorytest as tt
from problems.distributed import federated

PAPER = tt.Paper(
    title="A Lightweight Method for Tackling Unknown Participation Statistics in Federated Averaging",
    authors="S. Wang, M. Ji",
    year=2024,
    arxiv="2306.03401",
)


def fedavg_vs_fedau(
    key, checkpoints, cutoff=200, num_clients=20, dim=5, local_steps=5, noise=0.5, lr0=0.05, freeze_after=None
):
    """Smoothed ‖x_t − x*‖² of FedAvg (mean over participants), FedAU and the known-p oracle.

    The oracle (weights 1/p_i) shares FedAU's participation and local-noise draws. freeze_after=F
    stops FedAU's interval estimator after F rounds (its weights frozen from then on).
    """
    k_clients, k_run = jax.random.split(key)
    p = jnp.linspace(0.05, 0.9, num_clients)
    c = jax.random.normal(k_clients, (num_clients, dim)).at[:, 0].add(3.0 * p)
    clients = federated.isotropic(c)
    bias2 = jnp.sum((federated.weighted_optimum(clients, p) - clients.x_star) ** 2)

    def err(x):
        return jnp.sum((x - clients.x_star) ** 2)

    def step(t, state):
        x_avg, x_au, x_or, est, e_avg, e_au, e_or = state
        k_q, k_avg, k_au = jax.random.split(jax.random.fold_in(k_run, t), 3)
        q = federated.participate(k_q, p)
        lr = lr0 / jnp.sqrt(1.0 + t / 50.0)
        d_avg = federated.local_sgd_isotropic(clients, x_avg, k_avg, lr, local_steps, noise)
        d_au = federated.local_sgd_isotropic(clients, x_au, k_au, lr, local_steps, noise)
        d_or = federated.local_sgd_isotropic(clients, x_or, k_au, lr, local_steps, noise)
        x_avg = x_avg + federated.fedavg_participating(d_avg, q)
        x_au = x_au + federated.weighted_all(d_au, q, federated.estimator_weights(est))
        x_or = x_or + federated.weighted_all(d_or, q, 1.0 / p)
        beta = 1.0 / (1.0 + 0.1 * t)
        e_avg = e_avg + beta * (err(x_avg) - e_avg)
        e_au = e_au + beta * (err(x_au) - e_au)
        e_or = e_or + beta * (err(x_or) - e_or)
        est_new = federated.estimator_update(est, q, cutoff)
        if freeze_after is not None:
            est_new = jax.tree_util.tree_map(lambda a, b: jnp.where(t < freeze_after, a, b), est_new, est)
        return x_avg, x_au, x_or, est_new, e_avg, e_au, e_or

    x0 = jnp.zeros(dim)
    e0 = err(x0)
    state = (x0, x0, x0, federated.estimator_init(num_clients), e0, e0, e0)
    return tt.trajectory(
        step,
        state,
        checkpoints,
        lambda s: {
            "fedavg": s[4],
            "fedau": s[5],
            "oracle": s[6],
            "fedavg_over_bias": s[4] / bias2,
            "fedau_over_oracle": s[5] / s[6],
        },
    )


_BIAS_FRACTION = 0.5  # FedAvg must keep at least half the predicted bias ‖x̄_p − x*‖² (transient, noise)
_SLOPE_TOL = 0.1  # bootstrap spread of a ~10-point slope fit over [500, T_max]
_BIAS_REMOVED = 0.1  # FedAU must remove ≥ 90% of FedAvg's error at T ≥ 4000 (its noise is ~T^-1/2 there)


def _check(t_max):
    """The four parts; the comparison uses T ∈ [4000, t_max] (the quick horizon is 4000)."""
    return tt.AllOf(
        [
            tt.Divergence(floor=_BIAS_FRACTION, series="fedavg_over_bias", window=(500, t_max)),
            tt.TightRate(exponent=0.0, tol=_SLOPE_TOL, series="fedavg", window=(500, t_max)),
            tt.UpperRate(exponent=-0.5, tol=_SLOPE_TOL, series="fedau", window=(500, t_max)),
            tt.Comparison(
                numerator="fedau", denominator="fedavg", at_most=_BIAS_REMOVED, window=(4000, t_max)
            ),
        ],
        names=[
            "FedAvg error ≥ 0.5·bias²",
            "FedAvg plateau",
            "FedAU O(T^-1/2)",
            "FedAU ≤ 0.1·FedAvg for T ≥ 4000",
        ],
    )


_T_FULL, _T_QUICK = 8000, 4000

fedau_participation = tt.Claim(
    id="fedau-participation",
    paper=PAPER,
    source="abstract only",
    statement="With heterogeneous unknown participation probabilities p_i, FedAvg converges "
    "to argmin Σ p_i f_i (a bias that does not vanish with T), while FedAU, weighting "
    "each update by the online mean participation interval (≈ 1/p_i), converges to "
    "the optimum of f = (1/N) Σ f_i at the SGD rate: E‖∇f(x_T)‖² = O(T^{-1/2}). Checked on "
    "identity-Hessian quadratics, where ‖∇f(x)‖² = ‖x − x*‖², with the error averaged over the "
    "last rounds (an EMA with weights ∝ s⁹ over rounds s ≤ T, which keeps every T-exponent).",
    assumptions=(
        "smooth heterogeneous clients: f_i = ½‖x − c_i‖², d = 5, N = 20, c_i[0] += 3p_i",
        "independent Bernoulli(p_i) participation, p = linspace(0.05, 0.9), unknown to the algorithm",
        "5 local SGD steps, noise N(0, 0.25 I), η_t = 0.05/√(1 + t/50), global step 1",
        "FedAU cutoff K = 200 (cutoff bias ≤ 0.95^200 ≈ 4e-5)",
    ),
    testbed="20 isotropic quadratic clients in d = 5, Bernoulli participation, FedAvg vs FedAU "
    "on the same clients; ‖∇f(x_t)‖² = ‖x_t − x*‖² (identity Hessians), smoothed by an EMA with "
    "weight 1/(1 + 0.1t) (weights ∝ s⁹ over rounds s ≤ T)",
    area="federated",
    experiment=fedavg_vs_fedau,
    quantity=r"smoothed $\|x_T - x^\star\|^2$",
    sweep=tt.Sweep(checkpoints=tt.log_checkpoints(100, _T_FULL, 14), checkpoint_name="T"),
    quick_sweep=tt.Sweep(checkpoints=tt.log_checkpoints(100, _T_QUICK, 10), checkpoint_name="T"),
    seeds=64,
    quick_seeds=32,
    aggregate="mean",
    check=_check(_T_FULL),
    revisions=(
        "Comparison made strict by the engine and the same-method control added after the validity "
        "review; an oracle series (known 1/p_i weights, FedAU's draws) added to the run for the "
        "speedup claim, which leaves FedAvg's and FedAU's draws unchanged.",
        "Statement and docstring now say that the measured smoothed ‖x_T − x*‖² equals ‖∇f(x_T)‖² on "
        "these identity-Hessian clients and how it is smoothed, after the validity review (issue 15) "
        "found the statement named a quantity the run did not state; the run is unchanged.",
    ),
)

fedau_same_method = fedau_participation.control(
    id="fedau-participation-same-method",
    why="FedAvg reported in place of FedAU: the 'FedAU converges' part sees FedAvg's plateau and the "
    "comparison is a tie; neither may confirm.",
    experiment=tt.same_method(fedavg_vs_fedau, fedau="fedavg"),
)

fedau_cutoff_one = fedau_participation.control(
    id="fedau-participation-cutoff-one",
    why="With cutoff K = 1 every recorded interval is 1, so ω_i ≡ 1 and FedAU's update "
    "(1/N) Σ q_i Δ_i has the p-weighted fixed point x̄_p: its error plateaus at the bias "
    "(≈ 0.25) and the O(T^-1/2) part must be refuted.",
    experiment=functools.partial(fedavg_vs_fedau, cutoff=1),
)


# ---------------------------------------------------------------------------------------------
# Linear speedup in the number of clients N.

_SPEEDUP_T = tt.log_checkpoints(1000, _T_QUICK, 5)


_SCALING_TOL = 0.15  # small-N grid effect on the N-exponent (see docstring) and a 4-point T fit


def _speedup_check():
    window = {"T": (_SPEEDUP_T[0], _SPEEDUP_T[-1])}
    return tt.AllOf(
        [
            tt.Scaling(
                exponents={"num_clients": -1.0, "T": -0.5}, tol=_SCALING_TOL, series="fedau", window=window
            ),
            tt.Scaling(
                exponents={"num_clients": 0.0, "T": 0.0},
                tol=_SCALING_TOL,
                series="fedau_over_oracle",
                window=window,
            ),
        ],
        names=["FedAU O(1/(N√T))", "FedAU keeps the known-p oracle's scaling"],
    )


fedau_participation_speedup = tt.Claim(
    id="fedau-participation-speedup",
    paper=PAPER,
    source="abstract only",
    statement="FedAU has linear speedup in the number of clients N under unknown participation: at the "
    "N-independent step η_t ∝ t^{-1/2}, E‖∇f(x_T)‖² = O(1/(N·√T)), and its online weights keep "
    "the error of the oracle that knows p (the ratio grows neither with N nor with T). Checked on "
    "identity-Hessian quadratics, where ‖∇f(x)‖² = ‖x − x*‖², with the error averaged over the "
    "last rounds (an EMA with weights ∝ s⁹ over rounds s ≤ T, which keeps every exponent).",
    assumptions=(
        "as fedau-participation, with N ∈ {10, ..., 160} clients: f_i = ½‖x − c_i‖², "
        "d = 5, c_i ~ N(0, I), c_i[0] += 3p_i, p = linspace(0.05, 0.9, N) (the same "
        "participation distribution at every N)",
        "independent Bernoulli(p_i) participation unknown to the algorithm",
        "5 local SGD steps, noise N(0, 0.25 I), η_t = 0.05/√(1 + t/50), global step 1",
        "FedAU cutoff K = 200",
    ),
    testbed="FedAU on N isotropic quadratic clients in d = 5, N ∈ {10, ..., 160}, rounds "
    "T ∈ [1000, 4000]; ‖∇f(x_T)‖² = ‖x_T − x*‖² (identity Hessians), smoothed by an EMA with "
    "weight 1/(1 + 0.1t) (weights ∝ s⁹ over rounds s ≤ T)",
    area="federated",
    experiment=fedavg_vs_fedau,
    quantity=r"smoothed $\|x_T - x^\star\|^2$",
    sweep=tt.Sweep(grid={"num_clients": (10, 20, 40, 80, 160)}, checkpoints=_SPEEDUP_T, checkpoint_name="T"),
    quick_sweep=tt.Sweep(grid={"num_clients": (10, 40, 160)}, checkpoints=_SPEEDUP_T, checkpoint_name="T"),
    seeds=32,
    quick_seeds=16,
    aggregate="mean",
    check=_speedup_check(),
    revisions=(
        "After the validity review (the 1/N alone is shared by any unbiased method and the old "
        "control failed through bias): the check gained the FedAU/oracle ratio part and the "
        "frozen-weights control was added; the rate is now stated as derived for this instance, "
        "not as the paper's bound 'as we recall it'. Grid, window, seeds and tolerance unchanged.",
        "Frozen-weights control: freezing after 50 rounds gave INCONCLUSIVE at quick size (the "
        "50-round estimate is nearly accurate), changed to 20 rounds, where rare clients have no "
        "estimate yet; the claim's check is unchanged.",
        "Statement and docstring now say that the measured smoothed ‖x_T − x*‖² equals ‖∇f(x_T)‖² on "
        "these identity-Hessian clients and how it is smoothed, after the validity review (issue 15); "
        "the run is unchanged.",
    ),
)

fedau_participation_speedup_cutoff_one = fedau_participation_speedup.control(
    id="fedau-participation-speedup-cutoff-one",
    why="With cutoff K = 1, ω_i ≡ 1 and the iterate settles at the p-weighted optimum x̄_p; its "
    "error is the participation bias, whose systematic part (from c_i[0] += 3p_i) does not "
    "shrink with N, so no 1/N speedup: the N-exponent must be rejected.",
    experiment=functools.partial(fedavg_vs_fedau, cutoff=1),
)

_FREEZE_AFTER = 20  # rounds of recording before the weights freeze: rare clients (p ≈ 0.05) get no estimate

fedau_participation_speedup_frozen = fedau_participation_speedup.control(
    id="fedau-participation-speedup-frozen-weights",
    why="With the interval estimator stopped after 20 rounds the weights no longer adapt: rarely "
    "participating clients keep ω = 1 or a few-sample estimate, which leaves a bias constant in T, "
    "so the error and its ratio to the known-p oracle cannot follow the T-exponents.",
    experiment=functools.partial(fedavg_vs_fedau, freeze_after=_FREEZE_AFTER),
)
