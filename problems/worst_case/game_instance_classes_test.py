import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.games import bilinear_pdhg as bp
from problems.games import monotone_games
from problems.games import power_control as pc
from problems.worst_case import game_instance_classes as gic


def _raw(cls, seed=0, scale=1.0):
    raw = cls.init(jax.random.PRNGKey(seed))
    return {k: scale * v for k, v in raw.items()}


def _concrete(cls, raw):
    return jax.tree_util.tree_map(np.asarray, jax.jit(cls.instance)(raw))


CLASSES = [
    gic.PreferenceGameClass(n=4),
    gic.PreferenceGameClass(n=5, free_reference=True, free_start=False),
    gic.BilinearStepClass(dim=3, mu=0.1, L=1.0, product_lo=0.05, product_hi=0.99),
    gic.PowerPairClass(users=3, carriers=4, rho_lo=0.1, rho_hi=0.95),
    gic.CocoerciveSumClass(n=4, dim=3),
]


@pytest.mark.parametrize("scale", [1.0, 30.0])  # extreme raw values still give legal instances
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.name)
def test_every_raw_point_is_inside_its_class(cls, scale):
    instance = jax.jit(jax.vmap(cls.instance))
    raws = jax.vmap(cls.init)(jax.random.split(jax.random.PRNGKey(0), 3))
    batch = jax.tree_util.tree_map(np.asarray, instance(jax.tree_util.tree_map(lambda v: scale * v, raws)))
    for i in range(3):
        assert cls.contains(jax.tree_util.tree_map(lambda v: v[i], batch)), cls.describe()


def test_preference_games_are_constant_sum_with_the_chosen_reference_and_start():
    g = _concrete(gic.PreferenceGameClass(n=4), _raw(gic.PreferenceGameClass(n=4), seed=1))
    np.testing.assert_allclose(g.P + g.P.T, 1.0, atol=1e-15)
    np.testing.assert_allclose(np.diag(g.P), 0.5)
    np.testing.assert_allclose(g.mu, 0.25)
    fixed = gic.PreferenceGameClass(n=4, free_reference=True, free_start=False)
    h = _concrete(fixed, _raw(fixed, seed=1))
    np.testing.assert_allclose(h.pi0, h.mu)
    assert not gic.PreferenceGameClass(n=4).contains(g._replace(P=g.P + 0.01))


def test_bilinear_steps_meet_their_product_and_ratio():
    cls = gic.BilinearStepClass(
        dim=2, mu=0.2, L=1.0, product_lo=0.1, product_hi=0.9, ratio_lo=0.5, ratio_hi=2.0
    )
    b = _concrete(cls, _raw(cls, seed=2))
    product = b.tau * b.sigma * b.singular_values.max() ** 2
    assert 0.1 <= product <= 0.9 and 0.5 <= b.tau / b.sigma <= 2.0
    assert not cls.contains(b._replace(tau=b.tau * 10))


def test_chambolle_pock_radius_matches_the_closed_form_on_the_class():
    cls = gic.BilinearStepClass(dim=3, mu=0.1, L=1.0, product_lo=0.05, product_hi=0.99)
    b = _concrete(cls, _raw(cls, seed=4))
    zero = jnp.zeros(3)
    game = monotone_games.Bilinear(
        A=jnp.diag(b.singular_values), b=zero, c=zero, x_star=zero, y_star=zero, sigma_max=1.0, sigma_min=0.1
    )
    exact = bp.block_radius(b.singular_values, b.tau, b.sigma, 1.0)
    assert float(bp.spectral_radius(game, b.tau, b.sigma, 1.0)) == pytest.approx(float(exact), rel=1e-10)


def test_power_pairs_have_the_requested_radius_and_feasible_profiles():
    cls = gic.PowerPairClass(users=3, carriers=4, rho_lo=0.3, rho_hi=0.6)
    pair = _concrete(cls, _raw(cls, seed=5))
    rho = float(pc.spectral_radius(pc.s_max(pair.game.G)))
    assert 0.3 <= rho <= 0.6
    np.testing.assert_allclose(pair.p.sum(axis=1), 16.0)
    assert not cls.contains(pair._replace(p=pair.p * 1.1))


def test_perron_vector_is_positive_and_an_eigenvector():
    S = jnp.array([[0.0, 0.3, 0.2], [0.1, 0.0, 0.5], [0.4, 0.2, 0.0]])
    rho, w = gic.perron(S)
    assert np.all(np.asarray(w) > 0)
    np.testing.assert_allclose(S @ w, rho * w, rtol=1e-12)
    assert float(rho) == pytest.approx(float(np.max(np.abs(np.linalg.eigvals(np.asarray(S))))), rel=1e-12)


def test_cocoercive_sum_has_its_zero_at_z_star_but_not_its_components():
    cls = gic.CocoerciveSumClass(n=5, dim=3, offset=0.3)
    c = _concrete(cls, _raw(cls, seed=6))
    assert np.linalg.norm(gic.cocoercive_mean(c, c.z_star)) < 1e-14
    assert all(np.linalg.norm(gic.cocoercive_component(c, i, c.z_star)) > 0 for i in range(5))
    assert float(gic.cocoercive_constant(c)) <= 1.0 + 1e-12
    np.testing.assert_allclose(np.swapaxes(c.M, 1, 2), c.M, atol=1e-12)
    assert not cls.contains(c._replace(M=2.0 * c.M))


def test_water_filling_attains_the_modulus_with_constant_gain_ratios():
    """Gain ratios constant over carriers, every carrier active and p − p′ = ε w ⊗ v (v zero-sum):
    one simultaneous round moves user q by exactly ρ ε w_q v, so the weighted ratio is 1."""
    S = jnp.array([[0.0, 0.3, 0.1], [0.2, 0.0, 0.25], [0.15, 0.1, 0.0]])
    G = jnp.where(jnp.eye(3, dtype=bool)[:, :, None], 1.0, S[:, :, None] * jnp.ones((3, 3, 4)))
    game = pc.PowerGame(G=G, budget=jnp.full((3,), 16.0), noise=jnp.asarray(1.0))
    rho, w = gic.perron(pc.s_max(G))
    v = jnp.array([1.0, -1.0, 0.0, 0.0])
    p_other = jnp.full((3, 4), 4.0)
    p = p_other + 0.5 * w[:, None] * v[None, :]
    moved = pc.simultaneous_round(game, p) - pc.simultaneous_round(game, p_other)
    np.testing.assert_allclose(moved, -rho * 0.5 * w[:, None] * v[None, :], atol=1e-12)
