"""Growth past the overflow guard is judged by the check; DIVERGED is what no check can judge."""

import dataclasses

import jax.numpy as jnp
import pytest

import theorytest as tt


def squaring(key, checkpoints):
    """x ← 3x² from 2: past 1e100 by k = 8, +inf soon after (never NaN)."""
    return tt.trajectory(lambda t, x: 3.0 * x * x, 2.0, checkpoints, lambda x: x)


def nan_at_k(key, checkpoints):
    k = jnp.asarray(checkpoints, dtype=float)
    return jnp.where(k >= 100, jnp.nan, 1.0 / k)


def decays_then_blows_up(key, checkpoints):
    k = jnp.asarray(checkpoints, dtype=float)
    return jnp.where(k >= 1000, jnp.inf, 1.0 / k)


def claim(experiment, check, **kw):
    return tt.Claim(
        id="verify-toy",
        paper=tt.Paper(title="toy"),
        statement="toy",
        experiment=experiment,
        sweep=tt.Sweep(checkpoints=(1, 10, 100, 1000, 10_000)),
        check=check,
        seeds=4,
        **kw,
    )


@pytest.mark.parametrize(
    "check",
    [
        tt.UpperRate(exponent=-1.0),
        tt.TightRate(exponent=-1.0, tol=0.1),
        tt.LinearRate(rate=0.5),
        tt.ExplicitBound(bound=lambda k: 1.0 / k, label="1/k"),
        tt.AllOf([tt.UpperRate(exponent=-1.0), tt.Divergence(floor=1.0)]),
    ],
)
def test_a_converges_claim_that_blows_up_in_its_window_is_refuted(check):
    result = tt.verify(claim(squaring, check))
    assert result["verdict"] == "REFUTED", result["reason"]
    assert result["reason"].startswith("diverged: series 'metric' at k=10")


@pytest.mark.parametrize(
    "check", [tt.Divergence(floor=1e3, window=(10, 10_000)), tt.Divergence(min_slope=1.0)]
)
def test_a_true_blow_up_claimed_by_divergence_is_confirmed(check):
    result = tt.verify(claim(squaring, check))
    assert result["verdict"] == "CONFIRMED", result["reason"]


def test_nan_is_diverged_and_says_where():
    result = tt.verify(claim(nan_at_k, tt.UpperRate(exponent=-1.0)))
    assert result["verdict"] == "DIVERGED"
    assert "NaN" in result["reason"] and "k=100" in result["reason"]


def test_a_blow_up_outside_every_window_is_diverged():
    result = tt.verify(claim(decays_then_blows_up, tt.UpperRate(exponent=-1.0, window=(1, 100))))
    assert result["verdict"] == "DIVERGED"
    assert "outside every window" in result["reason"] and "k=1000" in result["reason"]


def test_a_blow_up_after_the_window_does_not_touch_the_verdict_inside():
    result = tt.verify(
        claim(
            decays_then_blows_up,
            tt.Comparison(numerator="metric", denominator="metric", at_most=2.0, window=(1, 100)),
        )
    )
    assert result["verdict"] == "DIVERGED"


def overflow_then_nan(key, checkpoints):
    """Gradient descent with step 2.5 on x²/2: x + (−2.5x) overflows, then inf − inf is NaN."""
    return tt.trajectory(lambda t, x: x + (-2.5 * x), 1.0, checkpoints, lambda x: x * x)


def test_nan_after_an_overflow_is_the_blow_up_not_an_invalid_operation():
    c = claim(overflow_then_nan, tt.UpperRate(exponent=-1.0))
    c = dataclasses.replace(c, sweep=tt.Sweep(checkpoints=(1, 10, 100, 1000, 5000)))
    result = tt.verify(c)
    assert result["verdict"] == "REFUTED", result["reason"]
    assert "diverged" in result["reason"]
