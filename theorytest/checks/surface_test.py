"""The author's surface: strict comparisons, constant thresholds, per-group fits, lead parts."""

import numpy as np
import pytest

import theorytest as tt
from theorytest._report import estimate_text
from theorytest._verify import outcome_record
from theorytest.checks import Context

V = tt.Verdict
K = np.geomspace(10, 10_000, 12)


def ctx(series, points=None, aggregate="mean"):
    points = points or [{"k": float(v)} for v in K]
    return Context(points, series, aggregate, seed=3)


def noisy(scale, seeds=32, rng=0):
    return scale * np.exp(0.05 * np.random.default_rng(rng).standard_normal((seeds, K.size)))


@pytest.mark.parametrize("kw", [{"at_least": 1.0}, {"at_most": 1.0}])
def test_two_identical_series_never_confirm_an_improvement(kw):
    same = noisy(1.0)
    out = tt.Comparison(numerator="a", denominator="b", **kw).evaluate(ctx({"a": same, "b": same.copy()}))
    assert out.estimate == 1.0 and out.ci == (1.0, 1.0)
    assert out.verdict is V.REFUTED, out.reason


@pytest.mark.parametrize(
    "ratio, kw, expected",
    [
        (2.0, {"at_least": 1.5}, V.CONFIRMED),
        (1.2, {"at_least": 1.5}, V.REFUTED),
        (0.5, {"at_most": 1.0}, V.CONFIRMED),
        (1.0 + 1e-9, {"at_most": 1.0}, V.REFUTED),
    ],
)
def test_strict_comparisons(ratio, kw, expected):
    base = noisy(1.0)
    out = tt.Comparison(numerator="a", denominator="b", **kw).evaluate(ctx({"a": ratio * base, "b": base}))
    assert out.verdict is expected, out.reason


def test_same_method_reports_the_baseline_in_place_of_the_method():
    def run(key, n):
        return {"better": 1.0 / n, "baseline": 2.0 / n}

    same = tt.same_method(run, better="baseline")
    assert same(None, n=4) == {"better": 0.5, "baseline": 0.5}
    with pytest.raises(ValueError, match="^same_method: .*no series"):
        tt.same_method(run, {"best": "baseline"})(None, n=4)


def test_at_most_prints_its_threshold_exactly():
    check = tt.AtMost(0.9025, "(1 − μ/L)²")
    assert check.claimed() == "≤ (1 − μ/L)² = 0.9025"
    assert check.evaluate(ctx({"metric": noisy(0.5)})).verdict is V.CONFIRMED
    assert check.evaluate(ctx({"metric": noisy(0.95)})).verdict is V.REFUTED
    with pytest.raises(ValueError, match="^check.value"):
        tt.AtMost(float("nan"))


def test_a_fit_refuses_to_pool_groups_of_another_variable():
    grid = [{"m": m, "k": k} for m in (1, 2) for k in (1, 10, 100)]
    with pytest.raises(ValueError, match="^check.x: the sweep also varies \\['m'\\]"):
        tt.LinearRate(rate=0.5, x="k").validate(grid)
    tt.ExplicitBound(bound=lambda k: 1 / k, label="1/k", x="k").validate(grid)  # pointwise: fine
    tt.Where({"m": 1}, tt.LinearRate(rate=0.5, x="k")).validate(grid)


def test_where_fits_each_group_apart():
    points = [{"m": m, "k": float(k)} for m in (1, 2) for k in K]
    k = np.concatenate([K, K])
    slopes = np.where(np.repeat([True, False], K.size), -1.0, -0.5)
    samples = np.tile(k**slopes, (8, 1))
    both = tt.AllOf(
        [
            tt.Where({"m": 1}, tt.UpperRate(exponent=-1.0, x="k")),
            tt.Where({"m": 2}, tt.UpperRate(exponent=-1.0, x="k")),
        ],
        names=["m=1", "m=2"],
    )
    out = both.evaluate(ctx({"metric": samples}, points))
    assert [p.verdict for p in out.parts] == [V.CONFIRMED, V.REFUTED]
    assert out.parts[1].claimed.endswith("at m=2")
    assert out.parts[1].estimate == pytest.approx(-0.5)


def test_all_of_reports_its_lead_part_whatever_the_verdict():
    check = tt.AllOf(
        [tt.UpperRate(exponent=-1.0), tt.UpperRate(exponent=-3.0)], names=["rate", "fast"], lead="rate"
    )
    out = check.evaluate(ctx({"metric": noisy(1.0) / K}))
    assert out.verdict is V.REFUTED  # the second part fails
    assert out.estimate == out.parts[0].estimate and out.details["lead"] == "rate"
    text = estimate_text({"estimate": out.estimate, "ci": out.ci, "outcome": outcome_record(out)})
    assert text.endswith("(rate)")
    with pytest.raises(ValueError, match="^check.lead"):
        tt.AllOf([tt.UpperRate(exponent=-1.0)], names=["a"], lead="b")


def test_estimates_that_say_what_they_are():
    assert estimate_text({"estimate": 0.5, "ci": [0.5, 0.5]}) == "0.5 (exact)"
    near_one = {"estimate": 1 - 1e-6, "ci": [1 - 2e-6, 1 - 5e-7]}
    assert estimate_text(near_one) == "1 − 1e-06 [1 − 2e-06, 1 − 5e-07]"
    scaling = {
        "estimate": -0.5,
        "ci": [-0.6, -0.4],
        "outcome": {
            "details": {"exponents": {"m": -0.5, "n": -0.49}, "ci": {"m": [-0.6, -0.4], "n": [-0.55, -0.45]}}
        },
    }
    assert estimate_text(scaling) == "m: -0.5 [-0.6, -0.4]; n: -0.49 [-0.55, -0.45]"
