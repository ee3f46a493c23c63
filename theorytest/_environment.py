"""The software and hardware a result was computed on (recorded in every result)."""

from __future__ import annotations

import functools
import importlib.metadata
import os
import platform
import resource
import sys

import jax

_PACKAGES = ("theorytest", "jax", "jaxlib", "optax", "numpy", "scipy", "matplotlib")

# XLA's CPU client sizes its intra-op thread pool from $NPROC, else from the CPU count.
INTRA_OP_THREADS_ENV = "NPROC"
# At least this many intra-op threads. jaxlib's batched LAPACK kernels (lstsq's SVD, eig,
# triangular solves) run on that pool and wait on it for their own sub-tasks; when as many of
# them run at once as the pool has threads, each waits for the others forever. On the 2-core
# machine this project is built on that hung dpp-weighted-ls and s4-ptd at full size (two
# kernels, two threads; 16 s with 8 threads). No program here runs 8 such kernels at once.
MIN_INTRA_OP_THREADS = 8


@functools.cache
def environment() -> dict:
    versions = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "backend": jax.default_backend(),
        "devices": jax.device_count(),
        "versions": versions,
    }


def peak_memory_mb() -> float:
    """Peak resident memory of this process and of the child processes it waited for, in MiB."""
    scale = 1 / 2**20 if sys.platform == "darwin" else 1 / 2**10  # bytes on macOS, KiB on Linux
    return (
        max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        * scale
    )


def reserve_intra_op_threads(environ=os.environ) -> None:
    """Give XLA's CPU intra-op pool at least MIN_INTRA_OP_THREADS threads, unless $NPROC is set.

    Takes effect only before JAX creates its CPU backend (the first computation), so
    `import theorytest` calls it: the command line, the tests, the benchmarks and a user's
    script that imports theorytest before computing all get the larger pool."""
    if INTRA_OP_THREADS_ENV not in environ:
        environ[INTRA_OP_THREADS_ENV] = str(max(os.cpu_count() or 1, MIN_INTRA_OP_THREADS))
