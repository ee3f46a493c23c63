"""Every check kind on synthetic data with known answers, including the undecidable edge."""

import numpy as np
import pytest

import theorytest as tt
from theorytest.checks import Context

V = tt.Verdict
K = np.geomspace(10, 10_000, 25)


def power_law(exponent, noise, seeds=64, rng=0, x=K, log_power=0.0):
    """Samples C·x^p·log(x)^q with multiplicative log-normal noise, shape (seeds, points)."""
    r = np.random.default_rng(rng)
    clean = 3.0 * x**exponent * np.log(x) ** log_power
    return clean * np.exp(noise * r.standard_normal((seeds, x.size)))


def ctx_for(samples, x=K, name="k", aggregate="mean", **series):
    points = [{name: float(v)} for v in x]
    return Context(points, {"metric": samples, **series}, aggregate, seed=1)


@pytest.mark.parametrize(
    "true, claimed, noise, expected",
    [
        (-1.0, -1.0, 0.05, V.CONFIRMED),  # exact rate
        (-1.5, -1.0, 0.05, V.CONFIRMED),  # faster than claimed: an upper rate confirms
        (-0.5, -1.0, 0.05, V.REFUTED),  # slower than claimed
        (-0.95, -1.0, 3.0, V.INCONCLUSIVE),  # too noisy to decide
    ],
)
def test_upper_rate(true, claimed, noise, expected):
    out = tt.UpperRate(exponent=claimed, tol=0.1).evaluate(ctx_for(power_law(true, noise)))
    assert out.verdict is expected, out.reason
    if noise < 1:
        assert abs(out.estimate - true) < 0.05


def test_upper_rate_with_log_factor():
    samples = power_law(-0.5, 0.02, log_power=1.0)
    check = tt.UpperRate(exponent=-0.5, tol=0.02, log_power=1.0)
    out = check.evaluate(ctx_for(samples))
    assert out.verdict is V.CONFIRMED and abs(out.estimate + 0.5) < 0.02
    without_log = tt.UpperRate(exponent=-0.5, tol=0.02).evaluate(ctx_for(samples))
    assert without_log.verdict is V.REFUTED  # log k makes the plain slope shallower


@pytest.mark.parametrize(
    "true, expected", [(-1.0, V.CONFIRMED), (-1.3, V.REFUTED), (-0.7, V.REFUTED), (-1.1, V.INCONCLUSIVE)]
)
def test_tight_rate(true, expected):
    noise = 0.05 if expected is not V.INCONCLUSIVE else 1.0
    out = tt.TightRate(exponent=-1.0, tol=0.1).evaluate(ctx_for(power_law(true, noise)))
    assert out.verdict is expected, out.reason


def test_window_restricts_fit():
    # A rate that changes at k = 300: only the window decides which one is fitted.
    samples = np.where(K < 300, K**-0.2, 300**0.8 * K**-1.0)[None, :].repeat(4, 0)
    inside = tt.UpperRate(exponent=-1.0, window=(400, 10_000)).evaluate(ctx_for(samples))
    everywhere = tt.UpperRate(exponent=-1.0).evaluate(ctx_for(samples))
    assert inside.verdict is V.CONFIRMED and everywhere.verdict is V.REFUTED


@pytest.mark.parametrize("scale, expected", [(0.5, V.CONFIRMED), (2.0, V.REFUTED)])
def test_explicit_bound(scale, expected):
    samples = scale * (1.0 / K)[None, :] * np.ones((8, 1))
    out = tt.ExplicitBound(bound=lambda k: 1.0 / k, label="1/k").evaluate(ctx_for(samples))
    assert out.verdict is expected
    assert out.estimate == pytest.approx(scale)


def test_explicit_bound_straddling_is_inconclusive():
    r = np.random.default_rng(0)
    samples = (1.0 / K) * (1.0 + 0.5 * r.standard_normal((16, K.size)))
    out = tt.ExplicitBound(bound=lambda k: 1.0 / k, label="1/k").evaluate(ctx_for(samples, aggregate="mean"))
    assert out.verdict is V.INCONCLUSIVE, out.reason


@pytest.mark.parametrize(
    "true, claimed, expected", [(0.9, 0.9, V.CONFIRMED), (0.8, 0.9, V.CONFIRMED), (0.95, 0.9, V.REFUTED)]
)
def test_linear_rate(true, claimed, expected):
    ks = np.arange(1, 200, 5.0)
    samples = (true**ks)[None, :] * np.exp(0.01 * np.random.default_rng(0).standard_normal((16, ks.size)))
    # exact geometric decay with noise that does not depend on k: the fit is unbiased
    out = tt.LinearRate(rate=claimed, tol=0.002).evaluate(ctx_for(samples, x=ks))
    assert out.verdict is expected, out.reason
    assert out.estimate == pytest.approx(true, abs=1e-3)


def test_linear_rate_rejects_bad_factor():
    with pytest.raises(ValueError, match="^check.rate"):
        tt.LinearRate(rate=1.2)


@pytest.mark.parametrize(
    "factor, at_least, expected", [(3.0, 1.5, V.CONFIRMED), (1.0, 1.5, V.REFUTED), (1.5, 1.5, V.INCONCLUSIVE)]
)
def test_comparison(factor, at_least, expected):
    base = power_law(-1.0, 0.3)
    noise = 1.0 if expected is V.INCONCLUSIVE else 0.3  # log-normal, median 1
    other = factor * base * np.exp(noise * np.random.default_rng(5).standard_normal(base.shape))
    ctx = ctx_for(base, A=other, B=base)
    out = tt.Comparison("A", "B", at_least=at_least * (1 if noise < 1 else np.exp(0.5))).evaluate(ctx)
    assert out.verdict is expected, out.reason


@pytest.mark.parametrize("exponent, expected", [(0.5, V.CONFIRMED), (-0.5, V.REFUTED)])
def test_divergence_growth(exponent, expected):
    out = tt.Divergence().evaluate(ctx_for(power_law(exponent, 0.05)))
    assert out.verdict is expected, out.reason


@pytest.mark.parametrize("level, expected", [(1.0, V.CONFIRMED), (0.01, V.REFUTED)])
def test_divergence_floor(level, expected):
    samples = level * (1 + 0.1 * np.random.default_rng(0).random((16, K.size)))
    out = tt.Divergence(floor=0.5).evaluate(ctx_for(samples))
    assert out.verdict is expected, out.reason


@pytest.mark.parametrize("true, expected", [(-0.5, V.CONFIRMED), (-1.0, V.REFUTED)])
def test_band(true, expected):
    out = tt.Band(label="k^-1/2", exponent=-0.5, max_ratio=2.0).evaluate(ctx_for(power_law(true, 0.05)))
    assert out.verdict is expected, out.reason


def test_scaling_two_variables():
    r = np.random.default_rng(0)
    points = [{"m": m, "n": n} for m in (2, 4, 8, 16) for n in (16, 64, 256)]
    clean = np.array([p["m"] ** -0.5 * p["n"] ** -1.0 for p in points])
    samples = clean * np.exp(0.05 * r.standard_normal((32, len(points))))
    ctx = Context(points, {"metric": samples}, "mean", seed=0)
    ok = tt.Scaling(exponents={"m": -0.5, "n": -1.0}, tol=0.1, sided="tight").evaluate(ctx)
    assert ok.verdict is V.CONFIRMED, ok.reason
    assert ok.details["exponents"]["n"] == pytest.approx(-1.0, abs=0.05)
    bad = tt.Scaling(exponents={"m": -1.0, "n": -1.0}, tol=0.1).evaluate(ctx)
    assert bad.verdict is V.REFUTED


def test_high_probability_uses_quantiles():
    # Heavy right tail: the mean decays like k^-1 but the 0.99-quantile does not decay.
    r = np.random.default_rng(0)
    samples = np.where(r.random((4000, K.size)) < 0.02, 1.0, 1.0 / K)
    ctx = ctx_for(samples)
    hp = tt.HighProbability(deltas=(0.5, 0.01), check=tt.UpperRate(exponent=-1.0, tol=0.1))
    out = hp.evaluate(ctx)
    assert [p.verdict for p in out.parts] == [V.CONFIRMED, V.REFUTED]
    assert out.verdict is V.REFUTED


def test_high_probability_delta_dependent_bound():
    samples = power_law(-1.0, 0.05)
    hp = tt.HighProbability(
        deltas=(0.1, 0.01),
        check=lambda d: tt.ExplicitBound(bound=lambda k: 10 * np.log(1 / d) / k, label="10 log(1/δ)/k"),
    )
    assert hp.evaluate(ctx_for(samples)).verdict is V.CONFIRMED


def test_all_of_combines():
    ctx = ctx_for(power_law(-1.0, 0.05))
    ok, bad = tt.UpperRate(exponent=-1.0), tt.UpperRate(exponent=-2.0)
    assert tt.AllOf([ok, ok]).evaluate(ctx).verdict is V.CONFIRMED
    assert tt.AllOf([ok, bad]).evaluate(ctx).verdict is V.REFUTED


def test_non_positive_aggregate_is_inconclusive():
    samples = power_law(-1.0, 0.05)
    samples[:, -1] = 0.0
    out = tt.UpperRate(exponent=-1.0).evaluate(ctx_for(samples))
    assert out.verdict is V.INCONCLUSIVE and "non-positive" in out.reason


@pytest.mark.parametrize(
    "check, expected",
    [
        (tt.TightRate(exponent=-1.0, tol=0.1), V.REFUTED),  # Θ needs a positive lower bound
        (tt.UpperRate(exponent=-1.0), V.INCONCLUSIVE),  # 0 meets any upper bound: abstain
        (tt.Scaling(exponents={"k": -1.0}, tol=0.1, sided="tight"), V.REFUTED),
        (tt.Scaling(exponents={"k": -1.0}, tol=0.1), V.INCONCLUSIVE),
    ],
    ids=["Θ rate", "O rate", "Θ scaling", "O scaling"],
)
def test_identically_zero_aggregate_refutes_only_a_tight_rate(check, expected):
    out = check.evaluate(ctx_for(np.zeros((8, K.size))))
    assert out.verdict is expected, out.reason


def test_zeros_at_some_points_leave_a_tight_rate_undecided():
    samples = power_law(-1.0, 0.05)
    samples[:, -1] = 0.0
    out = tt.TightRate(exponent=-1.0, tol=0.1).evaluate(ctx_for(samples))
    assert out.verdict is V.INCONCLUSIVE and "non-positive" in out.reason


@pytest.mark.parametrize(
    "make, field",
    [
        (lambda: tt.UpperRate(exponent="fast"), "check.exponent"),
        (lambda: tt.UpperRate(exponent=-1, tol=-0.1), "check.tol"),
        (lambda: tt.Band(label="x", max_ratio=2.0), "check.rate"),
        (lambda: tt.Comparison("a", "b"), "check.at_least"),
        (lambda: tt.HighProbability(deltas=(1.5,), check=tt.UpperRate(exponent=-1)), "check.deltas"),
        (lambda: tt.Scaling(exponents={}), "check.exponents"),
        (lambda: tt.Divergence(scale="cubic"), "check.scale"),
        (lambda: tt.AllOf([]), "check.checks"),
    ],
)
def test_bad_check_fields_name_the_field(make, field):
    with pytest.raises(ValueError, match=f"^{field}"):
        make()


def test_window_outside_sweep_is_rejected():
    points = [{"k": float(k)} for k in K]
    with pytest.raises(ValueError, match="^check.window"):
        tt.UpperRate(exponent=-1, window=(1e6, 1e7)).validate(points)


@pytest.mark.parametrize("tail, expected", [("exponential", V.CONFIRMED), ("pareto", V.REFUTED)])
def test_quantile_growth_separates_light_and_heavy_tails(tail, expected):
    # Exponential samples: q(1−δ) = log(1/δ), a log(1/δ) profile; Pareto(1): q(1−δ) = 1/δ.
    r = np.random.default_rng(0)
    u = r.random((4000, 5))
    samples = -np.log(u) if tail == "exponential" else 1.0 / u
    points = [{"n": float(n)} for n in (10, 20, 40, 80, 160)]
    ctx = Context(points, {"metric": samples}, "mean", seed=0)
    check = tt.QuantileGrowth(
        deltas=(0.2, 0.1, 0.05, 0.02), growth=lambda d: np.log(1 / d), label="log(1/δ)", tol=0.1
    )
    out = check.evaluate(ctx)
    assert out.verdict is expected, out.reason


@pytest.mark.parametrize(
    "seeds, failures, expected",
    [
        (16, 0, V.INCONCLUSIVE),  # 0 of 16 leaves a failure rate up to 0.21 (the bootstrap said [0, 0])
        (48, 0, V.CONFIRMED),  # 0 of 48: up to 0.074
        (64, 2, V.INCONCLUSIVE),  # 2 of 64: up to 0.11
        (16, 16, V.REFUTED),
    ],
)
def test_a_proportion_gets_the_exact_binomial_interval(seeds, failures, expected):
    samples = np.zeros((seeds, 1))
    samples[:failures] = 1.0
    ctx = ctx_for(samples, x=np.array([1000.0]), name="n", aggregate="proportion")
    outcome = tt.AtMost(0.1, "1 − 90% success", x="n").evaluate(ctx)
    assert outcome.verdict == expected
    assert "exact binomial interval" in outcome.reason
    assert outcome.ci[1] > 0  # never the zero-width interval of seeds that all agree


def test_a_proportion_of_values_other_than_zero_and_one_is_refused():
    samples = np.full((16, 1), 0.05)
    # Refused when the measurements are gathered, whatever check judges them.
    with pytest.raises(ValueError, match="aggregate: 'proportion' needs a 0/1 outcome per seed"):
        ctx_for(samples, x=np.array([1000.0]), name="n", aggregate="proportion")
    with pytest.raises(ValueError, match="aggregate: 'proportion' needs a 0/1 outcome per seed"):
        ctx_for(samples, x=np.array([1000.0]), name="n").with_aggregate("proportion")


def test_a_mean_that_every_seed_agrees_on_is_exact():
    # A continuous quantity that is 0 in every seed is not a binomial count: no exact interval.
    outcome = tt.AtMost(0.1, x="n").evaluate(ctx_for(np.zeros((16, 1)), x=np.array([1000.0]), name="n"))
    assert outcome.verdict == V.CONFIRMED and "exact binomial" not in outcome.reason
