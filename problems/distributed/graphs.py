"""Communication graphs and gossip (mixing) matrices for decentralized learning.

Topologies (adjacency matrices without self-loops, numpy-free jnp arrays):
  ring(n), torus(rows, cols), complete(n), star(n), exponential(n) (i ~ i +- 2^k mod n,
  Ying et al. 2021 "Exponential graph is provably efficient for decentralized deep
  training"), erdos_renyi(key, n, p) (connectivity checked; not vmappable since a
  disconnected draw raises).
Weights: metropolis_hastings(adj): W_ij = 1/(1 + max(d_i, d_j)) on edges, W_ii = 1 - sum;
  lazy(W, beta): (1 - beta) I + beta W (beta = 1/2 gives (I + W)/2, PSD);
  uniform_complete(n): 11^T / n.
Every W here is symmetric and doubly stochastic. `spectral_gap(W)` = 1 - rho with
rho = max(|lambda_2|, |lambda_n|) = ||W - 11^T/n||_2 (Koloskova et al. 2020 call 1 - rho^2
or 1 - rho "p"; claims should state which they use; `mixing_rate` returns rho).
Time-varying: random_matchings(key, n, T): T gossip matrices W_t = (I + P_t)/2 with P_t a
uniformly random maximal matching; expected_matching_gap(n) is the spectral gap of E W_t.
`make(kind, n, ...)` bundles adjacency, W and its spectral gap in a `Graph`.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks

KINDS = ("ring", "torus", "complete", "star", "exponential", "erdos-renyi")
WEIGHTS = ("metropolis", "lazy-metropolis", "uniform")


class Graph(NamedTuple):
    """A topology with its gossip matrix and ground-truth spectral quantities."""

    adjacency: jax.Array  # (n, n) 0/1 symmetric, zero diagonal
    W: jax.Array  # (n, n) symmetric doubly stochastic gossip matrix
    spectral_gap: jax.Array  # () 1 - max(|lambda_2|, |lambda_n|) of W
    rho: jax.Array  # () ||W - 11^T/n||_2 = 1 - spectral_gap


def ring(n: int) -> jax.Array:
    """Cycle on n >= 3 nodes (n = 2: a single edge)."""
    n = _checks.positive_int("n", n)
    i = np.arange(n)
    a = np.zeros((n, n))
    a[i, (i + 1) % n] = a[(i + 1) % n, i] = 1.0
    np.fill_diagonal(a, 0.0)
    return jnp.asarray(a)


def torus(rows: int, cols: int) -> jax.Array:
    """2-d torus grid rows x cols (node r*cols + c), degree 4 for rows, cols >= 3."""
    rows = _checks.positive_int("rows", rows)
    cols = _checks.positive_int("cols", cols)
    n = rows * cols
    a = np.zeros((n, n))
    for r in range(rows):
        for c in range(cols):
            i = r * cols + c
            for j in (((r + 1) % rows) * cols + c, r * cols + (c + 1) % cols):
                if j != i:
                    a[i, j] = a[j, i] = 1.0
    return jnp.asarray(a)


def complete(n: int) -> jax.Array:
    """Complete graph K_n."""
    n = _checks.positive_int("n", n)
    return jnp.ones((n, n)) - jnp.eye(n)


def star(n: int) -> jax.Array:
    """Star: node 0 joined to all others."""
    n = _checks.positive_int("n", n)
    a = np.zeros((n, n))
    a[0, 1:] = a[1:, 0] = 1.0
    return jnp.asarray(a)


def exponential(n: int) -> jax.Array:
    """Undirected exponential graph: i ~ (i + 2^k) mod n for 2^k < n."""
    n = _checks.positive_int("n", n)
    a = np.zeros((n, n))
    i = np.arange(n)
    k = 1
    while k < n:
        a[i, (i + k) % n] = a[(i + k) % n, i] = 1.0
        k *= 2
    np.fill_diagonal(a, 0.0)
    return jnp.asarray(a)


def is_connected(adjacency) -> bool:
    """True when the graph is connected (breadth-first search; concrete input only)."""
    a = np.asarray(adjacency) > 0
    n = a.shape[0]
    seen = np.zeros(n, bool)
    seen[0] = True
    frontier = seen.copy()
    while frontier.any():
        nxt = a[frontier].any(0) & ~seen
        seen |= nxt
        frontier = nxt
    return bool(seen.all())


def erdos_renyi(key: jax.Array, n: int, p: float) -> jax.Array:
    """G(n, p) adjacency; raises ValueError("adjacency ... disconnected") if not connected."""
    n = _checks.positive_int("n", n)
    _checks.require("p", p, lambda v: (v > 0) & (v <= 1), "in (0, 1]")
    u = jax.random.uniform(key, (n, n))
    upper = jnp.triu((u < p).astype(float), 1)
    a = upper + upper.T
    if _checks.is_concrete(a) and not is_connected(a):
        raise ValueError(f"adjacency of G(n={n}, p={p}) is disconnected; use another key or larger p")
    return a


def metropolis_hastings(adjacency: jax.Array) -> jax.Array:
    """Metropolis-Hastings weights: W_ij = 1/(1 + max(d_i, d_j)) on edges, rows sum to 1.

    Reference: Xiao & Boyd, "Fast linear iterations for distributed averaging" (2004).
    """
    a = jnp.asarray(adjacency, dtype=float)
    deg = a.sum(1)
    w = a / (1.0 + jnp.maximum(deg[:, None], deg[None, :]))
    return w + jnp.diag(1.0 - w.sum(1))


def lazy(W: jax.Array, beta=0.5) -> jax.Array:
    """(1 - beta) I + beta W; beta = 1/2 makes any symmetric stochastic W PSD."""
    _checks.require("beta", beta, lambda b: (b > 0) & (b <= 1), "in (0, 1]")
    return (1.0 - beta) * jnp.eye(W.shape[0]) + beta * W


def uniform_complete(n: int) -> jax.Array:
    """Exact averaging 11^T / n (spectral gap 1)."""
    n = _checks.positive_int("n", n)
    return jnp.ones((n, n)) / n


def mixing_rate(W: jax.Array) -> jax.Array:
    """rho = ||W - 11^T/n||_2 = max(|lambda_2|, |lambda_n|) for symmetric doubly stochastic W."""
    n = W.shape[0]
    return jnp.linalg.norm(W - jnp.ones((n, n)) / n, ord=2)


def spectral_gap(W: jax.Array) -> jax.Array:
    """1 - rho (see mixing_rate)."""
    return 1.0 - mixing_rate(W)


def make(
    kind: str, n: int, key=None, p: float = 0.5, weights: str = "metropolis", rows: int | None = None
) -> Graph:
    """Graph of the named kind with gossip weights and spectral gap.

    kind in KINDS (torus: n = rows * cols, pass rows; erdos-renyi needs key and p),
    weights in WEIGHTS ("uniform" only for complete).
    """
    _checks.one_of("kind", kind, KINDS)
    _checks.one_of("weights", weights, WEIGHTS)
    n = _checks.positive_int("n", n)
    if kind == "ring":
        a = ring(n)
    elif kind == "torus":
        rows = rows or int(np.sqrt(n))
        if n % rows:
            raise ValueError(f"rows must divide n, got rows={rows}, n={n}")
        a = torus(rows, n // rows)
    elif kind == "complete":
        a = complete(n)
    elif kind == "star":
        a = star(n)
    elif kind == "exponential":
        a = exponential(n)
    else:
        if key is None:
            raise ValueError("key must be given for erdos-renyi")
        a = erdos_renyi(key, n, p)
    if weights == "uniform":
        if kind != "complete":
            raise ValueError(f"weights='uniform' needs kind='complete', got {kind!r}")
        w = uniform_complete(n)
    else:
        w = metropolis_hastings(a)
        if weights == "lazy-metropolis":
            w = lazy(w, 0.5)
    rho = mixing_rate(w)
    return Graph(adjacency=a, W=w, spectral_gap=1.0 - rho, rho=rho)


def random_matchings(key: jax.Array, n: int, T: int) -> jax.Array:
    """(T, n, n) time-varying gossip: W_t = (I + P_t)/2, P_t a uniform random maximal matching.

    Each matched pair averages; with odd n one node idles. Each W_t is a symmetric doubly
    stochastic projection-like matrix (eigenvalues in {0, 1}); jit/vmap-safe (n, T static).
    """
    n = _checks.positive_int("n", n)
    T = _checks.positive_int("T", T)
    m = n // 2

    def one(k):
        perm = jax.random.permutation(k, n)
        partner = jnp.arange(n)
        a, b = perm[0 : 2 * m : 2], perm[1 : 2 * m : 2]
        partner = partner.at[a].set(b).at[b].set(a)
        p = jax.nn.one_hot(partner, n)
        return 0.5 * (jnp.eye(n) + p)

    return jax.vmap(one)(jax.random.split(key, T))


def expected_matching_gap(n: int):
    """Spectral gap of E W_t for `random_matchings`: 1 - lambda_2(E W_t).

    A given pair is matched w.p. q = 2m/(n(n-1)) (m = n // 2), so
    E W = I - q/2 (n I - 11^T) and the gap is q n / 2 = m / (n - 1).
    """
    m = n // 2
    return m / (n - 1)
