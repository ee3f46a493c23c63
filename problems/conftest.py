"""Test configuration for problems/: float64 everywhere, as the engine uses it."""

import jax

jax.config.update("jax_enable_x64", True)
