"""Parameter validation shared by the problem constructors.

Constructors validate their parameters when the values are concrete (Python numbers or
concrete arrays). Under `jit`/`vmap` a traced value cannot be inspected, so the check is
skipped for it; static sizes (ints) are always checked. Every error is a `ValueError` whose
message starts with the parameter name, e.g. ``"kappa must be >= 1, got 0.5"``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import numpy as np


def is_concrete(x: Any) -> bool:
    """True when `x` holds a value that can be inspected (not a JAX tracer)."""
    leaves = jax.tree_util.tree_leaves(x)
    return not any(isinstance(leaf, jax.core.Tracer) for leaf in leaves)


def require(name: str, value: Any, ok: Callable[[Any], Any], requirement: str) -> None:
    """Raise ``ValueError("<name> must be <requirement>, got <value>")`` unless ok(value).

    Skipped when `value` is traced (inside jit/vmap).
    """
    if value is None or not is_concrete(value):
        return
    if not bool(np.all(ok(np.asarray(value)))):
        raise ValueError(f"{name} must be {requirement}, got {value}")


def positive_int(name: str, value: Any) -> int:
    """Check a static positive integer size and return it as int."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def one_of(name: str, value: str, options: tuple[str, ...]) -> str:
    """Check a static string option."""
    if value not in options:
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value
