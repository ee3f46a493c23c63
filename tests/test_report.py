"""The report page and markdown summary, from real results."""

import json
from html.parser import HTMLParser
from pathlib import Path

from theorytest import _report
from theorytest.cli import main


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.images, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append(attrs.get("id"))
        if tag == "img":
            self.images.append(attrs["src"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])


def test_report_lists_every_claim_and_images_resolve(claim_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["verify", str(claim_dir), "--out", "res", "--figures", "figs", "--report", "rep"]) == 0
    page = Path("rep/index.html").read_text()
    parser = _Collector()
    parser.feed(page)
    ids = {"toy-a", "toy-a-too-fast", "toy-a-slower", "toy-b", "toy-b-too-fast", "toy-b-slower"}
    assert set(parser.sections) == ids
    assert set(parser.links) >= ids
    assert len(parser.images) == 6
    for src in parser.images:
        assert (Path("rep") / src).is_file(), src
    # controls sit right after their claim
    assert set(parser.sections[:3]) == {"toy-a", "toy-a-too-fast", "toy-a-slower"}  # controls follow
    md = Path("rep/summary.md").read_text()
    assert all(f"## {i}" in md for i in ids) and "| claim | kind |" in md


def test_report_command_and_readme_table(claim_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    main(["verify", str(claim_dir), "--out", "res", "--formats", ""])
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- verdict-table:start -->\nold\n<!-- verdict-table:end -->\nend\n")
    assert main(["report", "--out", "res", "--report", "rep", "--readme", str(readme)]) == 0
    text = readme.read_text()
    assert "old" not in text and "| toy-a |" in text and "| ↳ toy-a-too-fast |" in text
    assert text.startswith("intro\n") and text.endswith("end\n")


def test_readme_headline_carries_the_audits_flips(claim_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    main(["verify", str(claim_dir), "--out", "res", "--formats", ""])
    readme = tmp_path / "README.md"
    readme.write_text("<!-- verdict-table:start -->\n<!-- verdict-table:end -->\n")
    audit = {
        "audit": [
            {"id": "toy-a", "expected": "CONFIRMED", "verdicts": ["CONFIRMED"] * 5, "flip_rate": 0.0},
            {
                "id": "toy-a-too-fast",
                "expected": "REFUTED",
                "verdicts": ["REFUTED", "INCONCLUSIVE", "REFUTED", "REFUTED", "INCONCLUSIVE"],
                "flip_rate": 0.4,
            },
        ],
        "reseed": 5,
        "quick": False,
        "complete": False,
    }
    (tmp_path / "audit.json").write_text(json.dumps(audit))
    assert main(["report", "--out", "res", "--readme", str(readme), "--audit", "audit.json"]) == 0
    text = readme.read_text()
    assert "5 disjoint seed sets at the full budget, 2 of " in text and "interrupted" in text
    assert (
        "**2 of 10 re-runs differ** from the expected verdict: toy-a-too-fast (INCONCLUSIVE/INCONCLUSIVE)."
        in text
    )
    (tmp_path / "audit.json").write_text("{}")
    assert main(["report", "--out", "res", "--readme", str(readme), "--audit", "audit.json"]) == 2
    assert "--audit:" in capsys.readouterr().err


def test_an_audit_run_in_parts_is_one_headline(claim_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    main(["verify", str(claim_dir), "--out", "res", "--formats", ""])
    readme = tmp_path / "README.md"
    readme.write_text("<!-- verdict-table:start -->\n<!-- verdict-table:end -->\n")

    def part(ids, complete, **fields):
        rows = [{"id": i, "expected": "REFUTED", "verdicts": ["REFUTED"] * 5, "flip_rate": 0.0} for i in ids]
        return {"audit": rows, "reseed": 5, "quick": False, "complete": complete} | fields

    # The first part was interrupted; the second ran the ids it had not reached.
    (tmp_path / "a.json").write_text(json.dumps(part(["toy-a-too-fast", "toy-a-slower"], False)))
    (tmp_path / "b.json").write_text(json.dumps(part(["toy-b-too-fast", "toy-b-slower"], True)))
    args = ["report", "--out", "res", "--readme", str(readme), "--audit"]
    assert main([*args, "a.json", "b.json"]) == 0
    text = readme.read_text()
    assert "4 of 6 ids in 2 runs, interrupted" in text and "**0 of 20 re-runs differ**" in text
    # A part that re-audits an id after a change keeps the earlier flips in the headline.
    earlier = {"id": "toy-a", "expected": "CONFIRMED", "verdicts": ["INCONCLUSIVE"] + ["CONFIRMED"] * 4}
    reaudit = part(["toy-a"], True) | {"superseded": [earlier]}
    (tmp_path / "r.json").write_text(json.dumps(reaudit))
    assert main([*args, "a.json", "b.json", "r.json"]) == 0
    assert "Before a change and a re-audit: toy-a (INCONCLUSIVE in 1 of 5)." in readme.read_text()
    # Parts that disagree on the size, or audit an id twice, are refused with the field named.
    (tmp_path / "c.json").write_text(json.dumps(part(["toy-a"], True, quick=True)))
    assert main([*args, "a.json", "c.json"]) == 2
    assert "'quick'" in capsys.readouterr().err
    assert main([*args, "a.json", "a.json"]) == 2
    assert "'toy-a-too-fast' is audited in more than one file" in capsys.readouterr().err


def test_report_without_results_is_a_clear_error(tmp_path, capsys):
    assert main(["report", "--out", str(tmp_path / "nothing")]) == 2
    assert "no results" in capsys.readouterr().err


def test_markdown_marks_mismatches():
    row = {
        "id": "x",
        "kind": "UpperRate",
        "claimed": "O(k^-1)",
        "estimate": -0.5,
        "ci": [-0.6, -0.4],
        "verdict": "REFUTED",
        "expected": "CONFIRMED",
    }
    assert "**REFUTED** (mismatch)" in _report.markdown_table([row])


def test_worst_case_searches_show_beside_the_fixed_instance(claim_dir, tmp_path, monkeypatch):
    import json as _json

    from theorytest import _report

    monkeypatch.chdir(tmp_path)
    assert main(["verify", str(claim_dir / "toy_a.py"), "--out", "res", "--formats", ""]) == 0
    (tmp_path / "res" / "search").mkdir()
    record = {
        "kind": "search",
        "search": "toy-a-search",
        "claim": "toy-a",
        "verdict": "CONFIRMED",
        "expected": "CONFIRMED",
        "reason": "survived search (budget 4 starts)",
        "class": {"name": "quadratics"},
        "statistic": {"label": "ratio", "limit": 1.0, "value": 0.5},
        "budget": {"text": "4 starts × 10 steps"},
    }
    (tmp_path / "res" / "search" / "toy-a-search.json").write_text(_json.dumps(record))
    results = _report.load_all(Path("res"))
    toy = next(r for r in results if r["id"] == "toy-a")
    assert _report.search_lines(toy) == [
        "search toy-a-search over quadratics: CONFIRMED (expected CONFIRMED); "
        "worst ratio = 0.5 vs limit 1.0; 4 starts × 10 steps"
    ]
    assert "Worst-case search" in _report.html_page(results, {})
