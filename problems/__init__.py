"""problems: JAX synthetic testbeds with ground truth, and the methods optax lacks, by family.

Import modules by their full path, e.g. `from problems.convex import quadratics`; importing
`problems` itself loads nothing (no JAX work). Instances are NamedTuples of arrays and
module-level pure functions act on them (`quadratics.grad(p, x)`); constructors take a PRNG
key and static sizes, validate parameters with ValueErrors naming the parameter (`_checks`),
and are jit/vmap-able over keys unless their docstring says otherwise. Each module's tests sit
beside it (`quadratics_test.py`).

convex/            convex and quadratic testbeds with exact minimizers
  quadratics         prescribed-spectrum quadratics (uniform, log-uniform, two clusters, explicit)
  least_squares      least squares / ridge with a planted model, exact minimizer, population risk
  logistic           Gaussian logistic model (well-specified or separable), exact population risk
                     by Gauss-Hermite quadrature, empirical minimizer by Newton
  nonsmooth          l1 (+ ridge) Lipschitz convex testbeds
  class_imbalance_pcn Two imbalanced Gaussian classes, logistic regression with a bias: GD vs ...
  overparam_implicit_accel l_p linear regression trained directly or through a depth-2 linear ...
  sinkhorn_newton_sparse Entropic optimal transport: Sinkhorn and Sinkhorn–Newton–Sparse (SNS) on ...
recovery/          nonconvex matrix and sparse recovery
  matrix_sensing     Gaussian low-rank matrix sensing (symmetric / asymmetric, small or balanced
                     init); matrix least squares for Muon-type updates
  identity_sensing   population (identity-sensing) limit of low-rank matrix sensing
  phase_retrieval    sparse phase retrieval, spectral init, Newton-HT and IHT steps
  robust_matrix      smooth nonconvex (Cauchy-loss) matrix objective for Muon-type methods
  awp_iht_sparse     Activation-aware sparse regression and iterative hard thresholding ...
  cola_frank_wolfe_completion Matrix completion over a nuclear-norm ball, and Frank–Wolfe with rank-one ...
  realtime_krylov    Real-time Krylov subspace diagonalization of a Hamiltonian, simulated ...
stochastic/        ingredients of stochastic gradient methods
  noise              Gaussian / bounded / heavy-tailed (alpha-stable, Student-t, Pareto) noise,
                     additive gradient oracles, Hill tail-index estimator
  index_sampling     i.i.d. and mini-batch indices; lazy random walk on a cycle with known mixing
  markov_dsgd_stability_chains  lazy walk on the complete graph of indices (fast-mixing chain)
  gradient_mixture   biased low-variance + unbiased high-variance gradient estimators, optimal mix
  clipping           per-sample clipping, DiceSGD direction, clipping-bias testbed
  linear_stability   mean-square stability map of SGD and its exact critical step
  dpp                projection DPPs and weighted least squares in polynomial spaces
  deep_bsde_exit_rate Brownian motion stopped at the exit of (0, 1): discrete versus continuous ...
  qsdp_quantized_weights Gradient descent that only keeps quantized weights: rounding to a uniform ...
  upsample_upweight  Two-domain least squares balanced by upsampling (temperature sampling) or ...
generalization/    neighbouring data sets for stability / generalization bounds
  pairwise           pointwise + pairwise (PPL) least squares, neighbouring data sets, RRM
  garbage_to_gold_latent Latent-factor regression: predicting y from many error-prone proxies of a ...
games/             min-max games, monotone operators, and the exact iteration maps of game dynamics
  monotone_games     bilinear games, strongly monotone / cocoercive affine operators, matrix games
                     solved by LP, duality gap
  bilinear_momentum  complex momentum on bilinear games, exact iteration map
  complex_momentum_bilinear  bilinear games with a random spectrum per draw
  bilinear_pdhg      PDHG / Arrow-Hurwicz / Chambolle-Pock on bilinear games, exact iteration map
  small_gain         two-player quadratic games and the block small-gain certificate
  power_control      iterative water-filling power-control games
  finite_sum_games   finite-sum convex-concave games, exact saddle point, neighbouring data sets
  kuhn_poker         Kuhn poker: exact exploitability, sampled trajectory feedback
  vr_halpern_components  finite sums of cocoercive operators with distinct component zeros
distributed/       decentralized and federated learning
  graphs             ring, torus, complete, star, exponential, Erdos-Renyi graphs, random matchings;
                     Metropolis-Hastings / lazy gossip matrices with spectral gaps
  federated          heterogeneous quadratic clients, partial participation, aggregation rules
  nonconvex_clients  heterogeneous non-convex (Cauchy-loss) federated clients
  client_availability  Markov-correlated client availability (two-state chains per client)
  every_param_coverage Heterogeneous federated learning with online model extraction: masks, ...
  fa_ld_partial_bias Federated averaging Langevin dynamics (FA-LD) on Gaussian clients: the ...
  pso_fed_optimal_step Partial-sharing online federated learning (PSO-Fed) of a linear model with ...
online/            online convex optimization
  omd_ball           optimistic online mirror descent on a Euclidean ball
  linear_box_regret  linear losses on a box (Reddi et al. instance) and their regret
preference/        preference learning and answer-probability estimation for LLMs
  btl                BTL / Plackett-Luce preference data and MLEs
  preference_games   preference games for Nash learning from human feedback, exact equilibria
  rlhf_btl_mle_misspec  pairwise preferences whose labels do not follow BTL
  self_consistency   reasoning-path distributions, exact self-/perplexity-consistency errors
  rpc_perplexity_consistency_truth  pruned perplexity consistency, error against the true answer
  delta_learning_teachers Delta learning in logistic regression: a student tuned on pairs from two ...
diffusion/         diffusion samplers with exact laws
  gaussian_samplers  Gaussian targets with exact scores, PF-ODE / DDIM / PLMS samplers, exact laws
  accel_diffusion_samplers  DDIM-type and accelerated second-order VP samplers on Gaussians
  masked_diffusion   masked diffusion sampling of binary Markov-chain text, exact KL per partition
networks/          neural networks at large width
  wide_networks      wide random networks and their infinite-width kernels / GPs
  s4_ptd             HiPPO-LegS matrices, PTD / S4D diagonalizations, transfer functions
  jpmhc_mixers       orthogonal (Cayley), bistochastic (Sinkhorn) and free residual mixers
  qnn_sublinear      statevector QNN (hardware-efficient ansatz, Pauli-Z readout), NTK model
  bcd_deep_kl        three-splitting objective of a ReLU net, proximal BCD, Clarke stationarity
  conv_filter_gd     One ReLU convolutional filter with average pooling, Gaussian inputs: exact ...
  convergent_graph_solver Contracting graph fixed-point maps h ↦ A h + b, as built by Convergent ...
rl/                reinforcement learning
  tabular_mdp        finite discounted MDPs, exact Q*, Bellman and sampled Bellman operators
  dqn_fqi            fitted Q-iteration variants without one ingredient of DQN's analysis
  ou_process         Ornstein-Uhlenbeck policy evaluation: exact V, TD / martingale-loss minimizers
  rl_planning_pg_collapse Path finding on a small DAG with a tabular softmax next-node policy: ...
worst_case/        instances for worst-case bounds
  hard_instances     Nesterov's chain quadratic, plane rotations
  pep                worst cases by performance estimation (PEPit; not jit-able)
  instance_classes   instance classes as differentiable maps, for worst-case search (quadratics,
                     bilinear games, noise splits, singular values, designs, quadratic clients)
  game_instance_classes  classes of preference games, bilinear games with PDHG steps,
                     interference games and finite sums of cocoercive components
methods/           the update rules optax lacks, each defined once (pure steps or optax transforms)
  minmax             GDA, alternating GDA, extragradient, optimistic GD, Halpern, variance-reduced
                     Halpern, Hedge, mirror-prox, PDHG
  nash_self_play     Nash Mirror Prox, EGPO extragradient, mirror descent on preference games
  decentralized      gossip SGD (CTA / ATC), decentralized SGDA, consensus distance
  federated_sam      SAM local steps: DFedSAM(-MGS), FedSpeed, FedAvg rounds
  compression        top-k, rand-k, EF14, EF21, EControl steps
  distributed_lion   Distributed Lion: per-worker Lion signs, majority vote / average
  onebit_adam        1-bit Adam: error-compensated scaled-sign compression of momentum
  orthogonalize      Newton-Schulz (cubic, Muon quintic), exact polar factor, optax transform
  accelerated        Nesterov's accelerated gradient with the FISTA momentum sequence
  adabound           AdaBound / AMSBound as an optax GradientTransformation
  adago              AdaGO
  aegd_energy        Adaptive gradient descent with energy (AEGD), with a preconditioner, and ...
  bdf2_dc_order      Variable-step BDF2 on random and graded time grids, for a ...
  cautious_optimizer Cautious optimizers (Liang, Chen, Liu & Liu 2024): mask the coordinates ...
  cbo_global         Consensus-based optimization (CBO) and gradient descent on the Rastrigin ...
  frugal_split_updates FRUGAL gradient splitting: a stateful optimizer on a coordinate block, a ...
_checks, _linalg   parameter validation and linear-algebra helpers shared by the families
"""
