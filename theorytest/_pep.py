"""Performance-estimation cross-check: empirical ≤ PEP worst case ≤ the paper's bound.

A claimed worst-case bound is about every instance of a class; one testbed can sit far below
it. For methods where performance estimation applies, the claim may carry a `PepCheck`: the
exact worst case of the same metric over the class at a few horizons (computed with PEPit,
see problems/worst_case/pep.py). The engine then reports, at each horizon, the empirical value (max
over seeds), the PEP worst case and the paper's bound. A bound below the PEP worst case is a
false claim: the verdict is REFUTED with that as the reason, whatever the testbed showed.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from theorytest._verdict import Verdict

REL_TOL = 1e-3  # SDP solutions are accurate to about this, relative


@dataclasses.dataclass(frozen=True)
class PepCheck:
    """worst_case(k) is the PEP worst case of the claim's metric at horizon k (same
    normalisation as the experiment's metric); bound(k) is the paper's bound at k; the
    horizons must be among the sweep's checkpoints."""

    worst_case: Callable[[int], float]
    bound: Callable[[int], float]
    horizons: Sequence[int]
    series: str = "metric"

    def __post_init__(self):
        if not callable(self.worst_case):
            raise ValueError("pep.worst_case: must be callable k -> worst-case value")
        if not callable(self.bound):
            raise ValueError("pep.bound: must be callable k -> the paper's bound")
        horizons = tuple(self.horizons) if isinstance(self.horizons, Sequence) else ()
        if not horizons or not all(isinstance(k, int) and k >= 1 for k in horizons):
            raise ValueError(f"pep.horizons: must be positive integers, got {self.horizons!r}")
        object.__setattr__(self, "horizons", horizons)

    def validate(self, checkpoints) -> None:
        missing = [k for k in self.horizons if checkpoints is None or k not in checkpoints]
        if missing:
            raise ValueError(f"pep.horizons: {missing} are not checkpoints of the sweep")


def available() -> bool:
    return importlib.util.find_spec("PEPit") is not None


def cross_check(pep: PepCheck, points, series: dict[str, np.ndarray], k_name: str) -> dict[str, Any]:
    """Compare empirical, PEP worst case and bound at each horizon; a verdict when decided."""
    if not available():
        return {"skipped": "PEPit is not installed (pip install -e '.[pep]')", "verdict": None}
    rows, refuted, violated = [], [], []
    samples = series[pep.series]
    for k in pep.horizons:
        cols = [i for i, p in enumerate(points) if p.get(k_name) == k]
        empirical = float(np.max(samples[:, cols]))
        worst, bound = float(pep.worst_case(k)), float(pep.bound(k))
        rows.append({"k": k, "empirical": empirical, "pep": worst, "bound": bound})
        if bound < worst * (1 - REL_TOL):
            refuted.append(k)
        if empirical > worst * (1 + REL_TOL) + 1e-12:
            violated.append(k)
    if refuted:
        r = rows[pep.horizons.index(refuted[0])]
        verdict = Verdict.REFUTED
        reason = (
            f"PEP: the paper's bound {r['bound']:.4g} is below the worst case {r['pep']:.4g} "
            f"at {k_name}={r['k']} (a function of the class does worse than claimed)"
        )
    elif violated:
        r = rows[pep.horizons.index(violated[0])]
        verdict = Verdict.INCONCLUSIVE
        reason = (
            f"PEP: the testbed's value {r['empirical']:.4g} exceeds the class worst case "
            f"{r['pep']:.4g} at {k_name}={r['k']}: the testbed is outside the class?"
        )
    else:
        verdict = Verdict.CONFIRMED
        reason = f"PEP: empirical ≤ worst case ≤ bound at {k_name} ∈ {list(pep.horizons)}"
    return {"rows": rows, "verdict": verdict.value, "reason": reason}
