"""The bottom layer: verdicts, how verdicts combine, and field validation.

Everything else in theorytest imports from here; this module imports nothing of theorytest.
"""

from __future__ import annotations

import enum
import math
from typing import Any

import numpy as np


class Verdict(str, enum.Enum):
    """Outcome of checking a claim.

    CONFIRMED: the data support the claim at the stated confidence.
    REFUTED: the data contradict it at the stated confidence.
    INCONCLUSIVE: the data cannot decide at this budget.
    DIVERGED: a run produced NaN/inf; the claim was not checked.
    """

    CONFIRMED = "CONFIRMED"
    REFUTED = "REFUTED"
    INCONCLUSIVE = "INCONCLUSIVE"
    DIVERGED = "DIVERGED"

    def __str__(self) -> str:
        return self.value


def fail(field: str, message: str) -> None:
    """Raise the one-line error of a bad field: 'field: what is wrong with it'."""
    raise ValueError(f"{field}: {message}")


def combine_verdicts(verdicts: list[Verdict]) -> Verdict:
    """REFUTED if any part is refuted, CONFIRMED if all are confirmed, else INCONCLUSIVE."""
    if any(v is Verdict.DIVERGED for v in verdicts):
        return Verdict.DIVERGED
    if any(v is Verdict.REFUTED for v in verdicts):
        return Verdict.REFUTED
    if verdicts and all(v is Verdict.CONFIRMED for v in verdicts):
        return Verdict.CONFIRMED
    return Verdict.INCONCLUSIVE


def finite_float(value: Any, field: str) -> float:
    """`value` as a float, or a ValueError naming `field` when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        fail(field, f"must be a number, got {type(value).__name__}")
    if not math.isfinite(value):
        fail(field, f"must be finite, got {value!r}")
    return float(value)
