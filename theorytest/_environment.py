"""The software and hardware a result was computed on (recorded in every result)."""

from __future__ import annotations

import functools
import importlib.metadata
import platform

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
