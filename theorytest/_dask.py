"""Run claims on Dask distributed: one task per cell (claim × sweep point × seed block).

    from theorytest._dask import verify_on_dask
    plans = {c.id: plan_for(c, quick=True) for c in claims}
    results = verify_on_dask(claims, plans, workers=4)                      # LocalCluster
    results = verify_on_dask(claims, plans, scheduler="tcp://host:8786")

Claims are not pickled (their experiments are closures): each task carries the claim's
id and where it is defined (the module name of a built-in claim, or the path of a claim
file), and the worker re-loads it through `theorytest._registry` and runs one sweep point
on one block of seeds (`theorytest._runner.run_cell`); the calling process assembles the
cells and judges the claim. So claims must be module-level objects of an importable module or a
claim file that the workers can read at the same path, and the workers need theorytest
installed (for SLURM etc., start the workers with dask-jobqueue and pass the scheduler
address). Results are the same records `verify` gives in-process, in the input order, with
identical verdicts and numbers (only timings and host details differ). Each task carries its
claim's plan without the experiment function (seed range, sweep, PRNG setting), so workers
run exactly what the calling process resolved.

Workers are separate processes started with "spawn" (dask config
"distributed.worker.multiprocessing-method"): a process with JAX initialized is never forked.
Requires the optional extra: pip install "theorytest[cluster]" (dask[distributed]).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from theorytest._claim import Claim
from theorytest._plan import Plan


def _index_sources() -> dict[int, tuple[str, str]]:
    """id(claim) -> ("module", name) or ("file", path) for every claim module loaded so far."""
    from theorytest import _registry

    index: dict[int, tuple[str, str]] = {}
    for name, module in list(sys.modules.items()):
        if module is None:
            continue
        if name == "claims" or name.startswith("claims."):
            source = ("module", name)
        elif name.startswith("theorytest_user_") and getattr(module, "__file__", None):
            source = ("file", os.path.abspath(module.__file__))
        else:
            continue
        for claim in _registry.module_claims(module):
            index.setdefault(id(claim), source)
    return index


def claim_source(claim: Claim, index: dict[int, tuple[str, str]] | None = None) -> tuple[str, str]:
    """Where `claim` is defined, as ("module", dotted name) or ("file", absolute path)."""
    index = _index_sources() if index is None else index
    if id(claim) not in index:
        raise ValueError(
            f"dask: claim {claim.id!r} is not a module-level claim of the claims "
            "package or of a claim file, so workers cannot load it"
        )
    return index[id(claim)]


def load_claim(source: tuple[str, str], claim_id: str) -> Claim:
    """Re-load a claim by id from its module or claim file (in a worker)."""
    import importlib

    from theorytest import _registry

    kind, where = source
    if kind == "module":
        found = _registry.module_claims(importlib.import_module(where))
    elif kind == "file":
        found = _registry.load_file(where)
    else:
        raise ValueError(f"dask: unknown claim source {kind!r}")
    for claim in found:
        if claim.id == claim_id:
            return claim
    raise ValueError(f"dask: no claim {claim_id!r} in {where}")


def _cell_task(source: tuple[str, str], claim_id: str, plan: Plan, cell: tuple[int, int, int], block: int):
    """The task run in a worker: load the claim's experiment, run one sweep point on one block of seeds."""
    from theorytest import _runner

    point_index, start, count = cell
    plan = dataclasses.replace(plan, experiment=load_claim(source, claim_id).experiment)
    return _runner.run_cell(plan, point_index, start, count, block=block)


def verify_on_dask(
    claims: Sequence[Claim],
    plans: Mapping[str, Plan],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    seed_block: int | None = None,
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Verify `claims`, each on its plan (claim id -> Plan), on Dask; result records in the order of `claims`.

    The work is split into cells, one per (plan, sweep point, block of `seed_block` seeds;
    default all seeds), run as Dask tasks; claims with equal plans (a claim and the controls
    that change only its check) share cells. Each claim is judged in this process once its
    cells are in, so the verdicts and numbers equal an in-process run.
    scheduler: address of a running Dask scheduler ("tcp://host:8786"); otherwise a
    LocalCluster of `workers` single-threaded worker processes (default: one per cell, at
    most the number of CPUs). progress(result) is called as each claim is judged.
    """
    try:
        import dask
        from distributed import Client, LocalCluster, as_completed
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        raise ValueError(
            "dask: Dask distributed is not installed; pip install "
            "'theorytest[cluster]' (or 'dask[distributed]')"
        ) from err
    if scheduler is not None and workers is not None:
        raise ValueError("dask: give a scheduler address or a number of workers, not both")
    if workers is not None and workers < 1:
        raise ValueError(f"dask: workers must be a positive integer, got {workers}")
    if seed_block is not None and seed_block < 1:
        raise ValueError(f"dask: seed_block must be a positive integer, got {seed_block}")
    import theorytest
    from theorytest import _runner

    claims = list(claims)
    if not claims:
        return []
    index = _index_sources()
    groups: dict[tuple, list[int]] = {}  # equal plans -> positions of their claims
    for i, claim in enumerate(claims):
        groups.setdefault(plans[claim.id].key, []).append(i)
    work = []  # (group key, representative claim, its plan, its cells, block)
    for key, members in groups.items():
        claim = claims[members[0]]
        plan = plans[claim.id]
        block = min(seed_block or plan.seeds.count, plan.seeds.count)
        work.append((key, claim, plan, _runner.cells(plan, block=block), block))
    n_cells = sum(len(todo) for _, _, _, todo, _ in work)

    with dask.config.set({"distributed.worker.multiprocessing-method": "spawn"}):
        if scheduler is not None:
            cluster = None
            client = Client(scheduler)
        else:
            n = workers or max(1, min(n_cells, os.cpu_count() or 1))
            cluster = LocalCluster(n_workers=n, processes=True, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
        try:
            group_of, pending, done = {}, {}, {}
            futures = []
            for g, (_, claim, plan, todo, block) in enumerate(work):
                src = claim_source(claim, index)
                portable = dataclasses.replace(plan, experiment=None)  # functions do not travel
                pending[g] = len(todo)
                done[g] = []
                for cell in todo:
                    future = client.submit(
                        _cell_task,
                        src,
                        claim.id,
                        portable,
                        cell,
                        block,
                        pure=False,
                        key=f"theorytest-{claim.id}-{g}-{cell[0]}-{cell[1]}",
                    )
                    group_of[future.key] = g
                    futures.append(future)
            results: list[dict[str, Any] | None] = [None] * len(claims)
            for future in as_completed(futures):
                g = group_of[future.key]
                done[g].append(future.result())
                pending[g] -= 1
                if pending[g]:
                    continue
                key, _, plan, _, _ = work[g]
                _runner.assemble(plan, done.pop(g))
                for position in groups[key]:
                    result = theorytest.verify(claims[position], plans[claims[position].id])
                    results[position] = result
                    if progress is not None:
                        progress(result)
            return results  # type: ignore[return-value]
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
