"""Smoke test: `python -m bench --quick --only gd_quadratic` runs and writes the JSON fields.

No timing assertions: the numbers depend on the machine and its load.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_bench_writes_results(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "gd_quadratic", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "gd_quadratic" in proc.stdout
    report = json.loads(out.read_text())
    assert out.with_suffix(".png").stat().st_size > 0
    assert report["quick"] is True
    assert set(report["workloads"]) == {"gd_quadratic"}
    assert report["matmul_peak"]["peak_gflops"] > 0
    w = report["workloads"]["gd_quadratic"]
    assert set(w["methods"]) == {"runner", "numpy", "per_seed", "optax"}
    for name, rec in w["methods"].items():
        assert rec["run_s"] > 0 and rec["gflops"] > 0 and rec["fraction_of_peak"] > 0, name
    runner = w["methods"]["runner"]
    assert runner["compile_s"] > 0 and runner["prng"] == "philox" and runner["extrapolated"] is None
    assert w["methods"]["optax"]["extrapolated"]["steps"] <= w["sizes"]["steps"]
    assert set(w["ratios"]) == {"numpy", "per_seed", "optax"}
    assert w["agreement"]["rel_diff"] < 1e-9 and w["agreement"]["compared"] > 0
    s = report["summary"]
    assert s["median_compile_s"] > 0 and set(s["met"]) >= {"numpy", "per_seed", "optax"}


def test_unknown_workload_is_a_usage_error():
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--only", "nope"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2 and "unknown workload" in proc.stderr


def test_adaptive_bench_compares_fixed_and_adaptive(tmp_path):
    from bench import adaptive

    out = tmp_path / "adaptive.json"
    assert adaptive.main(["sgd-strongly-convex-1-over-t", "--quick", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["complete"] and report["summary"]["differ"] == []
    rows = {r["id"]: r for r in report["claims"]}
    assert "sgd-strongly-convex-1-over-t" in rows and len(rows) >= 2  # with its controls
    for row in rows.values():
        assert row["same_verdict"] and row["adaptive"]["seeds"] <= row["fixed"]["seeds"]
    assert 0 <= report["summary"]["work_saved"] < 1
