"""Worst-case search: a claim against the hardest instance its assumptions allow.

A claim run on one fixed instance can refute a worst-case bound but supports it only weakly
(DESIGN.md, "worst case vs fixed instance"). A `SearchSpec` declares the class of instances
the theorem covers, as a differentiable parameterization whose constraints hold by
construction (problems/worst_case/instance_classes.py), a run `(instance, key, horizons) -> metric per
horizon`, and a `Statistic` with the limit the claim puts on it. `search(spec)` maximizes
the statistic over the class:

- gradient ascent (optax.adam on the unconstrained parameters) through the jitted run, from
  `budget.starts` random starts batched with vmap: one compiled program for all starts and
  steps; or, for runs without useful derivatives, a derivative-free (1+1) random search per
  start (`Budget(method="random")`, also the automatic fallback when no start gets a finite
  nonzero gradient);
- stochastic runs average `noise_paths` noise paths drawn once and shared by every candidate
  and every step (common random numbers), so candidates differ by the instance only; the
  worst instance is then replayed on `replay_paths` fresh paths and its statistic gets a
  bootstrap confidence interval;
- a statistic given per horizon (a ratio to an explicit bound) has each start aim at one
  horizon (round robin), so all horizons are searched in the same compiled program.

Verdict: REFUTED when the worst instance found (which is inside the class by construction,
and checked) violates the limit; CONFIRMED with the reason "survived search (budget ...)"
otherwise, which is a statement about the search, not a proof, and distinct from "held on
the fixed instance"; INCONCLUSIVE when a stochastic replay straddles the limit. Where the
spec gives the class's exact worst case (closed form, or PEPit's value), the record says
how close the search came at each horizon, and the search must not exceed it.

Public entry points: `SearchSpec`, `Budget`, `Statistic` (with `max_ratio`, `max_value`,
`contraction`, `fitted_exponent`), `search(spec, quick=...)`, `builtin_specs()`, `specs_for(targets)`,
`replay(spec, raw)`, `save(record, out)`, `main(argv)` (the `theorytest search` command).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax

from theorytest import _registry
from theorytest._precision import float64
from theorytest._verdict import Verdict

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ROUNDOFF_RTOL = 1e-9  # a deterministic violation must exceed float64 round-off over a run
EXACT_RTOL = 1e-6  # the search may touch, not exceed, a class's exact worst case (closed form)
PEP_RTOL = 1e-3  # PEPit's SDP values are accurate to about this, relative (theorytest/_pep.py)
BOOTSTRAP = 1000  # resamples of the replay paths for a stochastic statistic's interval
_LOG_FLOOR = 1e-300  # log of a zero statistic stays finite


@dataclasses.dataclass(frozen=True)
class Statistic:
    """What the search maximizes and the limit the claim puts on it.

    fn(metrics, horizons) -> values: metrics is the run's metric at each horizon, values are
    one per horizon (`per_horizon`, e.g. a ratio to a bound) or a single value; an
    instance's statistic is the max of its values, and the claim holds on it when that is
    ≤ limit. `log_scale`: ascend on log(values) (positive statistics spanning decades).
    """

    label: str
    fn: Callable[[jax.Array, tuple[int, ...]], jax.Array]
    limit: float
    per_horizon: bool = False
    log_scale: bool = True

    def __post_init__(self):
        if not callable(self.fn):
            raise ValueError("statistic.fn: must be callable (metrics, horizons) -> values")
        if not isinstance(self.limit, int | float) or not math.isfinite(self.limit):
            raise ValueError(f"statistic.limit: must be a finite number, got {self.limit!r}")


def max_ratio(bound: Callable[[np.ndarray], np.ndarray], label: str) -> Statistic:
    """metric(k) / bound(k) at each horizon; the claim holds when every ratio is ≤ 1."""

    def ratios(metrics, horizons):
        return metrics / jnp.asarray(bound(np.asarray(horizons, dtype=float)), dtype=float)

    return Statistic(label=f"metric / ({label})", fn=ratios, limit=1.0, per_horizon=True)


def max_value(limit: float, label: str) -> Statistic:
    """The metric itself at each horizon (a run that already divides by its bound, e.g. when
    the bound depends on the instance); the claim holds when every value is ≤ limit."""
    return Statistic(label=label, fn=lambda metrics, horizons: metrics, limit=float(limit), per_horizon=True)


def contraction(limit: float, label: str, sustained: bool = False) -> Statistic:
    """(metric(k_last) / metric(k_first))^(1/(k_last − k_first)): the contraction factor per
    step over the horizons' span; the claim holds when it is ≤ limit.

    sustained: the smallest factor over the consecutive windows [k_i, k_{i+1}] instead, so a
    search cannot score with a transient that grows in one window and decays later (a
    counterexample to convergence must keep not contracting)."""

    def factor(metrics, horizons):
        if not sustained:
            return (metrics[-1] / metrics[0]) ** (1.0 / (horizons[-1] - horizons[0]))
        spans = jnp.asarray(np.diff(np.asarray(horizons, dtype=float)))
        return jnp.min((metrics[1:] / metrics[:-1]) ** (1.0 / spans))

    what = "smallest window contraction per step" if sustained else "contraction per step"
    return Statistic(label=f"{what} ({label})", fn=factor, limit=float(limit))


def fitted_exponent(limit: float, label: str) -> Statistic:
    """The least-squares slope of log metric against log k over the horizons (a rate's
    exponent); the claim O(k^p) holds when it is ≤ limit = p (+ a tolerance with a reason)."""

    def slope(metrics, horizons):
        x = np.log(np.asarray(horizons, dtype=float))
        x = jnp.asarray((x - x.mean()) / np.sum((x - x.mean()) ** 2))
        return jnp.sum(x * jnp.log(jnp.maximum(metrics, _LOG_FLOOR)))

    return Statistic(label=f"fitted exponent ({label})", fn=slope, limit=float(limit), log_scale=False)


@dataclasses.dataclass(frozen=True)
class Budget:
    """How hard to search: `starts` random starts (one vmapped batch), `steps` iterations of
    each; `method` "adam" (gradient ascent, `learning_rate`) or "random" ((1+1) random
    search with Gaussian proposals of std `perturbation` on the raw parameters)."""

    starts: int = 64
    steps: int = 200
    method: str = "adam"
    learning_rate: float = 0.05
    perturbation: float = 0.5
    seed: int = 0

    def __post_init__(self):
        for name in ("starts", "steps"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"budget.{name}: must be a positive integer, got {value!r}")
        if self.method not in ("adam", "random"):
            raise ValueError(f"budget.method: must be 'adam' or 'random', got {self.method!r}")

    def describe(self) -> str:
        what = (
            f"adam, lr {self.learning_rate:g}"
            if self.method == "adam"
            else f"random search, std {self.perturbation:g}"
        )
        return f"{self.starts} starts × {self.steps} steps ({what})"


@dataclasses.dataclass(frozen=True)
class SearchSpec:
    """A claim's worst-case search: its class, its run, its statistic and its budgets.

    id: the search's own slug; claim: the id of the `Claim` it searches for (the claim's
        fixed-instance run is unchanged; the search is additional evidence).
    instances: an instance class (problems/worst_case/instance_classes.py): init(key), instance(raw),
        contains(instance), describe().
    run: (instance, key, horizons) -> the metric at each horizon (pure JAX, one noise path;
        `key` is ignored by deterministic runs).
    noise_paths: 0 for a deterministic run; n > 0: the metric is the mean over n common noise
        paths during the search, and over `replay_paths` fresh ones for the verdict.
    exact_worst / pep: optional k -> the class's exact worst metric at horizon k (a closed
        form; PEPit's value over the wider function class): the search is compared with it
        per horizon and must not exceed it.
    expected: CONFIRMED (the claim survives the search) or REFUTED (the search must find a
        violation; every control). control_of/why: for a control of another search.
    """

    id: str
    claim: str
    instances: Any
    run: Callable[..., jax.Array]
    horizons: tuple[int, ...]
    statistic: Statistic
    budget: Budget = Budget()
    quick_budget: Budget | None = None
    noise_paths: int = 0
    replay_paths: int | None = None
    exact_worst: Callable[[int], float] | None = None
    pep: Callable[[int], float] | None = None
    expected: Verdict = Verdict.CONFIRMED
    description: str = ""
    control_of: str | None = None
    why: str = ""

    def __post_init__(self):
        for name in ("id", "claim"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _SLUG.match(value):
                raise ValueError(
                    f"{name}: must be a slug of lowercase words joined by hyphens, got {value!r}"
                )
        for method in ("init", "instance", "contains", "describe"):
            if not callable(getattr(self.instances, method, None)):
                raise ValueError(f"instances: an instance class needs a {method}() method")
        if not callable(self.run):
            raise ValueError("run: must be callable (instance, key, horizons) -> metric per horizon")
        horizons = tuple(self.horizons) if isinstance(self.horizons, Sequence) else ()
        if (
            not horizons
            or not all(isinstance(k, int) and k >= 1 for k in horizons)
            or any(b <= a for a, b in zip(horizons, horizons[1:]))
        ):
            raise ValueError(f"horizons: must be increasing positive integers, got {self.horizons!r}")
        object.__setattr__(self, "horizons", horizons)
        if not isinstance(self.statistic, Statistic):
            raise ValueError("statistic: must be a Statistic (max_ratio, contraction, fitted_exponent)")
        for name in ("budget", "quick_budget"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Budget):
                raise ValueError(f"{name}: must be a Budget")
        if not isinstance(self.noise_paths, int) or self.noise_paths < 0:
            raise ValueError(f"noise_paths: must be an integer >= 0, got {self.noise_paths!r}")
        object.__setattr__(self, "expected", Verdict(self.expected))
        if self.control_of is not None and not self.why.strip():
            raise ValueError("why: a search control must say why it has to be refuted")

    def budget_for(self, quick: bool) -> Budget:
        return (self.quick_budget or self.budget) if quick else self.budget

    def paths_for_replay(self) -> int:
        return self.replay_paths or 8 * self.noise_paths

    def control(self, id: str, why: str, **changes: Any) -> SearchSpec:
        """A control of this search: `changes` (a stronger bound, a method without its
        ingredient), expected REFUTED."""
        changes.setdefault("expected", Verdict.REFUTED)
        return dataclasses.replace(self, id=id, why=why, control_of=self.id, **changes)


# --- evaluation -------------------------------------------------------------------------------


def _key(spec_id: str, seed: int) -> jax.Array:
    digest = hashlib.sha256(f"{spec_id}/{seed}".encode()).digest()
    return jax.random.PRNGKey(int.from_bytes(digest[:4], "little"))


def _metrics(spec: SearchSpec, raw, noise_keys):
    """The metric at each horizon on the instance of `raw`: one run, or the mean over the
    common noise paths."""
    instance = spec.instances.instance(raw)
    if noise_keys is None:
        return spec.run(instance, jax.random.PRNGKey(0), spec.horizons)
    runs = jax.vmap(lambda k: spec.run(instance, k, spec.horizons))(noise_keys)
    return jnp.mean(runs, axis=0)


def _values(spec: SearchSpec, metrics):
    return jnp.atleast_1d(spec.statistic.fn(metrics, spec.horizons))


def _score(spec: SearchSpec, values, target):
    """What start `target` ascends: its target value (log scale where asked); NaN → −inf."""
    v = values[target]
    if spec.statistic.log_scale:
        v = jnp.log(jnp.maximum(v, _LOG_FLOOR))
    return jnp.where(jnp.isfinite(v), v, -jnp.inf)


def _ascend_program(spec: SearchSpec, budget: Budget):
    """One jitted program: every start's whole ascent, vmapped; returns each start's best raw
    parameters, best score, how many of its steps had a finite nonzero gradient (adam) or a
    finite value (random search), and the metric per horizon at its best parameters."""
    opt = optax.adam(budget.learning_rate)

    def objective(raw, target, noise_keys):
        return _score(spec, _values(spec, _metrics(spec, raw, noise_keys)), target)

    value_and_grad = jax.value_and_grad(objective)

    def one_start(raw0, target, noise_keys, key):
        def adam_step(carry, t):
            raw, state, best_raw, best = carry
            value, grad = value_and_grad(raw, target, noise_keys)
            leaves = jax.tree_util.tree_leaves(grad)
            usable = jnp.all(jnp.array([jnp.all(jnp.isfinite(g)) for g in leaves])) & jnp.any(
                jnp.array([jnp.any(g != 0) for g in leaves])
            )
            grad = jax.tree_util.tree_map(lambda g: jnp.where(usable, -g, 0.0), grad)
            better = value > best
            best_raw = jax.tree_util.tree_map(lambda b, r: jnp.where(better, r, b), best_raw, raw)
            best = jnp.maximum(best, value)
            updates, state = opt.update(grad, state, raw)
            return (optax.apply_updates(raw, updates), state, best_raw, best), usable

        def random_step(carry, t):
            raw, state, best_raw, best = carry
            noise_leaves = jax.random.split(jax.random.fold_in(key, t), len(jax.tree_util.tree_leaves(raw)))
            flat, tree = jax.tree_util.tree_flatten(best_raw)
            proposal = tree.unflatten(
                [x + budget.perturbation * jax.random.normal(k, x.shape) for x, k in zip(flat, noise_leaves)]
            )
            value = objective(proposal, target, noise_keys)
            better = value > best
            best_raw = jax.tree_util.tree_map(lambda b, r: jnp.where(better, r, b), best_raw, proposal)
            return (raw, state, best_raw, jnp.maximum(best, value)), jnp.isfinite(value)

        start = objective(raw0, target, noise_keys)
        carry = (raw0, opt.init(raw0), raw0, start)
        step = adam_step if budget.method == "adam" else random_step
        (raw, _, best_raw, best), usable = jax.lax.scan(step, carry, jnp.arange(budget.steps))
        final = objective(raw, target, noise_keys)
        better = final > best
        best_raw = jax.tree_util.tree_map(lambda b, r: jnp.where(better, r, b), best_raw, raw)
        return best_raw, jnp.maximum(best, final), jnp.sum(usable), _metrics(spec, best_raw, noise_keys)

    return jax.jit(jax.vmap(one_start, in_axes=(0, 0, None, 0)))


def _noise_keys(spec: SearchSpec, key, paths: int):
    return None if spec.noise_paths == 0 else jax.random.split(key, paths)


def _run_search(spec: SearchSpec, budget: Budget, key):
    k_starts, k_noise, k_random = jax.random.split(key, 3)
    raws = jax.vmap(spec.instances.init)(jax.random.split(k_starts, budget.starts))
    n_targets = len(spec.horizons) if spec.statistic.per_horizon else 1
    targets = jnp.arange(budget.starts) % n_targets
    noise_keys = _noise_keys(spec, k_noise, spec.noise_paths)
    program = _ascend_program(spec, budget)
    args = (raws, targets, noise_keys, jax.random.split(k_random, budget.starts))
    t0 = time.perf_counter()
    compiled = program.lower(*args).compile()
    compile_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    best_raw, best, usable, metrics = jax.block_until_ready(compiled(*args))
    return best_raw, np.asarray(usable), np.asarray(metrics), compile_s, time.perf_counter() - t0


def _take(tree, i):
    return jax.tree_util.tree_map(lambda x: x[i], tree)


def _bootstrap(spec: SearchSpec, runs: np.ndarray, key_seed: int, confidence: float = 0.95):
    """Interval of the statistic (max over its values) of the mean over replay paths."""
    rng = np.random.default_rng(key_seed)
    n = runs.shape[0]
    means = np.stack([runs[rng.integers(0, n, n)].mean(axis=0) for _ in range(BOOTSTRAP)])
    stats = np.asarray(jax.vmap(lambda m: _values(spec, m))(jnp.asarray(means))).max(axis=1)
    lo, hi = np.quantile(stats, [(1 - confidence) / 2, (1 + confidence) / 2])
    return float(lo), float(hi)


def replay(spec: SearchSpec, raw, paths: int | None = None, seed: int = 1) -> dict[str, Any]:
    """The statistic of the instance of `raw` (e.g. a saved worst instance: see
    `instance_classes.raw_from_json`), on fresh noise paths for a stochastic run."""
    with float64():
        return _replay(spec, raw, paths, seed)


def _replay(spec: SearchSpec, raw, paths: int | None, seed: int) -> dict[str, Any]:
    raw = {k: jnp.asarray(v, dtype=float) for k, v in raw.items()}
    if spec.noise_paths == 0:
        metrics = np.asarray(_metrics(spec, raw, None))
        values = np.asarray(_values(spec, jnp.asarray(metrics)))
        return {
            "metrics": metrics.tolist(),
            "values": values.tolist(),
            "statistic": float(values.max()),
            "interval": None,
        }
    paths = paths or spec.paths_for_replay()
    keys = jax.random.split(_key(spec.id + "/replay", seed), paths)
    instance = spec.instances.instance(raw)
    runs = np.asarray(jax.jit(jax.vmap(lambda k: spec.run(instance, k, spec.horizons)))(keys))
    metrics = runs.mean(axis=0)
    values = np.asarray(_values(spec, jnp.asarray(metrics)))
    return {
        "metrics": metrics.tolist(),
        "values": values.tolist(),
        "statistic": float(values.max()),
        "interval": list(_bootstrap(spec, runs, seed)),
        "paths": paths,
    }


def _verdict(spec: SearchSpec, worst: dict, budget_text: str, inside: bool) -> tuple[Verdict, str]:
    limit = spec.statistic.limit
    label = spec.statistic.label
    value, interval = worst["statistic"], worst["interval"]
    if not inside:
        return Verdict.INCONCLUSIVE, "the worst instance found is outside its class (a bug in the class?)"
    if not math.isfinite(value):
        return Verdict.DIVERGED, f"{label} is not finite on the worst instance found (budget {budget_text})"
    if interval is None:
        violated = value > limit + ROUNDOFF_RTOL * max(abs(limit), 1.0)
        survived, shown = not violated, f"{value:.6g}"
    else:
        violated, survived = interval[0] > limit, interval[1] <= limit
        shown = (
            f"{value:.4g} (95% CI [{interval[0]:.4g}, {interval[1]:.4g}] over {worst['paths']} fresh paths)"
        )
    if violated:
        return Verdict.REFUTED, (
            f"an instance inside the class violates the claim: {label} = {shown} > "
            f"{limit:.6g} (found by search, budget {budget_text})"
        )
    if survived:
        return Verdict.CONFIRMED, (
            f"survived search (budget {budget_text}): the worst instance found has "
            f"{label} = {shown} ≤ {limit:.6g}"
        )
    return Verdict.INCONCLUSIVE, (
        f"the worst instance found has {label} = {shown}, whose interval straddles "
        f"the limit {limit:.6g} (budget {budget_text})"
    )


def _cross_check(spec: SearchSpec, per_horizon_worst: np.ndarray) -> dict[str, Any]:
    """The search's worst metric per horizon against the class's known worst cases."""
    out: dict[str, Any] = {}
    for name, worst_case, rtol in (("exact", spec.exact_worst, EXACT_RTOL), ("pep", spec.pep, PEP_RTOL)):
        if worst_case is None:
            continue
        rows = []
        for k, found in zip(spec.horizons, per_horizon_worst):
            try:
                known = float(worst_case(k))
            except ImportError as err:  # PEPit missing: the search still stands
                out[name] = {"skipped": str(err)}
                break
            rows.append(
                {
                    "k": k,
                    "search": float(found),
                    name: known,
                    "fraction": float(found / known) if known else None,
                    "exceeds": bool(found > known * (1 + rtol) + 1e-15),
                }
            )
        else:
            fractions = [r["fraction"] for r in rows if r["fraction"] is not None]
            out[name] = {
                "rows": rows,
                "min_fraction": min(fractions) if fractions else None,
                "exceeded": any(r["exceeds"] for r in rows),
            }
    return out


def search(spec: SearchSpec, *, quick: bool = False, budget: Budget | None = None) -> dict[str, Any]:
    """Search `spec`'s class for the instance that maximizes its statistic; a JSON-able record
    with the verdict, the reason, the worst instance (raw parameters and the instance,
    replayable with `replay`), per-horizon worst metrics, cross-checks and the budget.
    Runs in float64 (theorytest/_precision.py), leaving the process's setting as it was."""
    with float64():
        return _search(spec, quick, budget or spec.budget_for(quick))


def _to_json(tree) -> Any:
    """A pytree of arrays (raw parameters, an instance NamedTuple) as nested lists."""
    if hasattr(tree, "_asdict"):
        tree = tree._asdict()
    if isinstance(tree, dict):
        return {k: _to_json(v) for k, v in tree.items()}
    return np.asarray(tree).tolist()


def _search(spec: SearchSpec, quick: bool, budget: Budget) -> dict[str, Any]:
    started = time.perf_counter()
    key = _key(spec.id, budget.seed)
    best_raw, usable, metrics, compile_s, run_s = _run_search(spec, budget, key)
    fallback = None
    if budget.method == "adam" and not np.any(usable):
        fallback = "no start had a finite nonzero gradient: derivative-free random search instead"
        budget = dataclasses.replace(budget, method="random")
        best_raw, usable, metrics, compile_s2, run_s2 = _run_search(spec, budget, key)
        compile_s, run_s = compile_s + compile_s2, run_s + run_s2
    values = np.asarray(jax.vmap(lambda m: _values(spec, m))(jnp.asarray(metrics)))  # (starts, values)
    statistic = np.where(np.isfinite(values), values, np.inf).max(axis=1)
    i = int(np.argmax(statistic))
    raw = _take(best_raw, i)
    if spec.noise_paths == 0:  # the search's own evaluation is exact: no second compile
        worst = {
            "metrics": metrics[i].tolist(),
            "values": values[i].tolist(),
            "statistic": float(statistic[i]),
            "interval": None,
        }
    else:
        worst = _replay(spec, raw, None, 1)
    instance = spec.instances.instance(raw)
    inside = spec.instances.contains(jax.tree_util.tree_map(np.asarray, instance))
    budget_text = budget.describe() + (f", {spec.noise_paths} common noise paths" if spec.noise_paths else "")
    verdict, reason = _verdict(spec, worst, budget_text, inside)
    if fallback:
        reason += f"; {fallback}"
    per_horizon_worst = np.nanmax(np.where(np.isfinite(metrics), metrics, np.nan), axis=0)
    cross = _cross_check(spec, per_horizon_worst)
    return {
        "kind": "search",
        "search": spec.id,
        "claim": spec.claim,
        "control_of": spec.control_of,
        "why": spec.why,
        "description": spec.description,
        "verdict": verdict.value,
        "expected": spec.expected.value,
        "reason": reason,
        "class": spec.instances.describe(),
        "statistic": {
            "label": spec.statistic.label,
            "limit": spec.statistic.limit,
            "value": worst["statistic"],
            "interval": worst["interval"],
        },
        "horizons": list(spec.horizons),
        "worst": {
            "raw": _to_json(raw),
            "instance": _to_json(instance),
            "metrics": worst["metrics"],
            "values": worst["values"],
            "start": i,
        },
        "per_horizon_worst_metric": per_horizon_worst.tolist(),
        "cross_checks": cross,
        "budget": {
            **dataclasses.asdict(budget),
            "text": budget_text,
            "quick": quick,
            "noise_paths": spec.noise_paths,
            "replay_paths": spec.paths_for_replay() if spec.noise_paths else 0,
            "usable_gradient_steps": int(usable.sum()),
            "fallback": fallback,
        },
        "compile_s": compile_s,
        "run_s": run_s,
        "wall_s": time.perf_counter() - started,
    }


# --- collecting specs -------------------------------------------------------------------------


def module_specs(module: ModuleType) -> list[SearchSpec]:
    """The SearchSpecs a module defines at module level (or lists in SEARCHES)."""
    found: dict[int, SearchSpec] = {}
    for value in list(vars(module).values()) + list(getattr(module, "SEARCHES", ())):
        if isinstance(value, SearchSpec):
            found.setdefault(id(value), value)
    return list(found.values())


def _validated(specs: Sequence[SearchSpec]) -> list[SearchSpec]:
    seen: dict[str, SearchSpec] = {}
    for s in specs:
        if s.id in seen and seen[s.id] is not s:
            raise ValueError(f"id: duplicate search id {s.id!r}")
        seen[s.id] = s
    for s in seen.values():
        if s.control_of is not None and s.control_of not in seen:
            raise ValueError(f"control_of: search control {s.id!r} names unknown search {s.control_of!r}")
    return list(seen.values())


def builtin_specs() -> list[SearchSpec]:
    """Every SearchSpec of the `claims` package, in module order."""
    return _validated([s for module in _registry.builtin_modules() for s in module_specs(module)])


def _file_specs(path: Path) -> list[SearchSpec]:
    return module_specs(_registry.load_module(path))


def specs_for(targets: Sequence[str], pool: Sequence[SearchSpec] | None = None) -> list[SearchSpec]:
    """Resolve targets (search ids, claim ids, claim files) to specs, each followed by its
    controls. A claim id selects every search of that claim; no target selects all."""
    if any(t.endswith(".py") for t in targets):
        pool = list(pool or []) + [s for t in targets if t.endswith(".py") for s in _file_specs(Path(t))]
        targets = [t for t in targets if not t.endswith(".py")] or [s.id for s in pool]
    pool = _validated(list(pool if pool is not None else builtin_specs()))
    if not targets:
        return pool
    chosen: dict[str, SearchSpec] = {}
    for target in targets:
        hits = [s for s in pool if target in (s.id, s.claim)]
        if not hits:
            known = sorted({s.claim for s in pool} | {s.id for s in pool})
            close = [k for k in known if target in k or k in target][:5]
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ValueError(f"id: no search for {target!r}{hint}; `theorytest search --list` shows them")
        for s in hits:
            chosen.setdefault(s.id, s)
            for control in pool:
                if control.control_of == s.id:
                    chosen.setdefault(control.id, control)
    return list(chosen.values())


def save(record: dict[str, Any], out: str | Path) -> Path:
    """Write the record to out/search/<search id>.json atomically; its worst instance
    (class, raw parameters, instance) is in it, replayable with `replay`."""
    folder = Path(out) / "search"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record['search']}.json"
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(record, f, indent=1, default=str)
    os.replace(tmp, path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """`theorytest search [ID|PATH ...] [--quick] [--out DIR] [--list]`: run the worst-case
    searches of the given claims (or search ids); exit 1 when a verdict differs from the
    expected one."""
    parser = argparse.ArgumentParser(prog="theorytest search", description=main.__doc__)
    parser.add_argument("targets", nargs="*", help="claim ids, search ids or claim files (default: all)")
    parser.add_argument("--quick", action="store_true", help="the small budgets (tests)")
    parser.add_argument("--out", default="results", help="results folder (records go to OUT/search/)")
    parser.add_argument("--list", action="store_true", help="list the searches and exit")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        specs = specs_for(args.targets)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.list:
        for s in specs:
            name = s.instances.describe()["name"]
            print(f"{s.id}  claim={s.claim}  class={name}  expected={s.expected.value}")
        return 0
    mismatches = 0
    for s in specs:
        record = search(s, quick=args.quick)
        path = save(record, args.out)
        ok = record["verdict"] == record["expected"]
        mismatches += not ok
        print(
            f"{'ok  ' if ok else 'FAIL'} {s.id}: {record['verdict']} (expected {record['expected']}) "
            f"{record['reason']} [{path}]"
        )
        for name, check in record["cross_checks"].items():
            if "rows" in check:
                print(
                    f"     vs {name}: search reaches ≥ {check['min_fraction']:.3f} of it"
                    f"{'; EXCEEDS it' if check['exceeded'] else ''}"
                )
    return 1 if mismatches else 0
