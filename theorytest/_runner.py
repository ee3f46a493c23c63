"""The runner: one claim's experiment, jit-compiled, vmapped over seeds, timed.

Seeds are a batch axis: the experiment is written for one PRNG key and `jax.vmap` runs
all seeds at once. A trajectory sweep is a single `lax.scan` that records the metric at
the checkpoints (see `trajectory`), so one compiled run gives the whole sweep over k.
Compile time is measured apart from run time (ahead-of-time `lower().compile()`).

With several local devices (e.g. `XLA_FLAGS=--xla_force_host_platform_device_count=8` on
CPU, or several GPUs) the seeds axis is sharded over all of them: a 1-d `Mesh` over
`jax.devices()` with axis "seeds", keys placed with `NamedSharding(mesh, P("seeds"))`, and
each device runs the vmapped experiment on its own block of seeds (`jax.shard_map`, no
communication). A seed count that is not a multiple of the device count is padded with
extra seeds whose results are dropped, so results equal the 1-device run.

Every entry point takes a `Plan` (theorytest/_plan.py): the experiment, the sweep, the seed
range, the PRNG and the device count, resolved once by the caller.

PRNG: keys use the plan's implementation, "philox" (philox4x32) unless THEORYTEST_PRNG names
another: "threefry" (threefry2x32, JAX's default) or "rbg". On CPU threefry dominated small
stochastic testbeds and compiled about 10× slower in vmapped experiments (measured here: 25 s
against 2–3 s for one vmapped normal draw on a loaded machine); philox4x32 is several times
cheaper (see docs/benchmarks.md). Each implementation gives its own (equally valid) random
streams, so verdicts can differ at the margin between implementations. threefry and philox are
reproducible per seed: the same seed gives the same numbers whatever the seed count or device
count. rbg is reproducible only for the same seed count and device count: under vmap XLA's
RngBitGenerator draws a whole batch from the batch's first key, so a seed's stream depends on
the batch it is in (and results on 8 devices differ from 1 device).
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import inspect
import math
import time
import zlib
from collections.abc import Callable, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax
from jax.sharding import Mesh, NamedSharding
from jax.sharding import PartitionSpec as P

from theorytest import _batching, _experiments
from theorytest._plan import PRNG_IMPLS, Plan, prng_setting
from theorytest._precision import float64

SEEDS_AXIS = "seeds"


def seed_keys(claim_id: str, n_seeds: int, offset: int = 0, prng: str | None = None) -> jax.Array:
    """PRNG keys for seeds offset .. offset + n_seeds − 1, derived from the claim id.

    The same id and seed index give the same key on every run, machine and device count
    (for a given PRNG implementation; `prng` defaults to the THEORYTEST_PRNG setting).
    """
    with float64():
        root = jax.random.key(zlib.crc32(claim_id.encode()), impl=PRNG_IMPLS[prng_setting(prng)])
        return jax.vmap(lambda i: jax.random.fold_in(root, i))(jnp.arange(offset, offset + n_seeds))


def _keys(plan: Plan, start: int, count: int) -> jax.Array:
    """Keys of `count` seeds from index plan.seeds.start + start."""
    return seed_keys(plan.root, count, plan.seeds.start + start, plan.prng)


def trajectory(
    step: Callable[[Any, Any], Any], state: Any, checkpoints: Sequence[int], observe: Callable[[Any], Any]
) -> Any:
    """Iterate `state = step(t, state)` for t = 0, 1, ... and observe it at the checkpoints.

    Returns `observe(state)` after each count of steps in `checkpoints` (stacked on a
    leading axis), e.g. checkpoints (1, 10, 100) gives the metric after 1, 10 and 100
    steps. One `lax.scan` over the gaps between checkpoints, each gap a `fori_loop`, so
    the metric is computed only where it is recorded.
    """
    counts = np.asarray(checkpoints, dtype=np.int64)
    gaps = np.diff(np.concatenate([[0], counts]))

    def segment(carry, gap):
        state, t = carry
        state = lax.fori_loop(t, t + gap, step, state)
        return (state, t + gap), observe(state)

    _, observed = lax.scan(segment, (state, jnp.asarray(0, gaps.dtype)), jnp.asarray(gaps))
    return observed


@dataclasses.dataclass
class RunData:
    """Measurements of one run: series name -> samples (seeds, points), with timings."""

    points: tuple[dict[str, Any], ...]
    series: dict[str, np.ndarray]
    n_seeds: int
    compile_s: float
    run_s: float
    compile_cpu_s: float = 0.0  # process CPU time (all threads): steadier than wall on a busy host
    run_cpu_s: float = 0.0


def _as_series(out: Any) -> dict[str, np.ndarray]:
    if isinstance(out, dict):
        return {str(k): np.asarray(v, dtype=np.float64) for k, v in out.items()}
    return {"metric": np.asarray(out, dtype=np.float64)}


def _point_columns(series: dict[str, np.ndarray], n_seeds: int, n_cols: int, point: dict):
    out = {}
    for name, arr in series.items():
        arr = arr.reshape(n_seeds, -1)
        if arr.shape[1] != n_cols:
            raise ValueError(
                f"experiment: series {name!r} at {point} has {arr.shape[1]} values per seed, "
                f"expected {n_cols} (one per checkpoint, or a scalar without checkpoints)"
            )
        out[name] = arr
    return out


_MEMO: dict[str, dict[tuple, RunData]] = {}  # root claim id -> plan key -> its run
# Compiled executables by (experiment, point, seed count, layout): a rerun with other seeds
# of the same count (audit reseeds, adaptive blocks) reuses the compile, since keys of the
# same shape only change values.
# Bounded (least recently used first out): each executable holds its machine code.
_COMPILED: collections.OrderedDict[tuple, Any] = collections.OrderedDict()
_COMPILED_MAX = 32
# Scratch memory one compiled run may take, by XLA's estimate after compiling. A program that
# needs more (many seeds of a large experiment vmapped at once) is compiled again to run its
# seeds in blocks: the same numbers per seed, the memory of one block, one extra compile.
SEED_MEMORY_BUDGET = 384 * 2**20
# What this process compiled: programs and summed seconds (for summary.json's run section).
COMPILE_STATS = {"programs": 0, "compile_s": 0.0}


def _cached_compile(cache_key: tuple, compile_program: Callable[[], Any]) -> Any:
    """The executable under `cache_key`, compiled (and counted) on first use; LRU-bounded."""
    if cache_key in _COMPILED:
        _COMPILED.move_to_end(cache_key)
        return _COMPILED[cache_key]
    start = time.perf_counter()
    compiled = _COMPILED[cache_key] = compile_program()
    COMPILE_STATS["programs"] += 1
    COMPILE_STATS["compile_s"] += time.perf_counter() - start
    while len(_COMPILED) > _COMPILED_MAX:
        _COMPILED.popitem(last=False)
    return compiled


def _seed_mesh(devices: int) -> Mesh | None:
    """A 1-d mesh over the first `devices` local devices with axis "seeds", or None for one."""
    if devices <= 1:
        return None
    return Mesh(np.asarray(jax.local_devices()[:devices]), (SEEDS_AXIS,))


def _padded(n_seeds: int, mesh: Mesh | None) -> int:
    """The seed count rounded up to a multiple of the number of devices in `mesh`."""
    if mesh is None:
        return n_seeds
    return math.ceil(n_seeds / mesh.size) * mesh.size


def _batched(experiment: Callable, mesh: Mesh | None) -> Callable:
    """`experiment` vmapped over keys; with a mesh, each device vmaps its block of seeds."""
    if mesh is None:
        return jax.jit(jax.vmap(experiment))
    batched = jax.vmap(experiment)
    spec = P(SEEDS_AXIS)
    sharded = jax.shard_map(batched, mesh=mesh, in_specs=spec, out_specs=spec, check_vma=False)
    sharding = NamedSharding(mesh, spec)
    return jax.jit(sharded, in_shardings=sharding, out_shardings=sharding)


def _partitioner(mesh: Mesh | None, prng: str):
    """Context for lowering and compiling: GSPMD instead of Shardy for sharded philox runs.

    JAX 0.10's Shardy partitioner fails on philox's `mulhi` ("Unable to convert MHLO to
    StableHLO") even inside shard_map; the GSPMD partitioner compiles it correctly. JAX has no
    public switch for the partitioner inside a block, hence the private `jax._src.config`
    (JAX 0.10; other versions fall back to the default partitioner).
    """
    if mesh is None or prng != "philox":
        return contextlib.nullcontext()
    try:
        from jax._src import config as jax_config

        return jax_config.use_shardy_partitioner(False)
    except (ImportError, AttributeError, TypeError):  # pragma: no cover - other JAX versions
        return contextlib.nullcontext()


def _seed_block(compiled: Any, n_seeds: int) -> int | None:
    """Seeds per block when `compiled` (every seed vmapped at once) would need more scratch
    memory than SEED_MEMORY_BUDGET by XLA's own estimate, else None."""
    try:
        scratch = compiled.memory_analysis().temp_size_in_bytes
    except (AttributeError, NotImplementedError, jax.errors.JaxRuntimeError):  # no estimate
        return None
    blocks = min(n_seeds, math.ceil(scratch / SEED_MEMORY_BUDGET))
    return None if blocks <= 1 else math.ceil(n_seeds / blocks)


def _within_memory(
    plan: Plan,
    start: int,
    keys: jax.Array,
    compile_for: Callable[[jax.Array], Any],
    seed_axis: int = 0,
) -> tuple[Callable[..., Any], jax.Array]:
    """The executable `compile_for(keys)` gives for every seed at once, or, when XLA estimates
    its scratch over SEED_MEMORY_BUDGET, the same program compiled for one block of seeds and
    called block after block from the host (keys padded to a whole number of blocks; the extra
    seeds are run and dropped). Returns it with the keys it takes.

    The blocks are a host loop, not an XLA loop (`lax.map`): inside an XLA while loop the
    body runs on the CPU's intra-op thread pool, and jaxlib's batched LAPACK kernels (lstsq's
    SVD) wait on that same pool for their sub-tasks; two of them at once on a 2-thread pool
    wait for each other forever (dpp-weighted-ls hung at full size, every run). The same wait
    can happen without a loop, which the pool's size guards against
    (`_environment.reserve_intra_op_threads`)."""
    compiled = compile_for(keys)
    block = _seed_block(compiled, len(keys))
    if block is None:
        return compiled, keys
    keys = _keys(plan, start, math.ceil(len(keys) / block) * block)
    one_block = compile_for(keys[:block])

    def in_blocks(all_keys, *args):
        outs = [one_block(all_keys[i : i + block], *args) for i in range(0, len(all_keys), block)]
        return jax.tree.map(lambda *parts: jnp.concatenate(parts, axis=seed_axis), *outs)

    return in_blocks, keys


def _compiled(plan: Plan, kwargs: dict[str, Any], keys: jax.Array, mesh: Mesh | None):
    """The plan's experiment at one sweep point, vmapped over `keys`, compiled once per process."""
    cache_key = (
        plan.experiment,
        repr(sorted(kwargs.items())),
        keys.shape,
        plan.prng,
        None if mesh is None else tuple(d.id for d in mesh.devices.flat),
    )

    def compile_program():
        batched = _batched(lambda key: plan.experiment(key, **kwargs), mesh)
        with _partitioner(mesh, plan.prng):
            return batched.lower(keys).compile()

    return _cached_compile(cache_key, compile_program)


def _check_signature(experiment: Callable, kwargs: dict[str, Any]) -> None:
    """A one-line error when the experiment cannot take (key, **point) for this sweep."""
    try:
        signature = inspect.signature(experiment)
    except (TypeError, ValueError):  # a callable without a signature: let the call tell
        return
    try:
        signature.bind("key", **kwargs)
    except TypeError as err:
        name = getattr(experiment, "__name__", "experiment")
        raise ValueError(
            f"experiment: {name}{signature} cannot be called as (key, "
            f"{', '.join(f'{k}=...' for k in kwargs)}) for this sweep: {err}"
        ) from None


def _host(out: Any, n_seeds: int) -> Any:
    """Outputs on the host, padding seeds dropped."""
    return jax.tree.map(lambda a: np.asarray(a)[:n_seeds], out)


def _n_columns(plan: Plan) -> int:
    return len(plan.sweep.checkpoints) if plan.sweep.checkpoints is not None else 1


def _fixed(plan: Plan) -> dict[str, Any]:
    """Arguments every point passes: the checkpoints of a trajectory sweep."""
    return {} if plan.sweep.checkpoints is None else {"checkpoints": plan.sweep.checkpoints}


@dataclasses.dataclass
class Cell:
    """Measurements of one sweep point on one block of seeds (a unit of distributed work)."""

    point_index: int
    start: int  # first seed of the block, counted from plan.seeds.start
    columns: dict[str, np.ndarray]  # series -> (seeds in the block, values at the point)
    compile_s: float
    run_s: float
    compile_cpu_s: float
    run_cpu_s: float


def run_cell(plan: Plan, point_index: int, start: int, count: int, *, block: int | None = None) -> Cell:
    """Run `plan` at static sweep point `point_index` on its seeds start .. start + count − 1.

    `block` (≥ count) pads the batch so that every block of a plan has one shape and
    compiles once per process; padded seeds are computed and dropped. A seed's numbers do not
    depend on the block it is run in (keys derive from its index), so cells assemble into the
    run `run` gives in one piece.
    """
    with float64():
        return _run_cell(plan, point_index, start, count, block)


def _run_cell(plan: Plan, point_index: int, start: int, count: int, block: int | None) -> Cell:
    point = plan.sweep.static_points()[point_index]
    mesh = _seed_mesh(plan.devices)
    keys = _keys(plan, start, _padded(max(block or count, count), mesh))
    if mesh is not None:
        keys = jax.device_put(keys, NamedSharding(mesh, P(SEEDS_AXIS)))
    kwargs = {**point, **_fixed(plan)}
    _check_signature(plan.experiment, kwargs)
    t0, c0 = time.perf_counter(), time.process_time()
    if mesh is None:
        compiled, keys = _within_memory(plan, start, keys, lambda ks: _compiled(plan, kwargs, ks, mesh))
    else:
        compiled = _compiled(plan, kwargs, keys, mesh)
    t1, c1 = time.perf_counter(), time.process_time()
    out = jax.block_until_ready(compiled(keys))
    t2, c2 = time.perf_counter(), time.process_time()
    columns = _point_columns(_as_series(_host(out, count)), count, _n_columns(plan), point)
    return Cell(point_index, start, columns, t1 - t0, t2 - t1, c1 - c0, c2 - c1)


def assemble(plan: Plan, cells: Sequence[Cell]) -> RunData:
    """The RunData of `plan` from cells covering every point and seed; memoized like `run`."""
    n_seeds = plan.seeds.count
    by_point: dict[int, list[Cell]] = {}
    for cell in cells:
        by_point.setdefault(cell.point_index, []).append(cell)
    columns: dict[str, list[np.ndarray]] = {}
    for i in range(len(plan.sweep.static_points())):
        blocks = sorted(by_point.get(i, []), key=lambda c: c.start)
        covered = sum(len(next(iter(c.columns.values()))) for c in blocks)
        if [c.start for c in blocks][:1] != [0] or covered != n_seeds:
            raise ValueError(f"cells: point {i} of {plan.root!r} has {covered} of {n_seeds} seeds")
        for name in blocks[0].columns:
            columns.setdefault(name, []).append(np.concatenate([c.columns[name] for c in blocks]))
    series = {name: np.concatenate(parts, axis=1) for name, parts in columns.items()}
    data = RunData(
        plan.sweep.all_points(),
        series,
        n_seeds,
        sum(c.compile_s for c in cells),
        sum(c.run_s for c in cells),
        sum(c.compile_cpu_s for c in cells),
        sum(c.run_cpu_s for c in cells),
    )
    _MEMO.setdefault(plan.root, {})[plan.key] = data
    return data


def cells(plan: Plan, *, block: int | None = None) -> list[tuple[int, int, int]]:
    """(point index, first seed, seed count) of every cell: points × blocks of `block` seeds."""
    n_seeds = plan.seeds.count
    block = block or n_seeds
    return [
        (i, start, min(block, n_seeds - start))
        for i in range(len(plan.sweep.static_points()))
        for start in range(0, n_seeds, block)
    ]


def run(plan: Plan, *, progress: Callable[[str], None] | None = None) -> RunData:
    """Run the plan's experiment over its sweep, vmapped over its seeds.

    Keys come from the plan's root id (a negative control shares its claim's seeds, so the
    two differ only by what the control changes). Equal plans are memoized within a process:
    a control that changes only the check reuses its claim's measurements.
    """
    if plan.key in _MEMO.get(plan.root, {}):
        return _MEMO[plan.root][plan.key]
    if hasattr(plan.experiment, "same_method_of"):
        return _relabelled(plan, *plan.experiment.same_method_of, progress=progress)
    batched = _run_batched(plan, progress) if plan.devices <= 1 else None
    if batched is not None:
        return assemble(plan, batched)
    done = []
    todo = cells(plan)
    for point_index, start, count in todo:
        if progress is not None and len(todo) > 1:
            progress(f"point {point_index + 1}/{len(todo)} {plan.sweep.static_points()[point_index]}")
        done.append(run_cell(plan, point_index, start, count))
    return assemble(plan, done)


def _relabelled(plan: Plan, experiment: Callable, replace: dict[str, str], *, progress) -> RunData:
    """A same-method control's run: its experiment's own run (shared with the claim when the
    sweep and seeds agree) with series relabelled; the numbers a separate run would give."""
    data = run(dataclasses.replace(plan, experiment=experiment), progress=progress)
    series = _experiments.relabel(data.series, replace)
    relabelled = _MEMO.setdefault(plan.root, {})[plan.key] = dataclasses.replace(data, series=series)
    return relabelled


def _run_batched(plan: Plan, progress) -> list[Cell] | None:
    """Every point of the sweep, one compiled program per group of points (see _batching).

    None when no sweep variable can be traced (then each point is compiled on its own)."""
    n_seeds = plan.seeds.count
    points = [dict(p) for p in plan.sweep.static_points()]
    if len(points) < 2:
        return None
    fixed = _fixed(plan)
    with float64():
        keys = _keys(plan, 0, n_seeds)
        _check_signature(plan.experiment, {**points[0], **fixed})
        traced = _batching.traceable(plan.experiment, keys[0], points, fixed)
        if not traced:
            return None
        done = []
        groups = _batching.groups(points, traced)
        for g, indices in enumerate(groups):
            if progress is not None and len(groups) > 1:
                progress(f"group {g + 1}/{len(groups)}: {len(indices)} points in one program")
            static = {**{k: v for k, v in points[indices[0]].items() if k not in traced}, **fixed}
            first = _batching.point_values(points[indices[0]], traced)
            t0, c0 = time.perf_counter(), time.process_time()
            compiled, group_keys = _within_memory(
                plan, 0, keys, lambda ks: _compiled_at_points(plan, static, traced, ks, first)
            )
            t1, c1 = time.perf_counter(), time.process_time()
            for j, i in enumerate(indices):
                r0, rc0 = time.perf_counter(), time.process_time()
                out = jax.block_until_ready(compiled(group_keys, _batching.point_values(points[i], traced)))
                run_s, run_cpu_s = time.perf_counter() - r0, time.process_time() - rc0
                at_point = jax.tree.map(lambda a: np.asarray(a)[:n_seeds], out)
                columns = _point_columns(_as_series(at_point), n_seeds, _n_columns(plan), points[i])
                first_point = j == 0  # the group's compile is counted once
                done.append(
                    Cell(i, 0, columns, (t1 - t0) * first_point, run_s, (c1 - c0) * first_point, run_cpu_s)
                )
    return done


def _compiled_at_points(plan: Plan, static, traced, keys, values):
    """The program of a group of sweep points (see `_batching.at_point`), compiled once."""
    cache_key = (plan.experiment, "at points", repr(sorted(static.items())), traced, keys.shape, plan.prng)
    return _cached_compile(
        cache_key,
        lambda: _batching.at_point(plan.experiment, static).lower(keys, values).compile(),
    )


def forget(root_id: str) -> None:
    """Free the measurements of claim `root_id` and its controls (once all are judged)."""
    _MEMO.pop(root_id, None)


def clear_memo() -> None:
    """Forget memoized runs and compiled executables (tests; long-lived processes)."""
    _MEMO.clear()
    _COMPILED.clear()
