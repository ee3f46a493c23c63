"""Test configuration for the whole tree: the test process computes in float64.

`import theorytest` changes no JAX setting (the engine enters float64 where it runs claims);
tests of problems/ and of the engine call JAX directly, so this process opts in once here.
"""

import jax

jax.config.update("jax_enable_x64", True)
