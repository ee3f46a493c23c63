"""Compile an experiment once for many sweep points: trace the variables that allow it.

A sweep variable that does not change shapes or Python control flow (a step size, δ, β, a
condition number) can be a traced value instead of a constant baked into the program. The
points that differ only in such variables then share one compiled program, which runs them
one after another (`lax.map` over the points, the seeds vmapped inside), so memory stays that
of one point while compilation happens once per group, not once per point.

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
from jax import lax


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


def over_seeds(fn: Callable, block: int | None = None) -> Callable:
    """`fn` of one key mapped over a batch of keys: all vmapped at once, or, with `block`, a loop
    over blocks of `block` seeds, each block vmapped (memory of one block; the batch size must be
    a multiple of `block`). A seed's numbers are the same either way."""
    if block is None:
        return jax.vmap(fn)
    return lambda keys: lax.map(fn, keys, batch_size=block)


def over_points(
    experiment: Callable, static: dict[str, Any], traced: Sequence[str], block: int | None = None
) -> Callable:
    """(keys, values) -> outputs stacked over points: values maps each traced name to its P values.

    `block`: seeds per block within a point (see `over_seeds`)."""

    def one_point(keys, values):
        return over_seeds(lambda key: experiment(key, **static, **values), block)(keys)

    def run(keys, values):
        return lax.map(lambda v: one_point(keys, v), values)

    return jax.jit(run)


def stacked_values(points: Sequence[dict[str, Any]], indices: Sequence[int], traced: Sequence[str]):
    return {
        n: jnp.asarray([points[i][n] for i in indices], dtype=_abstract(points[indices[0]][n]).dtype)
        for n in traced
    }
