"""Results survive re-runs, edits, corruption, interruption and concurrent runs."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from theorytest import _runner
from theorytest.cli import main

from conftest import toy_claim_file

# What the host measured, not what was computed: timings and the process's peak memory so far
# (which the first run in a fresh process raises).
TIMINGS = ("wall_s", "compile_s", "run_s", "process_peak_rss_mb")


def strip_timings(result):
    return {k: v for k, v in result.items() if k not in TIMINGS}


def test_same_results_on_rerun(claim_dir, tmp_path, capsys):
    outs = []
    for run in ("one", "two"):
        _runner.clear_memo()
        assert main(["verify", str(claim_dir), "--out", str(tmp_path / run), "--formats", "", "--force"]) == 0
        outs.append(
            {p.name: strip_timings(json.loads(p.read_text())) for p in (tmp_path / run).glob("toy-*.json")}
        )
    assert outs[0] == outs[1] and len(outs[0]) == 6


def test_cache_reuses_and_edit_invalidates_only_its_claims(claim_dir, tmp_path, capsys):
    args = ["verify", str(claim_dir), "--out", str(tmp_path / "res"), "--formats", ""]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 0
    assert capsys.readouterr().err.count("cached") == 6
    toy_claim_file(claim_dir, "b", 0.5, stop=2000)  # edit one claim file
    assert main(args) == 0
    err = capsys.readouterr().err
    cached = {line.split(":")[0].strip() for line in err.splitlines() if "cached" in line}
    assert cached == {"toy-a", "toy-a-too-fast", "toy-a-slower"}
    assert main(args + ["--force"]) == 0
    assert "cached" not in capsys.readouterr().err


def test_corrupt_result_is_detected_and_recomputed(claim_dir, tmp_path, capsys):
    out = tmp_path / "res"
    args = ["verify", str(claim_dir), "--out", str(out), "--formats", ""]
    assert main(args) == 0
    (out / "toy-a.json").write_text('{"id": "toy-a", "verdict": "CONFIR')  # truncated
    capsys.readouterr()
    assert main(args) == 0
    assert "corrupt result file" in capsys.readouterr().err
    assert json.loads((out / "toy-a.json").read_text())["verdict"] == "CONFIRMED"


def _cli(*args):
    return [sys.executable, "-m", "theorytest.cli", *map(str, args)]


def test_interrupted_run_leaves_no_partial_files_and_resumes(tmp_path):
    folder = tmp_path / "claims"
    folder.mkdir()
    for i, name in enumerate(("a", "b", "c")):
        toy_claim_file(folder, name, 1.0, stop=100 * 10**i)
    out = tmp_path / "res"
    proc = subprocess.Popen(
        _cli("verify", folder, "--out", out, "--formats", ""),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline and not (out / "toy-a.json").exists():
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=120)
    assert proc.returncode != 0 or len(list(out.glob("toy-*.json"))) == 9
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []
    for path in out.glob("*.json"):
        json.loads(path.read_text())  # every file is whole
    done_before = {p.stem for p in out.glob("toy-*.json")}
    resumed = subprocess.run(
        _cli("verify", folder, "--out", out, "--formats", ""), capture_output=True, text=True, timeout=300
    )
    assert resumed.returncode == 0, resumed.stderr
    cached = {line.split(":")[0].strip() for line in resumed.stderr.splitlines() if "cached" in line}
    assert cached == done_before


def test_two_processes_on_one_results_folder(claim_dir, tmp_path):
    out = tmp_path / "res"
    procs = [
        subprocess.Popen(
            _cli(
                "verify",
                claim_dir,
                "--out",
                out,
                "--formats",
                "png",
                "--figures",
                tmp_path / "figs",
                "--force",
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    files = sorted(out.glob("*.json"))
    assert len(files) == 6 + 1  # six results and summary.json
    for path in files:
        json.loads(path.read_text())
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert all(os.path.getsize(p) > 0 for p in Path(tmp_path / "figs").glob("*.png"))
