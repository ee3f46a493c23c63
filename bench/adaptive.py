"""Adaptive seed budgets against the fixed budget: same verdicts, how much compute saved.

    python -m bench.adaptive [ID ...] [--quick] [--out bench/results/adaptive.json] [--fixed-from FILE]

For every claim and control (or those named), one fixed-budget run and one `--adaptive` run
in this process (measurements are not shared between the two: the memo is cleared between
runs, compiled executables are not). Recorded per claim: both verdicts, the seeds each used,
seed-points evaluated (seeds × sweep points, the unit of work), run and compile seconds.
The summary gives how many verdicts agree and the work saved: 1 − adaptive/fixed seed-points.
Run time is reported too, but on a busy machine seed-points are the steadier measure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).with_name("results") / "adaptive.json"


def compare(claim, quick: bool, fixed: dict | None = None) -> dict:
    """Fixed and adaptive verification of one claim, with the work each took.

    fixed: the fixed-budget record of an earlier run to reuse (a fixed run does not depend
    on the adaptive rule, and its seeds are the same every time).
    """
    from theorytest import _runner, verify

    row = {"id": claim.id, "expected": claim.expected.value}
    if fixed is not None:
        row["fixed"] = dict(fixed, reused=True)
    for mode in ("fixed", "adaptive"):
        if mode in row:
            continue
        _runner.clear_memo()
        start = time.perf_counter()
        result = verify(claim, quick=quick, adaptive=mode == "adaptive")
        n_points = len(result["points"])
        row[mode] = {
            "verdict": result["verdict"],
            "seeds": result["n_seeds"],
            "seed_points": result["n_seeds"] * n_points,
            "run_s": result["run_s"],
            "compile_s": result["compile_s"],
            "wall_s": time.perf_counter() - start,
        }
    row["same_verdict"] = row["fixed"]["verdict"] == row["adaptive"]["verdict"]
    return row


def summarize(rows: list[dict]) -> dict:
    fixed = sum(r["fixed"]["seed_points"] for r in rows)
    adaptive = sum(r["adaptive"]["seed_points"] for r in rows)
    run_fixed = sum(r["fixed"]["run_s"] for r in rows)
    run_adaptive = sum(r["adaptive"]["run_s"] for r in rows)
    return {
        "claims": len(rows),
        "same_verdict": sum(r["same_verdict"] for r in rows),
        "differ": [r["id"] for r in rows if not r["same_verdict"]],
        "seed_points_fixed": fixed,
        "seed_points_adaptive": adaptive,
        "work_saved": 1 - adaptive / fixed if fixed else 0.0,
        "run_s_fixed": run_fixed,
        "run_s_adaptive": run_adaptive,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.adaptive", description=__doc__.split("\n\n")[0])
    p.add_argument("targets", nargs="*", metavar="ID", help="claims (default: all built-in)")
    p.add_argument("--quick", action="store_true", help="quick sizes (the test-suite budget)")
    p.add_argument("--out", default=str(RESULTS), metavar="FILE", help="results JSON")
    p.add_argument(
        "--fixed-from",
        metavar="FILE",
        help="reuse the fixed-budget rows of this earlier results JSON (same sizes)",
    )
    args = p.parse_args(argv)

    from theorytest import _registry, _results

    claims = _registry.select(args.targets) if args.targets else _registry.builtin_claims()
    out = Path(args.out)
    reuse = {}
    if args.fixed_from:
        earlier = json.loads(Path(args.fixed_from).read_text())
        if earlier["quick"] != args.quick:
            raise SystemExit(f"--fixed-from: {args.fixed_from} was run with quick={earlier['quick']}")
        reuse = {r["id"]: r["fixed"] for r in earlier["claims"]}
    rows = []
    for i, claim in enumerate(claims, 1):
        row = compare(claim, args.quick, reuse.get(claim.id))
        rows.append(row)
        f, a = row["fixed"], row["adaptive"]
        print(
            f"[{i}/{len(claims)}] {claim.id}: fixed {f['verdict']} ({f['seeds']} seeds), adaptive "
            f"{a['verdict']} ({a['seeds']} seeds){'' if row['same_verdict'] else '  DIFFER'}",
            flush=True,
        )
        report = {
            "quick": args.quick,
            "loadavg": os.getloadavg(),
            "complete": i == len(claims),
            "fixed_from": args.fixed_from,
            "summary": summarize(rows),
            "claims": rows,
        }
        _results.write_atomic(out, _results.dumps(report))  # kept if the run is interrupted
    s = summarize(rows)
    print(json.dumps(s, indent=1))
    return 0 if not s["differ"] else 1


if __name__ == "__main__":
    sys.exit(main())
