"""How a high-probability bound grows in 1/δ: the (1−δ)-quantile against a δ-profile g(δ).

A bound "with probability ≥ 1 − δ, metric ≤ C·g(δ)·h(x)" fixes how the quantiles over seeds
may grow as δ shrinks, whatever the constant C: q_{1−δ}/g(δ) must not grow in 1/δ. With
g(δ) = log(1/δ) this separates a sub-exponential tail (a high-probability bound) from the
1/δ growth that an expectation bound plus Markov's inequality allows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from theorytest import _fit
from theorytest._verdict import finite_float
from theorytest.checks._base import Check, Context, Outcome, XSpec, ci_text, decide_upper, fmt, inconclusive


@dataclasses.dataclass(frozen=True)
class QuantileGrowth(Check):
    """q_{1−δ} = O(g(δ)) in δ: the quantiles over seeds grow no faster than g as δ → 0.

    At every point of the window the (1−δ)-quantiles over `deltas` are divided by g(δ)
    and fitted against log(1/δ): the slope a of log(q_{1−δ}/g(δ)) says q ∝ g(δ)·(1/δ)^a.
    The statistic is the largest slope over the window's points (bootstrap CI over seeds,
    the same resamples for every δ). CONFIRMED when the CI lies at or below `tol`,
    REFUTED when above it. `growth` maps an array of δ to g(δ) > 0.
    """

    deltas: Sequence[float]
    growth: Callable[[np.ndarray], np.ndarray]
    label: str
    tol: float = 0.1
    window: tuple[float, float] | None = None
    x: XSpec = None
    series: str = "metric"
    min_points = 1

    def __post_init__(self):
        deltas = tuple(self.deltas) if isinstance(self.deltas, Sequence) else ()
        if len(deltas) < 2:
            raise ValueError("check.deltas: needs at least two δ in (0, 1)")
        for d in deltas:
            if not 0 < finite_float(d, "check.deltas") < 1:
                raise ValueError(f"check.deltas: every δ must lie in (0, 1), got {d}")
        if len(set(deltas)) != len(deltas):
            raise ValueError("check.deltas: must be distinct")
        object.__setattr__(self, "deltas", deltas)
        if not callable(self.growth):
            raise ValueError("check.growth: must be callable δ -> g(δ)")
        g = np.asarray(self.growth(np.asarray(deltas, dtype=np.float64)), dtype=np.float64)
        if g.shape != (len(deltas),) or not np.all(np.isfinite(g)) or not np.all(g > 0):
            raise ValueError("check.growth: must map the δ array to finite positive values")
        if not isinstance(self.label, str) or not self.label:
            raise ValueError("check.label: must be a non-empty string such as 'log(1/δ)'")
        if finite_float(self.tol, "check.tol") < 0:
            raise ValueError(f"check.tol: must be >= 0, got {self.tol}")

    def claimed(self, x: str = "x") -> str:
        return f"q(1−δ) = O({self.label}) as δ → 0, δ ∈ {list(self.deltas)}"

    def evaluate(self, ctx: Context) -> Outcome:
        xs, label, mask = self._xs(ctx)
        xw = xs[mask]
        deltas = np.asarray(self.deltas, dtype=np.float64)
        g = np.asarray(self.growth(deltas), dtype=np.float64)
        log_inv = np.log(1.0 / deltas)
        # (δ, points) quantiles and (B, δ, points) bootstrap replicates
        q = np.stack([ctx.values(self.series, 1 - d)[mask] for d in deltas])
        qb = np.stack([ctx.boot(self.series, 1 - d)[:, mask] for d in deltas], axis=1)
        common = dict(x=label, series=(self.series,), window=(float(xw.min()), float(xw.max())))
        claimed = self.claimed(label)
        if not np.all(q > 0):
            d_bad, p_bad = np.argwhere(~(q > 0))[0]
            return inconclusive(
                claimed,
                f"the {1 - deltas[d_bad]:g}-quantile is non-positive at "
                f"{label}={fmt(xw[p_bad])}: its log is undefined",
                **common,
            )
        slopes, _ = _fit.linear_fit(log_inv, np.log(q / g[:, None]).T)
        boot_slopes, _ = _fit.linear_fit(log_inv, np.moveaxis(_fit.safe_log(qb / g[None, :, None]), 1, -1))
        worst = int(np.argmax(slopes))
        estimate = float(slopes[worst])
        ci = ctx.interval(np.max(boot_slopes, axis=-1))
        verdict = decide_upper(*ci, self.tol)
        reason = (
            f"max over points of the slope of log(q(1−δ)/{self.label}) vs log(1/δ): "
            f"{fmt(estimate)} {ci_text(ci)} (at {label}={fmt(xw[worst])}) vs claimed ≤ "
            f"tol {fmt(self.tol)}"
        )
        return Outcome(
            verdict,
            claimed,
            reason,
            estimate=estimate,
            ci=ci,
            details={"slopes": slopes.tolist(), "deltas": list(self.deltas)},
            **common,
        )
