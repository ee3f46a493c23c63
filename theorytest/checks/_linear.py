"""Linear (geometric) convergence: metric ≈ C·ρ^x with ρ at most the claimed factor."""

from __future__ import annotations

import dataclasses

import numpy as np

from theorytest import _fit
from theorytest._verdict import finite_float
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


@dataclasses.dataclass(frozen=True)
class LinearRate(Check):
    """metric = O(ρ^x): the contraction ρ̂ = exp(slope of log metric vs x) is ≤ ρ + tol.

    ρ̂ is fitted on the window (semilog least squares); CONFIRMED when its CI lies at or
    below ρ + tol, REFUTED when above. `label` names ρ in words (e.g. '1 − μ/L').
    """

    rate: float
    label: str = ""
    tol: float = 0.0
    window: tuple[float, float] | None = None
    x: XSpec = None
    series: str = "metric"

    def fits_a_line(self) -> bool:
        return True

    def __post_init__(self):
        rate = finite_float(self.rate, "check.rate")
        if not 0 < rate < 1:
            raise ValueError(f"check.rate: a contraction factor must lie in (0, 1), got {rate}")
        if finite_float(self.tol, "check.tol") < 0:
            raise ValueError(f"check.tol: must be >= 0, got {self.tol}")

    def claimed(self, x: str = "x") -> str:
        name = f"{self.label} = {fmt(self.rate)}" if self.label else fmt(self.rate)
        return f"O(ρ^{x}), ρ ≤ {name}"

    def evaluate(self, ctx: Context) -> Outcome:
        xs, label, mask = self._xs(ctx)
        xw = xs[mask]
        values = ctx.values(self.series)[mask]
        common = dict(
            x=label, series=(self.series,), xscale="linear", window=(float(xw.min()), float(xw.max()))
        )
        claimed = self.claimed(label)
        reason = positive_or_reason(values, xw, label)
        if reason:
            return inconclusive(claimed, reason, **common)
        slope, intercept = _fit.semilog_slope(xw, values)
        boot_slope, _ = _fit.semilog_slope(xw, ctx.boot(self.series)[:, mask])
        lo, hi = ctx.interval(boot_slope)
        estimate, ci = float(np.exp(slope)), (float(np.exp(lo)), float(np.exp(hi)))
        grid = np.linspace(xw.min(), xw.max(), 50)
        centre = xw.mean()
        level = np.exp(intercept + slope * centre)
        with np.errstate(over="ignore"):  # a blown-up run's level: the line is off the plot
            line = level * self.rate ** (grid - centre)
        reference = [{"x": grid.tolist(), "y": line.tolist(), "label": f"claimed ρ = {fmt(self.rate)}"}]
        verdict = decide_upper(*ci, self.rate + self.tol)
        reason = f"ρ̂ {estimate:.6g} {ci_text(ci)} vs claimed ≤ {self.rate:.6g} + tol {fmt(self.tol)}"
        return Outcome(verdict, claimed, reason, estimate=estimate, ci=ci, reference=reference, **common)
