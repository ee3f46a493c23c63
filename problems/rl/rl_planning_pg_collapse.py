"""Path finding on a small DAG with a tabular softmax next-node policy: REINFORCE vs Q-learning.

The graph abstraction of LLM planning in Wang, Shen, Sun, Feng, Teng, Dong, Hao, Chen, "Benefits and
Pitfalls of Reinforcement Learning for Language Model Planning: A Theoretical Perspective",
arXiv:2509.22613: a model emits a path node by node; reward 1 when the path reaches the target.

`DIAMOND` is the DAG used here (node 0 the source, node 6 the target, node 8 a dead end):

    0 → {1, 2, 3},  1 → {4, 5},  2 → {4, 5},  3 → {7},  4 → {6},  5 → {6},  7 → {8}

so four correct paths (0-1-4-6, 0-1-5-6, 0-2-4-6, 0-2-5-6) and one wrong one (0-3-7-8). A policy is
a logit table θ (nodes × max out-degree), softmax over each node's successors (padding masked).
Every path from the source has `HORIZON` = 3 edges.

- `reinforce_step`: one sampled path, θ ← θ + lr (r ∇log π(path) + bonus Σ_nodes ∇H(π_node)),
  vanilla policy gradient without baseline; `entropy_bonus` > 0 adds the exact gradient of the
  per-node policy entropies (an entropy-regularized PG).
- `q_learning_step`: one path from the uniform behaviour policy (off-policy), tabular updates
  Q(n, a) ← Q(n, a) + lr (r + max_a' Q(n', a') − Q(n, a)) along it (undiscounted, Q = 0 at
  terminal nodes); its output policy is softmax(Q/τ) per node (`boltzmann`).
- `path_diversity`: the entropy of the policy's law over the correct paths given success,
  divided by log(number of correct paths) (1 = uniform over correct paths, 0 = one path);
  `success`: the probability of reaching the target.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

HORIZON = 3


class Dag(NamedTuple):
    """Successor table (nodes × max degree, −1 padding), the target, and all source paths."""

    succ: np.ndarray  # (n_nodes, max_deg) int
    target: int
    path_nodes: np.ndarray  # (n_paths, HORIZON) node at which each edge is taken
    path_slots: np.ndarray  # (n_paths, HORIZON) successor slot taken
    correct: np.ndarray  # (n_paths,) bool: the path ends at the target


def make_dag(successors: dict[int, tuple[int, ...]], target: int) -> Dag:
    """A DAG from successor lists; enumerates every HORIZON-edge path from node 0."""
    n_nodes = max(max(successors), max(max(v) for v in successors.values())) + 1
    max_deg = max(len(v) for v in successors.values())
    succ = -np.ones((n_nodes, max_deg), dtype=int)
    for node, nxt in successors.items():
        succ[node, : len(nxt)] = nxt
    paths = [([], [], 0)]
    for _ in range(HORIZON):
        paths = [
            (nodes + [at], slots + [k], int(succ[at, k]))
            for nodes, slots, at in paths
            for k in range(max_deg)
            if succ[at, k] >= 0
        ]
    if not paths:
        raise ValueError("successors must give at least one path of HORIZON edges from node 0")
    return Dag(
        succ,
        target,
        np.array([p[0] for p in paths]),
        np.array([p[1] for p in paths]),
        np.array([p[2] == target for p in paths]),
    )


DIAMOND = make_dag({0: (1, 2, 3), 1: (4, 5), 2: (4, 5), 3: (7,), 4: (6,), 5: (6,), 7: (8,)}, target=6)


def policy(dag: Dag, logits) -> jax.Array:
    """Per-node softmax over the successors (padding gets probability 0; sinks a dummy uniform)."""
    valid = jnp.asarray(dag.succ >= 0)
    masked = jnp.where(valid, logits, -jnp.inf)
    masked = jnp.where(valid.any(axis=1, keepdims=True), masked, 0.0)
    return jax.nn.softmax(masked, axis=1)


def boltzmann(dag: Dag, q, temperature) -> jax.Array:
    """softmax(Q/τ) per node: the output policy of Q-learning."""
    return policy(dag, q / temperature)


def _path_probabilities(dag: Dag, pi) -> jax.Array:
    return jnp.prod(pi[dag.path_nodes, dag.path_slots], axis=1)


def success(dag: Dag, pi) -> jax.Array:
    """Probability that a path drawn from π reaches the target."""
    return jnp.sum(jnp.where(dag.correct, _path_probabilities(dag, pi), 0.0))


def path_diversity(dag: Dag, pi) -> jax.Array:
    """Entropy of π's law over correct paths given success, / log(#correct paths)."""
    p = jnp.where(dag.correct, _path_probabilities(dag, pi), 0.0)
    q = p / jnp.sum(p)
    entropy = -jnp.sum(jnp.where(q > 0, q * jnp.log(jnp.where(q > 0, q, 1.0)), 0.0))
    return entropy / jnp.log(float(dag.correct.sum()))


def sample_path(dag: Dag, pi, key: jax.Array) -> tuple[jax.Array, jax.Array, jax.Array]:
    """(nodes, slots, reward) of one HORIZON-edge path drawn from π from node 0."""
    succ = jnp.asarray(dag.succ)

    def edge(node, k):
        slot = jax.random.choice(k, succ.shape[1], p=pi[node])
        return succ[node, slot], (node, slot)

    end, (nodes, slots) = jax.lax.scan(edge, 0, jax.random.split(key, HORIZON))
    return nodes, slots, (end == dag.target).astype(float)


def _entropy_gradient(pi) -> jax.Array:
    """∇_θ H(softmax θ) per node = −π ⊙ (log π + H)."""
    logp = jnp.log(jnp.where(pi > 0, pi, 1.0))
    entropy = -jnp.sum(pi * logp, axis=1, keepdims=True)
    return -pi * (logp + entropy)


def reinforce_step(dag: Dag, logits, key: jax.Array, lr, entropy_bonus=0.0) -> jax.Array:
    """One REINFORCE step on one sampled path (no baseline), plus an optional entropy bonus."""
    pi = policy(dag, logits)
    nodes, slots, reward = sample_path(dag, pi, key)
    score = jax.nn.one_hot(slots, dag.succ.shape[1]) - pi[nodes]
    grad = jnp.zeros_like(logits).at[nodes].add(reward * score)
    return logits + lr * (grad + entropy_bonus * _entropy_gradient(pi))


def q_learning_step(dag: Dag, q, key: jax.Array, lr) -> jax.Array:
    """Tabular Q-learning along one path of the uniform behaviour policy (off-policy)."""
    succ = jnp.asarray(dag.succ)
    behaviour = policy(dag, jnp.zeros_like(q))
    nodes, slots, _ = sample_path(dag, behaviour, key)
    valid = succ >= 0

    def update(q, edge):
        node, slot = edge
        nxt = succ[node, slot]
        reward = (nxt == dag.target).astype(float)
        terminal = ~valid[nxt].any() | (nxt == dag.target)
        future = jnp.where(terminal, 0.0, jnp.max(jnp.where(valid[nxt], q[nxt], -jnp.inf)))
        return q.at[node, slot].add(lr * (reward + future - q[node, slot])), None

    return jax.lax.scan(update, q, (nodes, slots))[0]
