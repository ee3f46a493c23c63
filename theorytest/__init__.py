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

import jax

# Rates are fitted over many decades: experiments and fits run in float64.
jax.config.update("jax_enable_x64", True)

from theorytest._claim import Claim, Paper, Sweep, Verdict, log_checkpoints  # noqa: E402
from theorytest._experiments import same_method  # noqa: E402
from theorytest._pep import PepCheck  # noqa: E402
from theorytest._runner import seed_keys, trajectory  # noqa: E402
from theorytest._verify import verify  # noqa: E402
from theorytest.checks import (  # noqa: E402
    AllOf,
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
)

__all__ = [
    "AllOf", "Band", "Claim", "Comparison", "Divergence", "ExplicitBound", "HighProbability",
    "LinearRate", "Paper", "PepCheck", "QuantileGrowth", "Scaling", "Sweep", "TightRate",
    "UpperRate", "Verdict",
    "log_checkpoints", "same_method", "seed_keys", "trajectory", "verify",
]
