"""float64 where the engine runs JAX, without changing the process for anyone else.

Rates are fitted over many decades, so experiments, their problem constants and the keys
run in float64. `import theorytest` leaves `jax_enable_x64` as it was; the engine enters
`float64()` around what it runs (loading claim modules, compiling and running experiments,
verifying), and the command line runs inside it.
"""

from __future__ import annotations

import contextlib

import jax


def float64() -> contextlib.AbstractContextManager:
    """A context in which JAX computes in float64 (and int64) by default."""
    enable = getattr(jax, "enable_x64", None)  # JAX ≥ 0.8; before it, jax.experimental's
    if enable is None:  # pragma: no cover - older JAX
        from jax.experimental import enable_x64 as enable

        return enable()
    return enable(True)
