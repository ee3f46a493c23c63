"""Contracting graph fixed-point maps h ↦ A h + b, as built by Convergent Graph Solvers (CGS).

CGS (Park, Choo, Park, ICLR 2022) builds, per input graph, a linear transition map whose
matrix is projected to spectral norm at most γ < 1, so the map is a contraction and has a
unique fixed point h* = (I − A)⁻¹ b (Banach). Here the graph is an Erdős–Rényi graph with
random positive symmetric edge weights; `make` returns A = γ · W / ‖W‖₂ (the projection), or
the raw W (`project=False`, the map CGS would have without its projection).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from problems import _checks


class GraphFixedPoint(NamedTuple):
    """h ↦ A h + b on a weighted graph; h_star is its fixed point when ‖A‖₂ < 1."""

    A: jnp.ndarray
    b: jnp.ndarray
    h_star: jnp.ndarray


def random_weights(key, n: int, edge_prob: float = 0.1) -> jnp.ndarray:
    """Symmetric weighted adjacency of an Erdős–Rényi(n, edge_prob) graph, weights U(0.5, 1.5)."""
    n = _checks.positive_int("n", n)
    _checks.require("edge_prob", edge_prob, lambda p: (p > 0) & (p <= 1), "in (0, 1]")
    k_edge, k_weight = jax.random.split(key)
    upper = jnp.triu(jax.random.bernoulli(k_edge, edge_prob, (n, n)), k=1)
    weights = jax.random.uniform(k_weight, (n, n), minval=0.5, maxval=1.5)
    W = jnp.where(upper, weights, 0.0)
    return W + W.T


def spectral_projection(W: jnp.ndarray, gamma) -> jnp.ndarray:
    """γ · W / ‖W‖₂: the matrix rescaled to spectral norm exactly γ (CGS's projection)."""
    _checks.require("gamma", gamma, lambda g: g > 0, "> 0")
    return gamma * W / jnp.linalg.norm(W, ord=2)


def make(key, n: int = 50, gamma: float = 0.9, edge_prob: float = 0.1, project: bool = True):
    """A CGS-type fixed-point problem: A = γ W/‖W‖₂ (or W itself), b ~ N(0, I_n)."""
    k_graph, k_b = jax.random.split(key)
    W = random_weights(k_graph, n, edge_prob)
    A = spectral_projection(W, gamma) if project else W
    b = jax.random.normal(k_b, (n,))
    h_star = jnp.linalg.solve(jnp.eye(n) - A, b)
    return GraphFixedPoint(A=A, b=b, h_star=h_star)


def fixed_point_step(problem: GraphFixedPoint, h: jnp.ndarray) -> jnp.ndarray:
    """One fixed-point iteration h ↦ A h + b (CGS's forward iteration)."""
    return problem.A @ h + problem.b


def frozen_step(problem: GraphFixedPoint, h: jnp.ndarray) -> jnp.ndarray:
    """No iteration: h stays where it is (the trivial baseline)."""
    del problem
    return h
