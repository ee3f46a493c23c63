"""Wide random networks and their infinite-width limits (kernels, Gaussian processes).

Two-layer network (NTK or mean-field scale):
    f(x) = scale * sum_k a_k phi(w_k^T x),  a_k ~ N(0, 1), w_k ~ N(0, I_d),
scale = m^{-1/2} (NTK parameterization, Jacot, Gabriel, Hongler 2018, arXiv:1806.07572) or
m^{-1} (mean-field). Its empirical neural tangent kernel (both layers trained) is
    Theta(x, x') = scale^2 sum_k [phi(z_k) phi(z'_k) + a_k^2 phi'(z_k) phi'(z'_k) x^T x'],
z_k = w_k^T x, and m * scale^2 -> 1 in the NTK scale gives the deterministic limit
    Theta_inf(x, x') = E[phi(u) phi(v)] + E[phi'(u) phi'(v)] x^T x',
(u, v) ~ N(0, [[|x|^2, x^T x'], [x^T x', |x'|^2]]), in closed form for
  relu: E[relu(u)relu(v)] = |x||x'| (sin t + (pi - t) cos t) / (2 pi),
        E[1{u>0}1{v>0}] = (pi - t) / (2 pi),  t = angle(x, x')  (Cho & Saul 2009);
  erf:  E[erf(u)erf(v)] = (2/pi) arcsin(2 x^T x' / sqrt((1 + 2|x|^2)(1 + 2|x'|^2))),
        E[erf'(u)erf'(v)] = (4/pi) / sqrt((1 + 2|x|^2)(1 + 2|x'|^2) - 4 (x^T x')^2)
  (Williams 1997, "Computing with infinite networks").

Moment maps (`gauss_expect`, Gauss-Hermite quadrature) for the SELU fixed point (Klambauer et
al. 2017, arXiv:1706.02515) and the GP kernel recursion of a tanh RNN with weights shared
over time (Yang 2019, "Scaling limits of wide neural networks with weight sharing",
arXiv:1902.04760).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from problems import _checks

ACTIVATIONS = ("relu", "erf", "tanh")
SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717


def activation(name: str):
    """(phi, phi') for a named activation."""
    _checks.one_of("name", name, ACTIVATIONS)
    if name == "relu":
        return jax.nn.relu, lambda z: (z > 0).astype(z.dtype)
    if name == "erf":
        return jax.scipy.special.erf, lambda z: 2.0 / jnp.sqrt(jnp.pi) * jnp.exp(-z * z)
    return jnp.tanh, lambda z: 1.0 - jnp.tanh(z) ** 2


def selu(z, lam=SELU_LAMBDA, alpha=SELU_ALPHA):
    """SELU: lam * z for z > 0, lam * alpha (e^z - 1) otherwise."""
    return lam * jnp.where(z > 0, z, alpha * jnp.expm1(jnp.minimum(z, 0.0)))


# ---------------------------------------------------------------- two-layer networks


class TwoLayer(NamedTuple):
    """Parameters of f(x) = scale * sum_k a_k phi(w_k^T x)."""

    W: jax.Array  # (m, d)
    a: jax.Array  # (m,)


def sphere_data(key: jax.Array, n: int, d: int) -> jax.Array:
    """n points uniform on the unit sphere S^{d-1}, shape (n, d)."""
    n, d = _checks.positive_int("n", n), _checks.positive_int("d", d)
    x = jax.random.normal(key, (n, d))
    return x / jnp.linalg.norm(x, axis=1, keepdims=True)


def init_two_layer(key: jax.Array, width: int, dim: int) -> TwoLayer:
    """Standard normal a_k and w_k (the scale is applied in `apply`)."""
    width, dim = _checks.positive_int("width", width), _checks.positive_int("dim", dim)
    k_w, k_a = jax.random.split(key)
    return TwoLayer(jax.random.normal(k_w, (width, dim)), jax.random.normal(k_a, (width,)))


def apply(params: TwoLayer, X, act: str, scale) -> jax.Array:
    """Network outputs on inputs X (n, d)."""
    phi, _ = activation(act)
    return scale * phi(X @ params.W.T) @ params.a


def empirical_ntk(params: TwoLayer, X, act: str, scale) -> jax.Array:
    """Theta_hat (n, n) = J J^T over both layers, in closed form."""
    phi, dphi = activation(act)
    Z = X @ params.W.T  # (n, m)
    F, D = phi(Z), dphi(Z) * params.a
    return scale**2 * (F @ F.T + (D @ D.T) * (X @ X.T))


def limit_ntk(X, act: str) -> jax.Array:
    """Theta_inf (n, n) for w ~ N(0, I), a ~ N(0, 1) in the NTK scale (relu or erf)."""
    _checks.one_of("act", act, ("relu", "erf"))
    G = X @ X.T
    nrm = jnp.sqrt(jnp.diag(G))
    if act == "relu":
        cos = jnp.clip(G / jnp.outer(nrm, nrm), -1.0, 1.0)
        t = jnp.arccos(cos)
        e_ff = jnp.outer(nrm, nrm) * (jnp.sin(t) + (jnp.pi - t) * cos) / (2 * jnp.pi)
        e_dd = (jnp.pi - t) / (2 * jnp.pi)
    else:
        s = 1.0 + 2.0 * jnp.diag(G)
        e_ff = 2.0 / jnp.pi * jnp.arcsin(jnp.clip(2.0 * G / jnp.sqrt(jnp.outer(s, s)), -1.0, 1.0))
        e_dd = 4.0 / jnp.pi / jnp.sqrt(jnp.outer(s, s) - 4.0 * G**2)
    return e_ff + e_dd * G


def mean_loss(params: TwoLayer, X, y, act: str, scale) -> jax.Array:
    """(1/(2n)) sum_i (f(x_i) - y_i)^2."""
    r = apply(params, X, act, scale) - y
    return 0.5 * jnp.mean(r**2)


def linear_residuals(kernel, r0, lr, n: int, steps) -> jax.Array:
    """Residuals (I - lr K / n)^t r0 of kernel gradient descent, one row per t in `steps`."""
    lam, V = jnp.linalg.eigh(kernel)
    c = V.T @ r0
    t = jnp.asarray(steps, dtype=float)[:, None]
    return (c * (1.0 - lr * lam / n) ** t) @ V.T


# ---------------------------------------------------------------- Gaussian moment maps


def hermite(n_nodes: int):
    """Nodes and weights for E[g(Z)], Z ~ N(0, 1): E ~ sum_i w_i g(z_i)."""
    n_nodes = _checks.positive_int("n_nodes", n_nodes)
    z, w = np.polynomial.hermite_e.hermegauss(n_nodes)
    return jnp.asarray(z), jnp.asarray(w / np.sqrt(2 * np.pi))


def gauss_expect(g, mean, var, n_nodes: int = 200):
    """E[g(Z)], Z ~ N(mean, var), by Gauss-Hermite quadrature."""
    z, w = hermite(n_nodes)
    return jnp.sum(w * g(mean + jnp.sqrt(var) * z))


def moment_map(f, mu, nu, omega=0.0, tau=1.0, n_nodes: int = 200):
    """(mu, nu) -> (mean, variance) of f(z), z ~ N(mu omega, nu tau): the mean/variance map of
    one layer whose incoming weights have sum omega and squared sum tau (Klambauer et al., Sec. 3)."""
    m1 = gauss_expect(f, mu * omega, nu * tau, n_nodes)
    m2 = gauss_expect(lambda z: f(z) ** 2, mu * omega, nu * tau, n_nodes)
    return jnp.stack([m1, m2 - m1**2])


def random_mlp_moments(key: jax.Array, x0, depth: int, f, layers):
    """Mean and variance (over units and inputs) of the activations of a random MLP.

    x0: (S, n) inputs; layer l: x <- f(x W_l^T), W_l ~ N(0, 1/n) (n x n), fresh per layer.
    Returns (len(layers), 2): (mean, variance) after each layer count in `layers` (ascending).
    """
    depth = _checks.positive_int("depth", depth)
    n = x0.shape[1]
    layers = tuple(int(v) for v in layers)

    def body(x, layer):
        W = jax.random.normal(jax.random.fold_in(key, layer), (n, n)) / jnp.sqrt(n)
        x = f(x @ W.T)
        return x, jnp.stack([jnp.mean(x), jnp.var(x)])

    _, mom = jax.lax.scan(body, x0, jnp.arange(depth))
    return mom[jnp.asarray(layers) - 1]


def selu_moment_map(mu, nu, omega=0.0, tau=1.0, lam=SELU_LAMBDA, alpha=SELU_ALPHA, n_nodes: int = 200):
    """(mu, nu) -> (mean, variance) of selu(z), z ~ N(mu omega, nu tau) (Klambauer et al., Eq. 3-4)."""
    return moment_map(lambda z: selu(z, lam, alpha), mu, nu, omega, tau, n_nodes)


def gauss_expect_2d(g, cov, n_nodes: int = 60):
    """E[g(U, V)], (U, V) ~ N(0, cov) with cov (2, 2), by tensor Gauss-Hermite quadrature."""
    z, w = hermite(n_nodes)
    a = jnp.sqrt(jnp.maximum(cov[0, 0], 0.0))
    rho = jnp.where(a > 0, cov[0, 1] / jnp.where(a > 0, a, 1.0), 0.0)
    b = jnp.sqrt(jnp.maximum(cov[1, 1] - rho**2, 0.0))
    U = a * z[:, None]
    V = rho * z[:, None] + b * z[None, :]
    return jnp.sum(w[:, None] * w[None, :] * g(U, V))


def rnn_gp_kernel(inputs, sigma_w2, sigma_u2, phi=jnp.tanh, n_nodes: int = 60):
    """GP limit of the pre-activation kernel of a tanh RNN with W shared over time.

    g_t = W h_{t-1} + U x_t, h_t = phi(g_t), h_0 = 0, W ~ N(0, sigma_w2/n), U ~ N(0, sigma_u2/d_in).
    inputs: (S, T, d_in), S sequences. Returns (Sigma_T, C_T): the limit of g_T^T g_T / n and of
    phi(g_T)^T phi(g_T) / n, each (S, S). Recursion: Sigma_t = sigma_w2 E[phi(u) phi(v)]_{Sigma_{t-1}}
    + sigma_u2 <x_t, x'_t>/d_in (Yang 2019, the NETSOR program of an RNN).
    """
    inputs = jnp.asarray(inputs, dtype=float)
    S, T, d_in = inputs.shape

    def expect_pp(K):
        def one(i, j):
            cov = jnp.array([[K[i, i], K[i, j]], [K[i, j], K[j, j]]])
            return gauss_expect_2d(lambda u, v: phi(u) * phi(v), cov, n_nodes)

        idx = jnp.arange(S)
        return jax.vmap(lambda i: jax.vmap(lambda j: one(i, j))(idx))(idx)

    K = jnp.zeros((S, S))
    C = jnp.zeros((S, S))
    for t in range(T):
        xt = inputs[:, t, :]
        C = expect_pp(K) if t > 0 else jnp.zeros((S, S))
        K = sigma_w2 * C + sigma_u2 * (xt @ xt.T) / d_in
    return K, expect_pp(K)


def rnn_features(key: jax.Array, inputs, width: int, sigma_w2, sigma_u2, phi=jnp.tanh, weights="gaussian"):
    """Finite-width (g_T, phi(g_T)) of the RNN above, each (S, width); W shared over time.

    weights: "gaussian" (W_ij ~ N(0, sigma_w2/n)) or "cauchy" (W_ij = Cauchy * sqrt(sigma_w2)/n,
    the 1-stable scaling: heavy-tailed, outside the Gaussian-limit assumptions).
    """
    width = _checks.positive_int("width", width)
    _checks.one_of("weights", weights, ("gaussian", "cauchy"))
    inputs = jnp.asarray(inputs, dtype=float)
    S, T, d_in = inputs.shape
    k_w, k_u = jax.random.split(key)
    if weights == "gaussian":
        W = jnp.sqrt(sigma_w2 / width) * jax.random.normal(k_w, (width, width))
    else:
        W = jnp.sqrt(sigma_w2) / width * jax.random.cauchy(k_w, (width, width))
    U = jnp.sqrt(sigma_u2 / d_in) * jax.random.normal(k_u, (width, d_in))
    h = jnp.zeros((S, width))
    g = h
    for t in range(T):
        g = h @ W.T + inputs[:, t, :] @ U.T
        h = phi(g)
    return g, h
