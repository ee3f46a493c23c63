"""What every check shares: the evaluation context, the outcome record, x and windows."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from theorytest import _fit
from theorytest._verdict import Verdict, finite_float

XSpec = str | Callable[[Mapping[str, Any]], float] | None


@dataclasses.dataclass
class Outcome:
    """A check's verdict with the numbers behind it.

    estimate/ci: the statistic the verdict rests on (a fitted exponent, a ratio ...) and
    its bootstrap confidence interval; `claimed` is the claim in words ("O(k^-1)").
    `reference` lists curves for the plot (the claimed rate through the window, a bound).
    """

    verdict: Verdict
    claimed: str
    reason: str
    estimate: float | None = None
    ci: tuple[float, float] | None = None
    x: str = ""
    series: tuple[str, ...] = ("metric",)
    window: tuple[float, float] | None = None
    xscale: str = "log"
    reference: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    parts: list[Outcome] = dataclasses.field(default_factory=list)
    details: dict[str, Any] = dataclasses.field(default_factory=dict)


class Context:
    """The measurements of one run, with aggregates and bootstrap replicates on demand.

    points: the P measured points (dicts of variable -> value).
    series: name -> samples (S, P); seeds on axis 0.
    The bootstrap resamples seeds with one fixed index matrix, so the replicates of
    different series are paired (a comparison of A and B resamples the same seeds).
    """

    def __init__(self, points, series, aggregate, confidence=0.95, n_boot=_fit.DEFAULT_BOOTSTRAP, seed=0):
        self.points = tuple(points)
        self.series = {k: np.asarray(v, dtype=np.float64) for k, v in series.items()}
        self.aggregate = aggregate
        self.confidence = confidence
        if aggregate == "proportion":
            _require_outcomes(self.series)
        n_seeds = next(iter(self.series.values())).shape[0]
        self.indices = _fit.bootstrap_indices(n_seeds, n_boot, seed)
        self._cache: dict[tuple, np.ndarray] = {}

    def with_aggregate(self, how: str | float) -> Context:
        """The same data, aggregated another way (shares the bootstrap indices and cache)."""
        if how == "proportion":
            _require_outcomes(self.series)
        other = object.__new__(Context)
        other.__dict__.update(self.__dict__)
        other.aggregate = how
        return other

    def subset(self, columns: np.ndarray) -> Context:
        """The same seeds (and bootstrap indices) on the points where `columns` is True."""
        other = object.__new__(Context)
        other.__dict__.update(self.__dict__)
        other.points = tuple(p for p, keep in zip(self.points, columns) if keep)
        other.series = {k: v[:, columns] for k, v in self.series.items()}
        other._cache = {}
        return other

    @property
    def n_seeds(self) -> int:
        return self.indices.shape[1]

    def samples(self, series: str) -> np.ndarray:
        if series not in self.series:
            raise ValueError(
                f"check.series: the experiment returned no series {series!r} "
                f"(it returned {sorted(self.series)})"
            )
        return self.series[series]

    def values(self, series: str = "metric", how: str | float | None = None) -> np.ndarray:
        how = self.aggregate if how is None else how
        key = ("v", series, how)
        if key not in self._cache:
            self._cache[key] = _fit.aggregate(self.samples(series), how)
        return self._cache[key]

    def boot(self, series: str = "metric", how: str | float | None = None) -> np.ndarray:
        how = self.aggregate if how is None else how
        key = ("b", series, how)
        if key not in self._cache:
            self._cache[key] = _fit.bootstrap_aggregate(self.samples(series), how, self.indices)
        return self._cache[key]

    def interval(self, stats: np.ndarray) -> tuple[float, float]:
        return _fit.interval(stats, self.confidence, self.n_seeds)

    def proportion_intervals(
        self, series: str = "metric", level: float | None = None
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Exact binomial intervals of each point's rate, for the aggregate "proportion".

        None for every other aggregate. A claim declares a 0/1 outcome per seed (failed,
        succeeded) with that aggregate (checked when the context is made); the bootstrap
        interval of a point where every seed agrees would have zero width whatever the number
        of seeds, the Clopper–Pearson interval (`_fit.proportion_interval`) does not. By
        default the intervals hold jointly (Bonferroni over the points, as in `simultaneous`);
        `level` gives each point its own.
        """
        if self.aggregate != "proportion":
            return None
        samples = self.samples(series)
        if level is None:
            level = 1 - (1 - self.confidence) / samples.shape[1]
        return _fit.proportion_interval(samples.sum(axis=0), self.n_seeds, level)

    def simultaneous(self, stats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-point intervals of bootstrap statistics (B, m) that hold jointly.

        Bonferroni: each point at level 1 − (1 − confidence)/m. Used for statements about
        every point (a bound at every k, the max or min over a window), where the max of
        noisy estimates is biased and a plain bootstrap of the max is not trustworthy.
        """
        stats = np.asarray(stats, dtype=np.float64)
        level = 1 - (1 - self.confidence) / stats.shape[1]
        pairs = [_fit.interval(stats[:, j], level, self.n_seeds) for j in range(stats.shape[1])]
        return np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])


def _require_outcomes(series: Mapping[str, np.ndarray]) -> None:
    """The aggregate "proportion" counts 0/1 outcomes: refuse any other value, naming the series."""
    for name, samples in series.items():
        outcomes = (samples == 0) | (samples == 1)
        if not outcomes.all():
            bad = samples[~outcomes].flat[0]
            raise ValueError(
                f"aggregate: 'proportion' needs a 0/1 outcome per seed, series {name!r} has {bad!r}"
            )


def x_values(points: Sequence[Mapping[str, Any]], x: XSpec) -> tuple[np.ndarray, str]:
    """The x coordinate of each point, and its label."""
    if callable(x):
        return np.array([float(x(p)) for p in points]), getattr(x, "__name__", "x")
    if x is None:
        varying = [k for k in points[0] if len({_hashable(p[k]) for p in points}) > 1]
        if len(varying) != 1:
            raise ValueError(f"check.x: name the x variable, the sweep varies {varying or 'nothing'}")
        x = varying[0]
    if x not in points[0]:
        raise ValueError(f"check.x: {x!r} is not a sweep variable (have {sorted(points[0])})")
    try:
        return np.array([float(p[x]) for p in points]), x
    except (TypeError, ValueError):
        raise ValueError(f"check.x: variable {x!r} must be numeric") from None


def _hashable(v: Any) -> Any:
    return v if isinstance(v, int | float | str | bool) else repr(v)


def window_mask(xs: np.ndarray, window: tuple[float, float] | None) -> np.ndarray:
    if window is None:
        return np.ones(xs.shape, dtype=bool)
    lo, hi = window
    return (xs >= lo) & (xs <= hi)


class Check:
    """Base of every check kind.

    Subclasses set `x`, `window` and `series` as dataclass fields where they use them,
    define `evaluate(ctx) -> Outcome`, and may extend `validate(points)` to reject a
    specification that cannot work on a sweep, with a ValueError naming the field.

    The interface the engine uses, beside `evaluate` and `claimed`:
    - `leaves()`: the elementary checks inside (a composite check returns its parts');
    - `series_used()`: the series an elementary check reads;
    - `window_columns(points)`: which measured points its statistic looks at;
    - `plot_x(points)`: the x coordinate of each point for the figure, and its label;
    - `blow_up_refutes`: whether growth past the overflow guard inside the window
      contradicts the check (a rate or a bound: yes; a divergence claim or a comparison,
      which judges the blown-up values themselves: no).
    """

    min_points = 2
    blow_up_refutes = True

    def leaves(self) -> tuple[Check, ...]:
        return (self,)

    def series_used(self) -> tuple[str, ...]:
        return (getattr(self, "series", "metric"),)

    def window_columns(self, points: Sequence[Mapping[str, Any]]) -> np.ndarray:
        xs, _ = x_values(points, getattr(self, "x", None))
        return window_mask(xs, getattr(self, "window", None))

    def plot_x(self, points: Sequence[Mapping[str, Any]]) -> tuple[np.ndarray, str]:
        return x_values(points, getattr(self, "x", None))

    def validate(self, points: Sequence[Mapping[str, Any]]) -> None:
        window = getattr(self, "window", None)
        if window is not None:
            if not (isinstance(window, tuple | list) and len(window) == 2):
                raise ValueError(f"check.window: must be a pair (lo, hi), got {window!r}")
            lo = finite_float(window[0], "check.window")
            hi = finite_float(window[1], "check.window")
            if lo > hi:
                raise ValueError(f"check.window: needs lo <= hi, got {window!r}")
        if hasattr(self, "x"):
            xs, name = x_values(points, self.x)
            mask = window_mask(xs, window)
            inside = int(mask.sum())
            if inside < self.min_points:
                raise ValueError(
                    f"check.window: {window} holds {inside} of the sweep's {name} values "
                    f"{sorted(set(xs.tolist()))}; the check needs at least {self.min_points}"
                )
            if self.fits_a_line() and not callable(self.x):
                _refuse_pooled_fit(points, name, mask)

    def fits_a_line(self) -> bool:
        """Whether the statistic is one line fitted through the window's points."""
        return False

    def evaluate(self, ctx: Context) -> Outcome:  # pragma: no cover - interface
        raise NotImplementedError

    def claimed(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def _xs(self, ctx: Context) -> tuple[np.ndarray, str, np.ndarray]:
        xs, label = x_values(ctx.points, self.x)
        return xs, label, window_mask(xs, getattr(self, "window", None))


def _refuse_pooled_fit(points, name: str, mask: np.ndarray) -> None:
    """One fit against `name` must not pool points that differ in another sweep variable."""
    inside = [p for p, m in zip(points, mask) if m]
    others = [k for k in inside[0] if k != name and len({_hashable(p[k]) for p in inside}) > 1]
    if others:
        raise ValueError(
            f"check.x: the sweep also varies {others} inside the window, so one fit against {name!r} "
            f"would pool their points into one line; fit each group apart (tt.Where({{{others[0]!r}: "
            f"value}}, check) inside an AllOf) or fit against a callable x"
        )


def decide_upper(lo: float, hi: float, limit: float) -> Verdict:
    """CONFIRMED when the whole interval is at or below `limit`, REFUTED when above it."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return Verdict.INCONCLUSIVE
    if hi <= limit:
        return Verdict.CONFIRMED
    if lo > limit:
        return Verdict.REFUTED
    return Verdict.INCONCLUSIVE


def decide_lower(lo: float, hi: float, limit: float) -> Verdict:
    """CONFIRMED when the whole interval is at or above `limit`, REFUTED when below it."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return Verdict.INCONCLUSIVE
    if lo >= limit:
        return Verdict.CONFIRMED
    if hi < limit:
        return Verdict.REFUTED
    return Verdict.INCONCLUSIVE


def decide_strictly_above(lo: float, hi: float, limit: float) -> Verdict:
    """CONFIRMED when the whole interval is strictly above `limit`, REFUTED when at or below.

    For improvements: an interval [1, 1] (a tie) against limit 1 is REFUTED, never CONFIRMED.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return Verdict.INCONCLUSIVE
    if lo > limit:
        return Verdict.CONFIRMED
    if hi <= limit:
        return Verdict.REFUTED
    return Verdict.INCONCLUSIVE


def decide_strictly_below(lo: float, hi: float, limit: float) -> Verdict:
    """The mirror of `decide_strictly_above`: CONFIRMED when the interval is strictly below."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return Verdict.INCONCLUSIVE
    if hi < limit:
        return Verdict.CONFIRMED
    if lo >= limit:
        return Verdict.REFUTED
    return Verdict.INCONCLUSIVE


def fmt(v: float) -> str:
    return f"{v:.3g}"


def ci_text(ci: tuple[float, float]) -> str:
    return f"[{fmt(ci[0])}, {fmt(ci[1])}]"


def positive_or_reason(values: np.ndarray, xs: np.ndarray, label: str) -> str | None:
    """A reason string when a log-scale fit is impossible (a non-positive aggregate)."""
    bad = ~(values > 0)
    if bad.any():
        return (
            f"aggregate is non-positive at {label}={fmt(xs[bad][0])}: a log-scale fit "
            "is undefined there (floating-point floor? shrink the window)"
        )
    return None


def zero_refutes_tight(values: np.ndarray, claimed: str, **kw: Any) -> Outcome | None:
    """REFUTED when a Θ rate's aggregate is exactly 0 at every point of its window, else None.

    Θ(x^p) asserts a lower bound c·x^p with c > 0 as well as an upper one; a series that is
    identically 0 (e.g. a data-independent output's stability gap) meets no such lower bound.
    Zeros at only some points stay undecided (a log-scale fit is undefined there).
    """
    if values.size and np.all(values == 0):
        reason = f"aggregate is 0 at every point of the window: {claimed} needs a positive lower bound"
        return Outcome(Verdict.REFUTED, claimed, reason, **kw)
    return None


def inconclusive(claimed: str, reason: str, **kw: Any) -> Outcome:
    return Outcome(Verdict.INCONCLUSIVE, claimed, reason, **kw)
