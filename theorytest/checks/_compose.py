"""Checks built from other checks or over several variables: joint scaling, quantiles
over a δ sweep (high-probability claims), and conjunctions of parts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from theorytest import _fit
from theorytest._verdict import Verdict, combine_verdicts, finite_float
from theorytest.checks._base import (
    Check,
    Context,
    Outcome,
    ci_text,
    decide_upper,
    fmt,
    inconclusive,
    positive_or_reason,
    x_values,
    zero_refutes_tight,
)
from theorytest.checks._rates import rate_text


@dataclasses.dataclass(frozen=True)
class Scaling(Check):
    """metric ∝ Π_j x_j^{p_j} in several variables, fitted jointly (log-linear least squares).

    `exponents` maps each sweep variable to its claimed exponent. sided='upper' checks
    every fitted exponent ≤ p_j + tol; sided='tight' checks |a_j − p_j| ≤ tol. `window`
    maps variables to (lo, hi) ranges that restrict the fitted points.
    """

    exponents: Mapping[str, float]
    tol: float = 0.1
    sided: str = "upper"
    window: Mapping[str, tuple[float, float]] | None = None
    series: str = "metric"

    def __post_init__(self):
        if not isinstance(self.exponents, Mapping) or not self.exponents:
            raise ValueError("check.exponents: must map sweep variables to claimed exponents")
        for name, p in self.exponents.items():
            finite_float(p, f"check.exponents[{name!r}]")
        if finite_float(self.tol, "check.tol") < 0:
            raise ValueError(f"check.tol: must be >= 0, got {self.tol}")
        if self.sided not in ("upper", "tight"):
            raise ValueError(f"check.sided: must be 'upper' or 'tight', got {self.sided!r}")

    def _mask(self, points: Sequence[Mapping[str, Any]]) -> np.ndarray:
        mask = np.ones(len(points), dtype=bool)
        for name, (lo, hi) in (self.window or {}).items():
            vals = np.array([float(p[name]) for p in points])
            mask &= (vals >= lo) & (vals <= hi)
        return mask

    def window_columns(self, points) -> np.ndarray:
        return self._mask(points)

    def plot_x(self, points):
        return x_values(points, next(iter(self.exponents)))

    def validate(self, points):
        for name in list(self.exponents) + list(self.window or {}):
            if name not in points[0]:
                raise ValueError(
                    f"check.exponents: {name!r} is not a sweep variable (have {sorted(points[0])})"
                )
        inside = int(self._mask(points).sum())
        if inside < len(self.exponents) + 2:
            raise ValueError(
                f"check.window: {inside} points inside; a joint fit of "
                f"{len(self.exponents)} exponents needs at least {len(self.exponents) + 2}"
            )

    def claimed(self, x: str = "") -> str:
        body = "·".join(rate_text(k, p) for k, p in self.exponents.items())
        return f"{'O' if self.sided == 'upper' else 'Θ'}({body})"

    def evaluate(self, ctx: Context) -> Outcome:
        mask = self._mask(ctx.points)
        names = list(self.exponents)
        pts = [p for p, m in zip(ctx.points, mask) if m]
        features = np.log(np.array([[float(p[n]) for n in names] for p in pts]))
        values = ctx.values(self.series)[mask]
        claimed = self.claimed()
        label = names[0]  # plotted against the first variable, one line per value of the others
        if self.sided == "tight":
            zero = zero_refutes_tight(values, claimed, x=label, series=(self.series,))
            if zero is not None:
                return zero
        reason = positive_or_reason(values, np.arange(len(values), dtype=float), "point")
        if reason:
            return inconclusive(claimed, reason, x=label, series=(self.series,))
        coef = _fit.multi_fit(features, _fit.safe_log(values))[1:]
        boot = _fit.multi_fit(features, _fit.safe_log(ctx.boot(self.series)[:, mask]))[:, 1:]
        verdicts, reasons, cis = [], [], {}
        for j, name in enumerate(names):
            p = float(self.exponents[name])
            lo, hi = ci = ctx.interval(boot[:, j])
            cis[name] = ci
            if self.sided == "upper":
                verdicts.append(decide_upper(lo, hi, p + self.tol))
            elif p - self.tol <= lo and hi <= p + self.tol:
                verdicts.append(Verdict.CONFIRMED)
            elif hi < p - self.tol or lo > p + self.tol:
                verdicts.append(Verdict.REFUTED)
            else:
                verdicts.append(Verdict.INCONCLUSIVE)
            reasons.append(f"{name}-exponent {fmt(coef[j])} {ci_text(ci)} vs {fmt(p)}")
        return Outcome(
            combine_verdicts(verdicts),
            claimed,
            "; ".join(reasons),
            estimate=float(coef[0]),
            ci=cis[names[0]],
            x=label,
            series=(self.series,),
            details={
                "exponents": {n: float(c) for n, c in zip(names, coef)},
                "ci": {n: list(c) for n, c in cis.items()},
            },
        )


@dataclasses.dataclass(frozen=True)
class HighProbability(Check):
    """A statement about the (1−δ)-quantile over seeds, for every δ in `deltas`.

    `check` is the check applied to each quantile: a Check, or a function δ -> Check
    (for bounds that depend on δ, such as C·log(1/δ)/√n). The verdict combines the δ's:
    REFUTED if any is refuted, CONFIRMED if all are confirmed.
    """

    deltas: Sequence[float]
    check: Check | Callable[[float], Check]

    def __post_init__(self):
        deltas = tuple(self.deltas) if isinstance(self.deltas, Sequence) else ()
        if not deltas:
            raise ValueError("check.deltas: must be a non-empty sequence of δ in (0, 1)")
        for d in deltas:
            if not 0 < finite_float(d, "check.deltas") < 1:
                raise ValueError(f"check.deltas: every δ must lie in (0, 1), got {d}")
        object.__setattr__(self, "deltas", deltas)
        if not (isinstance(self.check, Check) or callable(self.check)):
            raise ValueError("check.check: must be a Check or a function δ -> Check")

    def part(self, delta: float) -> Check:
        check = self.check if isinstance(self.check, Check) else self.check(delta)
        if not isinstance(check, Check):
            raise ValueError(f"check.check: returned {type(check).__name__} for δ={delta}, not a Check")
        return check

    def validate(self, points):
        for d in self.deltas:
            self.part(d).validate(points)

    def leaves(self) -> tuple[Check, ...]:
        return tuple(leaf for d in self.deltas for leaf in self.part(d).leaves())

    def claimed(self, x: str = "x") -> str:
        return f"(1−δ)-quantile {self.part(self.deltas[0]).claimed(x)}, δ ∈ {list(self.deltas)}"

    def evaluate(self, ctx: Context) -> Outcome:
        parts = []
        for d in self.deltas:
            sub = ctx.with_aggregate(1 - d)
            outcome = self.part(d).evaluate(sub)
            outcome.details["delta"] = d
            outcome.details["aggregate"] = 1 - d
            parts.append(outcome)
        return combined(
            parts,
            [f"δ={d:g}" for d in self.deltas],
            claimed=f"q(1−δ) {parts[0].claimed}, δ ∈ {list(self.deltas)}",
        )


@dataclasses.dataclass(frozen=True)
class AllOf(Check):
    """Several checks of one claim (a multi-part theorem): REFUTED if any part is.

    `lead` names the part (by name or position) whose estimate and CI stand for the claim in
    tables and plots, whatever the verdict; every part's claimed text, estimate and CI are in
    the outcome's parts. A claim and a control judged on the same data report the same lead.
    """

    checks: Sequence[Check]
    names: Sequence[str] | None = None
    lead: int | str = 0

    def __post_init__(self):
        checks = tuple(self.checks) if isinstance(self.checks, Sequence) else ()
        if not checks or not all(isinstance(c, Check) for c in checks):
            raise ValueError("check.checks: must be a non-empty sequence of checks")
        object.__setattr__(self, "checks", checks)
        if self.names is not None and len(self.names) != len(checks):
            raise ValueError("check.names: needs one name per check")
        names = list(self.names or [])
        if isinstance(self.lead, str) and self.lead not in names:
            raise ValueError(f"check.lead: {self.lead!r} is not one of the part names {names}")
        if not isinstance(self.lead, str) and (
            isinstance(self.lead, bool) or not isinstance(self.lead, int) or not 0 <= self.lead < len(checks)
        ):
            raise ValueError(
                f"check.lead: must be a part name or a position below {len(checks)}, got {self.lead!r}"
            )

    def lead_index(self) -> int:
        return list(self.names).index(self.lead) if isinstance(self.lead, str) else self.lead

    def validate(self, points):
        for c in self.checks:
            c.validate(points)

    def leaves(self) -> tuple[Check, ...]:
        return tuple(leaf for c in self.checks for leaf in c.leaves())

    def claimed(self, x: str = "x") -> str:
        return " and ".join(c.claimed(x) for c in self.checks)

    def evaluate(self, ctx: Context) -> Outcome:
        parts = [c.evaluate(ctx) for c in self.checks]
        names = list(self.names or [f"part {i + 1}" for i in range(len(parts))])
        return combined(parts, names, claimed=" and ".join(p.claimed for p in parts), lead=self.lead_index())


def combined(parts: list[Outcome], names: list[str], claimed: str, lead: int = 0) -> Outcome:
    """The parts' outcomes as one: the combined verdict, the lead part's estimate and CI."""
    verdict = combine_verdicts([p.verdict for p in parts])
    reason = "; ".join(f"{n}: {p.verdict.value} ({p.reason})" for n, p in zip(names, parts))
    for name, part in zip(names, parts):
        part.details.setdefault("name", name)
    lead_name, lead = names[lead], parts[lead]
    return Outcome(
        verdict,
        claimed,
        reason,
        estimate=lead.estimate,
        ci=lead.ci,
        x=lead.x,
        series=tuple(dict.fromkeys(s for p in parts for s in p.series)),
        window=lead.window,
        xscale="log" if any(p.xscale == "log" for p in parts) else lead.xscale,
        reference=[r for p in parts for r in p.reference],
        parts=parts,
        details={"lead": lead_name},
    )


@dataclasses.dataclass(frozen=True)
class Where(Check):
    """`check` on one group of the sweep: the points where the variables take `selection`.

    For a grid × checkpoints sweep, a rate fitted against k per value of another variable:
    `AllOf([Where({"m": 4}, UpperRate(...)), Where({"m": 16}, UpperRate(...))])`. The seeds
    and the bootstrap are shared with the whole run.
    """

    selection: Mapping[str, Any]
    check: Check

    def __post_init__(self):
        if not isinstance(self.selection, Mapping) or not self.selection:
            raise ValueError("check.selection: must map sweep variables to one value each")
        if not isinstance(self.check, Check):
            raise ValueError(f"check.check: must be a Check, got {type(self.check).__name__}")

    def _match(self, points) -> np.ndarray:
        return np.array([all(p.get(k) == v for k, v in self.selection.items()) for p in points])

    def _inside(self, points):
        return [p for p, m in zip(points, self._match(points)) if m]

    def validate(self, points):
        missing = [k for k in self.selection if k not in points[0]]
        if missing:
            raise ValueError(f"check.selection: {missing} are not sweep variables (have {sorted(points[0])})")
        inside = self._inside(points)
        if not inside:
            raise ValueError(f"check.selection: no point of the sweep has {dict(self.selection)}")
        self.check.validate(inside)

    def series_used(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for leaf in self.check.leaves() for s in leaf.series_used()))

    @property
    def blow_up_refutes(self) -> bool:  # type: ignore[override]
        return any(leaf.blow_up_refutes for leaf in self.check.leaves())

    def window_columns(self, points) -> np.ndarray:
        match = self._match(points)
        inside = self._inside(points)
        cols = np.zeros(len(inside), dtype=bool)
        for leaf in self.check.leaves():
            cols |= leaf.window_columns(inside)
        out = np.zeros(len(points), dtype=bool)
        out[np.flatnonzero(match)] = cols
        return out

    def plot_x(self, points):
        return self.check.leaves()[0].plot_x(points)

    def _where_text(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.selection.items())

    def claimed(self, x: str = "x") -> str:
        return f"{self.check.claimed(x)} at {self._where_text()}"

    def evaluate(self, ctx: Context) -> Outcome:
        outcome = self.check.evaluate(ctx.subset(self._match(ctx.points)))
        outcome.details["where"] = dict(self.selection)
        return dataclasses.replace(outcome, claimed=f"{outcome.claimed} at {self._where_text()}")
