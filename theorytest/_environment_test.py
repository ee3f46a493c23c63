"""The process environment: XLA's CPU intra-op pool is large enough for batched LAPACK kernels."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from theorytest._environment import MIN_INTRA_OP_THREADS, reserve_intra_op_threads


def test_reserve_sets_nproc_once_and_keeps_a_users_value():
    environ = {}
    reserve_intra_op_threads(environ)
    assert int(environ["NPROC"]) >= MIN_INTRA_OP_THREADS
    mine = {"NPROC": "3"}
    reserve_intra_op_threads(mine)
    assert mine == {"NPROC": "3"}


def _intra_op_threads_after(imports: str, environ: dict) -> int:
    """XLA's "XLAEigen" pool threads in a fresh process that runs `imports`, then computes."""
    code = (
        f"{imports}\n"
        "import os, jax.numpy as jnp\n"
        "jnp.ones(3).block_until_ready()\n"
        "names = [open(f'/proc/self/task/{t}/comm').read() for t in os.listdir('/proc/self/task')]\n"
        "print(sum('XLAEigen' in n for n in names))\n"
    )
    run = [sys.executable, "-c", code]
    out = subprocess.run(run, capture_output=True, text=True, check=True, env=environ)
    return int(out.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="thread names are read from /proc")
def test_importing_theorytest_before_computing_gives_the_larger_pool():
    # The command line, the tests and a user's script all import theorytest first.
    environ = {k: v for k, v in os.environ.items() if k != "NPROC"}
    assert _intra_op_threads_after("import theorytest", environ) >= MIN_INTRA_OP_THREADS
    # A user's own NPROC is kept (the pool then has that many threads).
    assert _intra_op_threads_after("import theorytest", environ | {"NPROC": "3"}) == 3
