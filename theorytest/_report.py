"""The verdict report: one static HTML page and a markdown summary, built from results.

report/index.html is self-contained apart from its images, copied beside it in
report/img/: a verdict table filterable by verdict and area, then one section per claim
(statement, paper, testbed, assumptions, plot, fit numbers, reason) with its negative
controls shown under it. report/summary.md carries the same content for a terminal or a
repository browser.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from theorytest import _results

_VERDICT_CLASS = {"CONFIRMED": "ok", "REFUTED": "bad", "INCONCLUSIVE": "warn", "DIVERGED": "div"}


def load_all(out: Path) -> list[dict[str, Any]]:
    """Every readable result in `out`, claims first and each claim's controls after it."""
    results = []
    for path in sorted(Path(out).glob("*.json")):
        if path.stem == "summary":
            continue
        result = _results.load(path.stem, out)
        if result is not None:
            results.append(result)
    searches = _search_records(Path(out) / "search")
    for r in results:
        found = searches.get(r["id"])
        if found:
            r["searches"] = found
    return order(results)


def _search_records(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Saved worst-case search records (theorytest search), by the claim they search."""
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and record.get("claim"):
            by_claim.setdefault(record["claim"], []).append(record)
    return by_claim


def search_lines(r: dict[str, Any]) -> list[str]:
    """One line per worst-case search of the claim: apart from the fixed-instance verdict."""
    lines = []
    for s in r.get("searches") or []:
        stat = s.get("statistic") or {}
        value = stat.get("value")
        shown = "-" if value is None else f"{value:.4g}"
        name = (s.get("class") or {}).get("name", "")
        lines.append(
            f"search {s['search']} over {name}: {s['verdict']} (expected {s['expected']}); "
            f"worst {stat.get('label', '')} = {shown} vs limit {stat.get('limit')}; "
            f"{(s.get('budget') or {}).get('text', '')}"
        )
    return lines


def order(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_parent: dict[str, list[dict]] = {}
    for r in results:
        if r.get("control_of"):
            by_parent.setdefault(r["control_of"], []).append(r)
    ordered, seen = [], set()
    parents = sorted(
        (r for r in results if not r.get("control_of")), key=lambda r: (r.get("area", ""), r["id"])
    )
    for r in parents:
        ordered.append(r)
        seen.add(r["id"])
        for c in sorted(by_parent.get(r["id"], []), key=lambda c: c["id"]):
            ordered.append(c)
            seen.add(c["id"])
    ordered += [r for r in results if r["id"] not in seen]
    return ordered


def _interval_text(estimate: float | None, ci) -> str:
    if estimate is None:
        return "-"
    text = _number(estimate)
    if ci and ci[0] is not None and ci[0] == ci[1]:
        return text + " (exact)"  # a deterministic testbed, or seeds that all agree
    if ci:
        lo, hi = ("nan" if v is None else _number(v) for v in ci)
        text += f" [{lo}, {hi}]"
    return text


def _number(v: float) -> str:
    """3 significant digits, except just below 1 (a contraction factor): 1 − 1e-06, not 1."""
    if 0.999 < v < 1:
        return f"1 − {1 - v:.3g}"
    return f"{v:.3g}"


def estimate_text(r: dict[str, Any]) -> str:
    """'estimate [lo, hi]' for tables (the CLI's and the report's); 'nan' for an undefined end.

    Every exponent of a joint scaling fit is shown; a multi-part claim's estimate is its lead
    part's, named; an interval of zero width is 'exact', never a 95% CI."""
    details = (r.get("outcome") or {}).get("details") or {}
    if "exponents" in details:
        cis = details.get("ci") or {}
        return "; ".join(
            f"{name}: {_interval_text(value, cis.get(name))}" for name, value in details["exponents"].items()
        )
    text = _interval_text(r.get("estimate"), r.get("ci"))
    if details.get("lead") and text != "-":
        text += f" ({details['lead']})"
    return text


def part_lines(r: dict[str, Any]) -> list[str]:
    """One line per part of a multi-part outcome: name, claimed, estimate [CI], verdict."""
    parts = (r.get("outcome") or {}).get("parts") or []
    return [
        f"{(p.get('details') or {}).get('name', '')}: {p['claimed']}: "
        f"{_interval_text(p.get('estimate'), p.get('ci'))} → {p['verdict']}"
        for p in parts
    ]


def _changes_text(r: dict[str, Any]) -> str:
    return f"; changes {_e(', '.join(r['changes']))}" if r.get("changes") else ""


def control_kind(r: dict[str, Any]) -> str:
    """'mechanism' for a control that changes the run, 'check only' for one that changes the check."""
    if not r.get("control_of"):
        return ""
    if "mechanism" not in r:
        return "control"
    return "mechanism control" if r["mechanism"] else "check-only control"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| claim | kind | claimed | estimate [95% CI] | verdict | expected |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        name = r["id"] if not r.get("control_of") else f"↳ {r['id']}"
        verdict = r["verdict"] if r["verdict"] == r["expected"] else f"**{r['verdict']}** (mismatch)"
        lines.append(
            f"| {_cell(name)} | {r['kind']} | {_cell(r['claimed'])} | "
            f"{_cell(estimate_text(r))} | {verdict} | {r['expected']} |"
        )
    return "\n".join(lines)


def markdown(results: list[dict[str, Any]]) -> str:
    counts = _counts(results)
    out = [
        "# theorytest verdicts",
        "",
        f"{len(results)} claims and controls; "
        + ", ".join(f"{v} {n}" for v, n in counts.items())
        + f"; {sum(r['verdict'] == r['expected'] for r in results)} as expected.",
        "",
        markdown_table(results),
        "",
    ]
    for r in results:
        out += [f"## {r['id']}", ""]
        if r.get("control_of"):
            changes = ", ".join(r.get("changes") or [])
            out += [
                f"Negative control of `{r['control_of']}` ({control_kind(r)}"
                + (f"; changes {changes}" if changes else "")
                + f"): {r.get('why') or ''}",
                "",
            ]
        paper = r.get("paper") or {}
        arxiv = f" (arXiv:{paper['arxiv']})" if paper.get("arxiv") else ""
        source = f", {r['source']}" if r.get("source") else ""
        out += [
            f"- paper: {paper.get('title')}{arxiv}{source}",
            f"- statement: {r['statement']}",
            f"- verdict: **{r['verdict']}** (expected {r['expected']}); {r['reason']}",
            *[f"  - {line}" for line in part_lines(r)],
            *[f"- revision (after seeing a result): {rev}" for rev in r.get("revisions") or []],
            *[f"- worst-case {line}" for line in search_lines(r)],
            f"- {r['n_seeds']} seeds, aggregate {r['aggregate']}, wall {r['wall_s']:.1f} s "
            f"(compile {r['compile_s']:.1f} s)",
        ]
        if r.get("testbed"):
            out.append(f"- testbed: {r['testbed']}")
        out += [f"- assumes: {a}" for a in r.get("assumptions") or []]
        png = next((f for f in r.get("figures") or [] if f.endswith(".png")), None)
        if png:
            out += ["", f"![{r['id']}](img/{Path(png).name})"]
        out.append("")
    return "\n".join(out)


def _counts(results) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in results:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    return dict(sorted(counts.items()))


_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1200px;
padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #d0d7de;
padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f6f8fa;position:sticky;top:0}
.ok{color:#1a7f37;font-weight:600}.bad{color:#b42318;font-weight:600}.warn{color:#9a6700;
font-weight:600}.div{color:#6e40c9;font-weight:600}.mismatch{background:#fff1f0}
tr.control td:first-child{padding-left:1.5rem}section{border-top:2px solid #d0d7de;margin-top:2rem}
section.control{margin-left:2rem;border-top:1px dashed #d0d7de}img{max-width:520px;width:100%}
.meta{color:#57606a;font-size:.9rem}code{background:#f6f8fa;padding:0 .2rem}
.filters{margin:1rem 0}select{margin-right:1rem}
"""

_SCRIPT = """
function applyFilters(){const v=document.getElementById('fverdict').value,
a=document.getElementById('farea').value;
document.querySelectorAll('[data-verdict]').forEach(el=>{const ok=(!v||el.dataset.verdict===v)&&
(!a||el.dataset.area===a);el.style.display=ok?'':'none';});}
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def html_page(results: list[dict[str, Any]], image_names: dict[str, str]) -> str:
    verdicts = sorted({r["verdict"] for r in results})
    areas = sorted({r.get("area", "") for r in results})
    counts = _counts(results)
    as_expected = sum(r["verdict"] == r["expected"] for r in results)
    rows, sections = [], []
    for r in results:
        cls = _VERDICT_CLASS.get(r["verdict"], "")
        control = bool(r.get("control_of"))
        mismatch = r["verdict"] != r["expected"]
        attrs = f'data-verdict="{_e(r["verdict"])}" data-area="{_e(r.get("area", ""))}"'
        row_cls = " ".join(filter(None, ["control" if control else "", "mismatch" if mismatch else ""]))
        paper = r.get("paper") or {}
        rows.append(
            f'<tr class="{row_cls}" {attrs}><td><a href="#{_e(r["id"])}">{_e(r["id"])}</a></td>'
            f"<td>{_e(paper.get('title') or '')}</td><td>{_e(r['kind'])}</td>"
            f"<td>{_e(r['claimed'])}</td><td>{_e(estimate_text(r))}</td>"
            f'<td class="{cls}">{_e(r["verdict"])}</td><td>{_e(r["expected"])}</td>'
            f"<td>{r['n_seeds']}</td><td>{r['wall_s']:.1f}</td></tr>"
        )
        img = image_names.get(r["id"])
        arxiv = (
            f' · <a href="https://arxiv.org/abs/{_e(paper["arxiv"])}">arXiv:{_e(paper["arxiv"])}</a>'
            if paper.get("arxiv")
            else ""
        )
        parts = "".join(
            f"<li><b>{_e(p.get('details', {}).get('name', ''))}</b> {_e(p['claimed'])}: "
            f"{_e(_interval_text(p.get('estimate'), p.get('ci')))} "
            f'<span class="{_VERDICT_CLASS.get(p["verdict"], "")}">{_e(p["verdict"])}</span>: '
            f"{_e(p['reason'])}</li>"
            for p in r["outcome"].get("parts") or []
        )
        sections.append(
            f'<section id="{_e(r["id"])}" class="{"control" if control else ""}" {attrs}>'
            f'<h2>{_e(r["id"])} <span class="{cls}">{_e(r["verdict"])}</span></h2>'
            + (
                f'<p><b>Negative control of <a href="#{_e(r["control_of"])}">{_e(r["control_of"])}</a></b> '
                f"({_e(control_kind(r))}{_changes_text(r)}): "
                f"{_e(r.get('why') or '')}</p>"
                if control
                else ""
            )
            + (f"<p><b>Source.</b> {_e(r['source'])}</p>" if r.get("source") else "")
            + (
                "<p><b>Revisions after seeing a result.</b></p><ul>"
                + "".join(f"<li>{_e(v)}</li>" for v in r["revisions"])
                + "</ul>"
                if r.get("revisions")
                else ""
            )
            + f'<p class="meta">{_e(paper.get("authors") or "")} {_e(paper.get("title") or "")}'
            f"{' (' + _e(paper['year']) + ')' if paper.get('year') else ''}{arxiv}</p>"
            f"<p><b>Statement.</b> {_e(r['statement'])}</p>"
            + (f"<p><b>Testbed.</b> {_e(r['testbed'])}</p>" if r.get("testbed") else "")
            + (
                "<p><b>Assumptions.</b></p><ul>"
                + "".join(f"<li>{_e(a)}</li>" for a in r["assumptions"])
                + "</ul>"
                if r.get("assumptions")
                else ""
            )
            + f"<p><b>Check.</b> {_e(r['kind'])}: {_e(r['claimed'])}; aggregate over seeds: "
            f"{_e(r['aggregate'])}; {r['n_seeds']} seeds; confidence {r['confidence']}.</p>"
            f'<p><b>Verdict.</b> <span class="{cls}">{_e(r["verdict"])}</span> (expected '
            f"{_e(r['expected'])}); estimate {_e(estimate_text(r))}. {_e(r['reason'])}</p>"
            + (f"<ul>{parts}</ul>" if parts else "")
            + (
                "<p><b>Worst-case search</b> (over the assumption class, apart from the fixed "
                "instance above):</p><ul>"
                + "".join(f"<li>{_e(line)}</li>" for line in search_lines(r))
                + "</ul>"
                if r.get("searches")
                else ""
            )
            + (f'<img src="img/{_e(img)}" alt="rate plot of {_e(r["id"])}">' if img else "")
            + f'<p class="meta">wall {r["wall_s"]:.1f} s, compile {r["compile_s"]:.1f} s, '
            f"backend {_e(r.get('backend'))}, jax {_e((r.get('versions') or {}).get('jax'))}</p>"
            "</section>"
        )
    options = lambda values: "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
    summary = ", ".join(
        f'<span class="{_VERDICT_CLASS.get(v, "")}">{n} {v}</span>' for v, n in counts.items()
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>theorytest verdicts</title><style>{_STYLE}</style><script>{_SCRIPT}</script></head><body>"
        "<h1>theorytest verdicts</h1>"
        f"<p>{len(results)} claims and negative controls: {summary}; "
        f"<b>{as_expected} of {len(results)}</b> as expected.</p>"
        '<div class="filters"><label>verdict <select id="fverdict" onchange="applyFilters()">'
        f'<option value="">all</option>{options(verdicts)}</select></label>'
        '<label>area <select id="farea" onchange="applyFilters()">'
        f'<option value="">all</option>{options(areas)}</select></label></div>'
        "<table><thead><tr><th>claim</th><th>paper</th><th>kind</th><th>claimed</th>"
        "<th>estimate [95% CI]</th><th>verdict</th><th>expected</th><th>seeds</th><th>wall s</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>{''.join(sections)}</body></html>\n"
    )


def write(results: list[dict[str, Any]], directory: Path, figures_base: Path = Path(".")) -> Path:
    """Write report/index.html, report/summary.md and the images; returns the HTML path."""
    directory = Path(directory)
    img_dir = directory / "img"
    img_dir.mkdir(parents=True, exist_ok=True)
    names = {}
    for r in results:
        png = next((f for f in r.get("figures") or [] if f.endswith(".png")), None)
        source = Path(png) if png and Path(png).is_absolute() else Path(figures_base) / (png or "")
        if png and source.is_file():
            shutil.copyfile(source, img_dir / source.name)
            names[r["id"]] = source.name
    _results.write_atomic(directory / "index.html", html_page(results, names))
    _results.write_atomic(directory / "summary.md", markdown(results))
    _results.write_atomic(
        directory / "results.json", _results.dumps({"claims": [_results.summary_entry(r) for r in results]})
    )
    return directory / "index.html"


_MARKERS = re.compile(r"(<!-- verdict-table:start -->\n).*?(<!-- verdict-table:end -->)", re.S)


def headline(results: list[dict[str, Any]], audit: dict[str, Any] | None = None) -> str:
    """Claims, controls (mechanism vs check-only), verdicts as expected, the run's size, and
    the reseeding audit's flips when `audit` (the JSON `theorytest audit --json` writes) is given."""
    claims = [r for r in results if not r.get("control_of")]
    controls = [r for r in results if r.get("control_of")]
    mechanism = sum(bool(r.get("mechanism")) for r in controls)
    expected = sum(r["verdict"] == r["expected"] for r in results)
    size = "quick" if any(r.get("quick") for r in results) else "full"
    text = (
        f"**{len(claims)} claims and {len(controls)} negative controls** ({mechanism} mechanism "
        f"controls that change the run, {len(controls) - mechanism} that change only the check); "
        f"**{expected} of {len(results)} verdicts as expected** at the {size} size."
    )
    return text if audit is None else text + " " + audit_line(audit, len(results))


def merged_audit(parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One audit from the JSON of several `theorytest audit --json` runs over disjoint ids.

    A long audit is run in parts (by cost, or resumed after an interruption); the parts must
    share the seed-set count and the size, and no id may be audited twice. A part that re-audits
    ids after a change lists their earlier rows under "superseded": the headline keeps their
    flips in view."""
    for field in ("reseed", "quick"):
        seen = {p.get(field) for p in parts}
        if len(seen) > 1:
            raise ValueError(f"--audit: the files differ in {field!r} ({sorted(map(str, seen))})")
    rows, seen_ids = [], set()
    for part in parts:
        for row in part["audit"]:
            if row["id"] in seen_ids:
                raise ValueError(f"--audit: id {row['id']!r} is audited in more than one file")
            seen_ids.add(row["id"])
            rows.append(row)
    return {
        "audit": rows,
        "reseed": parts[0]["reseed"],
        "quick": parts[0].get("quick", False),
        "complete": all(p.get("complete") for p in parts),
        "runs": sum(p.get("runs", 1) for p in parts),
        "superseded": [row for p in parts for row in p.get("superseded", [])],
    }


def _differing(row: dict[str, Any]) -> list[str]:
    """An audit row's verdicts that differ from its expected verdict (its flips)."""
    return [v for v in row["verdicts"] if v != row["expected"]]


def audit_line(audit: dict[str, Any], n_ids: int) -> str:
    """One sentence on a reseeding audit: its size, how many ids it reached, the flips and where."""
    rows = audit["audit"]
    runs = sum(len(r["verdicts"]) for r in rows)
    differ = {r["id"]: _differing(r) for r in rows}
    flips = sum(len(seen) for seen in differ.values())
    where = ", ".join(f"{i} ({'/'.join(seen)})" for i, seen in differ.items() if seen)
    size = "quick" if audit.get("quick") else "full"
    reach = f"{len(rows)} of {n_ids} ids"
    if audit.get("runs", 1) > 1:
        reach += f" in {audit['runs']} runs"
    if len(rows) < n_ids and not audit.get("complete"):
        reach += ", interrupted"
    line = (
        f"**Reseeding audit** ({audit['reseed']} disjoint seed sets at the {size} budget, {reach}): "
        f"**{flips} of {runs} re-runs differ** from the expected verdict" + (f": {where}." if where else ".")
    )
    earlier = [
        f"{r['id']} ({'/'.join(seen)} in {len(seen)} of {len(r['verdicts'])})"
        for r in audit.get("superseded", [])
        if (seen := _differing(r))
    ]
    if earlier:
        line += f" Before a change and a re-audit: {', '.join(earlier)}."
    return line


def update_readme(results: list[dict[str, Any]], readme: Path, audit: dict[str, Any] | None = None) -> bool:
    """Replace the verdict table between the README's markers; True when it changed."""
    text = Path(readme).read_text(encoding="utf-8")
    body = headline(results, audit) + "\n\n" + markdown_table(results) + "\n"
    new = _MARKERS.sub(lambda m: m.group(1) + body + m.group(2), text)
    if new != text:
        _results.write_atomic(Path(readme), new)
    return new != text
