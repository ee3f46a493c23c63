"""Claim ids, longest first by the run and compile seconds saved in a results folder.

    python -m bench.order_by_cost [RESULTS]   (default: results)

Used by bench/gpu_verify.sh so that the slowest claims start first and do not end a run
that has a fixed device budget. Claims without a saved result come last.
"""

from __future__ import annotations

import sys

from bench.compare_verdicts import load


def order(results_folder: str = "results") -> list[str]:
    from theorytest import _registry

    cost = {i: (r.get("run_s") or 0) + (r.get("compile_s") or 0) for i, r in load(results_folder).items()}
    return [c.id for c in sorted(_registry.builtin_claims(), key=lambda c: -cost.get(c.id, 0))]


if __name__ == "__main__":
    print("\n".join(order(*sys.argv[1:2])))
