"""The `theorytest` command line (the contract scripts rely on; see the README).

    theorytest list [--json]
    theorytest verify [ID|PATH ...] [--quick] [--seeds N] [--json FILE] [--out DIR] [--adaptive]
                      [--executor local|dask [--scheduler ADDRESS | --workers N] [--seed-block N]]
    theorytest show ID
    theorytest export ID ...|--all --format pdf|png|svg|pgf [--style paper|slides] [--width single|double]
                      [--compare NAME]
    theorytest report [--out DIR] [--report DIR] [--readme README.md [--audit FILE ...]]
    theorytest audit [ID ...] --reseed K [--quick]

`verify` exits 0 exactly when every verdict equals its expected verdict (negative
controls included). Bad input is one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

EXIT_MISMATCH = 1
EXIT_USAGE = 2
AUDIT_SEED_STRIDE = 10**6  # audit seed set j starts at seed index (j + 1) · stride: disjoint sets


def _claims_json(claims) -> dict[str, Any]:
    from theorytest._environment import environment
    from theorytest._registry import control_record

    env = environment()
    entries = []
    for c in claims:
        entry = {
            "id": c.id,
            "paper": c.paper.title,
            "kind": type(c.check).__name__,
            "expected": c.expected.value,
            "verdict": None,
            "control_of": c.control_of,
            "claimed": c.check.claimed(),
            "estimate": None,
            "ci": None,
            "reason": None,
            "wall_s": None,
            "compile_s": None,
            "figures": None,
            "area": c.area,
            "source": c.source or None,
        }
        if c.control_of:
            entry.update(control_record(c, claims))
        entries.append(entry)
    return {"claims": entries, "backend": env["backend"], "versions": env["versions"]}


def cmd_list(args) -> int:
    from theorytest import _registry

    claims = _registry.select(args.targets)
    if args.json:
        print(json.dumps(_claims_json(claims), indent=1, ensure_ascii=False))
        return 0
    width = max(len(c.id) for c in claims)
    for c in claims:
        tag = f"control of {c.control_of}" if c.control_of else c.paper.title
        print(f"{c.id:<{width}}  {c.expected.value:<12}  {type(c.check).__name__:<14}  {tag}")
    return 0


class Progress:
    """Progress lines: claims done / total, the current claim, elapsed time and ETA."""

    def __init__(self, total: int, stream=None):
        self.total, self.done, self._stream = total, 0, stream
        self.current = ""
        self.start = time.perf_counter()

    @property
    def stream(self):
        return self._stream or sys.stderr

    def _stamp(self) -> str:
        elapsed = time.perf_counter() - self.start
        eta = ""
        if self.done:
            eta = f", ETA {elapsed / self.done * (self.total - self.done):.0f}s"
        return f"{elapsed:.0f}s elapsed{eta}"

    def begin(self, claim_id: str) -> None:
        self.current = claim_id
        print(
            f"[{self.done + 1}/{self.total}] {claim_id} ... ({self._stamp()})", file=self.stream, flush=True
        )

    def note(self, message: str) -> None:
        print(f"    {self.current}: {message}", file=self.stream, flush=True)

    def end(self, result: dict[str, Any]) -> None:
        self.done += 1
        mark = "ok" if result["verdict"] == result["expected"] else "MISMATCH"
        print(
            f"[{self.done}/{self.total}] {result['id']}: {result['verdict']} "
            f"(expected {result['expected']}, {mark}) in {result['wall_s']:.1f}s",
            file=self.stream,
            flush=True,
        )


def _estimate_text(r: dict[str, Any]) -> str:
    from theorytest._report import estimate_text

    return estimate_text(r)


def table(results: list[dict[str, Any]]) -> str:
    rows = [("id", "kind", "claimed", "estimate [CI]", "verdict", "expected", "")]
    for r in results:
        rows.append(
            (
                r["id"],
                r["kind"],
                r["claimed"],
                _estimate_text(r),
                r["verdict"],
                r["expected"],
                "ok" if r["verdict"] == r["expected"] else "MISMATCH",
            )
        )
    widths = [min(60, max(len(str(row[i])) for row in rows)) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [str(c)[: widths[i]].ljust(widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _formats(text: str) -> tuple[str, ...]:
    from theorytest import _plot

    formats = tuple(f for f in text.split(",") if f)
    for fmt in formats:
        if fmt not in _plot.FORMATS:
            raise ValueError(f"--formats: {fmt!r} is not one of {_plot.FORMATS}")
    return formats


def _cached(claim, out: str, key: str, progress: Progress) -> dict[str, Any] | None:
    """The saved result when its cache key matches and its figures exist; else None."""
    from theorytest import _results

    result, problem = _results.load_checked(claim.id, out)
    if problem and problem != "missing":
        progress.note(f"{problem}; recomputing")
    if result is None or result.get("cache_key") != key:
        return None
    if not all(Path(f).exists() for f in result.get("figures") or []):
        return None
    return result


def _freeing_runs(claims: list) -> Any:
    """A callback for each judged claim: once the last claim of a root (a claim or one of its
    controls, in `claims` order) is judged, the runs they shared are freed."""
    from theorytest import _runner

    last_of_root = {c.control_of or c.id: c.id for c in claims}

    def judged(claim) -> None:
        root = claim.control_of or claim.id
        if last_of_root[root] == claim.id:
            _runner.forget(root)

    return judged


def verify_claims(
    claims,
    plans,
    *,
    out: str,
    figures: str,
    formats: tuple[str, ...] = (),
    force: bool = False,
    adaptive: bool = False,
    dask: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Run (or take from the cache) each claim on its plan, saving result and figures as each ends.

    plans: claim id -> Plan, resolved once by the caller. dask: options of `verify_on_dask`
    (workers, scheduler, seed_block) to run the claims that are not cached as Dask cells;
    None runs them in this process. Results are saved and drawn here as they arrive.
    """
    from theorytest import _cache, _plot, _registry, _results, _verify
    from theorytest._environment import peak_memory_mb

    if dask is not None and adaptive:
        raise ValueError("--adaptive: not available with --executor dask")
    progress = Progress(len(claims))
    done: dict[str, dict[str, Any]] = {}

    by_id = {c.id: c for c in claims}
    parents = _registry.with_parents(claims)  # a control run alone is recorded against its claim
    judged = _freeing_runs(claims)

    def finish(result, key):
        result["cache_key"] = key
        result["process_peak_rss_mb"] = peak_memory_mb()  # the process's peak so far (rises name culprits)
        claim = by_id[result["id"]]
        if claim.control_of:
            result.update(_registry.control_record(claim, parents))
        if formats:
            result["figures"] = _plot.plot_result(result, figures, formats)
        _results.save(result, out)
        done[result["id"]] = result
        progress.end(result)
        judged(claim)

    keys = {
        c.id: _cache.key(c, plans[c.id], adaptive=adaptive, origin=_registry.ORIGINS.get(c.id))
        for c in claims
    }
    pending = []
    for claim in claims:
        progress.current = claim.id
        cached = None if force else _cached(claim, out, keys[claim.id], progress)
        if cached is None:
            pending.append(claim)
            continue
        progress.begin(claim.id)
        progress.note("unchanged since the last run (cached; --force re-runs)")
        done[claim.id] = {**cached, "from_cache": True}
        progress.end(cached)
    if dask is not None:
        from theorytest._dask import verify_on_dask

        if pending:
            verify_on_dask(pending, plans, progress=lambda r: finish(r, keys[r["id"]]), **dask)
    else:
        for claim in pending:
            progress.begin(claim.id)
            result = _verify.verify(claim, plans[claim.id], progress=progress.note, adaptive=adaptive)
            finish(result, keys[claim.id])
    return [done[c.id] for c in claims]


def _dask_options(args) -> dict[str, Any] | None:
    """Options of `--executor dask`, or None for the local executor (one-line error if misplaced)."""
    options = {"workers": args.workers, "scheduler": args.scheduler, "seed_block": args.seed_block}
    if args.executor == "dask":
        return options
    if any(v is not None for v in options.values()):
        raise ValueError("--workers/--scheduler/--seed-block: only with --executor dask")
    return None


def peak_raisers(results: list[dict[str, Any]], top: int = 5) -> list[dict[str, Any]]:
    """The claims during which the process's peak memory rose most (run order; cached results
    carry no new peak), largest rise first: where a memory target is missed."""
    rises, before = [], None
    for r in results:
        peak = r.get("process_peak_rss_mb")
        if peak is None or r.get("from_cache"):
            continue
        if before is not None and peak > before:
            rises.append({"id": r["id"], "rise_mb": round(peak - before, 1), "peak_rss_mb": round(peak, 1)})
        before = peak
    return sorted(rises, key=lambda x: -x["rise_mb"])[:top]


def plans_for(claims, *, quick: bool, seeds: int | None) -> dict[str, Any]:
    """Each claim's plan, resolved once here (the run size and --seeds stop at this point)."""
    from theorytest._plan import plan_for

    if seeds is not None and seeds < 1:
        raise ValueError(f"--seeds: must be a positive integer, got {seeds}")
    return {c.id: plan_for(c, quick=quick, seeds=seeds) for c in claims}


def cmd_verify(args) -> int:
    from theorytest import _registry, _report, _results
    from theorytest._environment import environment, peak_memory_mb

    start = time.perf_counter()
    claims = _registry.select(args.targets)
    results = verify_claims(
        claims,
        plans_for(claims, quick=args.quick, seeds=args.seeds),
        out=args.out,
        figures=args.figures,
        formats=_formats(args.formats),
        force=args.force,
        adaptive=args.adaptive,
        dask=_dask_options(args),
    )
    summary = _results.summary(results, environment())
    from theorytest._runner import COMPILE_STATS

    summary["run"] = {
        "wall_s": time.perf_counter() - start,
        "peak_rss_mb": peak_memory_mb(),
        "executor": args.executor,
        "compiles": COMPILE_STATS["programs"],
        "compile_s": COMPILE_STATS["compile_s"],
        "claims_compile_s": sum(r.get("compile_s") or 0 for r in results),
        "claims_run_s": sum(r.get("run_s") or 0 for r in results),
        "peak_raised_by": peak_raisers(results),
    }
    out = Path(args.out)
    _results.write_atomic(out / "summary.json", _results.dumps(summary))
    _results.write_atomic(out / "summary.csv", _results.summary_csv(results))
    _results.write_parquet(results, out / "summary.parquet")
    if args.json:
        _results.write_atomic(Path(args.json), _results.dumps(summary))
    if args.report:
        _report.write(_report.load_all(out), Path(args.report))
    print(table(results))
    print(
        f"\n{len(results)} claims in {summary['run']['wall_s']:.0f} s, "
        f"{summary['run']['compiles']} programs compiled in {summary['run']['compile_s']:.0f} s, "
        f"peak memory {summary['run']['peak_rss_mb']:.0f} MiB"
    )
    searched = run_searches(claims, args.quick, out) if args.search else []
    mismatched = [r.get("id") or r["search"] for r in results + searched if r["verdict"] != r["expected"]]
    if mismatched:
        print(f"\n{len(mismatched)} verdict(s) differ from expected: {', '.join(mismatched)}")
        return EXIT_MISMATCH
    print(f"\nall {len(results)} verdicts as expected")
    return 0


def _audit_json(path: Path) -> dict[str, Any]:
    """What `theorytest audit --json` wrote to path, or an error that names the file."""
    try:
        audit = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ValueError(f"--audit: cannot read {path} ({err})") from None
    if not isinstance(audit, dict) or not {"audit", "reseed"} <= audit.keys():
        raise ValueError(f"--audit: {path} is not what `theorytest audit --json` writes")
    return audit


def cmd_report(args) -> int:
    from theorytest import _report

    results = _report.load_all(Path(args.out))
    if not results:
        raise ValueError(f"--out: no results in {args.out}; run `theorytest verify` first")
    page = _report.write(results, Path(args.report))
    if args.readme:
        parts = [_audit_json(Path(f)) for f in args.audit or ()]
        audit = _report.merged_audit(parts) if parts else None
        _report.update_readme(results, Path(args.readme), audit)
    print(page)
    return 0


def cmd_audit(args) -> int:
    """Re-run claims with K independent seed sets; report the verdicts seen and flips."""
    from theorytest import _registry, _results, _verify

    if args.reseed < 1:
        raise ValueError(f"--reseed: must be a positive integer, got {args.reseed}")
    claims = _registry.select(args.targets)
    plans = plans_for(claims, quick=args.quick, seeds=args.seeds)
    judged = _freeing_runs(claims)  # each claim's K reseeded runs, shared with its controls
    progress = Progress(len(claims) * args.reseed)
    rows, flips = [], 0
    for claim in claims:
        verdicts = []
        plan = plans[claim.id]
        for j in range(args.reseed):
            # Disjoint seed sets: set j uses seed indices starting at (j + 1) · 10⁶.
            reseeded = plan.with_seeds(plan.seeds.shifted((j + 1) * AUDIT_SEED_STRIDE))
            progress.begin(f"{claim.id} (seed set {j + 1}/{args.reseed})")
            result = _verify.verify(claim, reseeded)
            progress.end(result)
            verdicts.append(result["verdict"])
        judged(claim)
        n_flip = sum(v != claim.expected.value for v in verdicts)
        flips += n_flip
        rows.append(
            {
                "id": claim.id,
                "expected": claim.expected.value,
                "verdicts": verdicts,
                "flip_rate": n_flip / len(verdicts),
            }
        )
        if args.json:  # after every claim, so that an interrupted audit keeps what it measured
            _results.write_atomic(
                Path(args.json),
                _results.dumps(
                    {
                        "audit": rows,
                        "reseed": args.reseed,
                        "quick": args.quick,
                        "complete": len(rows) == len(claims),
                    }
                ),
            )
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        seen = ", ".join(f"{v} ×{r['verdicts'].count(v)}" for v in dict.fromkeys(r["verdicts"]))
        print(
            f"{r['id']:<{width}}  expected {r['expected']:<12}  seen {seen}  flip rate {r['flip_rate']:.2f}"
        )
    print(f"\n{flips} flip(s) in {len(claims) * args.reseed} re-runs")
    return EXIT_MISMATCH if flips else 0


def cmd_show(args) -> int:
    from theorytest import _registry, _results

    claim = _registry.select([args.id])[0]
    print(f"{claim.id}  ({'negative control of ' + claim.control_of if claim.control_of else claim.area})")
    print(f"paper:     {claim.paper.cite()}")
    print(f"statement: {claim.statement}")
    for a in claim.assumptions:
        print(f"assumes:   {a}")
    if claim.testbed:
        print(f"testbed:   {claim.testbed}")
    if claim.why:
        print(f"why:       {claim.why}")
    print(f"check:     {type(claim.check).__name__} {claim.check.claimed()}")
    print(f"expected:  {claim.expected.value}")
    result = _results.load(claim.id, args.out)
    if result is None:
        print(f"result:    none yet (run `theorytest verify {claim.id}`)")
    else:
        print(f"result:    {result['verdict']}  estimate {_estimate_text(result)}")
        print(f"reason:    {result['reason']}")
        print(f"figures:   {', '.join(result.get('figures') or []) or '-'}")
    return 0


def _with_current_labels(result: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """A saved result with the claim's present `quantity` (the y label): presentation, not measurement,
    so a redraw picks up a renamed quantity without re-running the claim."""
    claim = current.get(result.get("id"))
    return {**result, "quantity": claim.quantity or None} if claim is not None else result


def cmd_export(args) -> int:
    from theorytest import _plot, _registry, _results

    if args.all == bool(args.ids):
        raise ValueError("export: name claim IDs or give --all")
    if args.all:
        ids = sorted(p.stem for p in Path(args.out).glob("*.json") if p.stem != "summary")
    else:
        ids = list(args.ids)
    current = {c.id: c for c in _registry.builtin_claims()}
    results = []
    for claim_id in ids:
        result = _results.load(claim_id, args.out)
        if result is None:
            if args.all:
                continue
            raise ValueError(
                f"id: no result for {claim_id!r} in {args.out}; run `theorytest verify {claim_id}` first"
            )
        results.append(_with_current_labels(result, current))
    if args.compare:
        name = args.compare if isinstance(args.compare, str) else "-vs-".join(ids)
        written = [
            _plot.plot_comparison(
                results, Path(args.figures) / f"{name}.{args.format}", args.style, args.width
            )
        ]
    else:
        written = [
            p
            for r in results
            for p in _plot.plot_result(r, args.figures, (args.format,), args.style, args.width)
        ]
    for path in written:
        print(path)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="theorytest", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    ls = sub.add_parser("list", help="list claims and negative controls")
    ls.add_argument("targets", nargs="*", help="claim ids, claim files or folders")
    ls.add_argument("--json", action="store_true", help="print the JSON contract")
    ls.set_defaults(func=cmd_list)

    v = sub.add_parser("verify", help="run claims and check them")
    v.add_argument(
        "targets",
        nargs="*",
        metavar="ID|PATH",
        help="claim ids, claim files or folders (default: every built-in claim)",
    )
    v.add_argument("--quick", action="store_true", help="quick size (as in the tests)")
    v.add_argument("--seeds", type=int, default=None, help="override the number of seeds")
    v.add_argument("--json", metavar="FILE", help="write the JSON summary here")
    v.add_argument("--out", default="results", metavar="DIR", help="results folder")
    v.add_argument("--figures", default="figures", metavar="DIR", help="figures folder")
    v.add_argument("--formats", default="pdf,png", help="figure formats, comma-separated ('' for none)")
    v.add_argument("--force", action="store_true", help="re-run claims whose results are cached")
    v.add_argument(
        "--executor",
        choices=["local", "dask"],
        default="local",
        help="run claims in this process, or as tasks on Dask distributed",
    )
    v.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (--executor dask)")
    v.add_argument("--workers", type=int, metavar="N", help="local Dask worker processes (--executor dask)")
    v.add_argument(
        "--seed-block",
        type=int,
        metavar="N",
        help="seeds per Dask task (--executor "
        "dask; default: all of a claim's seeds, one task per sweep point)",
    )
    v.add_argument(
        "--adaptive",
        action="store_true",
        help="start from a quarter of the seeds; add seed blocks only while undecided",
    )
    v.add_argument(
        "--report",
        default=None,
        metavar="DIR",
        help="also write the HTML/markdown report of every result in --out here",
    )
    v.add_argument(
        "--search",
        action="store_true",
        help="also run the worst-case searches of the claims that declare a class",
    )
    v.set_defaults(func=cmd_verify)

    r = sub.add_parser("report", help="the verdict report page from saved results")
    r.add_argument("--out", default="results", metavar="DIR", help="results folder")
    r.add_argument("--report", default="report", metavar="DIR", help="where the report goes")
    r.add_argument(
        "--readme",
        default=None,
        metavar="FILE",
        help="also refresh the verdict table between the markers in this README",
    )
    r.add_argument(
        "--audit",
        default=None,
        nargs="+",
        metavar="FILE",
        help="with --readme: add the flips of these `theorytest audit --json` files (disjoint ids) "
        "to the headline",
    )
    r.set_defaults(func=cmd_report)

    a = sub.add_parser("audit", help="re-run claims with independent seed sets; count verdict flips")
    a.add_argument("targets", nargs="*", metavar="ID|PATH")
    a.add_argument("--reseed", type=int, default=5, metavar="K", help="number of seed sets")
    a.add_argument("--quick", action="store_true")
    a.add_argument("--seeds", type=int, default=None)
    a.add_argument("--json", metavar="FILE")
    a.set_defaults(func=cmd_audit)

    s = sub.add_parser("show", help="a claim's statement and its last result")
    s.add_argument("id")
    s.add_argument("--out", default="results", metavar="DIR")
    s.set_defaults(func=cmd_show)

    w = sub.add_parser(
        "search",
        help="worst-case search over a claim's instance class "
        "(theorytest search [ID|PATH ...] [--quick] [--out DIR] [--list])",
    )
    w.add_argument("args", nargs=argparse.REMAINDER)
    w.set_defaults(func=lambda args: _run_search_cli(args.args))

    e = sub.add_parser("export", help="redraw claims' figures from their saved results")
    e.add_argument("ids", nargs="*", metavar="ID")
    e.add_argument(
        "--compare",
        metavar="NAME",
        default=None,
        help="one figure NAME.<format> with the named claims on one axis",
    )
    e.add_argument("--all", action="store_true", help="every claim with a saved result")
    e.add_argument("--format", default="pdf", choices=["pdf", "png", "svg", "pgf"])
    e.add_argument("--style", default="paper", choices=["paper", "slides"])
    e.add_argument("--width", default="single", choices=["single", "double"])
    e.add_argument("--out", default="results", metavar="DIR", help="results folder")
    e.add_argument("--figures", default="figures", metavar="DIR", help="where figures go")
    e.set_defaults(func=cmd_export)
    return p


def _run_search_cli(argv: list[str]) -> int:
    from theorytest import _search

    return _search.main(argv)


def run_searches(claims, quick: bool, out: Path) -> list[dict[str, Any]]:
    """The worst-case searches declared for `claims` (claims without one are skipped)."""
    from theorytest import _search

    specs = {}
    for claim in claims:
        try:
            specs.update({s.id: s for s in _search.specs_for([claim.id])})
        except ValueError:  # no search declared for this claim
            continue
    records = []
    for spec in specs.values():
        record = _search.search(spec, quick=quick)
        _search.save(record, out)
        ok = "ok" if record["verdict"] == record["expected"] else "MISMATCH"
        print(
            f"search {spec.id}: {record['verdict']} (expected {record['expected']}, {ok}) {record['reason']}"
        )
        records.append(record)
    return records


def _terminate(signum, frame):
    raise KeyboardInterrupt  # unwinds through the atomic writers, which remove temp files


def main(argv: list[str] | None = None) -> int:
    import signal

    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    if argv[:1] == ["search"]:  # its own options (argparse cannot pass "--list" through untouched)
        return _run_search_cli(argv[1:])
    args = parser().parse_args(argv)
    if threading_main():
        signal.signal(signal.SIGTERM, _terminate)
    from theorytest._precision import float64

    try:
        with float64():  # the command runs claims: their constants and runs in float64
            return args.func(args)
    except ValueError as err:
        print(f"theorytest: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("theorytest: interrupted; finished results are saved", file=sys.stderr)
        return 130


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":
    sys.exit(main())
