"""First-order methods for variational inequalities / min-max problems (pure steps).

Notation: z = (x, y) stacked, F the (monotone) operator, e.g. F(x, y) = (grad_x f, -grad_y f)
for min_x max_y f. Each step returns the new iterate (and the state it needs next); the
caller scans. All pure and jit/vmap-safe.

  gda_step            z+ = z - lr F(z)                                  (simultaneous GDA)
  extragradient_step  z_half = z - lr F(z);  z+ = z - lr F(z_half)      (Korpelevich 1976)
  optimistic_step     z+ = z - lr (2 F(z) - F(z_prev))                  (Popov 1980; OGDA)
  halpern_step        z+ = beta_k z0 + (1 - beta_k) T(z), beta_k = 1/(k+2)  (Halpern 1967;
                      with T = I - lr F for cocoercive F: ||F(z_k)|| = O(1/k), Diakonikolas 2020)
  vr_halpern_step     Halpern with a loopless-SVRG estimate of F for finite sums
                      F = (1/n) sum_i F_i (in the spirit of Cai, Oikonomou, Zheng 2023)
  hedge_step          x+ ∝ x * exp(-lr loss)  (multiplicative weights / entropic mirror descent)
  mirror_prox_step    entropic extragradient on a product of simplices (Nemirovski 2004)
  pdhg_step           Chambolle-Pock primal-dual hybrid gradient (2011)
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

Operator = Callable[[jax.Array], jax.Array]


def gda_step(F: Operator, z: jax.Array, lr) -> jax.Array:
    """Simultaneous gradient descent-ascent: z - lr F(z)."""
    return z - lr * F(z)


def alternating_gda_step(grad_x: Callable, grad_y: Callable, x, y, lr_x, lr_y):
    """Alternating GDA: x+ = x - lr_x grad_x(x, y); y+ = y + lr_y grad_y(x+, y)."""
    x_new = x - lr_x * grad_x(x, y)
    return x_new, y + lr_y * grad_y(x_new, y)


def extragradient_step(F: Operator, z: jax.Array, lr) -> jax.Array:
    """Extragradient: z_half = z - lr F(z); return z - lr F(z_half)."""
    z_half = z - lr * F(z)
    return z - lr * F(z_half)


def optimistic_step(F: Operator, z: jax.Array, F_prev: jax.Array, lr):
    """Optimistic gradient (OGDA / Popov): z+ = z - lr (2 F(z) - F_prev).

    Returns (z+, F(z)); pass F(z) as F_prev next time (start with F_prev = F(z0)).
    """
    fz = F(z)
    return z - lr * (2.0 * fz - F_prev), fz


def forward_map(F: Operator, lr) -> Operator:
    """T(z) = z - lr F(z): nonexpansive when F is beta-cocoercive and lr <= 2 beta."""
    return lambda z: z - lr * F(z)


def halpern_step(T: Operator, z: jax.Array, z0: jax.Array, k) -> jax.Array:
    """Halpern: z_{k+1} = beta_k z0 + (1 - beta_k) T(z_k), beta_k = 1/(k + 2), k = 0, 1, ..."""
    beta = 1.0 / (k + 2.0)
    return beta * z0 + (1.0 - beta) * T(z)


def vr_halpern_step(F_i: Callable, F_full: Operator, n: int, key: jax.Array, z, z0, w, Fw, k, lr, p_refresh):
    """Variance-reduced Halpern for F = (1/n) sum_i F_i(z) (F_i(i, z) takes an index).

    g = F_i(i, z) - F_i(i, w) + F(w)  (i uniform; unbiased for F(z), loopless SVRG),
    z+ = beta_k z0 + (1 - beta_k)(z - lr g), beta_k = 1/(k+2); the snapshot w <- z+ with
    probability p_refresh (then Fw = F_full(z+)). Returns (z+, w+, Fw+).
    """
    k_i, k_r = jax.random.split(key)
    i = jax.random.randint(k_i, (), 0, n)
    g = F_i(i, z) - F_i(i, w) + Fw
    beta = 1.0 / (k + 2.0)
    z_new = beta * z0 + (1.0 - beta) * (z - lr * g)
    refresh = jax.random.uniform(k_r) < p_refresh
    w_new = jnp.where(refresh, z_new, w)
    Fw_new = jax.lax.cond(refresh, F_full, lambda _: Fw, z_new)
    return z_new, w_new, Fw_new


def hedge_step(x: jax.Array, loss: jax.Array, lr) -> jax.Array:
    """Multiplicative weights: x+_i = x_i exp(-lr loss_i) / sum_j x_j exp(-lr loss_j).

    Entropic mirror descent on the simplex (Freund & Schapire 1997); computed in log space.
    """
    logits = jnp.log(x) - lr * loss
    return jax.nn.softmax(logits)


def mirror_prox_step(grads: Callable, x: jax.Array, y: jax.Array, lr):
    """Entropic mirror-prox for min_{x in simplex} max_{y in simplex} f(x, y).

    grads(x, y) -> (grad_x f, grad_y f). Half step from (x, y) with the gradients at (x, y),
    full step from (x, y) with the gradients at the half point. For a matrix game
    f = x^T A y: grads = lambda x, y: (A @ y, A.T @ x). Returns (x+, y+).
    """
    gx, gy = grads(x, y)
    xh, yh = hedge_step(x, gx, lr), hedge_step(y, -gy, lr)
    gx, gy = grads(xh, yh)
    return hedge_step(x, gx, lr), hedge_step(y, -gy, lr)


def pdhg_step(K: jax.Array, x, y, prox_g: Callable, prox_fstar: Callable, tau, sigma, theta=1.0):
    """Chambolle-Pock PDHG for min_x max_y <K x, y> + g(x) - f*(y).

    x+ = prox_{tau g}(x - tau K^T y);  x_bar = x+ + theta (x+ - x);
    y+ = prox_{sigma f*}(y + sigma K x_bar).  Converges for tau sigma ||K||^2 < 1.
    prox_g(v, tau), prox_fstar(v, sigma). Returns (x+, y+).
    """
    x_new = prox_g(x - tau * K.T @ y, tau)
    x_bar = x_new + theta * (x_new - x)
    y_new = prox_fstar(y + sigma * K @ x_bar, sigma)
    return x_new, y_new
