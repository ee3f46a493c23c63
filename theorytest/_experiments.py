"""Transformations of experiments that controls are made of."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def same_method(
    experiment: Callable[..., Any], replace: Mapping[str, str] | None = None, **more: str
) -> Callable[..., Any]:
    """`experiment` reporting, for each `series=other`, the series `other` in its place.

    Series names that are not identifiers go in the mapping: `same_method(run, {"seq ρ": "sim ρ"})`.

    The same-method control of a comparison: `same_method(run, better="baseline")` runs the
    same experiment but reports the baseline where the better method was, so "better beats
    baseline" compares a method with itself and must not CONFIRM. The result is a new
    experiment (a change of the run, so the control counts as a mechanism control).
    """
    replace = {**(replace or {}), **more}
    if not replace:
        raise ValueError("same_method: name at least one series=replacement")

    def replaced(key, **point):
        out = experiment(key, **point)
        if not isinstance(out, dict):
            raise ValueError("same_method: the experiment must return a dict of series")
        return relabel(out, replace)

    replaced.__name__ = f"same_method({getattr(experiment, '__name__', 'experiment')})"
    # The runner reads this to relabel the experiment's own run instead of running it again.
    replaced.same_method_of = (experiment, dict(replace))
    return replaced


def relabel(series: Mapping[str, Any], replace: Mapping[str, str]) -> dict[str, Any]:
    """`series` with each series `name` of `replace` taken from `replace[name]` (see same_method)."""
    missing = [s for pair in replace.items() for s in pair if s not in series]
    if missing:
        raise ValueError(
            f"same_method: the experiment returns no series {missing} (it returns {sorted(series)})"
        )
    return {**series, **{name: series[other] for name, other in replace.items()}}
