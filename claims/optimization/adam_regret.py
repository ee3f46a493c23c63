"""Adam's O(√T) regret bound fails on the Reddi–Kale–Kumar instance (a claim known false).

Statement
---------
D. P. Kingma, J. Ba, "Adam: A Method for Stochastic Optimization", arXiv:1412.6980 (ICLR
2015), Theorem 4.1: in online convex optimization with bounded gradients (‖g_t‖∞ ≤ G∞) and a
bounded feasible set (‖x_m − x_n‖∞ ≤ D∞), Adam with α_t = α/√t, β1,t = β1·λ^{t−1} and
β1²/√β2 < 1 has regret R(T) = O(√T), so R(T)/T → 0.

Expected REFUTED: S. J. Reddi, S. Kale, S. Kumar, "On the Convergence of Adam and Beyond",
ICLR 2018 (arXiv:1904.09237), Theorem 1, show that the proof of Theorem 4.1 is wrong (the
quantity Γ_t = √v_{t+1}/α_{t+1} − √v_t/α_t can be negative) and give a 1-D instance on which
Adam's average regret does not vanish. Their fix, AMSGrad (v̂_t = max(v̂_{t−1}, v_t)),
satisfies the O(√T) bound there.

Assumptions
-----------
The instance (problems.online.linear_box_regret.reddi) satisfies every assumption of Theorem 4.1:
- feasible set [−1, 1] (D∞ = 2); losses f_t(x) = C·x if t mod 3 = 1, else −x, C = 3
  (G∞ = 3); the best fixed point is x* = −1.
- Adam = optax.adam(α/√t, b1 = 0, b2 = 1/(1 + C²) = 0.1, eps = 0), α = 0.5, then projection
  onto [−1, 1], x_1 = 1. β1 = 0 makes β1,t = 0·λ^{t−1} and β1²/√β2 = 0 < 1. optax's bias
  correction is 1 + O(10^{−t}) with β2 = 0.1 and does not change the dynamics.
- AMSGrad = optax.amsgrad with the same hyperparameters.

Attainment
----------
Why Adam fails (Reddi et al., Sec. 3): the large gradient C, pointing towards x* = −1, comes
once every three rounds and is normalized by a second-moment estimate that has just absorbed
it, while the two gradients −1 are normalized by an estimate that has almost forgotten it
(β2 = 0.1). The net drift per cycle is towards +1, the worst point, where each 3-round cycle
costs 2(C − 2) = 2: R(T)/T → 2/3, a linear regret, so the upper-rate check (slope of log R
against log T over T ∈ [3·10³, 3·10⁵], quick [3·10³, 3·10⁴], ≤ 0.5 + 0.1) fails by a wide
margin. The run is deterministic, so the bootstrap interval is a point.

Trivial baseline
----------------
The data-independent output x_t = x_1 = 1 (no algorithm) has the same linear regret 2T/3
as Adam here: Adam is no better than not moving. The baseline that must pass is the repaired
method, AMSGrad (adam-regret-reddi-amsgrad, expected CONFIRMED): an instance or checker that
rejected every method would prove nothing.

Controls
--------
- adam-regret-reddi-amsgrad (expected CONFIRMED): the same check on AMSGrad's regret on the
  same instance; it changes the run (the method), so it is the mechanism control of this
  REFUTED claim.
- adam-regret-reddi-amsgrad-linear (expected REFUTED): AMSGrad's regret asserted to be
  linear, Θ(T) (tight rate, exponent 1 ± 0.1), must be rejected: the checker tells linear
  from sublinear regret on this instance.

Departures and revisions
------------------------
None.
"""

import functools

import jax.numpy as jnp
import optax

import theorytest as tt
from problems.online import linear_box_regret

KINGMA_BA = tt.Paper(
    title="Adam: A Method for Stochastic Optimization",
    authors="D. P. Kingma, J. Ba",
    year=2015,
    arxiv="1412.6980",
)

_C = 3.0
_ALPHA = 0.5


def reddi_regret(key, checkpoints, method="adam"):
    """Cumulative regret R(T) of projected Adam / AMSGrad on Reddi et al.'s instance."""
    del key  # deterministic
    p = linear_box_regret.reddi(_C)
    lr = lambda count: _ALPHA / jnp.sqrt(count + 1.0)  # noqa: E731  α_t = α/√t, t = 1, 2, ...
    b2 = 1.0 / (1.0 + _C**2)
    opt = {"adam": optax.adam, "amsgrad": optax.amsgrad}[method](lr, b1=0.0, b2=b2, eps=0.0)
    x0 = jnp.ones(1)

    def step(t, state):
        x, opt_state, reg = state
        g = linear_box_regret.gradient(p, None, t)
        reg = linear_box_regret.regret_step(reg, g, x)
        updates, opt_state = opt.update(g, opt_state, x)
        return linear_box_regret.project(p, optax.apply_updates(x, updates)), opt_state, reg

    return tt.trajectory(
        step,
        (x0, opt.init(x0), linear_box_regret.regret_init(p)),
        checkpoints,
        lambda s: linear_box_regret.regret(p, s[2]),
    )


_WINDOW = (3_000, 300_000)

adam_regret_reddi = tt.Claim(
    id="adam-regret-reddi",
    paper=KINGMA_BA,
    statement="In online convex optimization with bounded gradients and a bounded feasible "
    "set, Adam with α_t = α/√t, β1,t = β1λ^{t−1} and β1²/√β2 < 1 has regret "
    "R(T) = O(√T) (Theorem 4.1). Known false: Reddi, Kale & Kumar (ICLR 2018) give "
    "an instance with linear regret.",
    assumptions=(
        "convex losses with bounded gradients: f_t(x) = 3x or −x, G∞ = 3",
        "bounded feasible set: [−1, 1], with projection",
        "α_t = 0.5/√t, β1 = 0 (so β1,t decays and β1²/√β2 = 0 < 1), β2 = 1/(1+C²) = 0.1",
    ),
    testbed="Reddi et al.'s 1-D instance, C = 3, x_1 = 1, optax.adam(eps=0) + projection; "
    "deterministic; T ∈ [3·10³, 3·10⁵] read off one run",
    source="Theorem 4.1",
    area="optimization",
    experiment=reddi_regret,
    quantity=r"regret $R(T)$",
    sweep=tt.Sweep(checkpoints=tt.log_checkpoints(3_000, 300_000, 11), checkpoint_name="T"),
    quick_sweep=tt.Sweep(checkpoints=tt.log_checkpoints(3_000, 30_000, 6), checkpoint_name="T"),
    seeds=2,
    quick_seeds=2,
    check=tt.UpperRate(exponent=0.5, tol=0.1, window=_WINDOW),
    expected=tt.Verdict.REFUTED,
)

adam_regret_reddi_amsgrad = adam_regret_reddi.control(
    id="adam-regret-reddi-amsgrad",
    why="Positive control: AMSGrad (Reddi et al.'s fix) on the same instance with the same "
    "hyperparameters has O(√T) regret, so the same check must CONFIRM; otherwise the "
    "refutation of Adam could be an artefact of the instance or the checker.",
    experiment=functools.partial(reddi_regret, method="amsgrad"),
    expected=tt.Verdict.CONFIRMED,
)

adam_regret_reddi_amsgrad_linear = adam_regret_reddi.control(
    id="adam-regret-reddi-amsgrad-linear",
    why="AMSGrad's regret asserted to be linear (Θ(T), slope 1 ± 0.1) must be rejected: it "
    "grows like T^{1/3} here, so the checker separates Adam's linear regret from "
    "sublinear regret.",
    experiment=functools.partial(reddi_regret, method="amsgrad"),
    check=tt.TightRate(exponent=1.0, tol=0.1, window=_WINDOW),
)
