"""theorytest: check optimization and learning-theory rate claims by computation.

A claim is a paper's statement, a JAX experiment that realizes its assumptions, a sweep,
and a check that fits the empirical rate with bootstrap confidence intervals and gives a
verdict: CONFIRMED, REFUTED, INCONCLUSIVE or DIVERGED.

    import theorytest as tt

    claim = tt.Claim(id=..., paper=tt.Paper(...), statement=..., experiment=...,
                     sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1, 1000, 20)),
                     check=tt.UpperRate(exponent=-1.0, window=(10, 1000)))
    control = claim.control(id=..., why=..., check=tt.UpperRate(exponent=-2.0, ...))
"""

# ruff: noqa: E402  (the pool is sized before the modules below are imported)
# Importing theorytest changes no JAX setting: the engine runs experiments in float64 where
# it runs them (theorytest/_precision.py). It does give XLA's CPU intra-op pool enough threads
# for jaxlib's batched LAPACK kernels ($NPROC, unless set; theorytest/_environment.py), which
# takes effect when theorytest is imported before JAX's first computation.
from theorytest._environment import reserve_intra_op_threads

reserve_intra_op_threads()

from theorytest._claim import Claim, Paper, Sweep, Verdict, log_checkpoints
from theorytest._experiments import same_method
from theorytest._pep import PepCheck
from theorytest._runner import seed_keys, trajectory
from theorytest._search import (
    Budget,
    SearchSpec,
    Statistic,
    contraction,
    fitted_exponent,
    max_ratio,
    max_value,
    replay,
    search,
)
from theorytest._verify import verify
from theorytest.checks import (
    AllOf,
    AtMost,
    Band,
    Comparison,
    Divergence,
    ExplicitBound,
    HighProbability,
    LinearRate,
    QuantileGrowth,
    Scaling,
    TightRate,
    UpperRate,
    Where,
)

__all__ = [
    "AllOf",
    "AtMost",
    "Band",
    "Claim",
    "Comparison",
    "Divergence",
    "ExplicitBound",
    "HighProbability",
    "LinearRate",
    "Paper",
    "PepCheck",
    "QuantileGrowth",
    "Scaling",
    "Sweep",
    "TightRate",
    "UpperRate",
    "Where",
    "Verdict",
    "Budget",
    "SearchSpec",
    "Statistic",
    "contraction",
    "fitted_exponent",
    "max_ratio",
    "max_value",
    "replay",
    "search",
    "log_checkpoints",
    "same_method",
    "seed_keys",
    "trajectory",
    "verify",
]
