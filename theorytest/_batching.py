"""Compile an experiment once for many sweep points: trace the variables that allow it.

A sweep variable that does not change shapes or Python control flow (a step size, δ, β, a
condition number) can be a traced value instead of a constant baked into the program. The
points that differ only in such variables then share one compiled program, called once per
point with that point's values as arguments (the seeds vmapped inside), so memory stays that
of one point while compilation happens once per group, not once per point. The points are a
host loop rather than an XLA loop (`lax.map`): see `_runner._within_memory` for the deadlock
an XLA loop around batched LAPACK kernels can cause on a small CPU thread pool.

Which variables can be traced is found by tracing, not declared: a variable is traceable when
`jax.eval_shape` of the experiment with that variable abstract succeeds (no shape, loop bound
or Python branch depends on it) and gives the same output shapes. Points that differ in a
variable that cannot be traced are grouped apart, each group compiled once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np


def _scalar(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def _abstract(value: Any) -> jax.ShapeDtypeStruct:
    dtype = jnp.int64 if isinstance(value, int | np.integer) else jnp.float64
    return jax.ShapeDtypeStruct((), dtype)


def _traces(
    experiment: Callable, key: jax.Array, point: dict[str, Any], names: Sequence[str], fixed: dict[str, Any]
) -> Any | None:
    """The output shapes with `names` abstract, or None when the experiment needs them concrete."""

    def call(key, values):
        return experiment(key, **{**point, **fixed, **values})

    try:
        return jax.eval_shape(call, key, {n: _abstract(point[n]) for n in names})
    except Exception:  # noqa: BLE001 - any tracing failure means "keep this variable concrete"
        return None


def traceable(
    experiment: Callable, key: jax.Array, points: Sequence[dict[str, Any]], fixed: dict[str, Any]
) -> tuple[str, ...]:
    """The sweep variables that vary, are scalars, and can all be traced together."""
    if len(points) < 2:
        return ()
    first = points[0]
    varying = [
        n
        for n in first
        if _scalar(first[n])
        and len({repr(p[n]) for p in points}) > 1
        and all(_scalar(p[n]) and type(p[n]) is type(first[n]) for p in points)
    ]
    concrete = jax.eval_shape(lambda k: experiment(k, **first, **fixed), key)
    names = [n for n in varying if _traces(experiment, key, first, [n], fixed) == concrete]
    if names and _traces(experiment, key, first, names, fixed) != concrete:
        return ()
    return tuple(names)


def groups(points: Sequence[dict[str, Any]], traced: Sequence[str]) -> list[list[int]]:
    """Indices of points that differ only in `traced` variables (one compiled program each)."""
    out: dict[str, list[int]] = {}
    for i, p in enumerate(points):
        out.setdefault(repr(sorted((k, v) for k, v in p.items() if k not in traced)), []).append(i)
    return list(out.values())


def at_point(experiment: Callable, static: dict[str, Any]) -> Callable:
    """(keys, values) -> the outputs at one point, seeds vmapped; values maps each traced name
    to the point's value (a traced argument: one compiled program serves every point)."""

    def run(keys, values):
        return jax.vmap(lambda key: experiment(key, **static, **values))(keys)

    return jax.jit(run)


def point_values(point: dict[str, Any], traced: Sequence[str]) -> dict[str, jax.Array]:
    """The traced variables' values at `point`, as the arguments `at_point`'s program takes."""
    return {n: jnp.asarray(point[n], dtype=_abstract(point[n]).dtype) for n in traced}
