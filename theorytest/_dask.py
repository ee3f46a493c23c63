"""Run claims on Dask distributed: one task per claim, on a local cluster or a scheduler.

    from theorytest._dask import verify_on_dask
    results = verify_on_dask(claims, quick=True, seeds=None, workers=4)      # LocalCluster
    results = verify_on_dask(claims, quick=False, seeds=None, scheduler="tcp://host:8786")

Claims are not pickled (their experiments are closures): each task carries the claim's
id and where it is defined (the module name of a built-in claim, or the path of a claim
file), and the worker re-loads it through `theorytest._registry` and calls
`theorytest.verify`. So claims must be module-level objects of an importable module or a
claim file that the workers can read at the same path, and the workers need theorytest
installed (for SLURM etc., start the workers with dask-jobqueue and pass the scheduler
address). Results are the same records `verify` gives in-process, in the input order, with
identical verdicts and numbers (only timings and host details differ); the PRNG setting
($THEORYTEST_PRNG) of the calling process is passed on to the workers.

Workers are separate processes started with "spawn" (dask config
"distributed.worker.multiprocessing-method"): a process with JAX initialized is never forked.
Requires the optional extra: pip install "theorytest[cluster]" (dask[distributed]).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from theorytest._claim import Claim

PRNG_ENV = "THEORYTEST_PRNG"


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
        raise ValueError(f"dask: claim {claim.id!r} is not a module-level claim of the claims "
                         "package or of a claim file, so workers cannot load it")
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


def _verify_task(source: tuple[str, str], claim_id: str, quick: bool, seeds: int | None,
                 prng: str | None) -> dict[str, Any]:
    """The task run in a worker: load the claim, verify it, return its result record."""
    if prng is None:
        os.environ.pop(PRNG_ENV, None)
    else:
        os.environ[PRNG_ENV] = prng
    import theorytest

    return theorytest.verify(load_claim(source, claim_id), quick=quick, seeds=seeds)


def verify_on_dask(claims: Sequence[Claim], *, quick: bool = False, seeds: int | None = None,
                   workers: int | None = None, scheduler: str | None = None,
                   progress: Callable[[dict[str, Any]], None] | None = None) -> list[dict[str, Any]]:
    """Verify `claims` on Dask, one task per claim; result records in the order of `claims`.

    scheduler: address of a running Dask scheduler ("tcp://host:8786"); otherwise a
    LocalCluster of `workers` single-threaded worker processes (default: one per claim,
    at most the number of CPUs). progress(result) is called as each claim finishes.
    """
    try:
        import dask
        from distributed import Client, LocalCluster, as_completed
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        raise ValueError("dask: Dask distributed is not installed; pip install "
                         "'theorytest[cluster]' (or 'dask[distributed]')") from err
    if scheduler is not None and workers is not None:
        raise ValueError("dask: give a scheduler address or a number of workers, not both")
    if workers is not None and workers < 1:
        raise ValueError(f"dask: workers must be a positive integer, got {workers}")
    claims = list(claims)
    if not claims:
        return []
    index = _index_sources()
    sources = [claim_source(c, index) for c in claims]
    prng = os.environ.get(PRNG_ENV)

    with dask.config.set({"distributed.worker.multiprocessing-method": "spawn"}):
        if scheduler is not None:
            cluster = None
            client = Client(scheduler)
        else:
            n = workers or max(1, min(len(claims), os.cpu_count() or 1))
            cluster = LocalCluster(n_workers=n, processes=True, threads_per_worker=1,
                                   dashboard_address=None)
            client = Client(cluster)
        try:
            futures = [client.submit(_verify_task, src, c.id, quick, seeds, prng, pure=False,
                                     key=f"theorytest-verify-{c.id}-{i}")
                       for i, (src, c) in enumerate(zip(sources, claims))]
            position = {f.key: i for i, f in enumerate(futures)}
            results: list[dict[str, Any] | None] = [None] * len(futures)
            for future in as_completed(futures):
                result = future.result()
                results[position[future.key]] = result
                if progress is not None:
                    progress(result)
            return results  # type: ignore[return-value]
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
