"""Bounds with constants: an explicit bound C·g(x), a band c1 ≤ metric/g(x) ≤ c2."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from theorytest._verdict import Verdict, combine_verdicts, finite_float
from theorytest.checks._base import (
    Check,
    Context,
    Outcome,
    XSpec,
    ci_text,
    decide_upper,
    fmt,
    inconclusive,
    positive_or_reason,
)


def _evaluate_curve(fn: Callable, xs: np.ndarray, field: str) -> np.ndarray:
    values = np.asarray(fn(xs), dtype=np.float64)
    if values.shape != xs.shape:
        values = np.broadcast_to(values, xs.shape)
    if not np.all(np.isfinite(values)) or not np.all(values > 0):
        raise ValueError(f"{field}: must be finite and positive on the window")
    return values


@dataclasses.dataclass(frozen=True)
class ExplicitBound(Check):
    """metric ≤ bound(x) at every point of the window, with the paper's constant.

    The statistic is max over the window of aggregate / bound, with a simultaneous
    (Bonferroni) interval over the window's points: CONFIRMED when every point's upper
    end is ≤ 1, REFUTED when some point's lower end is > 1. `bound` maps x to the bound.
    With the aggregate "proportion" (a rate of 0/1 outcomes per seed) the intervals are
    exact binomial ones instead of the bootstrap's (`Context.proportion_intervals`).
    """

    bound: Callable[[np.ndarray], np.ndarray]
    label: str
    window: tuple[float, float] | None = None
    x: XSpec = None
    series: str = "metric"
    min_points = 1

    def __post_init__(self):
        if not callable(self.bound):
            raise ValueError(f"check.bound: must be callable x -> bound, got {type(self.bound).__name__}")
        if not isinstance(self.label, str) or not self.label:
            raise ValueError("check.label: must be a non-empty string such as 'L‖x0−x*‖²/(4k+2)'")

    def claimed(self, x: str = "x") -> str:
        return f"≤ {self.label}"

    def evaluate(self, ctx: Context) -> Outcome:
        xs, label, mask = self._xs(ctx)
        xw = xs[mask]
        bound = _evaluate_curve(self.bound, xw, "check.bound")
        ratio = ctx.values(self.series)[mask] / bound
        estimate = float(np.max(ratio))
        exact = ctx.subset(mask).proportion_intervals(self.series)
        if exact is not None:
            lo, hi = exact[0] / bound, exact[1] / bound
        else:
            lo, hi = ctx.simultaneous(ctx.boot(self.series)[:, mask] / bound)
        ci = (float(lo.max()), float(hi.max()))
        worst = xw[int(np.argmax(ratio))]
        grid = np.unique(np.concatenate([xw, np.geomspace(xw.min(), xw.max(), 50)])) if xw.min() > 0 else xw
        reference = [
            {
                "x": grid.tolist(),
                "y": _evaluate_curve(self.bound, grid, "check.bound").tolist(),
                "label": f"bound {self.label}",
            }
        ]
        verdict = decide_upper(*ci, 1.0)
        interval = " (exact binomial interval of a 0/1 rate)" if exact is not None else ""
        reason = (
            f"max metric/bound {fmt(estimate)} {ci_text(ci)}{interval} (at {label}={fmt(worst)}) "
            "vs claimed ≤ 1"
        )
        return Outcome(
            verdict,
            self.claimed(label),
            reason,
            estimate=estimate,
            ci=ci,
            x=label,
            series=(self.series,),
            window=(float(xw.min()), float(xw.max())),
            reference=reference,
        )


@dataclasses.dataclass(frozen=True)
class Band(Check):
    """Θ(g(x)) with unknown constants: metric / g(x) stays within a band on the window.

    Give `max_ratio` (max/min of metric/g over the window must not exceed it) and/or
    absolute `lower`/`upper` limits on metric/g. `rate` maps x to g(x); `exponent` is
    the shorthand g(x) = x^exponent.
    """

    label: str
    rate: Callable[[np.ndarray], np.ndarray] | None = None
    exponent: float | None = None
    max_ratio: float | None = None
    lower: float | None = None
    upper: float | None = None
    window: tuple[float, float] | None = None
    x: XSpec = None
    series: str = "metric"

    def __post_init__(self):
        if (self.rate is None) == (self.exponent is None):
            raise ValueError("check.rate: give exactly one of rate (a callable) or exponent")
        if self.exponent is not None:
            finite_float(self.exponent, "check.exponent")
        if self.max_ratio is None and self.lower is None and self.upper is None:
            raise ValueError("check.max_ratio: give max_ratio, lower or upper")
        if self.max_ratio is not None and finite_float(self.max_ratio, "check.max_ratio") < 1:
            raise ValueError(f"check.max_ratio: must be >= 1, got {self.max_ratio}")
        for name in ("lower", "upper"):
            if getattr(self, name) is not None and finite_float(getattr(self, name), f"check.{name}") <= 0:
                raise ValueError(f"check.{name}: must be positive")

    def _g(self, xs):
        if self.rate is not None:
            return _evaluate_curve(self.rate, xs, "check.rate")
        return xs ** float(self.exponent)

    def claimed(self, x: str = "x") -> str:
        return f"Θ({self.label})"

    def evaluate(self, ctx: Context) -> Outcome:
        xs, label, mask = self._xs(ctx)
        xw = xs[mask]
        g = self._g(xw)
        values = ctx.values(self.series)[mask]
        common = dict(x=label, series=(self.series,), window=(float(xw.min()), float(xw.max())))
        reason = positive_or_reason(values, xw, label)
        if reason:
            return inconclusive(self.claimed(label), reason, **common)
        ratio = values / g
        boot = ctx.boot(self.series)[:, mask] / g
        verdicts, reasons = [], []
        estimate, ci = float(ratio.max() / ratio.min()), None
        lo, hi = ctx.simultaneous(boot)  # joint intervals for every point's ratio
        if self.max_ratio is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                spread_hi = hi.max() / lo.min() if lo.min() > 0 else np.inf
                spread_lo = max(1.0, lo.max() / hi.min()) if hi.min() > 0 else np.inf
            ci = (float(spread_lo), float(spread_hi))
            verdicts.append(decide_upper(*ci, self.max_ratio))
            reasons.append(
                f"max/min of metric/{self.label} {fmt(estimate)} {ci_text(ci)} vs ≤ {fmt(self.max_ratio)}"
            )
        if self.lower is not None:
            lo_ci = (float(lo.min()), float(hi.min()))
            v = (
                Verdict.CONFIRMED
                if lo_ci[0] >= self.lower
                else (Verdict.REFUTED if lo_ci[1] < self.lower else Verdict.INCONCLUSIVE)
            )
            verdicts.append(v)
            reasons.append(f"min ratio {fmt(ratio.min())} {ci_text(lo_ci)} vs ≥ {fmt(self.lower)}")
        if self.upper is not None:
            hi_ci = (float(lo.max()), float(hi.max()))
            verdicts.append(decide_upper(*hi_ci, self.upper))
            reasons.append(f"max ratio {fmt(ratio.max())} {ci_text(hi_ci)} vs ≤ {fmt(self.upper)}")
        verdict = combine_verdicts(verdicts)
        centre = float(np.exp(np.mean(np.log(ratio))))
        order = np.argsort(xw)
        reference = [
            {"x": xw[order].tolist(), "y": (centre * g[order]).tolist(), "label": f"claimed Θ({self.label})"}
        ]
        return Outcome(
            verdict,
            self.claimed(label),
            "; ".join(reasons),
            estimate=estimate,
            ci=ci,
            reference=reference,
            **common,
        )


def _constant(value: float) -> Callable[[np.ndarray], np.ndarray]:
    return lambda x: np.full(np.shape(x), value, dtype=float)


def AtMost(
    value: float, label: str | None = None, *, window=None, x: XSpec = None, series: str = "metric"
) -> ExplicitBound:
    """metric ≤ `value` at every point of the window (a constant threshold, printed exactly).

    `label` says where the value comes from (e.g. "ρ_GD = (1 − μ/L)²"); the claimed text is
    "≤ label = value". For a threshold from the statement or the testbed, not a bare 0.99.
    """
    value = finite_float(value, "check.value")
    if value <= 0:
        raise ValueError(f"check.value: the threshold must be positive, got {value}")
    text = f"{value:.6g}" if label is None else f"{label} = {value:.6g}"
    return ExplicitBound(bound=_constant(value), label=text, window=window, x=x, series=series)
