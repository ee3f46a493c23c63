"""Polynomial rates: metric = O(x^p · log(x)^q) (upper) and Θ(x^p) (tight)."""

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
    decide_upper,
    fmt,
    inconclusive,
    positive_or_reason,
    zero_refutes_tight,
)


def rate_text(x: str, exponent: float, log_power: float = 0.0) -> str:
    """'O(k^-1)'-style text for x^p · log(x)^q."""
    body = f"{x}^{exponent:g}"
    if log_power:
        body += f"·log({x})" + ("" if log_power == 1 else f"^{log_power:g}")
    return body


@dataclasses.dataclass(frozen=True)
class _Rate(Check):
    exponent: float
    tol: float = 0.1
    window: tuple[float, float] | None = None
    x: XSpec = None
    log_power: float = 0.0
    series: str = "metric"

    def fits_a_line(self) -> bool:
        return True

    def __post_init__(self):
        finite_float(self.exponent, "check.exponent")
        if finite_float(self.tol, "check.tol") < 0:
            raise ValueError(f"check.tol: must be >= 0, got {self.tol}")
        finite_float(self.log_power, "check.log_power")

    def _fit(self, ctx: Context):
        xs, label, mask = self._xs(ctx)
        xw = xs[mask]
        if self.log_power and np.any(xw <= 1):
            raise ValueError("check.log_power: log(x) factors need every x in the window > 1")
        scale = np.log(xw) ** self.log_power if self.log_power else 1.0
        values = ctx.values(self.series)[mask]
        reason = positive_or_reason(values, xw, label)
        slope, intercept = _fit.loglog_slope(xw, values / scale)
        boot_slope, _ = _fit.loglog_slope(xw, ctx.boot(self.series)[:, mask] / scale)
        ci = ctx.interval(boot_slope)
        # The claimed rate drawn through the fitted line at the window's log-centre.
        centre = np.exp(np.log(xw).mean())
        level = np.exp(intercept + slope * np.log(centre))
        grid = np.geomspace(xw.min(), xw.max(), 50)
        log_factor = (np.log(grid) / np.log(centre)) ** self.log_power if self.log_power else 1.0
        ref = level * (grid / centre) ** self.exponent * log_factor
        reference = [{"x": grid.tolist(), "y": ref.tolist(), "label": f"claimed {self.claimed(label)}"}]
        common = dict(
            x=label, series=(self.series,), reference=reference, window=(float(xw.min()), float(xw.max()))
        )
        return float(slope), ci, reason, label, common, values


@dataclasses.dataclass(frozen=True)
class UpperRate(_Rate):
    """metric = O(x^p · log(x)^q): the fitted log-log slope of metric / log(x)^q is ≤ p + tol.

    CONFIRMED when the slope's CI lies at or below p + tol, REFUTED when it lies above,
    INCONCLUSIVE otherwise. One-sided: a metric that falls faster than claimed confirms.
    """

    def claimed(self, x: str = "x") -> str:
        return f"O({rate_text(x, self.exponent, self.log_power)})"

    def evaluate(self, ctx: Context) -> Outcome:
        slope, ci, reason, label, common, _ = self._fit(ctx)
        claimed = self.claimed(label)
        if reason:
            return inconclusive(claimed, reason, estimate=slope, ci=ci, **common)
        limit = self.exponent + self.tol
        verdict = decide_upper(*ci, limit)
        reason = f"slope {fmt(slope)} {ci_text(ci)} vs claimed ≤ {fmt(self.exponent)} + tol {fmt(self.tol)}"
        return Outcome(verdict, claimed, reason, estimate=slope, ci=ci, **common)


@dataclasses.dataclass(frozen=True)
class TightRate(_Rate):
    """metric = Θ(x^p · log(x)^q): |slope − p| ≤ tol, with the whole CI inside.

    REFUTED when the CI lies entirely outside [p − tol, p + tol].
    """

    def claimed(self, x: str = "x") -> str:
        return f"Θ({rate_text(x, self.exponent, self.log_power)})"

    def evaluate(self, ctx: Context) -> Outcome:
        slope, ci, reason, label, common, values = self._fit(ctx)
        claimed = self.claimed(label)
        zero = zero_refutes_tight(values, claimed, **common)  # no slope to report
        if zero is not None:
            return zero
        if reason:
            return inconclusive(claimed, reason, estimate=slope, ci=ci, **common)
        lo, hi = ci
        low, high = self.exponent - self.tol, self.exponent + self.tol
        if not (np.isfinite(lo) and np.isfinite(hi)):
            verdict = Verdict.INCONCLUSIVE
        elif low <= lo and hi <= high:
            verdict = Verdict.CONFIRMED
        elif hi < low or lo > high:
            verdict = Verdict.REFUTED
        else:
            verdict = Verdict.INCONCLUSIVE
        reason = f"slope {fmt(slope)} {ci_text(ci)} vs claimed {fmt(self.exponent)} ± {fmt(self.tol)}"
        return Outcome(verdict, claimed, reason, estimate=slope, ci=ci, **common)
