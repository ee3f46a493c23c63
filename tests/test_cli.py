"""The CLI contract: list/verify/show/export, claim files outside the repo, bad input."""

import json
import subprocess
import sys
import textwrap

import pytest

from theorytest.cli import main

OUTSIDE_CLAIM = textwrap.dedent('''
    """A claim written only against the public API, in a file outside the repository."""
    import jax
    import jax.numpy as jnp
    import theorytest as tt

    def halving(key, checkpoints):
        x0 = 1.0 + jax.random.uniform(key)
        return tt.trajectory(lambda t, x: x / (1.0 + 1.0 / (t + 1.0)), x0, checkpoints, lambda x: x)

    claim = tt.Claim(
        id="outside-harmonic-decay", paper=tt.Paper(title="A user's note"),
        statement="x_k = x_0/(k+1) = O(1/k)", experiment=halving,
        sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1, 1000, 15)), seeds=4,
        check=tt.UpperRate(exponent=-1.0, tol=0.05, window=(10, 1000)))
    control = claim.control(id="outside-claimed-faster", why="x_k decays like 1/k, not 1/k^2",
                            check=tt.UpperRate(exponent=-2.0, tol=0.05, window=(10, 1000)))

    def half_steps(key, checkpoints):
        x0 = 1.0 + jax.random.uniform(key)
        return tt.trajectory(lambda t, x: x / (1.0 + 0.5 / (t + 1.0)), x0, checkpoints, lambda x: x)

    half = claim.control(id="outside-half-steps", experiment=half_steps,
                         why="half the shrinkage per step: x_k decays like k^-1/2, not 1/k")
    {extra}
''')


def write_claim(tmp_path, extra=""):
    path = tmp_path / "elsewhere" / "my_claim.py"
    path.parent.mkdir()
    path.write_text(OUTSIDE_CLAIM.format(extra=extra))
    return path


def run_cli(*args):
    return main([str(a) for a in args])


def test_verify_claim_file_outside_repo(tmp_path, capsys):
    path = write_claim(tmp_path)
    out, figs, summary = tmp_path / "res", tmp_path / "figs", tmp_path / "summary.json"
    assert run_cli("verify", path, "--out", out, "--figures", figs, "--json", summary) == 0
    printed = capsys.readouterr().out
    assert "outside-harmonic-decay" in printed and "all 3 verdicts as expected" in printed
    data = json.loads(summary.read_text())
    assert {c["id"] for c in data["claims"]} == {
        "outside-harmonic-decay",
        "outside-claimed-faster",
        "outside-half-steps",
    }
    changes = {c["id"]: (c.get("changes"), c.get("mechanism")) for c in data["claims"]}
    assert changes["outside-claimed-faster"] == (["check"], False)
    assert changes["outside-half-steps"] == (["experiment"], True)
    assert changes["outside-harmonic-decay"] == (None, None)
    for entry in data["claims"]:
        assert set(entry) >= {
            "id",
            "paper",
            "kind",
            "expected",
            "verdict",
            "control_of",
            "claimed",
            "estimate",
            "ci",
            "reason",
            "wall_s",
            "compile_s",
            "figures",
        }
    assert data["backend"] and data["versions"]["jax"]
    run = data["run"]
    assert run["executor"] == "local" and run["wall_s"] > 0 and 50 < run["peak_rss_mb"] < 64 * 1024
    # the claim and its mechanism control are two programs
    assert run["compiles"] >= 2 and run["compile_s"] > 0 and run["claims_run_s"] > 0
    result = json.loads((out / "outside-harmonic-decay.json").read_text())
    assert result["verdict"] == "CONFIRMED" and result["n_seeds"] == 4
    assert (figs / "outside-harmonic-decay.pdf").exists() and (figs / "outside-harmonic-decay.png").exists()
    # export redraws from the saved result, in another format
    assert (
        run_cli(
            "export",
            "outside-harmonic-decay",
            "--out",
            out,
            "--figures",
            figs,
            "--format",
            "svg",
            "--width",
            "double",
        )
        == 0
    )
    assert (figs / "outside-harmonic-decay.svg").exists()
    assert run_cli("export", "never-run", "--out", out) == 2


def test_mismatch_exits_one(tmp_path, capsys):
    path = write_claim(
        tmp_path,
        extra=(
            "wrong = claim.control(id='outside-wrongly-expected', why='expects a refutation that '\n"
            "    'cannot happen', expected=tt.Verdict.REFUTED)"
        ),
    )
    assert run_cli("verify", path, "--out", tmp_path / "r", "--formats", "") == 1
    assert "differ from expected: outside-wrongly-expected" in capsys.readouterr().out


def test_list_json_contract(capsys):
    assert run_cli("list", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    ids = {c["id"] for c in data["claims"]}
    assert "gd-convex-sublinear" in ids
    for c in data["claims"]:
        assert c["verdict"] is None and c["expected"] in ("CONFIRMED", "REFUTED", "INCONCLUSIVE", "DIVERGED")
    controls = {c["control_of"] for c in data["claims"] if c["control_of"]}
    assert controls <= ids
    assert all(c["id"] in controls for c in data["claims"] if not c["control_of"])


@pytest.mark.parametrize(
    "args, message",
    [
        (["verify", "no-such-claim"], "id: unknown claim 'no-such-claim'"),
        (["verify", "missing_file.py"], "path:"),
        (["show", "no-such-claim"], "id: unknown claim"),
        (["verify", "gd-convex-sublinear", "--seeds", "0"], "--seeds"),
    ],
)
def test_bad_input_is_one_line(args, message, capsys):
    assert run_cli(*args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("theorytest: error:") and message in err and "\n" not in err


@pytest.mark.parametrize(
    "body, message",
    [
        ("x = 1\n", "defines no claim"),
        (
            "import theorytest as tt\nc = tt.Claim(id='a', paper=tt.Paper(title='t'), statement='s')\n",
            "missing",
        ),
        (
            "import theorytest as tt\nimport jax.numpy as jnp\n"
            "c = tt.Claim(id='a', paper=tt.Paper(title='t'), statement='s', experiment=lambda k: 0.0,\n"
            "  sweep=tt.Sweep(grid={'n': (1, 2)}), check=tt.UpperRate(exponent=-1), seeds='many')\n",
            "seeds: must be an integer",
        ),
        (
            "import theorytest as tt\nimport jax.numpy as jnp\n"
            "c = tt.Claim(id='a', paper=tt.Paper(title='t'), statement='s', experiment=lambda k, n: 0.0,\n"
            "  sweep=tt.Sweep(grid={'n': (1, 2)}), check=tt.UpperRate(exponent=-1))\n",
            "controls: claim(s) without a negative control: a",
        ),
    ],
)
def test_bad_claim_file_is_one_line(tmp_path, body, message, capsys):
    path = tmp_path / "bad_claim.py"
    path.write_text(body)
    assert run_cli("verify", path, "--out", tmp_path / "r") == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def test_a_folder_may_hold_modules_without_claims(tmp_path):
    from theorytest import _registry

    folder = write_claim(tmp_path).parent
    (folder / "shared_helpers.py").write_text("SCALE = 2.0\n")
    ids = [c.id for c in _registry.select([str(folder)])]
    assert ids == ["outside-harmonic-decay", "outside-claimed-faster", "outside-half-steps"]
    (folder / "my_claim.py").unlink()
    with pytest.raises(ValueError, match="no claim files"):
        _registry.select([str(folder)])


def test_console_script_runs_in_a_fresh_process(tmp_path):
    path = write_claim(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "theorytest.cli", "show", "outside-harmonic-decay"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2  # an id of a file outside the repo is unknown without its path
    proc = subprocess.run(
        [sys.executable, "-m", "theorytest.cli", "list", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 0 and "outside-claimed-faster" in proc.stdout


def test_workers_need_dask_executor(tmp_path, capsys):
    path = write_claim(tmp_path)
    assert run_cli("verify", path, "--workers", "2", "--out", tmp_path / "r") == 2
    assert "--executor dask" in capsys.readouterr().err


def test_dask_executor_gives_the_same_verdicts(claim_dir, tmp_path, capsys):
    pytest.importorskip("distributed")
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert run_cli("verify", claim_dir, "--out", local, "--formats", "") == 0
    assert (
        run_cli("verify", claim_dir, "--out", remote, "--formats", "", "--executor", "dask", "--workers", "2")
        == 0
    )
    for path in local.glob("toy-*.json"):
        a, b = json.loads(path.read_text()), json.loads((remote / path.name).read_text())
        assert (a["verdict"], a["estimate"], a["ci"]) == (b["verdict"], b["estimate"], b["ci"])


WRONGLY_EXPECTED = textwrap.dedent("""
    import jax
    import jax.numpy as jnp
    import theorytest as tt

    def noisy_decay(key, checkpoints):
        k = jnp.asarray(checkpoints, dtype=float)
        return k ** -0.8 * jnp.exp(0.3 * jax.random.normal(key, k.shape))

    # The true exponent −0.8 is worse than the claimed −1 + 0.1, so no seed set confirms the
    # claim as expected: the audit must count every re-run as a flip.
    claim = tt.Claim(
        id="audit-wrongly-expected", paper=tt.Paper(title="toy"), statement="O(1/k), wrongly",
        experiment=noisy_decay, sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1, 1000, 10)),
        seeds=8, check=tt.UpperRate(exponent=-1.0, tol=0.1))
    control = claim.control(id="audit-wrongly-expected-too-fast", why="claims 1/k^3",
                            check=tt.UpperRate(exponent=-3.0, tol=0.1))
    flat = claim.control(id="audit-wrongly-expected-flat", why="no decay at all",
                         experiment=lambda key, checkpoints: noisy_decay(key, checkpoints) * 0 + 1.0)
""")


def test_audit_reports_verdicts_and_flip_rates(tmp_path, capsys):
    report = tmp_path / "audit.json"
    assert run_cli("audit", write_claim(tmp_path), "--reseed", "3", "--json", report) == 0
    assert "0 flip(s) in 9 re-runs" in capsys.readouterr().out
    data = json.loads(report.read_text())
    assert data["reseed"] == 3 and data["complete"]
    assert {r["id"]: (r["verdicts"], r["flip_rate"]) for r in data["audit"]} == {
        "outside-harmonic-decay": (["CONFIRMED"] * 3, 0.0),
        "outside-claimed-faster": (["REFUTED"] * 3, 0.0),
        "outside-half-steps": (["REFUTED"] * 3, 0.0),
    }
    from theorytest import _runner

    assert "outside-harmonic-decay" not in _runner._MEMO  # its 3 seed sets' runs were freed

    wrong = tmp_path / "wrong.py"
    wrong.write_text(WRONGLY_EXPECTED)
    assert run_cli("audit", wrong, "--reseed", "2", "--json", report) == 1
    rows = {r["id"]: r for r in json.loads(report.read_text())["audit"]}
    assert rows["audit-wrongly-expected"]["flip_rate"] == 1.0
    assert set(rows["audit-wrongly-expected"]["verdicts"]) <= {"INCONCLUSIVE", "REFUTED"}
    assert rows["audit-wrongly-expected-too-fast"]["flip_rate"] == 0.0
    assert "flip(s) in 6 re-runs" in capsys.readouterr().out
    assert run_cli("audit", wrong, "--reseed", "0") == 2


def test_search_subcommand_lists_the_declared_searches(capsys):
    assert run_cli("search", "--list") == 0
    listed = capsys.readouterr().out
    assert "claim=gd-convex-sublinear" in listed and "claim=heavy-ball-polyak-quadratic" in listed
    assert run_cli("search", "no-such-claim") == 2


def test_the_claims_that_raised_the_memory_peak_are_named():
    from theorytest.cli import peak_raisers

    results = [
        {"id": "a", "process_peak_rss_mb": 500.0},
        {"id": "cached", "process_peak_rss_mb": 9000.0, "from_cache": True},
        {"id": "b", "process_peak_rss_mb": 1500.0},
        {"id": "c", "process_peak_rss_mb": 1500.0},
        {"id": "d", "process_peak_rss_mb": 1700.0},
    ]
    assert peak_raisers(results) == [
        {"id": "b", "rise_mb": 1000.0, "peak_rss_mb": 1500.0},
        {"id": "d", "rise_mb": 200.0, "peak_rss_mb": 1700.0},
    ]


def test_a_control_run_alone_records_what_it_changes_against_its_claim(tmp_path):
    # Its claim is not in the selection; the record still compares the two.
    out = tmp_path / "res"
    assert run_cli("verify", "adam-regret-reddi-amsgrad", "--quick", "--out", out, "--formats", "") == 0
    result = json.loads((out / "adam-regret-reddi-amsgrad.json").read_text())
    assert (result["changes"], result["mechanism"]) == (["experiment"], True)
