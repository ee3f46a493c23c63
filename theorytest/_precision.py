"""float64 where the engine runs JAX, without changing the process for anyone else.

Rates are fitted over many decades, so experiments, their problem constants and the keys
run in float64. `import theorytest` leaves `jax_enable_x64` as it was; the engine enters
`float64()` around what it runs (loading claim modules, compiling and running experiments,
verifying, searching), and the command line runs inside it.

The setting is switched for the process for the duration of the block and restored after it,
not with JAX's thread-local `jax.enable_x64` context: host callbacks
(`jax.pure_callback`, e.g. an LP solver inside an experiment) run on JAX's own threads, which
a thread-local context does not reach, and would see float32 there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import jax


@contextlib.contextmanager
def float64() -> Iterator[None]:
    """A block in which JAX computes in float64 (and int64) by default; restored after it."""
    before = bool(jax.config.jax_enable_x64)
    jax.config.update("jax_enable_x64", True)
    try:
        yield
    finally:
        jax.config.update("jax_enable_x64", before)
