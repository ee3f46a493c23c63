"""Policy evaluation on the Ornstein-Uhlenbeck process: exact values, exact population minimizers.

  OU                 dX = −κX dt + σ dW with running reward r(x) = x² and discount rate β; the
                     stationary law is μ = N(0, v), v = σ²/(2κ).  Default κ = σ = β = 1.
  value_coefficients V(x) = E∫_0^∞ e^{−βt} X_t² dt | X_0 = x = x²/(β + 2κ) + 2κv/(β(β + 2κ)),
                     as coefficients on the monomials (1, x²)  (κ = σ = β = 1: V = x²/3 + 1/3).
  discrete_value_coefficients  V_Δt(x) = E Σ_{j≥0} e^{−βjΔt} r(X_{jΔt}) Δt | X_0 = x (left-point
                     Riemann sum of the return; the fixed point of the discrete Bellman equation
                     V = rΔt + e^{−βΔt} P_Δt V):  Δt[x²/(1 − γρ²) + v/(1 − γ) − v/(1 − γρ²)],
                     ρ = e^{−κΔt}, γ = e^{−βΔt}.  V_Δt → V as Δt → 0.
Function classes are spans of monomials x^k, k ∈ `powers` (a static tuple of ints).  Population
quantities are exact: μ-moments and moments of the stationary pair (X, X') = (X_0, X_Δt) (X'
= ρX + s Z, s² = v(1 − ρ²)) are Gaussian moments.
  gram, l2_distance  E_μ[φφᵀ] and the L²(μ) distance between two coefficient vectors (on `powers`)
  projection         L²(μ) projection of a polynomial (coefficients on its own powers) onto the class
  martingale_minimizer  population minimizer of the discrete martingale loss
                     E Σ_k |G_k − θ·φ(X_k)|², G_k = Σ_{j≥k} γ^{j−k} r(X_j)Δt: the projection of V_Δt
                     (E[G_k | X_k] = V_Δt(X_k)); as Δt → 0 the projection of V.
  mstde_minimizer    population minimizer of the mean-square TD error E|δ|², δ = r(X)Δt +
                     γθ·φ(X') − θ·φ(X).  As Δt → 0 the quadratic variation E|σ∂_xV^θ|²Δt dominates
                     and, for a class containing constants, the minimizer tends to the constant
                     E_μ[r]/β = E_μ[V] (slope terms O(Δt)).
  lstd_fixed_point   the TD(0)/LSTD solution E[φ(X)δ] = 0 (= V_Δt when V_Δt is in the class).
Simulation: `stationary_sample`, `exact_step` (exact Gaussian transition), `euler_step`
(Euler-Maruyama), and `fits`: one lax.scan over time for n paths started from μ that returns the
least-squares (empirical) minimizers of the three objectives (the martingale-loss fit through its
eligibility-trace form: Σ_k φ_k G_k = Σ_j r_jΔt e_j, e_j = γe_{j−1} + φ_j — gradient Monte Carlo).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import jax
import jax.numpy as jnp


class OU(NamedTuple):
    kappa: jax.Array  # mean reversion
    sigma: jax.Array  # diffusion
    beta: jax.Array  # discount rate


def ou(kappa: float = 1.0, sigma: float = 1.0, beta: float = 1.0) -> OU:
    for name, val in (("kappa", kappa), ("sigma", sigma), ("beta", beta)):
        if not (isinstance(val, (int, float)) and math.isfinite(val) and val > 0):
            raise ValueError(f"{name}: must be a positive finite number, got {val!r}")
    return OU(jnp.asarray(float(kappa)), jnp.asarray(float(sigma)), jnp.asarray(float(beta)))


def _check_dt(dt):
    if not (isinstance(dt, (int, float)) and math.isfinite(dt) and dt > 0):
        raise ValueError(f"dt: must be a positive finite number, got {dt!r}")


def _check_powers(powers):
    if not powers or any(not isinstance(k, int) or k < 0 for k in powers) or len(set(powers)) != len(powers):
        raise ValueError(f"powers: must be distinct non-negative ints, got {powers!r}")


def stationary_variance(p: OU) -> jax.Array:
    return p.sigma**2 / (2 * p.kappa)


def reward(x: jax.Array) -> jax.Array:
    return x**2


def features(x: jax.Array, powers: tuple[int, ...]) -> jax.Array:
    """φ(x) = (x^k)_{k ∈ powers}, stacked on a trailing axis."""
    return jnp.stack([x**k for k in powers], axis=-1)


def value_coefficients(p: OU) -> tuple[tuple[int, ...], jax.Array]:
    """(powers, coefficients) of the exact value V(x) = x²/(β + 2κ) + 2κv/(β(β + 2κ))."""
    v = stationary_variance(p)
    return (0, 2), jnp.stack(
        [2 * p.kappa * v / (p.beta * (p.beta + 2 * p.kappa)), 1 / (p.beta + 2 * p.kappa)]
    )


def discrete_value_coefficients(p: OU, dt: float) -> tuple[tuple[int, ...], jax.Array]:
    """(powers, coefficients) of V_Δt, the value of the left-point Riemann-sum return."""
    _check_dt(dt)
    v = stationary_variance(p)
    rho2, gam = jnp.exp(-2 * p.kappa * dt), jnp.exp(-p.beta * dt)
    return (0, 2), jnp.stack([dt * v * (1 / (1 - gam) - 1 / (1 - gam * rho2)), dt / (1 - gam * rho2)])


def _gauss_moment(n: int, var):
    """E[Y^n] for Y ~ N(0, var)."""
    if n % 2:
        return jnp.zeros_like(var)
    return var ** (n // 2) * math.prod(range(n - 1, 0, -2))


def _pair_moment(a: int, b: int, v, rho):
    """E[X^a X'^b] for the stationary pair X ~ N(0, v), X' = ρX + sZ, s² = v(1 − ρ²)."""
    s2 = v * (1 - rho**2)
    return sum(
        math.comb(b, i) * rho**i * _gauss_moment(a + i, v) * _gauss_moment(b - i, s2) for i in range(b + 1)
    )


def gram(p: OU, powers: tuple[int, ...]) -> jax.Array:
    """E_μ[φ(X)φ(X)ᵀ]."""
    _check_powers(powers)
    v = stationary_variance(p)
    return jnp.stack([jnp.stack([_gauss_moment(i + j, v) for j in powers]) for i in powers])


def l2_distance(p: OU, powers: tuple[int, ...], theta_a: jax.Array, theta_b: jax.Array) -> jax.Array:
    """‖θ_a·φ − θ_b·φ‖_{L²(μ)} (theta on a trailing axis; broadcasts)."""
    d = theta_a - theta_b
    return jnp.sqrt(jnp.maximum(jnp.einsum("...i,ij,...j->...", d, gram(p, powers), d), 0.0))


def projection(
    p: OU, powers: tuple[int, ...], target_powers: tuple[int, ...], target: jax.Array
) -> jax.Array:
    """Coefficients on `powers` of the L²(μ) projection of Σ_j target_j x^{target_powers_j}."""
    _check_powers(powers)
    v = stationary_variance(p)
    cross = jnp.stack(
        [sum(c * _gauss_moment(i + j, v) for j, c in zip(target_powers, target)) for i in powers]
    )
    return jnp.linalg.solve(gram(p, powers), cross)


def poly_l2_norm(p: OU, powers: tuple[int, ...], coeffs: jax.Array) -> jax.Array:
    """‖Σ_j coeffs_j x^{powers_j}‖_{L²(μ)}."""
    return l2_distance(p, powers, coeffs, jnp.zeros_like(coeffs))


def martingale_minimizer(p: OU, dt: float, powers: tuple[int, ...]) -> jax.Array:
    """Population minimizer of the discrete martingale loss: the projection of V_Δt."""
    tp, tc = discrete_value_coefficients(p, dt)
    return projection(p, powers, tp, tc)


def _td_moments(p: OU, dt: float, powers: tuple[int, ...]):
    """ψ = γφ(X') − φ(X): returns E[ψψᵀ], E[ψ r(X)]Δt, E[φψᵀ], E[φ r(X)]Δt."""
    _check_dt(dt)
    _check_powers(powers)
    v, rho, gam = stationary_variance(p), jnp.exp(-p.kappa * dt), jnp.exp(-p.beta * dt)

    def m(a, b):
        return _pair_moment(a, b, v, rho)

    psipsi = jnp.stack(
        [
            jnp.stack([gam**2 * m(0, i + j) - gam * m(i, j) - gam * m(j, i) + m(i + j, 0) for j in powers])
            for i in powers
        ]
    )
    psir = jnp.stack([(gam * m(2, i) - m(i + 2, 0)) * dt for i in powers])
    phipsi = jnp.stack([jnp.stack([gam * m(i, j) - m(i + j, 0) for j in powers]) for i in powers])
    phir = jnp.stack([m(i + 2, 0) * dt for i in powers])
    return psipsi, psir, phipsi, phir


def mstde_minimizer(p: OU, dt: float, powers: tuple[int, ...]) -> jax.Array:
    """argmin_θ E|r(X)Δt + γθ·φ(X') − θ·φ(X)|² over the stationary pair."""
    psipsi, psir, _, _ = _td_moments(p, dt, powers)
    return -jnp.linalg.solve(psipsi, psir)


def lstd_fixed_point(p: OU, dt: float, powers: tuple[int, ...]) -> jax.Array:
    """θ with E[φ(X)(r(X)Δt + γθ·φ(X') − θ·φ(X))] = 0."""
    _, _, phipsi, phir = _td_moments(p, dt, powers)
    return -jnp.linalg.solve(phipsi, phir)


def mstde_limit(p: OU, powers: tuple[int, ...]) -> jax.Array:
    """lim_{Δt→0} of mstde_minimizer for a class containing constants: the constant E_μ[r]/β."""
    if 0 not in powers:
        raise ValueError(f"powers: must contain 0 (constants) for the limit formula, got {powers!r}")
    return jnp.stack([stationary_variance(p) / p.beta if k == 0 else jnp.zeros(()) for k in powers])


def stationary_sample(p: OU, key: jax.Array, shape=()) -> jax.Array:
    return jnp.sqrt(stationary_variance(p)) * jax.random.normal(key, shape)


def exact_step(p: OU, key: jax.Array, x: jax.Array, dt: float) -> jax.Array:
    """X_{t+Δt} | X_t = x exactly: ρx + s Z."""
    rho = jnp.exp(-p.kappa * dt)
    s = jnp.sqrt(stationary_variance(p) * (1 - rho**2))
    return rho * x + s * jax.random.normal(key, jnp.shape(x))


def euler_step(p: OU, key: jax.Array, x: jax.Array, dt: float) -> jax.Array:
    """Euler-Maruyama: x − κxΔt + σ√Δt Z."""
    return x - p.kappa * x * dt + p.sigma * math.sqrt(dt) * jax.random.normal(key, jnp.shape(x))


class Fits(NamedTuple):
    martingale: jax.Array  # least-squares minimizer of the empirical martingale loss
    mstde: jax.Array  # least-squares minimizer of the empirical mean-square TD error
    lstd: jax.Array  # LSTD (empirical TD(0) fixed point)


def fits(
    p: OU,
    key: jax.Array,
    dt: float,
    powers: tuple[int, ...],
    n_paths: int,
    horizon: float,
    tail: float,
    step=exact_step,
) -> Fits:
    """Empirical minimizers from n_paths paths started from μ, observed on [0, horizon] (+ tail).

    The fitting window is k < K = round(horizon/Δt); the returns G_k are accumulated on [0, horizon +
    tail] (truncation bias e^{−β·tail} relative), through the eligibility trace.
    """
    _check_dt(dt)
    _check_powers(powers)
    if n_paths < 1:
        raise ValueError(f"n_paths: must be >= 1, got {n_paths}")
    if not horizon > 0 or not tail >= 0:
        raise ValueError(f"horizon: horizon must be > 0 and tail >= 0, got {horizon}, {tail}")
    n_fit, n_all = int(round(horizon / dt)), int(round((horizon + tail) / dt))
    gam = jnp.exp(-p.beta * dt)
    d = len(powers)
    k0, k1 = jax.random.split(key)
    x0 = stationary_sample(p, k0, (n_paths,))
    zeros = jnp.zeros((d, d))

    def body(carry, k):
        x, trace, a_ml, b_ml, a_td, b_td, a_l, b_l = carry
        x_next = step(p, jax.random.fold_in(k1, k), x, dt)
        w = (k < n_fit).astype(x.dtype)
        phi, phi_next = features(x, powers), features(x_next, powers)
        rdt = reward(x) * dt
        trace = gam * trace + w * phi
        psi = gam * phi_next - phi
        a_ml = a_ml + w * phi.T @ phi
        b_ml = b_ml + rdt @ trace
        a_td = a_td + w * psi.T @ psi
        b_td = b_td + w * rdt @ psi
        a_l = a_l + w * phi.T @ psi
        b_l = b_l + w * rdt @ phi
        return (x_next, trace, a_ml, b_ml, a_td, b_td, a_l, b_l), None

    init = (x0, jnp.zeros((n_paths, d)), zeros, jnp.zeros(d), zeros, jnp.zeros(d), zeros, jnp.zeros(d))
    (_, _, a_ml, b_ml, a_td, b_td, a_l, b_l), _ = jax.lax.scan(body, init, jnp.arange(n_all))
    sol = jnp.linalg.solve(jnp.stack([a_ml, a_td, a_l]), jnp.stack([b_ml, -b_td, -b_l])[..., None])[..., 0]
    return Fits(sol[0], sol[1], sol[2])
