"""Points that differ only in traceable variables share one compiled program, same numbers."""

import jax
import jax.numpy as jnp
import numpy as np

import theorytest as tt
from theorytest import _batching, _runner
from theorytest._plan import plan_for


def shaped(key, n, eta, checkpoints):
    """n sets a shape (must stay concrete); eta is a plain scalar (can be traced)."""
    x0 = jax.random.normal(key, (n,))
    return tt.trajectory(lambda t, x: (1 - eta) * x, x0, checkpoints, lambda x: jnp.sum(x**2) / n)


def branchy(key, eta):
    return 1.0 if eta > 0.5 else 2.0  # Python control flow on the value: must stay concrete


def test_traceable_finds_what_can_be_traced():
    key = tt.seed_keys("batching", 1)[0]
    points = [{"n": n, "eta": eta} for n in (2, 4) for eta in (0.1, 0.2)]
    with jax.enable_x64(True):
        assert _batching.traceable(shaped, key, points, {"checkpoints": (1, 2)}) == ("eta",)
        assert _batching.traceable(branchy, key, [{"eta": 0.1}, {"eta": 0.9}], {}) == ()
    assert _batching.groups(points, ("eta",)) == [[0, 1], [2, 3]]


def test_batched_run_equals_the_point_by_point_run():
    claim = tt.Claim(
        id="batching-toy",
        paper=tt.Paper(title="toy"),
        statement="linear",
        experiment=shaped,
        seeds=8,
        sweep=tt.Sweep(grid={"n": (2, 4), "eta": (0.1, 0.2, 0.3)}, checkpoints=(1, 5, 10)),
        check=tt.Where({"n": 2, "eta": 0.1}, tt.LinearRate(rate=0.9**2, tol=1e-9, x="k")),
    )
    plan = plan_for(claim)
    _runner.clear_memo()
    batched = _runner.run(plan)
    assert batched.compile_s > 0
    cells = [_runner.run_cell(plan, i, 0, 8) for i in range(6)]  # one compiled program per point
    _runner.clear_memo()
    per_point = _runner.assemble(plan, cells)
    np.testing.assert_allclose(batched.series["metric"], per_point.series["metric"], rtol=1e-12)
    assert tt.verify(claim)["verdict"] == "CONFIRMED"
