"""Kuhn poker: a zero-sum imperfect-information extensive-form game with exact exploitability,
trajectory feedback under a fixed sampling policy, and local (per-information-set) mirror descent.

Game (Kuhn 1950): cards J < Q < K (0, 1, 2); each player antes 1 and gets one card. Player 1
checks or bets 1; after a bet player 2 folds (+1 to P1) or calls (showdown ±2); after a check
player 2 checks (showdown ±1) or bets, and then player 1 folds (−1) or calls (showdown ±2).
u is P1's payoff (P1 maximizes, P2 minimizes); the value is −1/18.

Behavior strategies are (6, 2) arrays of action probabilities per information set:
  x (P1): rows c = 0..2 root with card c (0 check, 1 bet); rows 3 + c after check–bet (0 fold,
          1 call).
  y (P2): rows c = 0..2 after a check with card c (0 check, 1 bet); rows 3 + c after a bet
          (0 fold, 1 call).
`exploitability(x, y)` = max_x' u(x', y) − min_y' u(x, y') ≥ 0 (= 0 exactly at a Nash
equilibrium), by exact best responses (backward induction over the two P1 decision levels).

Trajectory feedback (Fiegel et al. 2023, "Local and adaptive mirror descents in extensive-form
games", fixed sampling): in `episode_p1` the learner P1 acts with a FIXED sampling policy μ and
P2 with its current policy; from the one observed terminal it builds importance-weighted
estimates of P1's counterfactual losses at the information sets on the trajectory,
    q̂(I, a) = ℓ(z) · Π_{own (I', a') after (I, a)} π(a'|I')/μ(a'|I') / Π_{own (I', a') up to (I, a)} μ(a'|I'),
with ℓ = (2 − u)/4 ∈ [0, 1] (P1's loss); these are unbiased for the counterfactual losses of P1's
current policy π against P2's policy (importance ratios bounded by the fixed μ, never by the
learner's own policy). `episode_p2` is the mirror image (ℓ = (2 + u)/4).
`local_step` is the local mirror-descent update at every information set: entropic dual
averaging (exponential weights on the cumulative estimated losses, the stabilized form of OMD)
with learning rate η_t. `reach_p1` gives P1's own reach probabilities (for the reach-weighted
average strategy, the output of the method); P2's own reach is 1 at every information set.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

DEALS = jnp.array([(a, b) for a in range(3) for b in range(3) if a != b])  # (6, 2), uniform
VALUE = -1.0 / 18.0


def _showdown(c1, c2):
    return jnp.sign(c1 - c2).astype(jnp.float64)


def payoff(x: jax.Array, y: jax.Array, leaf=lambda u: u) -> jax.Array:
    """Expected payoff u(x, y) to player 1 (of leaf(u) at the terminals when `leaf` is given)."""
    c1, c2 = DEALS[:, 0], DEALS[:, 1]
    s = _showdown(c1, c2)
    bet = y[3 + c2, 0] * leaf(1.0) + y[3 + c2, 1] * leaf(2.0 * s)
    check_bet = x[3 + c1, 0] * leaf(-1.0) + x[3 + c1, 1] * leaf(2.0 * s)
    check = y[c2, 0] * leaf(s) + y[c2, 1] * check_bet
    return jnp.mean(x[c1, 1] * bet + x[c1, 0] * check)


def best_response_value_p1(y: jax.Array) -> jax.Array:
    """max over P1 strategies of u(·, y)."""
    c1, c2 = DEALS[:, 0], DEALS[:, 1]
    s = _showdown(c1, c2)
    by_card = lambda v: jax.ops.segment_sum(v, c1, num_segments=3)  # noqa: E731
    fold = by_card(y[c2, 1] * -1.0)
    call = by_card(y[c2, 1] * 2.0 * s)
    v_cb = jnp.maximum(fold, call)
    check = by_card(y[c2, 0] * s) + v_cb
    bet = by_card(y[3 + c2, 0] * 1.0 + y[3 + c2, 1] * 2.0 * s)
    return jnp.sum(jnp.maximum(check, bet)) / DEALS.shape[0]


def best_response_value_p2(x: jax.Array) -> jax.Array:
    """min over P2 strategies of u(x, ·)."""
    c1, c2 = DEALS[:, 0], DEALS[:, 1]
    s = _showdown(c1, c2)
    by_card = lambda v: jax.ops.segment_sum(v, c2, num_segments=3)  # noqa: E731
    fold = by_card(x[c1, 1] * 1.0)
    call = by_card(x[c1, 1] * 2.0 * s)
    check = by_card(x[c1, 0] * s)
    bet = by_card(x[c1, 0] * (x[3 + c1, 0] * -1.0 + x[3 + c1, 1] * 2.0 * s))
    return (jnp.sum(jnp.minimum(fold, call)) + jnp.sum(jnp.minimum(check, bet))) / DEALS.shape[0]


def exploitability(x: jax.Array, y: jax.Array) -> jax.Array:
    """max_x' u(x', y) − min_y' u(x, y') (the Nash gap; ≥ 0)."""
    return best_response_value_p1(y) - best_response_value_p2(x)


def nash(alpha=0.0):
    """The equilibrium family of Kuhn (1950), α ∈ [0, 1/3] (P1's bluffing frequency with J)."""
    x = jnp.array(
        [
            [1 - alpha, alpha],
            [1.0, 0.0],
            [1 - 3 * alpha, 3 * alpha],
            [1.0, 0.0],
            [2 / 3 - alpha, 1 / 3 + alpha],
            [0.0, 1.0],
        ]
    )
    y = jnp.array([[2 / 3, 1 / 3], [1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [2 / 3, 1 / 3], [0.0, 1.0]])
    return x, y


def uniform() -> jax.Array:
    return jnp.full((6, 2), 0.5)


def _sample(key, p):
    return (jax.random.uniform(key) < p[1]).astype(jnp.int32)


def episode_p1(key: jax.Array, mu: jax.Array, pi: jax.Array, y: jax.Array) -> jax.Array:
    """P1's importance-weighted counterfactual loss estimates (6, 2) from one episode in which
    P1 follows the fixed sampling policy μ and P2 follows y (π is P1's current policy)."""
    k_deal, k1, k2, k3 = jax.random.split(key, 4)
    c1, c2 = DEALS[jax.random.randint(k_deal, (), 0, DEALS.shape[0])]
    s = _showdown(c1, c2)
    a1 = _sample(k1, mu[c1])
    a2 = jnp.where(a1 == 1, _sample(k2, y[3 + c2]), _sample(k2, y[c2]))
    a3 = _sample(k3, mu[3 + c1])
    reached_cb = (a1 == 0) & (a2 == 1)
    u = jnp.where(
        a1 == 1, jnp.where(a2 == 1, 2.0 * s, 1.0), jnp.where(a2 == 0, s, jnp.where(a3 == 1, 2.0 * s, -1.0))
    )
    loss = (2.0 - u) / 4.0
    after = jnp.where(reached_cb, pi[3 + c1, a3] / mu[3 + c1, a3], 1.0)
    q = jnp.zeros((6, 2))
    q = q.at[c1, a1].set(loss * after / mu[c1, a1])
    cb = loss / (mu[c1, 0] * mu[3 + c1, a3])
    return q.at[3 + c1, a3].add(jnp.where(reached_cb, cb, 0.0))


def episode_p2(key: jax.Array, x: jax.Array, mu: jax.Array) -> jax.Array:
    """P2's importance-weighted counterfactual loss estimates (6, 2) from one episode in which
    P1 follows x and P2 follows the fixed sampling policy μ."""
    k_deal, k1, k2, k3 = jax.random.split(key, 4)
    c1, c2 = DEALS[jax.random.randint(k_deal, (), 0, DEALS.shape[0])]
    s = _showdown(c1, c2)
    a1 = _sample(k1, x[c1])
    row = jnp.where(a1 == 1, 3 + c2, c2)
    a2 = _sample(k2, mu[row])
    a3 = _sample(k3, x[3 + c1])
    u = jnp.where(
        a1 == 1, jnp.where(a2 == 1, 2.0 * s, 1.0), jnp.where(a2 == 0, s, jnp.where(a3 == 1, 2.0 * s, -1.0))
    )
    loss = (2.0 + u) / 4.0
    return jnp.zeros((6, 2)).at[row, a2].set(loss / mu[row, a2])


def reach_p1(x: jax.Array) -> jax.Array:
    """P1's own reach probability of each of its information sets (6,)."""
    return jnp.concatenate([jnp.ones(3), x[:3, 0]])


def local_step(cum_loss: jax.Array, lr) -> jax.Array:
    """Local entropic mirror descent (dual averaging) at every information set: π ∝ exp(−η L)."""
    return jax.nn.softmax(-lr * cum_loss, axis=-1)
