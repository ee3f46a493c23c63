"""Verdicts and timings of one results folder against another (a GPU run against the CPU run).

    python -m bench.compare_verdicts RESULTS [RESULTS ...] --against results [--json FILE]

Several RESULTS folders are merged (the first record of a claim wins), for a run that was
split over calls. Exit status 1 when a verdict differs.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def load(folder: str | Path) -> dict[str, dict]:
    """The readable claim records of a results folder, by id (as `theorytest report` reads them)."""
    from theorytest import _report

    return {record["id"]: record for record in _report.load_all(Path(folder))}


def _relative_difference(a, b) -> float | None:
    """|a − b| / max(|a|, |b|) for two numeric estimates; None when either is missing."""
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return None
    scale = max(abs(a), abs(b))
    return abs(a - b) / scale if scale else 0.0


def compare(runs: list[dict[str, dict]], reference: dict[str, dict]) -> dict:
    """One row per claim in `runs` that `reference` also has, with both verdicts and times."""
    merged: dict[str, dict] = {}
    for run in runs:
        for claim_id, record in run.items():
            merged.setdefault(claim_id, record)
    rows = []
    for claim_id, record in sorted(merged.items()):
        if claim_id not in reference:
            continue
        ref = reference[claim_id]
        rows.append(
            {
                "id": claim_id,
                "verdict": record["verdict"],
                "reference_verdict": ref["verdict"],
                "same_verdict": record["verdict"] == ref["verdict"],
                "estimate": record.get("estimate"),
                "reference_estimate": ref.get("estimate"),
                "relative_difference": _relative_difference(record.get("estimate"), ref.get("estimate")),
                "backend": record.get("backend"),
                "reference_backend": ref.get("backend"),
                "compile_s": record.get("compile_s"),
                "run_s": record.get("run_s"),
                "reference_compile_s": ref.get("compile_s"),
                "reference_run_s": ref.get("run_s"),
            }
        )

    def total(key):
        return sum(r[key] or 0.0 for r in rows)

    diffs = [r["relative_difference"] for r in rows if r["relative_difference"] is not None]
    summary = {
        "claims": len(rows),
        "same_verdict": sum(r["same_verdict"] for r in rows),
        "differ": [r["id"] for r in rows if not r["same_verdict"]],
        "max_relative_difference": max(diffs, default=None),
        "compile_s": total("compile_s"),
        "run_s": total("run_s"),
        "reference_compile_s": total("reference_compile_s"),
        "reference_run_s": total("reference_run_s"),
    }
    return {"summary": summary, "claims": rows}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.compare_verdicts", description=__doc__.split("\n\n")[0])
    p.add_argument("runs", nargs="+", metavar="RESULTS", help="results folders to compare")
    p.add_argument("--against", default="results", metavar="RESULTS", help="reference folder")
    p.add_argument("--json", metavar="FILE", help="write the comparison here")
    args = p.parse_args(argv)
    report = compare([load(r) for r in args.runs], load(args.against))
    s = report["summary"]
    print(f"{s['claims']} claims with a reference result, {s['same_verdict']} with the same verdict")
    print(
        f"compile {s['compile_s']:.0f} s (reference {s['reference_compile_s']:.0f} s), "
        f"run {s['run_s']:.0f} s (reference {s['reference_run_s']:.0f} s), summed over claims"
    )
    if s["max_relative_difference"] is not None:
        print(f"largest relative difference of an estimate: {s['max_relative_difference']:.2g}")
    for row in report["claims"]:
        if not row["same_verdict"]:
            print(f"DIFFER {row['id']}: {row['verdict']} (reference {row['reference_verdict']})")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n")
    return 1 if s["differ"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
