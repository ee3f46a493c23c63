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
More families (import them directly, e.g. `from problems import federated`):
  identity_sensing  population (identity-sensing) limit of low-rank matrix sensing
  phase_retrieval   sparse phase retrieval, spectral init, Newton-HT and IHT steps
  worst_case        Nesterov's chain quadratic, plane rotations (hard instances)
  pep               worst cases by performance estimation (PEPit; not jit-able)
  nonsmooth         l1 (+ ridge) Lipschitz convex testbeds
  linear_oco        linear online convex optimization on a box (Reddi et al. instance), regret
  online            optimistic online mirror descent on a ball
  linear_stability  mean-square stability map of SGD and its exact critical step
  dpp               projection DPPs and weighted least squares in polynomial spaces
  private           per-sample clipping, DiceSGD direction, clipping-bias testbed
  robust_matrix     smooth nonconvex matrix objective for Muon-type methods
  pairwise          pointwise + pairwise (PPL) least squares, neighbouring data sets, RRM
  federated         heterogeneous quadratic clients, partial participation, aggregation rules
  preference        BTL / Plackett-Luce preference data and MLEs
  nlhf              preference games for Nash learning from human feedback, exact equilibria
  self_consistency  reasoning-path distributions, exact self-/perplexity-consistency errors
  small_gain        two-player quadratic games and the block small-gain certificate
  power_control     iterative water-filling power-control games
  bilinear_momentum complex momentum on bilinear games, exact iteration map
  diffusion         Gaussian targets with exact scores, PF-ODE/DDIM/PLMS samplers, exact laws
  wide_networks     wide random networks and their infinite-width kernels / GPs
  masked_diffusion  masked diffusion sampling of binary Markov-chain text, exact KL per partition
  bilinear_pdhg     PDHG / Arrow-Hurwicz / Chambolle-Pock on bilinear games, exact iteration map
  tabular_mdp       finite discounted MDPs, exact Q*, Bellman and sampled Bellman operators
  finite_sum_games  finite-sum convex-concave games, exact saddle point, neighbouring data sets
  nonconvex_clients heterogeneous non-convex (Cauchy-loss) federated clients
  availability      Markov-correlated client availability (two-state chains per client)
  gradient_mixture  biased low-variance + unbiased high-variance gradient estimators, optimal mix
  ou_process        Ornstein-Uhlenbeck policy evaluation: exact V, TD / martingale-loss minimizers
  kuhn_poker        Kuhn poker: exact exploitability, sampled trajectory feedback, local updates
Methods (problems.methods):
  methods.minmax          GDA, alternating GDA, extragradient, optimistic GD, Halpern,
                          variance-reduced Halpern, Hedge, mirror-prox, PDHG
  methods.decentralized   gossip SGD (CTA / ATC), decentralized SGDA, consensus distance
  methods.orthogonalize   Newton-Schulz (cubic, Muon quintic), exact polar factor, optax
                          GradientTransformation
  methods.compression     top-k, rand-k, EF14, EF21, EControl steps
  methods.accelerated     Nesterov's accelerated gradient with the FISTA momentum sequence
  methods.adabound        AdaBound / AMSBound as an optax GradientTransformation
  methods.adago           AdaGO
  methods.federated_sam   SAM local steps: DFedSAM(-MGS), FedSpeed, FedAvg rounds
  methods.distributed_lion  Distributed Lion: per-worker optax Lion signs, majority vote / average
  methods.onebit_adam     1-bit Adam: error-compensated scaled-sign compression of momentum
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
