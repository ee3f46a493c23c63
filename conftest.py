"""Test configuration for the whole tree: the test process computes in float64.

`import theorytest` changes no JAX setting (the engine enters float64 where it runs claims);
tests of problems/ and of the engine call JAX directly, so this process opts in once here.
"""

import jax

import theorytest  # noqa: F401  (before any test computes: it sizes XLA's CPU pool)

jax.config.update("jax_enable_x64", True)
