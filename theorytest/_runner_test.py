"""The runner: trajectory checkpoints, deterministic keys, a blow-up judged instead of a crash."""

import dataclasses
import functools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import theorytest as tt
from theorytest import _runner
from theorytest._plan import plan_for


def test_trajectory_observes_after_each_checkpoint():
    # state counts steps and sums t: after k steps the sum is k(k−1)/2.
    out = tt.trajectory(
        lambda t, s: (s[0] + 1, s[1] + t), (0, 0), (1, 3, 10), lambda s: jnp.stack([s[0], s[1]])
    )
    np.testing.assert_array_equal(out, [[1, 0], [3, 3], [10, 45]])


def test_trajectory_jits_and_vmaps():
    f = jax.jit(jax.vmap(lambda x0: tt.trajectory(lambda t, x: 0.5 * x, x0, (1, 2, 4), lambda x: x)))
    np.testing.assert_allclose(f(jnp.array([1.0, 2.0])), [[0.5, 0.25, 0.0625], [1.0, 0.5, 0.125]])


def test_seed_keys_are_deterministic_and_distinct():
    a = jax.random.key_data(tt.seed_keys("some-claim", 4))
    b = jax.random.key_data(tt.seed_keys("some-claim", 4))
    c = jax.random.key_data(tt.seed_keys("other-claim", 4))
    shifted = jax.random.key_data(tt.seed_keys("some-claim", 2, offset=2))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    np.testing.assert_array_equal(a[2:], shifted)
    assert len({tuple(row) for row in np.asarray(a).reshape(4, -1)}) == 4


def noisy_decay(key, checkpoints):
    k = jnp.asarray(checkpoints, dtype=float)
    return (1.0 + 0.1 * jax.random.uniform(key)) / k


def blow_up(key, checkpoints):
    return tt.trajectory(lambda t, x: 3.0 * x * x, 2.0, checkpoints, lambda x: x)


def make(experiment, **kw):
    claim = tt.Claim(
        id="runner-toy",
        paper=tt.Paper(title="toy"),
        statement="O(1/k)",
        experiment=experiment,
        sweep=tt.Sweep(checkpoints=(1, 10, 100, 1000)),
        check=tt.UpperRate(exponent=-1.0),
        seeds=8,
        **kw,
    )
    return claim


def test_run_shapes_and_timings():
    _runner.clear_memo()
    data = _runner.run(plan_for(make(noisy_decay)))
    assert data.series["metric"].shape == (8, 4)
    assert data.compile_s > 0 and data.run_s >= 0
    assert [p["k"] for p in data.points] == [1, 10, 100, 1000]


def test_verify_is_reproducible():
    _runner.clear_memo()
    first = tt.verify(make(noisy_decay))
    _runner.clear_memo()
    second = tt.verify(make(noisy_decay))
    assert first["verdict"] == "CONFIRMED"
    assert first["curves"] == second["curves"] and first["estimate"] == second["estimate"]


def test_blow_up_inside_the_window_refutes_a_rate_with_iteration():
    result = tt.verify(make(blow_up))
    assert result["verdict"] == "REFUTED"
    assert "diverged" in result["reason"] and "k=10" in result["reason"]


def test_wrong_output_length_names_the_experiment():
    with pytest.raises(ValueError, match="^experiment"):
        _runner.run(plan_for(make(lambda key, checkpoints: jnp.zeros(3))))


def test_grid_sweep_with_several_series():
    def experiment(key, n):
        x = jax.random.normal(key, (n,))
        return {"mean_sq": jnp.mean(x) ** 2, "var": jnp.var(x)}

    claim = tt.Claim(
        id="grid-toy",
        paper=tt.Paper(title="toy"),
        statement="E[mean²] = 1/n",
        experiment=experiment,
        sweep=tt.Sweep(grid={"n": (16, 64, 256, 1024)}),
        check=tt.TightRate(exponent=-1.0, tol=0.2, series="mean_sq"),
        seeds=512,
    )
    result = tt.verify(claim)
    assert result["verdict"] == "CONFIRMED", result["reason"]
    assert {c["label"].split()[0] for c in result["curves"]} == {"mean_sq"}


def noisy_grid(key, n):
    return jax.random.normal(key, (3,)).sum() / n


@pytest.mark.parametrize("block", [1, 3, 8, 20])
def test_cells_in_blocks_assemble_into_the_whole_run(block):
    claim = tt.Claim(
        id="runner-cells",
        paper=tt.Paper(title="toy"),
        statement="O(1/n)",
        experiment=noisy_grid,
        sweep=tt.Sweep(grid={"n": (1, 10, 100)}),
        check=tt.UpperRate(exponent=-1.0),
        seeds=8,
    )
    plan = plan_for(claim)
    _runner.clear_memo()
    whole = _runner.run(plan)
    _runner.clear_memo()
    todo = _runner.cells(plan, block=block)
    assert len(todo) == 3 * -(-8 // block)
    parts = [_runner.run_cell(plan, i, start, count, block=block) for i, start, count in todo[::-1]]
    assembled = _runner.assemble(plan, parts)
    np.testing.assert_array_equal(assembled.series["metric"], whole.series["metric"])
    assert _runner.run(plan) is assembled  # memoized for the judge
    with pytest.raises(ValueError, match="point 0 of 'runner-cells' has"):
        _runner.assemble(plan, [c for c in parts if (c.point_index, c.start) != (0, 0)])


def scratch_heavy(key, n, scale=1.0):
    """Per-seed scratch of tens of kB (an n × n random matrix and its square)."""
    a = scale * jax.random.normal(key, (n, n))
    return jnp.trace(a @ a) / n


@pytest.mark.parametrize(
    "grid, programs",
    [({"n": (40, 41)}, 4), ({"scale": (1.0, 2.0)}, 2)],
    ids=["a program per point", "points in one program"],
)
def test_seeds_over_the_memory_budget_run_in_blocks_with_the_same_numbers(monkeypatch, grid, programs):
    (name,) = grid
    claim = dataclasses.replace(
        make(functools.partial(scratch_heavy, n=40) if name == "scale" else scratch_heavy),
        sweep=tt.Sweep(grid=grid),
        check=tt.UpperRate(exponent=1.0, x=name),
        seeds=10,
    )
    plan = plan_for(claim)
    whole = _runner.run(plan)
    _runner.clear_memo()
    _runner._COMPILED.clear()
    monkeypatch.setattr(_runner, "SEED_MEMORY_BUDGET", 40 * 40 * 8 * 3)  # ~ one seed's scratch
    before = _runner.COMPILE_STATS["programs"]
    blocked = _runner.run(plan)
    assert _runner.COMPILE_STATS["programs"] - before == programs  # all seeds at once, then blocks
    np.testing.assert_allclose(blocked.series["metric"], whole.series["metric"], rtol=1e-12)
    assert blocked.series["metric"].shape == (10, 2)
    # Blocks and points are host loops: an XLA while loop around batched LAPACK kernels can
    # deadlock the CPU's intra-op thread pool (see _runner._within_memory).
    assert not [key for key, program in _runner._COMPILED.items() if "while" in program.as_text()]
