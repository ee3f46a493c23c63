"""A statevector quantum neural network: hardware-efficient ansatz, Pauli-Z readout, square loss.

Testbed for "Analyzing Convergence in Quantum Neural Networks: Deviations from Neural Tangent
Kernels" (You, Chakrabarti, Chen, Wu, arXiv:2303.14844). The circuit acts on |0…0⟩ with
`depth` layers, each RY·RZ on every qubit followed by a chain of CZ gates; the prediction is
ŷ(θ) = ⟨ψ(θ)|Z₁|ψ(θ)⟩ (Pauli Z on the first qubit, eigenvalues ±1) and the loss
ℓ(θ) = ½(ŷ(θ) − y)². The tangent-kernel (linearized) model at θ₀ has the closed-form loss
ℓ_K(t) = ℓ(θ₀)(1 − ηK₀)^{2t} under gradient descent with step η, K₀ = ‖∇ŷ(θ₀)‖².
"""

import jax
import jax.numpy as jnp

_I2 = jnp.eye(2, dtype=jnp.complex128)
_Y = jnp.array([[0.0, -1.0j], [1.0j, 0.0]], dtype=jnp.complex128)
_Z = jnp.array([[1.0, 0.0], [0.0, -1.0]], dtype=jnp.complex128)


def _rotation(pauli, angle):
    """exp(−i·angle·P/2) for a Pauli matrix P."""
    return jnp.cos(angle / 2.0) * _I2 - 1.0j * jnp.sin(angle / 2.0) * pauli


def _kron_all(mats):
    out = mats[0]
    for m in mats[1:]:
        out = jnp.kron(out, m)
    return out


def cz_chain_diagonal(qubits):
    """Diagonal of CZ(0,1)·CZ(1,2)⋯: the sign (−1)^(number of adjacent |11⟩ pairs)."""
    index = jnp.arange(2**qubits)
    bits = (index[:, None] >> (qubits - 1 - jnp.arange(qubits))[None, :]) & 1
    pairs = jnp.sum(bits[:, :-1] * bits[:, 1:], axis=1)
    return jnp.where(pairs % 2 == 0, 1.0, -1.0).astype(jnp.complex128)


def init_params(key, qubits, depth):
    """Angles uniform on [0, 2π), shape (depth, qubits, 2) (RY angle, RZ angle)."""
    return jax.random.uniform(key, (depth, qubits, 2), minval=0.0, maxval=2.0 * jnp.pi)


def state(params):
    """|ψ(θ)⟩: layers of RY·RZ on every qubit, then the CZ chain, applied to |0…0⟩."""
    depth, qubits, _ = params.shape
    entangler = cz_chain_diagonal(qubits)
    psi0 = jnp.zeros(2**qubits, dtype=jnp.complex128).at[0].set(1.0)

    def layer(psi, angles):
        gates = [_rotation(_Y, angles[q, 0]) @ _rotation(_Z, angles[q, 1]) for q in range(qubits)]
        return entangler * (_kron_all(gates) @ psi), None

    psi, _ = jax.lax.scan(layer, psi0, params)
    return psi


def prediction(params):
    """ŷ(θ) = ⟨ψ(θ)|Z ⊗ I ⊗ ⋯|ψ(θ)⟩ ∈ [−1, 1]."""
    psi = state(params)
    qubits = params.shape[1]
    signs = jnp.where(jnp.arange(2**qubits) < 2 ** (qubits - 1), 1.0, -1.0)
    return jnp.sum(signs * jnp.abs(psi) ** 2)


def loss(params, target):
    """½(ŷ(θ) − y)²."""
    return 0.5 * (prediction(params) - target) ** 2


def tangent_kernel(params):
    """K(θ) = ‖∇ŷ(θ)‖²: the (one-sample) quantum tangent kernel."""
    g = jax.grad(prediction)(params)
    return jnp.sum(g**2)


def kernel_regression_loss_log(initial_loss, kernel, step, t):
    """log ℓ_K(t) = log ℓ₀ + 2t·log|1 − ηK|: gradient descent on the linearized model."""
    return jnp.log(initial_loss) + 2.0 * t * jnp.log(jnp.abs(1.0 - step * kernel))
