"""The reference workloads, each written four ways with the same math.

  runner      theorytest's runner: the experiment for one key, jit + vmap over seeds,
              tt.trajectory (lax.scan over checkpoint gaps, fori_loop inside)
  numpy       a plain numpy loop over steps, batched over seeds (the strongest baseline)
  per_seed    numpy looping over seeds one at a time (what paper code usually does)
  optax       an un-jitted Python loop over optax updates on jnp arrays, one seed at a time

Problem instances are drawn once in JAX from the runner's seed keys and handed to the
numpy and optax loops as arrays, so the deterministic workloads can be compared number
for number. Stochastic workloads draw their noise from each library's own generator
(numpy's PCG64, JAX's threefry/philox/rbg), so they agree only in distribution.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import jax
import jax.numpy as jnp
import numpy as np
import optax

import theorytest as tt
from problems.convex import logistic, quadratics
from problems.distributed import graphs
from problems.methods import decentralized
from problems.recovery import matrix_sensing


@dataclasses.dataclass
class Workload:
    name: str
    description: str
    sizes: dict
    seeds: int
    steps: int
    checkpoints: tuple[int, ...]
    experiment: Callable  # (key, checkpoints) -> (n_checkpoints,) metric, one seed
    instances: Callable  # keys -> dict of numpy arrays with a leading seeds axis
    numpy_batched: Callable  # (inst, steps, checkpoints, rng) -> (seeds, n_ckpt)
    numpy_one: Callable  # (inst for one seed, steps, checkpoints, rng) -> (n_ckpt,)
    optax_one: Callable  # (inst for one seed as jnp, steps) -> final iterate
    flops_per_step: float  # per seed, counted by hand (random number generation not counted)
    stochastic: bool = False
    prngs: tuple[str, ...] = ("philox",)  # the runner's default; instances use the same keys


def _ckpt_loop(steps, checkpoints, state, step, observe):
    """Plain Python loop: state = step(t, state) for t < steps, observe at the checkpoints."""
    want = {c: i for i, c in enumerate(checkpoints) if c <= steps}
    out = [None] * len(want)
    for t in range(steps):
        state = step(t, state)
        if t + 1 in want:
            out[want[t + 1]] = observe(state)
    return state, out


def _stack(out):
    return np.stack(out, axis=-1) if out else np.zeros(0)


# --- gradient descent on a d = 100 quadratic -------------------------------------------------


def gd_quadratic(quick: bool) -> Workload:
    d, seeds, steps = (20, 8, 500) if quick else (100, 64, 10_000)
    kappa = 100.0
    checkpoints = tt.log_checkpoints(1, steps, 20)

    def problem(key):
        return quadratics.make(key, d, kappa=kappa, spectrum="uniform")

    def experiment(key, checkpoints):
        p = problem(key)
        opt = optax.sgd(1.0 / p.L)

        def step(t, s):
            x, st = s
            u, st = opt.update(quadratics.grad(p, x), st, x)
            return optax.apply_updates(x, u), st

        x0 = jnp.zeros(d)
        return tt.trajectory(
            step, (x0, opt.init(x0)), checkpoints, lambda s: quadratics.value(p, s[0]) - p.f_star
        )

    def instances(keys):
        p = jax.vmap(problem)(keys)
        return {
            "A": np.asarray(p.A),
            "b": np.asarray(p.b),
            "x_star": np.asarray(p.x_star),
            "lr": 1.0 / np.asarray(p.L),
        }

    def gap(A, x, x_star):
        e = x - x_star
        return 0.5 * np.einsum("...i,...ij,...j->...", e, A, e)

    def numpy_batched(inst, steps, checkpoints, rng):
        A, b, lr = inst["A"], inst["b"], inst["lr"][:, None]
        x = np.zeros(b.shape)

        def step(t, x):
            return x - lr * (np.einsum("sij,sj->si", A, x) - b)

        return _stack(_ckpt_loop(steps, checkpoints, x, step, lambda x: gap(A, x, inst["x_star"]))[1])

    def numpy_one(inst, steps, checkpoints, rng):
        A, b, lr = inst["A"], inst["b"], inst["lr"]

        def step(t, x):
            return x - lr * (A @ x - b)

        return _stack(
            _ckpt_loop(steps, checkpoints, np.zeros(b.shape), step, lambda x: gap(A, x, inst["x_star"]))[1]
        )

    def optax_one(inst, steps):
        A, b = inst["A"], inst["b"]
        opt = optax.sgd(inst["lr"])
        x = jnp.zeros(b.shape)
        st = opt.init(x)
        for _ in range(steps):
            u, st = opt.update(A @ x - b, st, x)
            x = optax.apply_updates(x, u)
        return x

    return Workload(
        "gd_quadratic",
        f"gradient descent, step 1/L, rotated quadratic d = {d}, "
        f"kappa = {kappa:g}, f - f* at {len(checkpoints)} checkpoints",
        {"d": d},
        seeds,
        steps,
        checkpoints,
        experiment,
        instances,
        numpy_batched,
        numpy_one,
        optax_one,
        flops_per_step=2 * d * d + 3 * d,
    )


# --- decentralized SGD, 16 workers on a ring, logistic loss ---------------------------------


def dsgd_logistic(quick: bool) -> Workload:
    m, n, d, b = (8, 50, 5, 4) if quick else (16, 200, 10, 4)
    seeds, steps = (4, 200) if quick else (32, 2_000)
    lr = 0.2
    checkpoints = tt.log_checkpoints(1, steps, 12)
    W = np.asarray(graphs.make("ring", m).W)

    def problem(key):
        p = logistic.make(key, m * n, d)
        return p.X.reshape(m, n, d), p.y.reshape(m, n)

    def experiment(key, checkpoints):
        X, y = problem(key)
        Wj = jnp.asarray(W)
        k_idx = jax.random.fold_in(key, 1)

        def grads(P, t):
            idx = jax.random.randint(jax.random.fold_in(k_idx, t), (m, b), 0, n)
            xb = jnp.take_along_axis(X, idx[:, :, None], axis=1)  # (m, b, d)
            yb = jnp.take_along_axis(y, idx, axis=1)  # (m, b)
            s = jax.nn.sigmoid(-yb * jnp.einsum("mbd,md->mb", xb, P))
            return -jnp.einsum("mbd,mb->md", xb, yb * s) / b

        def step(t, P):
            return decentralized.gossip_sgd_step(Wj, P, grads(P, t), lr)

        def observe(P):
            w = P.mean(0)
            return jnp.mean(jnp.logaddexp(0.0, -y * jnp.einsum("mnd,d->mn", X, w)))

        return tt.trajectory(step, jnp.zeros((m, d)), checkpoints, observe)

    def instances(keys):
        X, y = jax.vmap(problem)(keys)
        return {"X": np.asarray(X), "y": np.asarray(y)}

    def loss(X, y, P):
        w = P.mean(-2)
        return np.mean(np.logaddexp(0.0, -y * np.einsum("...mnd,...d->...mn", X, w)), axis=(-1, -2))

    def numpy_batched(inst, steps, checkpoints, rng):
        X, y = inst["X"], inst["y"]
        S = X.shape[0]

        def step(t, P):
            idx = rng.integers(0, n, (S, m, b))
            xb = np.take_along_axis(X, idx[..., None], axis=2)  # (S, m, b, d)
            yb = np.take_along_axis(y, idx, axis=2)
            s = 1.0 / (1.0 + np.exp(yb * np.einsum("smbd,smd->smb", xb, P)))
            G = -np.einsum("smbd,smb->smd", xb, yb * s) / b
            return W @ P - lr * G

        return _stack(_ckpt_loop(steps, checkpoints, np.zeros((S, m, d)), step, lambda P: loss(X, y, P))[1])

    def numpy_one(inst, steps, checkpoints, rng):
        X, y = inst["X"], inst["y"]
        rows = np.arange(m)[:, None]

        def step(t, P):
            idx = rng.integers(0, n, (m, b))
            xb, yb = X[rows, idx], y[rows, idx]
            s = 1.0 / (1.0 + np.exp(yb * np.einsum("mbd,md->mb", xb, P)))
            G = -np.einsum("mbd,mb->md", xb, yb * s) / b
            return W @ P - lr * G

        return _stack(_ckpt_loop(steps, checkpoints, np.zeros((m, d)), step, lambda P: loss(X, y, P))[1])

    def optax_one(inst, steps):
        X, y, Wj = inst["X"], inst["y"], jnp.asarray(W)
        opt = optax.sgd(lr)
        P = jnp.zeros((m, d))
        st = opt.init(P)
        key = jax.random.key(0)
        rows = jnp.arange(m)[:, None]
        for t in range(steps):
            idx = jax.random.randint(jax.random.fold_in(key, t), (m, b), 0, n)
            xb, yb = X[rows, idx], y[rows, idx]
            s = jax.nn.sigmoid(-yb * jnp.einsum("mbd,md->mb", xb, P))
            G = -jnp.einsum("mbd,mb->md", xb, yb * s) / b
            u, st = opt.update(G, st, P)
            P = optax.apply_updates(Wj @ P, u)  # gossip, then the local SGD step
        return P

    flops = 2 * m * m * d + 4 * m * b * d + 6 * m * b + 2 * m * d
    return Workload(
        "dsgd_logistic",
        f"decentralized SGD, m = {m} workers on a ring (Metropolis "
        f"weights), logistic loss, n = {n} per worker, d = {d}, batch {b}, lr {lr}",
        {"m": m, "n": n, "d": d, "batch": b},
        seeds,
        steps,
        checkpoints,
        experiment,
        instances,
        numpy_batched,
        numpy_one,
        optax_one,
        flops_per_step=flops,
        stochastic=True,
    )


# --- over-parameterized matrix sensing -------------------------------------------------------


def matrix_sensing_gd(quick: bool) -> Workload:
    n, r, k, meas = (10, 2, 10, 80) if quick else (30, 3, 30, 300)
    seeds, steps = (2, 200) if quick else (4, 5_000)
    lr = 0.1
    checkpoints = tt.log_checkpoints(1, steps, 15)

    def problem(key):
        k_p, k_i = jax.random.split(key)
        p = matrix_sensing.make(k_p, n, n, r, meas)
        U0, V0 = matrix_sensing.init(k_i, p, k, scale=1e-3)
        return p, U0, V0

    def experiment(key, checkpoints):
        p, U0, V0 = problem(key)
        opt = optax.sgd(lr)

        def step(t, s):
            (U, V), st = s
            u, st = opt.update(matrix_sensing.grads(p, U, V), st, (U, V))
            return optax.apply_updates((U, V), u), st

        return tt.trajectory(
            step,
            ((U0, V0), opt.init((U0, V0))),
            checkpoints,
            lambda s: matrix_sensing.recovery_error(p, *s[0]),
        )

    def instances(keys):
        p, U0, V0 = jax.vmap(problem)(keys)
        return {
            "A": np.asarray(p.A).reshape(len(keys), meas, n * n),
            "y": np.asarray(p.y),
            "M": np.asarray(p.M_star),
            "U0": np.asarray(U0),
            "V0": np.asarray(V0),
        }

    def err(M, U, V):
        R = U @ np.swapaxes(V, -1, -2)
        return np.linalg.norm(R - M, axis=(-2, -1)) / np.linalg.norm(M, axis=(-2, -1))

    def numpy_batched(inst, steps, checkpoints, rng):
        A, y, M = inst["A"], inst["y"], inst["M"]
        S = A.shape[0]

        def step(t, s):
            U, V = s
            res = np.einsum("smk,sk->sm", A, (U @ V.transpose(0, 2, 1)).reshape(S, -1)) - y
            G = np.einsum("sm,smk->sk", res, A).reshape(S, n, n) / meas
            return U - lr * (G @ V), V - lr * (G.transpose(0, 2, 1) @ U)

        return _stack(_ckpt_loop(steps, checkpoints, (inst["U0"], inst["V0"]), step, lambda s: err(M, *s))[1])

    def numpy_one(inst, steps, checkpoints, rng):
        A, y, M = inst["A"], inst["y"], inst["M"]

        def step(t, s):
            U, V = s
            res = A @ (U @ V.T).ravel() - y
            G = (res @ A).reshape(n, n) / meas
            return U - lr * (G @ V), V - lr * (G.T @ U)

        return _stack(_ckpt_loop(steps, checkpoints, (inst["U0"], inst["V0"]), step, lambda s: err(M, *s))[1])

    def optax_one(inst, steps):
        A, y = inst["A"], inst["y"]
        opt = optax.sgd(lr)
        params = (inst["U0"], inst["V0"])
        st = opt.init(params)
        for _ in range(steps):
            U, V = params
            res = A @ (U @ V.T).ravel() - y
            G = (res @ A).reshape(n, n) / meas
            u, st = opt.update((G @ V, G.T @ U), st, params)
            params = optax.apply_updates(params, u)
        return params

    flops = 4 * meas * n * n + 6 * n * n * k + meas + 4 * n * k
    return Workload(
        "matrix_sensing",
        f"over-parameterized asymmetric matrix sensing {n} x {n}, "
        f"rank {r}, factor rank k = {k}, m = {meas} Gaussian measurements, GD lr {lr}, "
        "init scale 1e-3, relative recovery error",
        {"n": n, "rank": r, "k": k, "measurements": meas},
        seeds,
        steps,
        checkpoints,
        experiment,
        instances,
        numpy_batched,
        numpy_one,
        optax_one,
        flops_per_step=flops,
    )


# --- small: d = 10 quadratic with Gaussian gradient noise, 256 seeds --------------------------


def small_noisy(quick: bool) -> Workload:
    d, kappa = 10, 4.0
    seeds, steps = (32, 500) if quick else (256, 10_000)
    checkpoints = tt.log_checkpoints(10, steps, 20)

    def problem(key):
        return quadratics.make(jax.random.split(key)[0], d, kappa=kappa, spectrum="uniform")

    def experiment(key, checkpoints):
        p = problem(key)
        k_noise = jax.random.split(key)[1]
        opt = optax.sgd(lambda count: 1.0 / (p.mu * (count + 1)))

        def step(t, s):
            x, st = s
            g = quadratics.grad(p, x) + jax.random.normal(jax.random.fold_in(k_noise, t), (d,))
            u, st = opt.update(g, st, x)
            return optax.apply_updates(x, u), st

        x0 = jnp.zeros(d)
        return tt.trajectory(
            step, (x0, opt.init(x0)), checkpoints, lambda s: quadratics.value(p, s[0]) - p.f_star
        )

    def instances(keys):
        p = jax.vmap(problem)(keys)
        return {
            "A": np.asarray(p.A),
            "b": np.asarray(p.b),
            "x_star": np.asarray(p.x_star),
            "mu": np.asarray(p.mu),
        }

    def gap(A, x, x_star):
        e = x - x_star
        return 0.5 * np.einsum("...i,...ij,...j->...", e, A, e)

    def numpy_batched(inst, steps, checkpoints, rng):
        A, b, mu = inst["A"], inst["b"], inst["mu"][:, None]

        def step(t, x):
            g = np.einsum("sij,sj->si", A, x) - b + rng.standard_normal(b.shape)
            return x - g / (mu * (t + 1))

        return _stack(
            _ckpt_loop(steps, checkpoints, np.zeros(b.shape), step, lambda x: gap(A, x, inst["x_star"]))[1]
        )

    def numpy_one(inst, steps, checkpoints, rng):
        A, b, mu = inst["A"], inst["b"], inst["mu"]

        def step(t, x):
            return x - (A @ x - b + rng.standard_normal(d)) / (mu * (t + 1))

        return _stack(
            _ckpt_loop(steps, checkpoints, np.zeros(d), step, lambda x: gap(A, x, inst["x_star"]))[1]
        )

    def optax_one(inst, steps):
        A, b, mu = inst["A"], inst["b"], float(inst["mu"])
        opt = optax.sgd(lambda count: 1.0 / (mu * (count + 1)))
        x = jnp.zeros(d)
        st = opt.init(x)
        key = jax.random.key(0)
        for t in range(steps):
            g = A @ x - b + jax.random.normal(jax.random.fold_in(key, t), (d,))
            u, st = opt.update(g, st, x)
            x = optax.apply_updates(x, u)
        return x

    return Workload(
        "small_noisy",
        f"SGD, step 1/(mu t), quadratic d = {d}, kappa = {kappa:g}, "
        "N(0, I) gradient noise (PRNG implementations compared)",
        {"d": d},
        seeds,
        steps,
        checkpoints,
        experiment,
        instances,
        numpy_batched,
        numpy_one,
        optax_one,
        flops_per_step=2 * d * d + 4 * d,
        stochastic=True,
        prngs=("philox", "threefry", "rbg"),
    )


WORKLOADS = {
    "gd_quadratic": gd_quadratic,
    "dsgd_logistic": dsgd_logistic,
    "matrix_sensing": matrix_sensing_gd,
    "small_noisy": small_noisy,
}
