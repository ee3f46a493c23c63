"""HiPPO-LegS state-space matrices, their diagonalizations, and transfer functions.

Testbed for the perturb-then-diagonalize (PTD) claim of Yu et al. (arXiv:2310.01698): the
HiPPO-LegS matrix A is diagonalizable (distinct eigenvalues −1, …, −N) but far from normal,
so its eigenvector matrix is exponentially ill-conditioned. PTD diagonalizes A + E for a small
random E instead; S4D keeps only A's normal part (A + PPᵀ). A diagonal system (Λ, B̃, C̃) has
transfer function G(s) = Σ_n C̃_n B̃_n / (s − λ_n); the dense one G(s) = C (sI − A)⁻¹ B.
All functions are pure JAX (complex eigendecomposition: CPU only, as jnp.linalg.eig).
"""

import jax
import jax.numpy as jnp


def hippo_legs(size):
    """HiPPO-LegS (A, B): A_nk = −√((2n+1)(2k+1)) below the diagonal, −(n+1) on it; B_n = √(2n+1)."""
    n = jnp.arange(size, dtype=jnp.float64)
    root = jnp.sqrt(2.0 * n + 1.0)
    lower = -jnp.tril(jnp.outer(root, root), k=-1)
    return lower - jnp.diag(n + 1.0), root


def legs_normal_part(size):
    """A + PPᵀ with P_n = √(n + 1/2): the normal (skew-symmetric minus I/2) part S4D diagonalizes."""
    a, _ = hippo_legs(size)
    p = jnp.sqrt(jnp.arange(size, dtype=jnp.float64) + 0.5)
    return a + jnp.outer(p, p)


def normal_with_legs_spectrum(size):
    """diag(−1, …, −N): a normal matrix with HiPPO-LegS's eigenvalues (eigenvectors exactly I)."""
    return -jnp.diag(jnp.arange(1, size + 1, dtype=jnp.float64))


def eigenvector_condition(a):
    """κ₂(V) of the eigenvector matrix returned by jnp.linalg.eig (columns of unit norm)."""
    _, v = jnp.linalg.eig(a)
    s = jnp.linalg.svd(v, compute_uv=False)
    return s[0] / s[-1]


def complex_perturbation(key, size, eps):
    """A complex Gaussian matrix scaled to spectral norm exactly eps."""
    re, im = jax.random.normal(key, (2, size, size))
    e = re + 1j * im
    return eps * e / jnp.linalg.norm(e, 2)


def diagonalize(a, b, c):
    """(Λ, V⁻¹B, CV) from the eigendecomposition A = VΛV⁻¹: the diagonal system of (A, B, C)."""
    lam, v = jnp.linalg.eig(a)
    return lam, jnp.linalg.solve(v, b.astype(v.dtype)), c.astype(v.dtype) @ v


def diagonal_transfer(lam, b, c, omegas):
    """G(iω) = Σ_n c_n b_n / (iω − λ_n) at each frequency."""
    return jnp.sum((c * b)[None, :] / (1j * omegas[:, None] - lam[None, :]), axis=1)


def dense_transfer(a, b, c, omegas):
    """G(iω) = C (iωI − A)⁻¹ B at each frequency (one linear solve per frequency)."""
    eye = jnp.eye(a.shape[0])

    def at(omega):
        return c @ jnp.linalg.solve(1j * omega * eye - a, b.astype(jnp.complex128))

    return jax.vmap(at)(omegas)


def symmetric_log_frequencies(lo_exp, hi_exp, count):
    """±logspace(lo_exp, hi_exp, count): a frequency grid covering both half-axes."""
    pos = jnp.logspace(lo_exp, hi_exp, count)
    return jnp.concatenate([-pos[::-1], pos])
