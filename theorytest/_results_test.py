"""Result files: atomic writes, corrupt-file detection, JSON-safe values, summaries."""

import json

from theorytest import _results


def test_clean_makes_json_safe():
    data = {"a": float("nan"), "b": (1, float("inf")), "c": [None]}
    assert _results.clean(data) == {"a": None, "b": [1, None], "c": [None]}
    json.loads(_results.dumps(data))


def test_summary_csv_with_undefined_interval():
    row = {
        "id": "x",
        "paper": {"title": "t"},
        "kind": "AllOf",
        "expected": "CONFIRMED",
        "verdict": "INCONCLUSIVE",
        "control_of": None,
        "claimed": "O(k^-1)",
        "estimate": None,
        "ci": [None, None],
        "reason": "r",
        "wall_s": 1.0,
        "compile_s": 0.5,
        "figures": [],
    }
    text = _results.summary_csv([row])
    assert text.splitlines()[1].startswith("x,t,AllOf")


def test_load_checked_reports_corruption(tmp_path):
    (tmp_path / "a.json").write_text("{not json")
    (tmp_path / "b.json").write_text('{"id": "other"}')
    assert _results.load_checked("a", tmp_path)[1].startswith("corrupt")
    assert _results.load_checked("b", tmp_path)[1].startswith("corrupt")
    assert _results.load_checked("c", tmp_path) == (None, "missing")


def test_write_atomic_leaves_no_temp(tmp_path):
    _results.write_atomic(tmp_path / "x.json", "{}\n")
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]
