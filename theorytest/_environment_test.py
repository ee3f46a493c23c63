"""The process environment: XLA's CPU intra-op pool is large enough for batched LAPACK kernels."""

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


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="thread names are read from /proc")
def test_the_command_lines_process_gets_the_larger_pool():
    # What `theorytest` does first, then a computation: XLA's "XLAEigen" pool has the threads.
    code = (
        "import os, jax.numpy as jnp\n"
        "from theorytest._environment import reserve_intra_op_threads\n"
        "os.environ.pop('NPROC', None)\n"
        "reserve_intra_op_threads()\n"
        "jnp.ones(3).block_until_ready()\n"
        "names = [open(f'/proc/self/task/{t}/comm').read() for t in os.listdir('/proc/self/task')]\n"
        "print(sum('XLAEigen' in n for n in names))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout.strip().splitlines()[-1]) >= MIN_INTRA_OP_THREADS
