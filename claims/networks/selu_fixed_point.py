"""SELU networks are self-normalizing: (0, 1) is an attracting fixed point of the moment map.

Statement
---------
G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter, "Self-Normalizing Neural Networks",
NeurIPS 2017, arXiv:1706.02515, Theorem 1 and its discussion: with SELU (λ ≈ 1.0507,
α ≈ 1.6733) and normalized weights (ω = Σ_i w_i = 0, τ = Σ_i w_i² = 1), the map
g: (μ, ν) ↦ (μ̃, ν̃) of a unit's activation mean and variance across one layer has the fixed
point (0, 1); its Jacobian there has spectral norm ≈ 0.7879 < 1, and g is a contraction on
μ ∈ [−0.1, 0.1], ω ∈ [−0.1, 0.1], ν ∈ [0.8, 1.5], τ ∈ [0.95, 1.1], so the moments of a deep
SELU network converge to (0, 1) geometrically, layer by layer.

Assumptions
-----------
- SELU with the paper's λ, α.
- normalized weights: the exact map with ω = 0, τ = 1 (g by 200-node Gauss–Hermite quadrature
  of z ~ N(μω, ντ), `wide_networks.moment_map`, Jacobian by forward-mode differentiation);
  the random network uses W_l ~ N(0, 1/n) fresh per layer (the paper's initialization; plain
  Gaussian rows have ω ~ N(0, 1) per unit rather than 0, so the layer maps the second moment
  μ² + ν, with the same fixed point and Jacobian at (0, 1)).
- wide layers: width 1024, depth 64; 128 inputs for each of three starting moments
  (μ₀, ν₀) ∈ {(0.5, 2), (−0.3, 0.3), (0, 5)}; moments over units and inputs.

Attainment
----------
The Jacobian norm at (0, 1) is computed exactly; its maximum over the grid
μ, ω ∈ {−0.1, 0, 0.1}, ν ∈ {0.8, 1, 1.5}, τ ∈ {0.95, 1, 1.1} of the domain must stay below 1.
In the network the per-layer contraction factor of ‖(μ_l, ν_l) − (0, 1)‖ is the Jacobian's
(the linearization at the fixed point), so the fitted factor over layers 2–12, above the
finite-width floor, is checked against ‖J(0, 1)‖ + RATE_TOL; for layers 48–64 the moments
must sit in the band |μ_l| ≤ MEAN_BAND, |ν_l − 1| ≤ VAR_BAND (mean over seeds) for each start.

Trivial baseline
----------------
A network that does not normalize (the same MLP with ReLU, whose second moment halves every
layer) moves away from (0, 1); SELU with λ = 1 converges, but elsewhere. Both are run as
controls (REFUTED). A data-independent output (moments fixed at the start) fails the band for
all three starts, none of which is (0, 1).

Controls
--------
- selu-fixed-point-lambda-one: SELU with λ = 1 has another attracting fixed point (ν well
  below 1): nothing vanishes or explodes, but the band around (0, 1) must be REFUTED.
- selu-fixed-point-relu: ReLU with W ~ N(0, 1/n): ν_l → 0, the distance tends to 1 and both
  the contraction toward (0, 1) and the band must be REFUTED.

Departures and revisions
------------------------
- The domain contraction is checked on a 3⁴ grid, not as the continuous maximum the paper
  bounds.
- The band half-widths and the rate tolerance are this encoding's (see the constants), not
  the paper's.
"""

import functools
import itertools

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from problems.networks import wide_networks as wn

_STARTS = {"a": (0.5, 2.0), "b": (-0.3, 0.3), "c": (0.0, 5.0)}
_GRID = np.array(
    list(itertools.product((-0.1, 0.0, 0.1), (0.8, 1.0, 1.5), (-0.1, 0.0, 0.1), (0.95, 1.0, 1.1)))
)


def _act(name):
    if name == "selu":
        return wn.selu
    if name == "selu-lambda-1":
        return functools.partial(wn.selu, lam=1.0)
    return wn.activation(name)[0]


def selu_experiment(key, checkpoints, act="selu", width=1024, inputs=128):
    """Exact Jacobian norms of the moment map, and per-layer distance of a random MLP's
    activation moments from (0, 1) for three starting moments."""
    f = _act(act)

    def jac_norm(mu, nu, omega, tau):
        J = jax.jacfwd(lambda v: wn.moment_map(f, v[0], v[1], omega, tau))(jnp.array([mu, nu]))
        return jnp.linalg.norm(J, 2)

    at_fixed_point = jac_norm(0.0, 1.0, 0.0, 1.0)
    g = jnp.asarray(_GRID)
    domain_max = jnp.max(jax.vmap(jac_norm)(g[:, 0], g[:, 1], g[:, 2], g[:, 3]))
    k_x, k_w = jax.random.split(key)
    x0 = jnp.concatenate(
        [
            mu + jnp.sqrt(nu) * jax.random.normal(jax.random.fold_in(k_x, i), (inputs, width))
            for i, (mu, nu) in enumerate(_STARTS.values())
        ]
    )
    depth = max(checkpoints)
    out = {
        "jacobian_norm": jnp.full(len(checkpoints), at_fixed_point),
        "domain_max_norm": jnp.full(len(checkpoints), domain_max),
    }
    # the same random network (weights from k_w) for the three starting distributions
    mom = jax.vmap(lambda x: wn.random_mlp_moments(k_w, x, depth, f, checkpoints))(
        x0.reshape(len(_STARTS), inputs, width)
    )
    for i, name in enumerate(_STARTS):
        mu, nu = mom[i, :, 0], mom[i, :, 1]
        out[f"distance_{name}"] = jnp.sqrt(mu**2 + (nu - 1.0) ** 2)
        out[f"abs_mean_{name}"] = jnp.abs(mu)
        out[f"abs_var_dev_{name}"] = jnp.abs(nu - 1.0)
    return out


PAPER = tt.Paper(
    title="Self-Normalizing Neural Networks",
    authors="G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter",
    year=2017,
    arxiv="1706.02515",
)

_RHO = 0.7878  # the paper's spectral norm of the Jacobian at (0, 1)
#: The fitted per-layer factor comes from 3 seeds of a finite-width (1024) network over 11 layers;
#: the tolerance absorbs that noise and is far below the gap to the controls' factor (≈ 1).
RATE_TOL = 0.05
#: Band at layers 48–64: half the paper's μ-domain half-width (0.1), and half the margin of the
#: ν-domain below 1 ((1 − 0.8)/2); both well above the finite-width floor of the moments.
MEAN_BAND = 0.05
VAR_BAND = 0.1
#: A contraction: Jacobian spectral norm at most 1 (Theorem 1 says < 1).
CONTRACTION = 1.0


def _check():
    parts = [
        tt.AtMost(CONTRACTION, "contraction", series="jacobian_norm"),
        tt.AtMost(CONTRACTION, "contraction", series="domain_max_norm"),
    ]
    names = ["‖J(0, 1)‖ < 1", "max ‖J‖ on domain grid < 1"]
    for s in _STARTS:
        parts += [
            tt.LinearRate(rate=_RHO, tol=RATE_TOL, label="‖J(0,1)‖", series=f"distance_{s}", window=(2, 12)),
            tt.AtMost(MEAN_BAND, "mean band", series=f"abs_mean_{s}", window=(48, 64)),
            tt.AtMost(VAR_BAND, "variance band", series=f"abs_var_dev_{s}", window=(48, 64)),
        ]
        names += [
            f"contraction, start {_STARTS[s]}",
            f"|μ| ≤ {MEAN_BAND}, start {_STARTS[s]}",
            f"|ν − 1| ≤ {VAR_BAND}, start {_STARTS[s]}",
        ]
    return tt.AllOf(parts, names=names)


selu_fixed_point = tt.Claim(
    id="selu-fixed-point",
    paper=PAPER,
    statement="For SELU (λ ≈ 1.0507, α ≈ 1.6733) with normalized weights, the layer map of "
    "activation mean and variance has a stable attracting fixed point (0, 1): its "
    "Jacobian there has spectral norm ≈ 0.7879 < 1 and it is a contraction on "
    "μ, ω ∈ [−0.1, 0.1], ν ∈ [0.8, 1.5], τ ∈ [0.95, 1.1]; deep SELU nets converge to "
    "(0, 1) geometrically.",
    assumptions=(
        "SELU with the paper's λ, α",
        "normalized weights: exact map with ω = 0, τ = 1; network with W ~ N(0, 1/n)",
        "wide layers: width 1024 (the moments have a finite-width floor)",
    ),
    testbed="exact moment map by Gauss–Hermite quadrature; random SELU MLP, width 1024, depth 64, "
    "three starting moment pairs, 128 inputs each",
    source="Theorem 1",
    area="networks",
    experiment=selu_experiment,
    quantity=r"$\|J\|_2$ or $\|(\mu_l, \nu_l) - (0, 1)\|$",
    sweep=tt.Sweep(checkpoints=tuple(range(1, 65)), checkpoint_name="layer"),
    seeds=6,
    quick_seeds=3,
    aggregate="mean",
    check=_check(),
)

selu_lambda_one = selu_fixed_point.control(
    id="selu-fixed-point-lambda-one",
    why="SELU with λ = 1 has another attracting fixed point (ν ≈ 0.63), so the band "
    "|ν − 1| ≤ 0.1 at layers 48–64 must be refuted.",
    experiment=functools.partial(selu_experiment, act="selu-lambda-1"),
)

selu_relu = selu_fixed_point.control(
    id="selu-fixed-point-relu",
    why="ReLU with W ~ N(0, 1/n) halves the second moment every layer (ν → 0): the moments move "
    "away from (0, 1), so the contraction and the band must be refuted.",
    experiment=functools.partial(selu_experiment, act="relu"),
)
