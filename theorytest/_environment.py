"""The software and hardware a result was computed on (recorded in every result)."""

from __future__ import annotations

import functools
import importlib.metadata
import platform
import resource
import sys

import jax

_PACKAGES = ("theorytest", "jax", "jaxlib", "optax", "numpy", "scipy", "matplotlib")


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
