"""Seeds sharded over devices: 8 forced host devices give the same results as 1.

Each device count runs in a fresh interpreter (the device count is fixed when JAX starts;
never fork after JAX is initialized), with a seed count that is not a multiple of 8 so
the padding path is exercised, under the two layout-invariant PRNG implementations
(threefry, philox). rbg is reproducible only for a fixed seed and device count (see
theorytest/_runner.py), which is tested in-process.
"""

import json
import os
import subprocess
import sys
import textwrap

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import theorytest as tt
from theorytest import _runner
from theorytest._plan import plan_for, prng_setting

CLAIM_FILE = textwrap.dedent('''
    import jax
    import jax.numpy as jnp

    import theorytest as tt

    def noisy_gd(key, checkpoints, dim=4):
        """Gradient descent on ||x||^2/2 with Gaussian gradient noise and a random start."""
        k0, kn = jax.random.split(key)
        x0 = jax.random.normal(k0, (dim,))
        def step(t, x):
            g = x + 0.1 * jax.random.normal(jax.random.fold_in(kn, t), (dim,))
            return x - 0.5 / (t + 1.0) * g
        return tt.trajectory(step, x0, checkpoints, lambda x: 0.5 * x @ x)

    def grid(key, n):
        x = jax.random.normal(key, (n,))
        return {"mean_sq": jnp.mean(x) ** 2, "var": jnp.var(x)}

    paper = tt.Paper(title="toy")
    noisy = tt.Claim(id="sharding-toy-trajectory", paper=paper, statement="O(1/k)",
                     experiment=noisy_gd, sweep=tt.Sweep(checkpoints=(4, 16, 64, 256)),
                     check=tt.UpperRate(exponent=-1.0, tol=0.3, window=(16, 256)), seeds=13)
    noisy_control = noisy.control(id="sharding-toy-trajectory-too-fast", why="too fast",
                                  check=tt.UpperRate(exponent=-3.0, tol=0.1, window=(16, 256)))
    means = tt.Claim(id="sharding-toy-grid", paper=paper, statement="E[mean^2] = 1/n",
                     experiment=grid, sweep=tt.Sweep(grid={"n": (16, 64, 256)}),
                     check=tt.TightRate(exponent=-1.0, tol=0.5, series="mean_sq"), seeds=21)
    means_control = means.control(id="sharding-toy-grid-wrong", why="wrong exponent",
                                  check=tt.TightRate(exponent=-2.0, tol=0.1, series="mean_sq"))
''')

DRIVER = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    import jax
    import theorytest as tt
    from theorytest import _registry, _runner
    from theorytest._plan import plan_for

    claims = _registry.load_path(Path(sys.argv[1]))
    mesh = _runner._seed_mesh(jax.local_device_count())
    out = {"devices": jax.device_count(), "mesh": 0 if mesh is None else mesh.size, "runs": {}}
    for impl in ("threefry", "philox"):
        os.environ["THEORYTEST_PRNG"] = impl
        for claim in claims:
            result = tt.verify(claim)
            data = _runner.run(plan_for(claim))
            out["runs"][impl + "/" + claim.id] = {
                "verdict": result["verdict"], "estimate": result["estimate"], "ci": result["ci"],
                "n_seeds": data.n_seeds,
                "series": {k: v.tolist() for k, v in data.series.items()}}
    print(json.dumps(out))
""")


def _run_with_devices(n_devices: int, claim_file) -> dict:
    env = dict(os.environ)
    flags = [
        f
        for f in env.get("XLA_FLAGS", "").split()
        if not f.startswith("--xla_force_host_platform_device_count")
    ]
    env["XLA_FLAGS"] = " ".join(flags + [f"--xla_force_host_platform_device_count={n_devices}"])
    env["JAX_PLATFORMS"] = "cpu"
    env.pop("THEORYTEST_PRNG", None)
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, str(claim_file)], env=env, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_sharded_over_8_devices_equals_1_device(tmp_path):
    claim_file = tmp_path / "toy_claims.py"
    claim_file.write_text(CLAIM_FILE)
    one = _run_with_devices(1, claim_file)
    eight = _run_with_devices(8, claim_file)
    assert (one["devices"], one["mesh"]) == (1, 0)
    assert (eight["devices"], eight["mesh"]) == (8, 8)
    assert one["runs"].keys() == eight["runs"].keys() and len(one["runs"]) == 8
    for name, a in one["runs"].items():
        b = eight["runs"][name]
        assert a["n_seeds"] == b["n_seeds"] and a["n_seeds"] % 8 != 0, name
        assert a["verdict"] == b["verdict"], name
        assert a["series"].keys() == b["series"].keys()
        for series in a["series"]:
            x, y = np.asarray(a["series"][series]), np.asarray(b["series"][series])
            assert x.shape == y.shape == (a["n_seeds"], len(x[0])), (name, series)
            np.testing.assert_allclose(y, x, rtol=1e-12, atol=0, err_msg=f"{name} {series}")
        np.testing.assert_allclose(b["estimate"], a["estimate"], rtol=1e-12, atol=1e-15)
    # the controls are refuted and the claims confirmed, under both implementations
    for name, a in one["runs"].items():
        expected = "REFUTED" if name.endswith(("too-fast", "wrong")) else "CONFIRMED"
        assert a["verdict"] == expected, (name, a["verdict"])
    # the two PRNG implementations give different streams
    assert (
        one["runs"]["threefry/sharding-toy-grid"]["series"]
        != one["runs"]["philox/sharding-toy-grid"]["series"]
    )


def test_prng_setting(monkeypatch):
    monkeypatch.delenv("THEORYTEST_PRNG", raising=False)
    assert prng_setting() == "philox"
    data = {}
    for impl in ("threefry", "philox", "rbg"):
        monkeypatch.setenv("THEORYTEST_PRNG", impl)
        assert prng_setting() == impl
        keys = jax.random.key_data(tt.seed_keys("some-claim", 3))
        np.testing.assert_array_equal(keys, jax.random.key_data(tt.seed_keys("some-claim", 3)))
        np.testing.assert_array_equal(keys[1:], jax.random.key_data(tt.seed_keys("some-claim", 2, 1)))
        data[impl] = keys
    assert data["threefry"].shape != data["rbg"].shape != data["philox"].shape
    monkeypatch.setenv("THEORYTEST_PRNG", "mersenne")
    with pytest.raises(ValueError, match="THEORYTEST_PRNG"):
        tt.seed_keys("some-claim", 3)


def _noise(key, checkpoints):
    return jnp.cumsum(jax.random.normal(key, (len(checkpoints),)) ** 2) / jnp.asarray(checkpoints)


def test_each_prng_is_reproducible(monkeypatch):
    claim = tt.Claim(
        id="prng-toy",
        paper=tt.Paper(title="toy"),
        statement="O(1/k)",
        experiment=_noise,
        sweep=tt.Sweep(checkpoints=(1, 2, 4, 8)),
        check=tt.UpperRate(exponent=-1.0),
        seeds=6,
    )
    series = {}
    for impl in ("threefry", "philox", "rbg"):
        monkeypatch.setenv("THEORYTEST_PRNG", impl)
        _runner.clear_memo()
        first = _runner.run(plan_for(claim)).series["metric"]
        _runner.clear_memo()
        np.testing.assert_array_equal(first, _runner.run(plan_for(claim)).series["metric"])
        series[impl] = first
    assert not np.array_equal(series["threefry"], series["philox"])
    assert not np.array_equal(series["threefry"], series["rbg"])
    _runner.clear_memo()
