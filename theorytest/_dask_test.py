"""Claims verified on a 2-worker Dask LocalCluster give the in-process verdicts and numbers."""

import pytest

pytest.importorskip("distributed")

import theorytest as tt  # noqa: E402
from theorytest import _dask, _registry, _runner  # noqa: E402
from theorytest._plan import plan_for  # noqa: E402

# Everything a result record holds except timings and the host it ran on.
SAME = (
    "id",
    "control_of",
    "kind",
    "claimed",
    "expected",
    "verdict",
    "estimate",
    "ci",
    "reason",
    "aggregate",
    "quick",
    "n_seeds",
    "seed_offset",
    "points",
    "outcome",
    "curves",
)


def test_reference_claims_on_dask_match_in_process():
    # A stochastic claim and its controls (one of them a different experiment): what Dask
    # changes is where cells run, which these exercise without the PEP worst cases that the
    # deterministic reference claims would solve twice.
    from claims.reference import sgd_strongly_convex

    claims = _registry.module_claims(sgd_strongly_convex)
    assert len(claims) >= 3 and len({c.experiment for c in claims}) >= 2
    _runner.clear_memo()
    local = [tt.verify(c, quick=True) for c in claims]
    seen = []
    # Blocks of 5 seeds: several cells per sweep point, padded last blocks.
    plans = {c.id: plan_for(c, quick=True) for c in claims}
    remote = _dask.verify_on_dask(
        claims, plans, workers=2, seed_block=5, progress=lambda r: seen.append(r["id"])
    )
    assert sorted(seen) == sorted(c.id for c in claims)
    assert [r["id"] for r in remote] == [c.id for c in claims]
    for a, b in zip(local, remote):
        for field in SAME:
            assert a[field] == b[field], (a["id"], field)
        assert b["verdict"] == b["expected"], b["id"]


def test_claim_sources(tmp_path):
    from claims.reference import gradient_descent

    src = _dask.claim_source(gradient_descent.gd_convex_sublinear)
    assert src == ("module", "claims.reference.gradient_descent")
    assert _dask.load_claim(src, "gd-convex-claimed-quadratic").control_of == "gd-convex-sublinear"
    path = tmp_path / "user_claims.py"
    path.write_text(
        "import jax.numpy as jnp\n"
        "import theorytest as tt\n"
        "c = tt.Claim(id='user-toy', paper=tt.Paper(title='t'), statement='s',\n"
        "             experiment=lambda key, checkpoints: 1.0 / jnp.asarray(checkpoints),\n"
        "             sweep=tt.Sweep(checkpoints=(1, 10)), check=tt.UpperRate(exponent=-1.0))\n"
        "d = c.control(id='user-toy-control', why='w', check=tt.UpperRate(exponent=-2.0))\n"
        "e = c.control(id='user-toy-flat', why='w', experiment=lambda key, checkpoints: jnp.ones(2))\n"
    )
    loaded = _registry.select([str(path)])
    src = _dask.claim_source(loaded[1])
    assert src == ("file", str(path.resolve()))
    assert _dask.load_claim(src, "user-toy-control").id == "user-toy-control"
    orphan = loaded[0].control(id="not-in-a-module", why="w")
    with pytest.raises(ValueError, match="cannot load"):
        _dask.claim_source(orphan)
    with pytest.raises(ValueError, match="not both"):
        _dask.verify_on_dask(loaded, {}, scheduler="tcp://127.0.0.1:1", workers=2)
