"""Worst cases by performance estimation (PEPit): the exact worst value of a metric over a
whole function or operator class, for a given horizon.

A rate measured on one instance says nothing about the worst instance; PEPit (Goujaud,
Moucer, Glineur, Hendrickx, Taylor, Dieuleveut, "PEPit: computer-assisted worst-case
analyses of first-order optimization methods in Python", arXiv:2201.04040) solves the SDP
whose value is that worst case. Each function here returns the worst case for
‖x0 − x*‖ ≤ 1 (the metrics scale with ‖x0 − x*‖² or ‖x0 − x*‖ as stated).

PEPit is an optional dependency (`pip install -e ".[pep]"`, also in `[dev]`); it is imported
when a worst case is asked for. Not jit-able: these are SDPs solved by cvxpy.
"""

from __future__ import annotations

import functools
import math


def _pep():
    try:
        import PEPit  # noqa: F401
    except ImportError as err:  # pragma: no cover - exercised without the extra
        raise ImportError("PEPit is not installed: pip install -e '.[pep]'") from err
    from PEPit import PEP

    return PEP


def _solve(problem) -> float:
    return float(problem.solve(verbose=0))


def _setup(function_class, **params):
    """A PEP with one function of the class, its minimizer xs and a start x0 with ‖x0 − xs‖ ≤ 1."""
    problem = _pep()()
    f = problem.declare_function(function_class, **params)
    xs = f.stationary_point()
    x0 = problem.set_initial_point()
    problem.set_initial_condition((x0 - xs) ** 2 <= 1)
    return problem, f, xs, x0


def _check_horizon(k: int) -> int:
    if not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    return k


@functools.cache
def gd_convex_gap(k: int, L: float = 1.0, step: float | None = None) -> float:
    """max (f(x_k) − f*) for gradient descent with step 1/L (default) on L-smooth convex f.

    Tight value (Drori & Teboulle 2014, Thm 3.1): L/(4k + 2) for step 1/L.
    """
    from PEPit.functions import SmoothConvexFunction

    k = _check_horizon(k)
    problem, f, xs, x0 = _setup(SmoothConvexFunction, L=L)
    gamma = 1.0 / L if step is None else step
    x = x0
    for _ in range(k):
        x = x - gamma * f.gradient(x)
    problem.set_performance_metric(f(x) - f(xs))
    return _solve(problem)


@functools.cache
def gd_strongly_convex_distance(k: int, mu: float, L: float = 1.0) -> float:
    """max ‖x_k − x*‖ for gradient descent with step 1/L on μ-strongly convex L-smooth f.

    Tight value: (1 − μ/L)^k (the worst case is a quadratic along the μ eigendirection).
    """
    from PEPit.functions import SmoothStronglyConvexFunction

    k = _check_horizon(k)
    problem, f, xs, x0 = _setup(SmoothStronglyConvexFunction, mu=mu, L=L)
    x = x0
    for _ in range(k):
        x = x - (1.0 / L) * f.gradient(x)
    problem.set_performance_metric((x - xs) ** 2)
    return math.sqrt(max(_solve(problem), 0.0))


@functools.cache
def nesterov_convex_gap(k: int, L: float = 1.0) -> float:
    """max (f(x_k) − f*) for Nesterov's accelerated gradient (FISTA momentum λ_{t+1} =
    (1 + √(1 + 4λ_t²))/2, step 1/L) on L-smooth convex f; below 2L/(k + 1)²."""
    from PEPit.functions import SmoothConvexFunction

    k = _check_horizon(k)
    problem, f, xs, x0 = _setup(SmoothConvexFunction, L=L)
    x, y, lam = x0, x0, 1.0
    for _ in range(k):
        lam_old, lam = lam, (1 + math.sqrt(4 * lam**2 + 1)) / 2
        x_old, x = x, y - (1.0 / L) * f.gradient(y)
        y = x + (lam_old - 1) / lam * (x - x_old)
    problem.set_performance_metric(f(x) - f(xs))
    return _solve(problem)


@functools.cache
def halpern_residual(k: int) -> float:
    """max ‖x_k − T x_k‖ for Halpern's iteration x_{t+1} = x0/(t+2) + (1 − 1/(t+2)) T x_t on
    nonexpansive T. Tight value (Lieder 2021): 2/(k + 1)."""
    from PEPit.operators import LipschitzOperator

    k = _check_horizon(k)
    problem = _pep()()
    T = problem.declare_function(LipschitzOperator, L=1.0)
    xs, _, _ = T.fixed_point()
    x0 = problem.set_initial_point()
    problem.set_initial_condition((x0 - xs) ** 2 <= 1)
    x = x0
    for t in range(k):
        x = x0 / (t + 2) + (1 - 1 / (t + 2)) * T.gradient(x)
    problem.set_performance_metric((x - T.gradient(x)) ** 2)
    return math.sqrt(max(_solve(problem), 0.0))
