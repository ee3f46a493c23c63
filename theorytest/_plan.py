"""A run, resolved once: which experiment, at which points, on which seeds, with which keys.

The command line (or `theorytest.verify` when called directly) turns a claim and the run size
into a frozen `Plan`; below it, the runner, the judge, the cache, the audit and Dask see only
plans. Nothing under this module knows about "quick" or reads the environment.

- A plan is the memo key (two claims with equal plans share one run: a control that changes
  only the check reuses its claim's measurements), the cache key's run part, and the unit Dask
  splits into cells (sweep points × blocks of seeds).
- Seeds are a range of indices `Seeds(start, count)`; keys derive from the root claim's id and
  the index, so a seed's numbers do not depend on the range it is run in. Adaptive runs take
  the next block of the range (`Seeds.then`), audits a disjoint range (`Seeds.shifted`): the
  claim itself is never rewritten.

PRNG settings (environment variable THEORYTEST_PRNG, read only by `prng_setting`): "philox"
(philox4x32, the default), "threefry" (threefry2x32, JAX's default) or "rbg"; see
theorytest/_runner.py for why philox is the default and what each guarantees.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from typing import Any

import jax

from theorytest._claim import Claim, Sweep

PRNG_ENV = "THEORYTEST_PRNG"
# THEORYTEST_PRNG setting -> jax.random implementation. threefry and philox give each seed
# the same stream whatever the batch layout (seed count, device count); rbg does not (under
# vmap, XLA's RngBitGenerator draws the whole batch from the batch's first key).
PRNG_IMPLS = {"threefry": "threefry2x32", "philox": "philox4x32", "rbg": "rbg"}
SIZES = ("full", "quick")


def prng_setting(value: str | None = None) -> str:
    """The PRNG setting: `value`, else $THEORYTEST_PRNG, else "philox"; a one-line error if unknown."""
    impl = (os.environ.get(PRNG_ENV, "") if value is None else value).strip().lower() or "philox"
    if impl not in PRNG_IMPLS:
        raise ValueError(f"{PRNG_ENV}: must be one of {', '.join(PRNG_IMPLS)}, got {impl!r}")
    return impl


@dataclasses.dataclass(frozen=True)
class Seeds:
    """Seed indices start .. start + count − 1."""

    start: int
    count: int

    def __post_init__(self):
        if not isinstance(self.start, int) or isinstance(self.start, bool) or self.start < 0:
            raise ValueError(f"seeds: start must be an integer >= 0, got {self.start!r}")
        if not isinstance(self.count, int) or isinstance(self.count, bool) or self.count < 1:
            raise ValueError(f"seeds: count must be a positive integer, got {self.count!r}")

    def then(self, count: int) -> Seeds:
        """The next `count` seeds after this range (an adaptive run's next block)."""
        return Seeds(self.start + self.count, count)

    def shifted(self, by: int) -> Seeds:
        """The same number of seeds, `by` indices further (an audit's disjoint seed set)."""
        return Seeds(self.start + by, self.count)

    def head(self, count: int) -> Seeds:
        """The first `count` seeds of this range."""
        return Seeds(self.start, min(count, self.count))


@dataclasses.dataclass(frozen=True)
class Plan:
    """One run: `experiment` over `sweep` on `seeds`, keys from `root`'s id with `prng`.

    root: the claim whose seeds are used; a negative control runs on its claim's seeds, so the
        two differ only by what the control changes.
    size: "full" or "quick", the budget the sweep and seed count were taken from; recorded in
        results, never branched on below the command line.
    devices: how many local devices the seeds axis is sharded over (1: no sharding).
    """

    root: str
    experiment: Callable[..., Any]
    sweep: Sweep
    seeds: Seeds
    prng: str = "philox"
    devices: int = 1
    size: str = "full"

    def __post_init__(self):
        prng_setting(self.prng)
        if self.size not in SIZES:
            raise ValueError(f"size: must be one of {SIZES}, got {self.size!r}")
        if not isinstance(self.devices, int) or self.devices < 1:
            raise ValueError(f"devices: must be a positive integer, got {self.devices!r}")

    @property
    def key(self) -> tuple:
        """What makes two runs equal (the memo key): everything but the size label."""
        sweep = (repr(self.sweep.static_points()), self.sweep.checkpoints, self.sweep.checkpoint_name)
        return (self.experiment, sweep, self.seeds, self.root, self.prng, self.devices)

    def with_seeds(self, seeds: Seeds) -> Plan:
        return dataclasses.replace(self, seeds=seeds)

    def record(self) -> dict[str, Any]:
        """The plan as plain data (results, cache keys): what ran, without the function."""
        return {
            "root": self.root,
            "size": self.size,
            "seed_start": self.seeds.start,
            "n_seeds": self.seeds.count,
            "prng": self.prng,
            "devices": self.devices,
        }


def plan_for(
    claim: Claim,
    *,
    quick: bool = False,
    seeds: int | None = None,
    prng: str | None = None,
    devices: int | None = None,
) -> Plan:
    """Resolve `claim`'s run once: its full or quick budget, `seeds` in place of the budget's
    seed count when given, the PRNG setting (default: $THEORYTEST_PRNG) and the number of local
    devices the seeds are sharded over (default: all)."""
    sweep = (claim.quick_sweep or claim.sweep) if quick else claim.sweep
    count = seeds or ((claim.quick_seeds or claim.seeds) if quick else claim.seeds)
    return Plan(
        root=claim.control_of or claim.id,
        experiment=claim.experiment,
        sweep=sweep,
        seeds=Seeds(0, count),
        prng=prng_setting(prng),
        devices=devices or jax.local_device_count(),
        size="quick" if quick else "full",
    )
