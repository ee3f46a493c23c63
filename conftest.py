"""Test configuration for the whole tree: the test process computes in float64.

`import theorytest` changes no JAX setting (the engine enters float64 where it runs claims);
tests of problems/ and of the engine call JAX directly, so this process opts in once here.
"""

import jax

from theorytest._environment import reserve_intra_op_threads

reserve_intra_op_threads()  # before any test computes: see theorytest/_environment.py
jax.config.update("jax_enable_x64", True)
