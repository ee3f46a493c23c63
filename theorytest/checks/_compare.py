"""Comparisons between series, and non-convergence."""

from __future__ import annotations

import dataclasses

import numpy as np

from theorytest import _fit
from theorytest._verdict import Verdict, finite_float
from theorytest.checks._base import (
    Check,
    Context,
    Outcome,
    XSpec,
    ci_text,
    decide_lower,
    decide_strictly_above,
    decide_strictly_below,
    fmt,
    inconclusive,
    positive_or_reason,
)


@dataclasses.dataclass(frozen=True)
class Comparison(Check):
    """Method A against method B: the ratio of their aggregates over the window.

    The statistic is the geometric mean over the window of agg(numerator)/agg(denominator)
    (or its minimum/maximum with `reduce`, then with joint per-point intervals),
    bootstrapped on paired seeds.

    A comparison claims that one method *improves on* another, so it is strict: `at_least`
    CONFIRMS only when the whole CI lies strictly above the limit, and REFUTES when the CI
    lies at or below it; `at_most` is the mirror. Two identical series (ratio 1, CI [1, 1])
    therefore never CONFIRM `at_least=1` or `at_most=1`: a tie is not an improvement. A claim
    of "no worse than" states its margin explicitly (e.g. `at_most=1.05`, with its reason).
    """

    numerator: str
    denominator: str
    at_least: float | None = None
    at_most: float | None = None
    reduce: str = "geomean"
    window: tuple[float, float] | None = None
    x: XSpec = None
    min_points = 1
    blow_up_refutes = False  # the ratio of the blown-up values is itself the evidence

    def series_used(self) -> tuple[str, ...]:
        return (self.numerator, self.denominator)

    def __post_init__(self):
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("check.at_least: give exactly one of at_least or at_most")
        limit = self.at_least if self.at_least is not None else self.at_most
        if finite_float(limit, "check.at_least" if self.at_least is not None else "check.at_most") <= 0:
            raise ValueError("check.at_least: the ratio limit must be positive")
        if self.reduce not in ("geomean", "min", "max"):
            raise ValueError(f"check.reduce: must be 'geomean', 'min' or 'max', got {self.reduce!r}")

    def claimed(self, x: str = "x") -> str:
        op, limit = (">", self.at_least) if self.at_least is not None else ("<", self.at_most)
        return f"{self.numerator}/{self.denominator} {op} {fmt(limit)}"

    def _reduce(self, ratio: np.ndarray) -> np.ndarray:
        if self.reduce == "min":
            return ratio.min(axis=-1)
        if self.reduce == "max":
            return ratio.max(axis=-1)
        return np.exp(_fit.safe_log(ratio).mean(axis=-1))

    def evaluate(self, ctx: Context) -> Outcome:
        xs, label, mask = self._xs(ctx)
        xw = xs[mask]
        num, den = ctx.values(self.numerator)[mask], ctx.values(self.denominator)[mask]
        common = dict(
            x=label, series=(self.numerator, self.denominator), window=(float(xw.min()), float(xw.max()))
        )
        claimed = self.claimed(label)
        reason = positive_or_reason(den, xw, label) or positive_or_reason(num, xw, label)
        if reason:
            return inconclusive(claimed, reason, **common)
        estimate = float(self._reduce(num / den))
        with np.errstate(divide="ignore", invalid="ignore"):
            boot = ctx.boot(self.numerator)[:, mask] / ctx.boot(self.denominator)[:, mask]
        if self.reduce == "geomean":
            ci = ctx.interval(self._reduce(boot))
        else:  # min/max over points: joint per-point intervals, not a bootstrap of the extreme
            lo, hi = ctx.simultaneous(boot)
            ci = (float(self._reduce(lo)), float(self._reduce(hi)))
        if self.at_least is not None:
            verdict = decide_strictly_above(*ci, self.at_least)
        else:
            verdict = decide_strictly_below(*ci, self.at_most)
        reason = f"{self.reduce} ratio {fmt(estimate)} {ci_text(ci)} vs claimed {claimed}"
        return Outcome(verdict, claimed, reason, estimate=estimate, ci=ci, **common)


@dataclasses.dataclass(frozen=True)
class Divergence(Check):
    """The metric does not converge: it stays above `floor`, or (no floor) it grows.

    floor mode: min over the window of the aggregate; CONFIRMED when its CI lies at or
    above `floor`, REFUTED when below. growth mode: the fitted slope (log-log with
    scale='log', log-linear with scale='semilog') exceeds `min_slope`.
    """

    floor: float | None = None
    min_slope: float = 0.0
    scale: str = "log"
    window: tuple[float, float] | None = None
    x: XSpec = None
    series: str = "metric"
    blow_up_refutes = False  # a blow-up is what a divergence claim asserts

    def fits_a_line(self) -> bool:
        return self.floor is None

    def __post_init__(self):
        if self.floor is not None and finite_float(self.floor, "check.floor") <= 0:
            raise ValueError(f"check.floor: must be positive, got {self.floor}")
        finite_float(self.min_slope, "check.min_slope")
        if self.scale not in ("log", "semilog"):
            raise ValueError(f"check.scale: must be 'log' or 'semilog', got {self.scale!r}")

    def claimed(self, x: str = "x") -> str:
        if self.floor is not None:
            return f"stays ≥ {fmt(self.floor)}"
        return f"grows (slope > {fmt(self.min_slope)})"

    def evaluate(self, ctx: Context) -> Outcome:
        xs, label, mask = self._xs(ctx)
        xw = xs[mask]
        values = ctx.values(self.series)[mask]
        boot = ctx.boot(self.series)[:, mask]
        claimed = self.claimed(label)
        common = dict(
            x=label,
            series=(self.series,),
            window=(float(xw.min()), float(xw.max())),
            xscale="linear" if self.scale == "semilog" else "log",
        )
        if self.floor is not None:
            estimate = float(values.min())
            lo, hi = ctx.simultaneous(boot)
            ci = (float(lo.min()), float(hi.min()))
            reason = f"min metric {fmt(estimate)} {ci_text(ci)} vs floor {fmt(self.floor)}"
            return Outcome(decide_lower(*ci, self.floor), claimed, reason, estimate=estimate, ci=ci, **common)
        reason = positive_or_reason(values, xw, label)
        if reason:
            return inconclusive(claimed, reason, **common)
        fit = _fit.semilog_slope if self.scale == "semilog" else _fit.loglog_slope
        slope, _ = fit(xw, values)
        ci = ctx.interval(fit(xw, boot)[0])
        lo, hi = ci
        if not (np.isfinite(lo) and np.isfinite(hi)):
            verdict = Verdict.INCONCLUSIVE
        elif lo > self.min_slope:
            verdict = Verdict.CONFIRMED
        elif hi <= self.min_slope:
            verdict = Verdict.REFUTED
        else:
            verdict = Verdict.INCONCLUSIVE
        reason = f"slope {fmt(float(slope))} {ci_text(ci)} vs claimed > {fmt(self.min_slope)}"
        return Outcome(verdict, claimed, reason, estimate=float(slope), ci=ci, **common)
