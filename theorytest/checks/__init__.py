"""Check kinds: how a claim's measurements are turned into a verdict.

Each check is a frozen dataclass validated on construction (a bad field raises a
ValueError naming it) with `evaluate(ctx) -> Outcome`. Every statistic comes with a
bootstrap confidence interval over seeds; the verdict is CONFIRMED or REFUTED only when
the whole interval lies on one side of the claimed limit, INCONCLUSIVE otherwise.
"""

from theorytest._verdict import combine_verdicts
from theorytest.checks._base import Check, Context, Outcome
from theorytest.checks._bounds import AtMost, Band, ExplicitBound
from theorytest.checks._compare import Comparison, Divergence
from theorytest.checks._compose import AllOf, HighProbability, Scaling, Where
from theorytest.checks._linear import LinearRate
from theorytest.checks._rates import TightRate, UpperRate
from theorytest.checks._tails import QuantileGrowth

__all__ = [
    "AllOf",
    "AtMost",
    "Band",
    "Check",
    "Comparison",
    "Context",
    "Divergence",
    "ExplicitBound",
    "HighProbability",
    "LinearRate",
    "Outcome",
    "QuantileGrowth",
    "Scaling",
    "TightRate",
    "UpperRate",
    "Where",
    "combine_verdicts",
]
