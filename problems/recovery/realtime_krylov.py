"""Real-time Krylov subspace diagonalization of a Hamiltonian, simulated classically.

The Krylov space is spanned by φ_j = e^{−iH jΔt} φ, j = 0, …, k − 1; the ground-state energy
estimate is the smallest eigenvalue of the projected pencil (H_k, S_k) with
S_jl = ⟨φ_j|φ_l⟩ and H_jl = ⟨φ_j|H|φ_l⟩, after discarding the directions of S_k whose
eigenvalues fall below a relative threshold (the usual regularization of an ill-conditioned
overlap matrix). Everything depends only on the spectrum E_n and the overlaps p_n = |⟨n|φ⟩|²,
so the instance is given in the eigenbasis of H: S_jl = Σ_n p_n e^{−iE_n(l−j)Δt} and
H_jl = Σ_n p_n E_n e^{−iE_n(l−j)Δt} (the same matrices as for H = V diag(E) V† with any
unitary V).

`chebyshev_bound` is a Kaniel–Paige-type upper bound for this space: a trigonometric
polynomial of degree m = ⌊(k − 1)/2⌋ in E (times e^{−imΔtE}) is a polynomial of degree k − 1
in e^{−iHΔt}, so the Chebyshev polynomial T_m of the rescaled cos(Δt(E − E_0)) is a trial
vector, which gives E_k − E_0 ≤ (E_max − E_0) · (1 − p_0)/p_0 / T_m(t_0)² when Δt(E_max − E_0)
≤ π (cos is then monotone on the spectrum).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks


class Spectrum(NamedTuple):
    """Energies E (E[0] the ground state) and the reference state's weights p on them."""

    energies: jnp.ndarray
    weights: jnp.ndarray


def gapped_spectrum(key, n: int = 200, gap: float = 0.1, ground_overlap: float = 0.3) -> Spectrum:
    """E_0 = 0, E_1 = gap, E_max = 1, the rest uniform on [gap, 1]; p_0 = ground_overlap.

    The excited weights are a uniform Dirichlet draw scaled to 1 − p_0.
    """
    n = _checks.positive_int("n", n)
    _checks.require("gap", gap, lambda g: (g > 0) & (g < 1), "in (0, 1)")
    _checks.require("ground_overlap", ground_overlap, lambda p: (p > 0) & (p < 1), "in (0, 1)")
    k_e, k_w = jax.random.split(key)
    inner = jax.random.uniform(k_e, (n - 3,), minval=gap, maxval=1.0)
    energies = jnp.concatenate([jnp.array([0.0, gap]), jnp.sort(inner), jnp.array([1.0])])
    excited = jax.random.exponential(k_w, (n - 1,))
    weights = jnp.concatenate([jnp.array([ground_overlap]), (1 - ground_overlap) * excited / excited.sum()])
    return Spectrum(energies=energies, weights=weights)


def krylov_matrices(spectrum: Spectrum, k: int, dt: float):
    """(S, H): overlap and Hamiltonian matrices of the real-time Krylov space of dimension k."""
    k = _checks.positive_int("k", k)
    lag = jnp.arange(k)[None, :] - jnp.arange(k)[:, None]
    phases = jnp.exp(-1j * spectrum.energies[None, None, :] * dt * lag[:, :, None])
    S = jnp.sum(spectrum.weights * phases, axis=-1)
    H = jnp.sum(spectrum.weights * spectrum.energies * phases, axis=-1)
    return S, H


def thresholded_ground_energy(S, H, rel_threshold: float = 1e-12):
    """Smallest eigenvalue of the pencil (H, S) on the directions with eig(S) > rel_threshold · max eig(S)."""
    s, V = jnp.linalg.eigh(S)
    keep = s > rel_threshold * jnp.max(s)
    W = V / jnp.sqrt(jnp.where(keep, s, 1.0))
    Hr = W.conj().T @ H @ W
    both = keep[:, None] & keep[None, :]
    big = 1e6 * (1.0 + jnp.max(jnp.abs(H)))
    Hr = jnp.where(both, Hr, 0.0) + jnp.diag(jnp.where(keep, 0.0, big))
    return jnp.min(jnp.linalg.eigvalsh(Hr))


def _leading_block(S, H, k, big):
    """S, H restricted to their leading k×k block, padded by identity (S) and big·identity (H)."""
    idx = jnp.arange(S.shape[0])
    inside = (idx[:, None] < k) & (idx[None, :] < k)
    pad = jnp.diag(idx >= k)
    return jnp.where(inside, S, 0.0) + pad, jnp.where(inside, H, 0.0) + big * pad


def energy_errors(spectrum: Spectrum, dims, dt: float, rel_threshold: float = 1e-12):
    """E_k − E_0 for each Krylov dimension k in dims (leading blocks of one set of matrices).

    All dimensions are solved in one batched eigendecomposition: the block of size k is padded
    to the largest size by identity in S (eigenvalue 1 ≤ the block's largest, whose diagonal is 1,
    so the relative threshold is unchanged) and by a large multiple of the identity in H, which
    keeps the padding's Ritz values far above every energy.
    """
    S, H = krylov_matrices(spectrum, max(dims), dt)
    big = 1e6 * (1.0 + jnp.max(jnp.abs(spectrum.energies)))
    blocks = [_leading_block(S, H, k, big) for k in dims]
    S_k = jnp.stack([b[0] for b in blocks])
    H_k = jnp.stack([b[1] for b in blocks])
    ground = jax.vmap(lambda s, h: thresholded_ground_energy(s, h, rel_threshold))(S_k, H_k)
    return ground - spectrum.energies[0]


def chebyshev_bound(k, gap: float, spread: float, ground_overlap: float, dt: float):
    """(E_max − E_0)(1 − p_0)/p_0 / T_m(t_0)², m = ⌊(k − 1)/2⌋; needs dt · spread ≤ π.

    gap = E_1 − E_0, spread = E_max − E_0; the excited band maps by cos(Δt(E − E_0)) onto
    [cos(Δt·spread), cos(Δt·gap)], and t_0 is the image of the ground state (x = 1) under the
    affine map of that band onto [−1, 1].
    """
    if dt * spread > np.pi + 1e-12:
        raise ValueError(f"dt must satisfy dt * spread <= pi, got {dt * spread}")
    lo, hi = np.cos(dt * spread), np.cos(dt * gap)
    t0 = (2.0 - lo - hi) / (hi - lo)
    m = np.floor((np.asarray(k, dtype=float) - 1) / 2)
    cheb = np.cosh(m * np.arccosh(t0))
    return spread * (1 - ground_overlap) / ground_overlap / cheb**2


def chebyshev_rate(gap: float, spread: float, dt: float) -> float:
    """Per-dimension contraction of chebyshev_bound: 1/(t_0 + √(t_0² − 1)) (T_m² squares it every 2 k)."""
    lo, hi = np.cos(dt * spread), np.cos(dt * gap)
    t0 = (2.0 - lo - hi) / (hi - lo)
    return float(1.0 / (t0 + np.sqrt(t0**2 - 1)))
