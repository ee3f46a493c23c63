"""The verdict comparison merges split runs, skips summary files and flags a changed verdict."""

import json

from bench import compare_verdicts


def _write(folder, claim_id, verdict, compile_s=1.0, run_s=2.0, estimate=-1.0):
    folder.mkdir(exist_ok=True)
    record = {
        "id": claim_id,
        "verdict": verdict,
        "expected": verdict,
        "kind": "UpperRate",
        "claimed": "O(k^-1)",
        "reason": "",
        "outcome": {},
        "curves": [],
        "backend": folder.name,
        "compile_s": compile_s,
        "run_s": run_s,
        "estimate": estimate,
    }
    (folder / f"{claim_id}.json").write_text(json.dumps(record))


def test_merges_runs_and_flags_a_differing_verdict(tmp_path):
    cpu, gpu1, gpu2 = tmp_path / "cpu", tmp_path / "gpu1", tmp_path / "gpu2"
    for claim_id, verdict in [("a", "CONFIRMED"), ("b", "REFUTED"), ("c", "CONFIRMED")]:
        _write(cpu, claim_id, verdict)
    (cpu / "summary.json").write_text(json.dumps({"results": []}))
    (cpu / "truncated.json").write_text('{"id": "truncated", "verd')  # skipped, not fatal
    _write(gpu1, "a", "CONFIRMED", compile_s=5.0)
    _write(gpu2, "a", "REFUTED")  # the first run's record of "a" wins
    _write(gpu2, "b", "INCONCLUSIVE", estimate=-0.5)
    _write(gpu2, "z", "CONFIRMED")  # no reference: left out
    out = tmp_path / "compare.json"
    status = compare_verdicts.main([str(gpu1), str(gpu2), "--against", str(cpu), "--json", str(out)])
    report = json.loads(out.read_text())
    assert status == 1
    assert [r["id"] for r in report["claims"]] == ["a", "b"]
    s = report["summary"]
    assert (s["claims"], s["same_verdict"], s["differ"]) == (2, 1, ["b"])
    assert s["compile_s"] == 6.0 and s["reference_compile_s"] == 2.0
    assert s["max_relative_difference"] == 0.5 and report["claims"][0]["relative_difference"] == 0.0


def test_identical_runs_exit_zero(tmp_path):
    cpu = tmp_path / "cpu"
    _write(cpu, "a", "CONFIRMED")
    assert compare_verdicts.main([str(cpu), "--against", str(cpu)]) == 0
