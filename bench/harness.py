"""Benchmarks: theorytest's runner against plain loops doing the same math, ratios from one run.

    python -m bench [--quick] [--only NAME ...] [--out FILE.json] [--no-plot]
    make bench ARGS="--only small_noisy"

Each workload (bench/workloads.py) runs four ways in this process: the theorytest runner
(jit + vmap over seeds + tt.trajectory), numpy batched over seeds, numpy one seed at a time,
and an un-jitted Python loop over optax updates. Reported per way: run time (wall and CPU;
the runner's compile time apart), the ratio to the runner, peak memory, and achieved GFLOP/s
(hand-counted flops) against the machine's float64 matmul peak measured at start-up.

The per-seed numpy loop and the un-jitted optax loop are slow: they are timed on a subset of
seeds and steps and extrapolated linearly to the full size (the JSON says which subset).
Peak memory of the numpy and optax loops is tracemalloc's peak over a short separate pass
(tracing slows the loop, so it is not timed); the runner's is the growth of the process's
maxrss (resource.getrusage) over its call, plus XLA's own buffer estimate where available.
Timings on a shared machine are noisy: compare ratios within one run, and see the recorded
load average.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "results.json"

# How much of the slow loops to time (then extrapolate linearly).
PER_SEED_SEEDS, PER_SEED_STEPS = 2, 2_000
OPTAX_SEEDS, OPTAX_STEPS = 1, 200
MEMORY_STEPS = 20

TARGETS = {"numpy": 1.5, "per_seed": 10.0, "optax": 30.0, "median_compile_s": 2.0}


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class _Timer:
    def __enter__(self):
        self.w0, self.c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.w0
        self.cpu = time.process_time() - self.c0


def matmul_peak(n: int = 1024, repeats: int = 3) -> dict:
    """Measured float64 matmul GFLOP/s (best of `repeats`), numpy and jitted JAX."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    a = np.random.default_rng(0).standard_normal((n, n))
    out = {"n": n}
    best = min(_time(lambda: a @ a) for _ in range(repeats))
    out["numpy_gflops"] = 2 * n**3 / best / 1e9
    f = jax.jit(lambda x: x @ x)
    aj = jnp.asarray(a)
    f(aj).block_until_ready()
    best = min(_time(lambda: f(aj).block_until_ready()) for _ in range(repeats))
    out["jax_gflops"] = 2 * n**3 / best / 1e9
    out["peak_gflops"] = max(out["numpy_gflops"], out["jax_gflops"])
    return out


def _time(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _traced_peak_mb(fn) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _one(inst: dict, i: int) -> dict:
    return {k: v[i] for k, v in inst.items()}


def _method(run_s, cpu_s, flops, peak, **extra) -> dict:
    gflops = flops / run_s / 1e9 if run_s > 0 else None
    return {
        "run_s": run_s,
        "cpu_s": cpu_s,
        "gflops": gflops,
        "fraction_of_peak": gflops / peak if gflops else None,
        **extra,
    }


def _extrapolated(t, w, n_seeds: int, n_steps: int, flops: float, peak: float, mem, log) -> dict:
    """A method timed on n_seeds × n_steps, scaled to the workload's seeds × steps (logged)."""
    scale = (w.seeds / n_seeds) * (w.steps / n_steps)
    log(f"    {n_seeds} seeds x {n_steps} steps {t.wall:.3f}s -> extrapolated {t.wall * scale:.2f}s")
    return _method(
        t.wall * scale,
        t.cpu * scale,
        flops,
        peak,
        peak_traced_mb=mem,
        extrapolated={"seeds": n_seeds, "steps": n_steps, "measured_s": t.wall, "factor": scale},
    )


def run_runner(w, prng: str, peak: float) -> tuple[dict, object]:
    """The workload through theorytest's runner under PRNG implementation `prng`."""
    import theorytest as tt
    from theorytest import _runner
    from theorytest._plan import plan_for

    claim = tt.Claim(
        id=f"bench-{w.name.replace('_', '-')}",
        paper=tt.Paper(title="bench"),
        statement="benchmark",
        experiment=w.experiment,
        sweep=tt.Sweep(checkpoints=w.checkpoints),
        seeds=w.seeds,
        check=tt.UpperRate(exponent=0.0),
    )
    _runner.clear_memo()
    rss0 = _maxrss_mb()
    with _Timer() as t:
        data = _runner.run(plan_for(claim, prng=prng))
    _runner.clear_memo()
    flops = w.flops_per_step * w.steps * w.seeds
    rec = _method(
        data.run_s,
        data.run_cpu_s,
        flops,
        peak,
        compile_s=data.compile_s,
        compile_cpu_s=data.compile_cpu_s,
        total_wall_s=t.wall,
        total_cpu_s=t.cpu,
        prng=prng,
        maxrss_growth_mb=_maxrss_mb() - rss0,
        extrapolated=None,
    )
    return rec, data.series["metric"]


def run_workload(w, peak: float, log) -> dict:
    import jax
    import numpy as np

    import theorytest as tt

    flops = w.flops_per_step * w.steps * w.seeds
    out = {
        "description": w.description,
        "sizes": dict(w.sizes, seeds=w.seeds, steps=w.steps),
        "checkpoints": len(w.checkpoints),
        "flops_total": flops,
        "flops_per_step_per_seed": w.flops_per_step,
        "methods": {},
    }
    methods = out["methods"]

    results = {}
    for prng in w.prngs:
        log(f"  runner ({prng}) ...")
        name = "runner" if prng == w.prngs[0] else f"runner_{prng}"
        methods[name], results[name] = run_runner(w, prng, peak)
        log(f"    compile {methods[name]['compile_s']:.2f}s  run {methods[name]['run_s']:.3f}s")

    keys = tt.seed_keys(f"bench-{w.name.replace('_', '-')}", w.seeds)
    inst = {k: np.ascontiguousarray(v) for k, v in w.instances(keys).items()}

    log("  numpy batched over seeds ...")
    rng = np.random.default_rng(0)
    with _Timer() as t:
        np_out = w.numpy_batched(inst, w.steps, w.checkpoints, rng)
    mem = _traced_peak_mb(
        lambda: w.numpy_batched(inst, min(w.steps, MEMORY_STEPS), w.checkpoints, np.random.default_rng(0))
    )
    methods["numpy"] = _method(t.wall, t.cpu, flops, peak, peak_traced_mb=mem, extrapolated=None)
    log(f"    run {t.wall:.3f}s")

    log("  numpy one seed at a time ...")
    n_seeds, n_steps = min(w.seeds, PER_SEED_SEEDS), min(w.steps, PER_SEED_STEPS)
    with _Timer() as t:
        for i in range(n_seeds):
            w.numpy_one(_one(inst, i), n_steps, w.checkpoints, rng)
    mem = _traced_peak_mb(
        lambda: w.numpy_one(
            _one(inst, 0), min(w.steps, MEMORY_STEPS), w.checkpoints, np.random.default_rng(0)
        )
    )
    methods["per_seed"] = _extrapolated(t, w, n_seeds, n_steps, flops, peak, mem, log)

    log("  un-jitted optax loop ...")
    n_seeds, n_steps = min(w.seeds, OPTAX_SEEDS), min(w.steps, OPTAX_STEPS)
    one = {k: jax.numpy.asarray(v) for k, v in _one(inst, 0).items()}
    w.optax_one(one, 3)  # warm-up: each primitive is compiled on first use
    with _Timer() as t:
        for i in range(n_seeds):
            jax.block_until_ready(
                w.optax_one({k: jax.numpy.asarray(v) for k, v in _one(inst, i).items()}, n_steps)
            )
    mem = _traced_peak_mb(lambda: w.optax_one(one, min(w.steps, MEMORY_STEPS)))
    methods["optax"] = _extrapolated(t, w, n_seeds, n_steps, flops, peak, mem, log)

    base = methods["runner"]["run_s"]
    out["ratios"] = {m: rec["run_s"] / base for m, rec in methods.items() if m != "runner"}
    base = methods["runner"]["cpu_s"]
    out["cpu_ratios"] = {m: rec["cpu_s"] / base for m, rec in methods.items() if m != "runner" and base}
    # Agreement: deterministic workloads match number for number; stochastic ones in mean.
    ref = results["runner"]
    if w.stochastic:
        final = [float(np.mean(ref[:, -1])), float(np.mean(np_out[:, -1]))]
        out["agreement"] = {
            "kind": "mean of the final metric over seeds (different noise streams)",
            "runner": final[0],
            "numpy": final[1],
            "rel_diff": abs(final[0] - final[1]) / abs(final[1]),
        }
    else:
        # Values within 1e-10 of a seed's largest are round-off (e.g. a gap converged to 0).
        floor = 1e-10 * np.max(np.abs(np_out), axis=1, keepdims=True)
        keep = np.abs(np_out) > floor
        rel = np.max(np.abs(ref - np_out)[keep] / np.abs(np_out)[keep], initial=0.0)
        out["agreement"] = {
            "kind": "max relative difference runner vs numpy over seeds and "
            "checkpoints, values above 1e-10 x the seed's largest",
            "rel_diff": float(rel),
            "compared": int(keep.sum()),
        }
    return out


def summarize(report: dict) -> dict:
    runners = [
        rec
        for w in report["workloads"].values()
        for name, rec in w["methods"].items()
        if name.startswith("runner")
    ]
    compiles = [rec["compile_s"] for rec in runners]
    speedups = {
        m: [w["ratios"][m] for w in report["workloads"].values() if m in w["ratios"]]
        for m in ("numpy", "per_seed", "optax")
    }
    summary = {
        "median_compile_s": statistics.median(compiles) if compiles else None,
        "median_compile_cpu_s": (statistics.median(r["compile_cpu_s"] for r in runners) if runners else None),
        "min_speedup": {m: min(v) for m, v in speedups.items() if v},
        "targets": TARGETS,
    }
    summary["met"] = {m: summary["min_speedup"][m] >= TARGETS[m] for m in summary["min_speedup"]}
    if compiles:
        summary["met"]["median_compile_s"] = summary["median_compile_s"] <= TARGETS["median_compile_s"]
    return summary


def table(report: dict) -> str:
    lines = [
        f"{'workload':<15} {'method':<16} {'run s':>9} {'x runner':>9} {'cpu s':>9} "
        f"{'GFLOP/s':>8} {'% peak':>7} {'compile s':>9} {'mem MB':>8}  note"
    ]
    peak = report["matmul_peak"]["peak_gflops"]
    for name, w in report["workloads"].items():
        base = w["methods"]["runner"]["run_s"]
        for m, rec in w["methods"].items():
            mem = rec.get("peak_traced_mb", rec.get("maxrss_growth_mb"))
            note = ""
            if rec.get("extrapolated"):
                e = rec["extrapolated"]
                note = f"extrapolated from {e['seeds']} seed(s) x {e['steps']} steps"
            comp = f"{rec['compile_s']:.2f}" if rec.get("compile_s") is not None else ""
            gf = rec["gflops"] or 0.0
            lines.append(
                f"{name:<15} {m:<16} {rec['run_s']:9.3f} {rec['run_s'] / base:9.2f} "
                f"{rec['cpu_s']:9.3f} "
                f"{gf:8.2f} {100 * gf / peak:6.1f}% {comp:>9} {mem:8.1f}  {note}"
            )
    s = report["summary"]
    lines.append(
        f"\nmatmul peak (float64): {peak:.1f} GFLOP/s; median compile "
        f"{s['median_compile_s']:.2f}s wall, {s['median_compile_cpu_s']:.2f}s CPU; "
        f"load average {report['machine']['loadavg_start'][0]:.1f}; min speed-up "
        + ", ".join(f"{m} {v:.1f}x" for m, v in s["min_speedup"].items())
    )
    return "\n".join(lines)


def plot(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    names = list(report["workloads"])
    methods = sorted(
        {m for w in report["workloads"].values() for m in w["methods"]},
        key=lambda m: (not m.startswith("runner"), m),
    )
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    width = 0.8 / len(methods)
    for j, m in enumerate(methods):
        xs = np.arange(len(names)) + j * width
        run = [report["workloads"][n]["methods"].get(m, {}).get("run_s", np.nan) for n in names]
        gf = [report["workloads"][n]["methods"].get(m, {}).get("gflops", np.nan) or np.nan for n in names]
        axes[0].bar(xs, run, width, label=m)
        axes[1].bar(xs, gf, width, label=m)
    for ax, title in zip(axes, ["run time (s, compile apart; log)", "achieved GFLOP/s (log)"]):
        ax.set_yscale("log")
        ax.set_xticks(np.arange(len(names)) + 0.4 - width / 2, names, rotation=15)
        ax.set_title(title)
    axes[1].axhline(
        report["matmul_peak"]["peak_gflops"], color="k", ls="--", lw=1, label="float64 matmul peak"
    )
    axes[1].legend(fontsize=7)
    fig.suptitle(
        f"theorytest runner vs loops ({'quick' if report['quick'] else 'full'} size; "
        f"{report['machine']['cpus']} CPUs, load {report['machine']['loadavg_start'][0]:.1f})"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    p.add_argument("--only", action="append", metavar="NAME", help="run only this workload (repeatable)")
    p.add_argument(
        "--out",
        default=str(RESULTS),
        metavar="FILE",
        help="results JSON (the plot goes next to it, same name, .png)",
    )
    p.add_argument("--no-plot", action="store_true")
    args = p.parse_args(argv)

    import jax

    jax.config.update("jax_enable_x64", True)  # the bench compares with float64 numpy loops
    from bench.workloads import WORKLOADS
    from theorytest._environment import environment

    names = args.only or list(WORKLOADS)
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        print(
            f"bench: unknown workload(s) {', '.join(unknown)}; choose from {', '.join(WORKLOADS)}",
            file=sys.stderr,
        )
        return 2
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    report = {
        "quick": args.quick,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "processor": platform.processor(),
            "loadavg_start": os.getloadavg(),
            "backend": jax.default_backend(),
            "devices": jax.device_count(),
            "note": "shared machine: timings are noisy, compare ratios within a run",
        },
        "versions": environment()["versions"],
        "subsets": {
            "per_seed": [PER_SEED_SEEDS, PER_SEED_STEPS],
            "optax": [OPTAX_SEEDS, OPTAX_STEPS],
            "memory_steps": MEMORY_STEPS,
        },
    }
    log("matmul peak ...")
    report["matmul_peak"] = matmul_peak(512 if args.quick else 1024)
    peak = report["matmul_peak"]["peak_gflops"]
    report["workloads"] = {}
    for name in names:
        log(f"{name}:")
        report["workloads"][name] = run_workload(WORKLOADS[name](args.quick), peak, log)
    report["machine"]["loadavg_end"] = os.getloadavg()
    report["summary"] = summarize(report)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    if not args.no_plot:
        plot(report, out.with_suffix(".png"))
    print(table(report))
    print(f"\nwrote {out}" + ("" if args.no_plot else f" and {out.with_suffix('.png')}"))
    return 0
