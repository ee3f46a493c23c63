import numpy as np
import pytest

from theorytest import _fit


@pytest.mark.parametrize(
    "how, expected", [("mean", 2.0), ("median", 2.0), ("max", 3.0), ("min", 1.0), (0.5, 2.0)]
)
def test_aggregate(how, expected):
    samples = np.array([[1.0], [2.0], [3.0]])
    assert _fit.aggregate(samples, how)[0] == pytest.approx(expected)


def test_loglog_slope_exact_and_vectorized():
    x = np.geomspace(1, 1e4, 20)
    y = np.stack([5 * x**-0.5, 2 * x**-2.0])
    slope, intercept = _fit.loglog_slope(x, y)
    np.testing.assert_allclose(slope, [-0.5, -2.0])
    np.testing.assert_allclose(np.exp(intercept), [5, 2])


def test_semilog_slope_gives_contraction():
    k = np.arange(0, 100.0)
    slope, _ = _fit.semilog_slope(k, 0.9**k)
    assert np.exp(slope) == pytest.approx(0.9)


def test_multi_fit_recovers_exponents():
    r = np.random.default_rng(0)
    feats = np.log(r.uniform(1, 100, size=(30, 2)))
    y = 1.0 - 0.5 * feats[:, 0] + 2.0 * feats[:, 1]
    np.testing.assert_allclose(_fit.multi_fit(feats, y), [1.0, -0.5, 2.0], atol=1e-10)


def test_bootstrap_is_deterministic_and_chunked():
    samples = np.random.default_rng(0).random((50, 7))
    idx = _fit.bootstrap_indices(50, 300, seed=3)
    a = _fit.bootstrap_aggregate(samples, "mean", idx)
    np.testing.assert_array_equal(idx, _fit.bootstrap_indices(50, 300, seed=3))
    direct = samples[idx].mean(axis=1)
    np.testing.assert_allclose(a, direct)


def test_interval_covers_the_mean():
    r = np.random.default_rng(1)
    samples = r.normal(1.0, 1.0, size=(400, 1))
    idx = _fit.bootstrap_indices(400, 2000, seed=0)
    lo, hi = _fit.interval(_fit.bootstrap_aggregate(samples, "mean", idx)[:, 0], 0.95)
    assert lo < 1.0 < hi and hi - lo == pytest.approx(2 * 1.96 / 20, rel=0.2)


def test_safe_log_marks_non_positive():
    out = _fit.safe_log(np.array([1.0, 0.0, -1.0]))
    assert out[0] == 0 and np.isnan(out[1:]).all()


@pytest.mark.parametrize("k, n", [(0, 16), (16, 16), (3, 40), (0, 1)])
def test_proportion_interval_is_clopper_pearson(k, n):
    from scipy import stats

    lo, hi = _fit.proportion_interval(np.array([k]), n, 0.95)
    expected = stats.binomtest(k, n).proportion_ci(0.95, method="exact")
    assert lo[0] == pytest.approx(expected.low, abs=1e-12)
    assert hi[0] == pytest.approx(expected.high, abs=1e-12)
    if k == 0:  # no failure among n seeds still leaves 1 − (α/2)^(1/n) possible
        assert hi[0] == pytest.approx(1 - 0.025 ** (1 / n))
