"""Verify one claim: run it, look for divergence, apply its check, build the result record."""

from __future__ import annotations

import dataclasses
import time
import zlib
from typing import Any

import numpy as np

from theorytest import _pep, _runner
from theorytest._claim import Claim, Sweep, Verdict, describe_aggregate
from theorytest._environment import environment
from theorytest._plan import Plan, plan_for
from theorytest._precision import float64
from theorytest.checks import Check, Context, Outcome, combine_verdicts

BLOW_UP = 1e100  # |metric| above this (or ±inf) is a blow-up past the overflow guard


def _where(points, col: int) -> str:
    return ", ".join(f"{k}={v}" for k, v in points[col].items())


def _first_bad(points, series: dict[str, np.ndarray], bad_of) -> str | None:
    """A one-line description of the first point where `bad_of(samples)` holds for a seed."""
    first = None
    for name, samples in series.items():
        with np.errstate(invalid="ignore"):
            bad = bad_of(samples)
        cols = np.flatnonzero(bad.any(axis=0))
        if cols.size and (first is None or cols[0] < first[0]):
            first = (int(cols[0]), name, int(bad[:, cols[0]].sum()), samples.shape[0])
    if first is None:
        return None
    col, name, n_bad, n_seeds = first
    return f"series {name!r} at {_where(points, col)} in {n_bad}/{n_seeds} seeds"


def _blown(samples: np.ndarray) -> np.ndarray:
    return np.isinf(samples) | (np.abs(samples) > BLOW_UP)


def _blow_ups_in_windows(check: Check, points, series: dict[str, np.ndarray]):
    """(blow-ups a check that must stay bounded sees in its window, any leaf sees in its window).

    Each is a one-line description of the first such point, or None."""
    refuting, seen = None, None
    for leaf in check.leaves():
        cols = leaf.window_columns(points)
        inside = {name: np.where(cols, series[name], 0.0) for name in leaf.series_used() if name in series}
        found = _first_bad(points, inside, _blown)
        if found:
            seen = seen or found
            if leaf.blow_up_refutes:
                refuting = refuting or found
    return refuting, seen


def _overflow_nans_as_blow_ups(points, series: dict[str, np.ndarray], k_name: str):
    """NaN that follows a blow-up along the same trajectory (inf − inf after overflow) is +inf.

    A run that overflowed produces NaN at the next step; that NaN is the blow-up's, not an
    invalid operation's. Trajectories are the columns that differ only in the checkpoint."""
    runs: dict[str, list[int]] = {}
    for col, p in enumerate(points):
        runs.setdefault(repr([(k, v) for k, v in p.items() if k != k_name]), []).append(col)
    out = {}
    for name, samples in series.items():
        samples = samples.copy()
        for cols in runs.values():
            block = samples[:, cols]
            with np.errstate(invalid="ignore"):
                blown_before = np.maximum.accumulate(_blown(block), axis=1)
            block[np.isnan(block) & blown_before] = np.inf
            samples[:, cols] = block
        out[name] = samples
    return out


def _clipped(series: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Blown-up values held at ±BLOW_UP, so a check can judge them as very large numbers."""
    return {
        k: np.clip(np.nan_to_num(v, nan=np.nan, posinf=BLOW_UP, neginf=-BLOW_UP), -BLOW_UP, BLOW_UP)
        for k, v in series.items()
    }


def _plot_x(claim: Claim, points) -> tuple[np.ndarray, str]:
    return claim.check.leaves()[0].plot_x(points)


def _short(value: Any) -> str:
    """A sweep value for a legend: floats to 4 significant digits (339.0459746 -> 339)."""
    if isinstance(value, float | np.floating):
        return f"{float(value):.4g}"
    return str(value)


def _groups(points, xname: str) -> dict[str, list[int]]:
    """Columns grouped by the values of the variables other than x (one plot line each).

    When x is computed from the point (a callable, e.g. m·n) every point is on one line."""
    if xname not in points[0]:
        return {"": list(range(len(points)))}
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(points):
        label = ", ".join(f"{k}={_short(v)}" for k, v in p.items() if k != xname)
        groups.setdefault(label, []).append(i)
    return groups


def _aggregates(claim: Claim, outcome: Outcome) -> list[str | float]:
    """The aggregates the check looked at (quantiles of HighProbability parts, at any depth)."""

    def walk(o: Outcome):
        for p in o.parts:
            if "aggregate" in p.details:
                yield p.details["aggregate"]
            yield from walk(p)

    found = list(dict.fromkeys(walk(outcome)))
    if (
        found
        and claim.aggregate not in found
        and any(not p.details.get("aggregate") for p in outcome.parts if not p.parts)
    ):
        found.insert(0, claim.aggregate)  # parts on the claim's own aggregate too
    return found or [claim.aggregate]


def _curves(claim, ctx, outcome, xs, xname) -> list[dict[str, Any]]:
    curves = []
    groups = _groups(ctx.points, xname)
    for series in outcome.series:
        if series not in ctx.series:
            continue
        for how in _aggregates(claim, outcome):
            values = ctx.values(series, how)
            exact = ctx.with_aggregate(how).proportion_intervals(series, level=0.95)
            if exact is not None:  # a proportion: exact binomial, as the check judges it
                lo, hi = exact
            else:
                lo, hi = np.percentile(ctx.boot(series, how), [2.5, 97.5], axis=0)
            spread = None
            if how in ("mean", "median"):
                spread = np.percentile(ctx.samples(series), [10, 90], axis=0)
            for group, cols in groups.items():
                cols = sorted(cols, key=lambda c: xs[c])
                label = series if len(outcome.series) > 1 or series != "metric" else ""
                label = " ".join(filter(None, [label, describe_aggregate(how), group and f"({group})"]))
                curve = {
                    "label": label,
                    "series": series,
                    "x": xs[cols].tolist(),
                    "y": values[cols].tolist(),
                    "ci_lo": lo[cols].tolist(),
                    "ci_hi": hi[cols].tolist(),
                }
                if spread is not None:
                    curve["spread_lo"] = spread[0][cols].tolist()
                    curve["spread_hi"] = spread[1][cols].tolist()
                curves.append(curve)
    return curves


def outcome_record(outcome: Outcome) -> dict[str, Any]:
    record = dataclasses.asdict(outcome)
    record["verdict"] = outcome.verdict.value
    record["parts"] = [outcome_record(p) for p in outcome.parts]
    return record


def _with_pep(outcome: Outcome, pep: dict[str, Any]) -> Outcome:
    """Fold the PEP cross-check into the verdict: a bound below the worst case refutes."""
    if pep.get("verdict") is None:
        return outcome
    verdict = combine_verdicts([outcome.verdict, Verdict(pep["verdict"])])
    return dataclasses.replace(outcome, verdict=verdict, reason=f"{outcome.reason}; {pep['reason']}")


def _judge(claim: Claim, data, sweep: Sweep, confidence: float):
    """Divergence scan, check and PEP cross-check on measured data: (outcome, curves, pep).

    Growth past the overflow guard is data for the check where the check looks at it: a
    divergence claim (or a comparison) judges the blown-up values, held at ±BLOW_UP; a rate
    or a bound that sees one inside its window is REFUTED ("diverged at ..."). DIVERGED is
    left for what no check can judge: NaN (an invalid operation), or a blow-up outside
    every window.
    """
    xs, xname = _plot_x(claim, data.points)
    series = _overflow_nans_as_blow_ups(data.points, data.series, claim.sweep.checkpoint_name)
    nan = _first_bad(data.points, series, np.isnan)
    blown = _first_bad(data.points, series, _blown)
    refuting = None
    if nan or blown:
        refuting, seen = _blow_ups_in_windows(claim.check, data.points, series) if not nan else (None, None)
        if nan or not seen:
            reason = (
                f"NaN in {nan}"
                if nan
                else f"blew up (> {BLOW_UP:g}) outside every window of the check: {blown}"
            )
            outcome = Outcome(
                Verdict.DIVERGED, claim.check.claimed(xname), reason, x=xname, series=tuple(series)
            )
            return outcome, [], None
        series = _clipped(series)
    ctx = Context(data.points, series, claim.aggregate, confidence, seed=zlib.crc32(claim.id.encode()))
    outcome = claim.check.evaluate(ctx)
    if refuting:
        outcome = dataclasses.replace(
            outcome, verdict=Verdict.REFUTED, reason=f"diverged: {refuting} (> {BLOW_UP:g}); {outcome.reason}"
        )
    curves = _curves(claim, ctx, outcome, xs, xname)
    pep = None
    if claim.pep is not None:
        pep = _pep.cross_check(claim.pep, data.points, data.series, sweep.checkpoint_name)
        outcome = _with_pep(outcome, pep)
    return outcome, curves, pep


def _concat(first: _runner.RunData, more: _runner.RunData) -> _runner.RunData:
    series = {k: np.concatenate([first.series[k], more.series[k]], axis=0) for k in first.series}
    return _runner.RunData(
        first.points,
        series,
        first.n_seeds + more.n_seeds,
        first.compile_s + more.compile_s,
        first.run_s + more.run_s,
    )


# Interim looks of --adaptive are taken at a level 50 times stricter than the claim's: 0.999
# for the usual 0.95 (Haybittle–Peto's p < 0.001 for interim analyses).
INTERIM_STRICTNESS = 50


def _adaptive(claim: Claim, plan: Plan, progress):
    """Seed blocks until the verdict is decided or the plan's seeds are spent.

    Seeds are added in doubling blocks (a quarter of the plan's, then as many again, ...;
    each block continues the seed indices, so the first n seeds are the same as in a fixed
    run of n). This is a Haybittle–Peto group-sequential design: an interim look decides only
    at the strict level 1 − (1 − confidence)/50, and the last look, on all the plan's seeds, is
    the fixed-budget check itself (same seeds, same level), so the adaptive verdict differs
    from the fixed one only when an interim look decides and the full budget would not. The
    price: the chance of a wrong decision is at most the fixed run's plus (1 − confidence)/50
    per interim look.
    """
    interim = 1 - (1 - claim.confidence) / INTERIM_STRICTNESS
    budget = plan.seeds.count
    block = plan.seeds.head(budget // 4 if budget >= 8 else budget)
    data = _runner.run(plan.with_seeds(block), progress=progress)
    while True:
        last = data.n_seeds >= budget
        confidence = claim.confidence if last else interim
        outcome, curves, pep = _judge(claim, data, plan.sweep, confidence)
        if outcome.verdict is not Verdict.INCONCLUSIVE or last:
            return data, outcome, curves, pep, confidence
        block = block.then(min(data.n_seeds, budget - data.n_seeds))
        if progress is not None:
            progress(f"inconclusive at {data.n_seeds} seeds; adding {block.count}")
        data = _concat(data, _runner.run(plan.with_seeds(block), progress=progress))


def verify(
    claim: Claim,
    plan: Plan | None = None,
    *,
    quick: bool = False,
    seeds: int | None = None,
    progress=None,
    adaptive: bool = False,
) -> dict[str, Any]:
    """Run and check `claim`; return its result record (see results.py for the layout).

    plan: the run (theorytest/_plan.py); by default `plan_for(claim, quick=quick, seeds=seeds)`,
        the claim's full or quick budget with `seeds` in place of its seed count.
    adaptive: start from a quarter of the plan's seeds and add seeds only while the verdict is
        INCONCLUSIVE (see `_adaptive`).
    """
    if plan is None:
        plan = plan_for(claim, quick=quick, seeds=seeds)
    elif quick or seeds is not None:
        raise ValueError("verify: give a plan, or quick/seeds to make one, not both")
    with float64():
        return _verify(claim, plan, progress, adaptive)


def _verify(claim: Claim, plan: Plan, progress, adaptive: bool) -> dict[str, Any]:
    start = time.perf_counter()
    if adaptive:
        data, outcome, curves, pep, confidence = _adaptive(claim, plan, progress)
    else:
        data = _runner.run(plan, progress=progress)
        confidence = claim.confidence
        outcome, curves, pep = _judge(claim, data, plan.sweep, confidence)
    wall = time.perf_counter() - start
    return {
        "id": claim.id,
        "control_of": claim.control_of,
        "why": claim.why or None,
        "paper": dataclasses.asdict(claim.paper),
        "statement": claim.statement,
        "assumptions": list(claim.assumptions),
        "testbed": claim.testbed,
        "area": claim.area,
        "kind": type(claim.check).__name__,
        "claimed": outcome.claimed,
        "expected": claim.expected.value,
        "verdict": outcome.verdict.value,
        "estimate": outcome.estimate,
        "ci": list(outcome.ci) if outcome.ci is not None else None,
        "reason": outcome.reason,
        "aggregate": describe_aggregate(claim.aggregate),
        "confidence": confidence,
        "adaptive": adaptive,
        "quick": plan.size == "quick",
        "n_seeds": data.n_seeds,
        "seed_offset": plan.seeds.start,
        "points": [dict(p) for p in data.points],
        "outcome": outcome_record(outcome),
        "curves": curves,
        "wall_s": wall,
        "compile_s": data.compile_s,
        "run_s": data.run_s,
        "figures": [],
        "pep": pep,
        "source": claim.source or None,
        "quantity": claim.quantity or None,
        "revisions": list(claim.revisions),
        **environment(),
    }
