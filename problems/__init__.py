"""problems: JAX synthetic testbeds with ground truth, and the methods optax lacks.

Problem families (instances are NamedTuples of arrays; module-level pure functions act on
them, e.g. `quadratics.grad(p, x)`; constructors take a PRNG key and static sizes, validate
parameters with ValueErrors naming the parameter, and are jit/vmap-able over keys unless
their docstring says otherwise):
  quadratics      prescribed-spectrum quadratics (uniform, log-uniform, two-clusters, explicit)
  least_squares   least squares / ridge with planted model, exact minimizer, population risk
  logistic        Gaussian logistic model (well-specified or separable), exact population
                  risk by Gauss-Hermite quadrature, empirical minimizer by Newton
  noise           Gaussian / bounded / heavy-tailed (alpha-stable, Student-t, Pareto) noise,
                  additive gradient oracles, Hill tail-index estimator
  sampling        i.i.d. and mini-batch indices; lazy random walk on a cycle with known mixing
  graphs          ring, torus, complete, star, exponential, Erdos-Renyi, random matchings;
                  Metropolis-Hastings / lazy gossip matrices with spectral gaps
  games           bilinear games, strongly monotone / cocoercive affine operators, matrix
                  games solved by LP, duality gap
  matrix_sensing  Gaussian low-rank matrix sensing (symmetric / asymmetric, small or balanced
                  init) and matrix least squares for Muon-type updates
Methods (problems.methods):
  methods.minmax          GDA, alternating GDA, extragradient, optimistic GD, Halpern,
                          variance-reduced Halpern, Hedge, mirror-prox, PDHG
  methods.decentralized   gossip SGD (CTA / ATC), decentralized SGDA, consensus distance
  methods.orthogonalize   Newton-Schulz (cubic, Muon quintic), exact polar factor, optax
                          GradientTransformation
  methods.compression     top-k, rand-k, EF14, EF21, EControl steps
Other modules in this folder (federated, nonsmooth, preference, nlhf, ...) are written by
other contributors; import them directly (`from problems import federated`).
"""

from problems import (
    games,
    graphs,
    least_squares,
    logistic,
    matrix_sensing,
    methods,
    noise,
    quadratics,
    sampling,
)

__all__ = [
    "games",
    "graphs",
    "least_squares",
    "logistic",
    "matrix_sensing",
    "methods",
    "noise",
    "quadratics",
    "sampling",
]
