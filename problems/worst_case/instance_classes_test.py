import jax
import jax.numpy as jnp
import numpy as np
import pytest

from problems.worst_case import instance_classes as ic


def _raw(cls, seed=0, scale=1.0):
    raw = cls.init(jax.random.PRNGKey(seed))
    return {k: scale * v for k, v in raw.items()}


@pytest.mark.parametrize("scale", [1.0, 50.0])  # extreme raw values still give legal instances
def test_every_raw_point_is_inside_its_class(scale):
    classes = [
        ic.QuadraticClass(dim=4, mu=0.1, L=2.0, radius=3.0),
        ic.CurvatureClass(pieces=8, mu=0.5, L=4.0, span=2.0),
        ic.CurvatureClass(pieces=8, mu=0.0, L=1.0, span=1.0, inner=0.01),
        ic.BilinearClass(dim=3, mu=0.2, L=1.0),
        ic.ScaledRotationClass(blocks=2),
        ic.NoisyQuadraticClass(dim=3, mu=0.5, L=1.0, variance=2.0),
    ]
    for cls in classes:
        instance = jax.tree_util.tree_map(np.asarray, jax.jit(cls.instance)(_raw(cls, scale=scale)))
        assert cls.contains(instance), cls.describe()


def test_contains_rejects_instances_outside_the_class():
    cls = ic.QuadraticClass(dim=2, mu=0.1, L=1.0)
    assert not cls.contains(ic.DiagonalQuadratic(eigs=np.array([0.05, 1.0]), x0=np.array([1.0, 0.0])))
    assert not cls.contains(ic.DiagonalQuadratic(eigs=np.array([0.5, 1.0]), x0=np.array([2.0, 0.0])))


def test_curvature_gradient_and_value_integrate_the_curvature():
    cls = ic.CurvatureClass(pieces=6, mu=0.5, L=3.0, span=1.5)
    p = cls.instance(_raw(cls, seed=3))
    xs = jnp.linspace(-2.5, 2.5, 41)
    value_grad = jax.grad(lambda y: ic.curvature_value(p, y))
    both = jax.jit(jax.vmap(lambda x: (ic.curvature_grad(p, x), value_grad(x))))
    grads, autodiff = both(xs)
    np.testing.assert_allclose(grads, autodiff, atol=1e-12)
    zero = int(np.argmin(np.abs(np.asarray(xs))))
    assert float(grads[zero]) == pytest.approx(0.0, abs=1e-12)
    # strong convexity and smoothness: gradient slopes between any two points lie in [mu, L]
    slopes = np.diff(np.asarray(grads)) / np.diff(np.asarray(xs))
    assert np.all(slopes >= 0.5 - 1e-9) and np.all(slopes <= 3.0 + 1e-9)


def test_lessard_recht_packard_function_is_representable():
    p = ic.PiecewiseCurvature(
        breaks=jnp.array([-1.0, 0.0, 1.0, 2.0, 3.0]),
        curvature=jnp.array([25.0, 25.0, 1.0, 25.0]),
        x0=jnp.asarray(3.3),
    )
    for x, g in [(0.5, 12.5), (1.5, 25.5), (2.5, 38.5), (-1.0, -25.0)]:  # 25x, x + 24, 25x − 24
        assert float(ic.curvature_grad(p, x)) == pytest.approx(g)


def test_geometric_grid_has_zero_as_a_break_and_the_inner_width():
    breaks = np.asarray(ic.CurvatureClass(pieces=8, mu=0.0, L=1.0, span=1.0, inner=0.01).breaks())
    assert breaks[4] == 0.0 and breaks[5] == pytest.approx(0.01) and breaks[-1] == pytest.approx(1.0)
    np.testing.assert_allclose(breaks, -breaks[::-1])


def test_bilinear_operator_and_noise_variance():
    b = ic.DiagonalBilinear(sigma=jnp.array([1.0, 2.0]), z0=jnp.zeros(4))
    np.testing.assert_allclose(
        ic.bilinear_operator(b, jnp.array([1.0, 1.0, 3.0, 4.0])), [3.0, 8.0, -1.0, -2.0]
    )
    cls = ic.NoisyQuadraticClass(dim=3, mu=0.5, L=1.0, variance=2.0)
    p = cls.instance(_raw(cls))
    keys = jax.random.split(jax.random.PRNGKey(1), 20000)
    draws = jax.vmap(lambda k: ic.noisy_grad(p, jnp.zeros(3), k))(keys)
    assert float(jnp.mean(jnp.sum(draws**2, axis=1))) == pytest.approx(2.0, rel=0.05)


def test_trajectory_observes_at_the_horizons_and_is_differentiable():
    step = lambda t, x: 0.5 * x
    out = ic.trajectory(step, jnp.asarray(1.0), (1, 3, 4), lambda x: x)
    np.testing.assert_allclose(out, [0.5, 0.125, 0.0625])
    grad = jax.grad(lambda a: ic.trajectory(lambda t, x: a * x, jnp.asarray(1.0), (2, 3), lambda x: x)[-1])(
        0.5
    )
    assert float(grad) == pytest.approx(3 * 0.25)
    with pytest.raises(ValueError):
        ic.trajectory(step, jnp.asarray(1.0), (3, 2), lambda x: x)


def test_scaled_rotations_are_nonexpansive():
    cls = ic.ScaledRotationClass(blocks=3)
    t = cls.instance(_raw(cls, seed=2))
    matrix = jax.vmap(lambda e: ic.rotations_apply(t, e))(jnp.eye(6)).T
    assert float(jnp.linalg.norm(matrix, 2)) <= 1.0 + 1e-12


def test_json_round_trip():
    cls = ic.BilinearClass(dim=2, mu=0.2, L=1.0)
    raw = _raw(cls)
    again = ic.raw_from_json(ic.to_json(raw))
    np.testing.assert_allclose(cls.instance(again).sigma, cls.instance(raw).sigma)


@pytest.mark.parametrize("scale", [1.0, 50.0])
def test_box_class_maps_every_raw_point_into_its_box(scale):
    cls = ic.BoxClass(bounds=(("mu", -0.1, 0.1), ("nu", 0.8, 1.5)))
    box = jax.tree_util.tree_map(np.asarray, jax.jit(cls.instance)(_raw(cls, scale=scale)))
    assert set(box) == {"mu", "nu"} and cls.contains(box)
    assert not cls.contains({"mu": np.asarray(0.2), "nu": np.asarray(1.0)})
    with pytest.raises(ValueError):
        ic.BoxClass(bounds=(("mu", 0.1, -0.1),))


@pytest.mark.parametrize("scale", [1.0, 50.0])
def test_coupled_plane_games_respect_their_block_bounds(scale):
    cls = ic.CoupledPlaneGameClass(mu=1.0, L_own=2.0, L12=3.0, L21=0.3)
    for seed in range(3):
        game = jax.tree_util.tree_map(np.asarray, jax.jit(cls.instance)(_raw(cls, seed=seed, scale=scale)))
        assert cls.contains(game)
    too_strong = game._replace(J=np.asarray(game.J).copy())
    too_strong.J[2:, :2] *= 20.0 / max(np.linalg.norm(too_strong.J[2:, :2], 2), 1e-12)
    assert not cls.contains(too_strong)


_SEARCH1_CLASSES = [
    ic.SingularValueClass(count=4, lo=1e-6, hi=1.0),
    ic.SingularValueClass(count=3, lo=0.6, hi=1.25, log_scale=False),
    ic.DesignClass(rows=3, dim=5),
    ic.QuadraticClientsClass(dim=4, smoothness=(10.0, 1.0, 1.0)),
    ic.QuadraticClientsClass(dim=4, smoothness=(1.0, 1.0), mu=0.05),
    ic.PeriodicLinearLossClass(period=3, bound=3.0),
]


@pytest.mark.parametrize("scale", [1.0, 50.0])
@pytest.mark.parametrize("cls", _SEARCH1_CLASSES, ids=lambda c: c.name)
def test_singular_value_design_client_and_online_classes_are_legal_by_construction(cls, scale):
    for seed in range(3):
        instance = jax.tree_util.tree_map(
            np.asarray, jax.jit(cls.instance)(_raw(cls, seed=seed, scale=scale))
        )
        assert cls.contains(instance), cls.describe()


def test_new_classes_reject_instances_outside_them():
    assert not ic.SingularValueClass(count=2, lo=1e-6, hi=1.0).contains(
        ic.SingularValues(np.array([0.5, 1.5]))
    )
    assert not ic.DesignClass(rows=2, dim=3).contains(ic.Design(X=2.0 * np.eye(2, 3) / np.sqrt(2.0)))
    cls = ic.QuadraticClientsClass(dim=2, smoothness=(1.0,))
    centres = np.array([[1.0, 0.0]])
    assert cls.contains(ic.QuadraticClients(A=np.diag([1.0, 0.0])[None], c=centres))
    assert not cls.contains(ic.QuadraticClients(A=np.diag([1.5, 0.0])[None], c=centres))  # not 1-smooth
    assert not cls.contains(ic.QuadraticClients(A=np.diag([1.0, -0.1])[None], c=centres))  # not convex
    strongly = ic.QuadraticClientsClass(dim=2, smoothness=(1.0,), mu=0.05)
    assert not strongly.contains(ic.QuadraticClients(A=np.diag([1.0, 0.01])[None], c=centres))
    online = ic.PeriodicLinearLossClass(period=3, bound=3.0)
    assert online.contains(ic.PeriodicLinearLosses(grads=np.array([3.0, -1.0, -1.0]), x1=np.asarray(1.0)))
    assert not online.contains(ic.PeriodicLinearLosses(grads=np.array([4.0, -1.0, -1.0]), x1=np.asarray(1.0)))
    with pytest.raises(ValueError):
        ic.DesignClass(rows=5, dim=5)  # not over-parameterized
    with pytest.raises(ValueError):
        ic.SingularValueClass(count=2, lo=0.0, hi=1.0)  # a log scale needs lo > 0


def test_singular_value_class_reaches_both_ends_on_a_log_scale():
    cls = ic.SingularValueClass(count=2, lo=1e-6, hi=1.0)
    sigma = np.asarray(cls.instance({"sigma": jnp.array([-40.0, 40.0])}).sigma)
    np.testing.assert_allclose(sigma, [1e-6, 1.0], rtol=1e-9)
    assert float(cls.instance({"sigma": jnp.array([0.0, 0.0])}).sigma[0]) == pytest.approx(1e-3)


def test_quadratic_clients_have_the_searched_spectra_and_unit_centres():
    cls = ic.QuadraticClientsClass(dim=3, smoothness=(5.0, 1.0))
    raw = _raw(cls, seed=4)
    q = cls.instance(raw)
    eigs = np.sort(np.asarray(jax.vmap(jnp.linalg.eigvalsh)(q.A)), axis=1)
    expected = np.sort(np.array([5.0, 1.0])[:, None] * np.asarray(jax.nn.sigmoid(raw["spectrum"])), axis=1)
    np.testing.assert_allclose(eigs, expected, atol=1e-10)
    assert float(jnp.linalg.norm(q.c)) == pytest.approx(1.0)
    grad = jax.grad(lambda r: jnp.sum(cls.instance(r).A ** 2))(raw)  # differentiable in every parameter
    assert all(bool(jnp.all(jnp.isfinite(g))) for g in jax.tree_util.tree_leaves(grad))


@pytest.mark.parametrize("scale", [1.0, 50.0])
def test_spectrum_shapes_stay_in_the_band_at_every_condition_number(scale):
    cls = ic.SpectrumShapeClass(dim=4)
    for seed in range(3):
        shape = jax.tree_util.tree_map(np.asarray, jax.jit(cls.instance)(_raw(cls, seed=seed, scale=scale)))
        assert cls.contains(shape)
        for kappa in (10.0, 1e4):
            eigs = np.asarray(ic.shape_eigenvalues(shape, kappa))
            assert np.all(eigs >= 1.0 / kappa * (1 - 1e-12)) and np.all(eigs <= 1.0 + 1e-12)
    assert not cls.contains(ic.SpectrumShape(position=np.array([0.5, 1.2]), direction=np.array([1.0, 0.0])))
