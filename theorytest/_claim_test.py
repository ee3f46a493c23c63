"""The claim record rejects every bad field with a ValueError naming it."""

import dataclasses

import jax.numpy as jnp
import pytest

import theorytest as tt


def experiment(key, checkpoints):
    return 1.0 / jnp.asarray(checkpoints, dtype=float)


def make(**changes):
    fields = dict(
        id="toy-claim",
        paper=tt.Paper(title="A toy"),
        statement="f_k = O(1/k)",
        experiment=experiment,
        sweep=tt.Sweep(checkpoints=(1, 10, 100, 1000)),
        check=tt.UpperRate(exponent=-1.0, window=(10, 1000)),
        seeds=2,
    )
    fields.update(changes)
    return tt.Claim(**fields)


def test_valid_claim_and_control():
    claim = make()
    control = claim.control(id="toy-claim-too-fast", why="claims 1/k^2", check=tt.UpperRate(exponent=-2.0))
    assert control.control_of == "toy-claim" and control.expected is tt.Verdict.REFUTED


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"id": "Not A Slug"}, "id"),
        ({"id": 3}, "id"),
        ({"paper": "a title"}, "paper"),
        ({"statement": ""}, "statement"),
        ({"experiment": None}, "experiment"),
        ({"sweep": (1, 2, 3)}, "sweep"),
        ({"check": "upper"}, "check"),
        ({"seeds": 0}, "seeds"),
        ({"seeds": 2.5}, "seeds"),
        ({"quick_seeds": -1}, "quick_seeds"),
        ({"aggregate": "mode"}, "aggregate"),
        ({"aggregate": 1.5}, "aggregate"),
        ({"expected": "TRUE"}, "expected"),
        ({"assumptions": "convex"}, "assumptions"),
        ({"confidence": 0.3}, "confidence"),
        ({"check": tt.UpperRate(exponent=-1.0, window=(5000, 9000))}, "check.window"),
        ({"control_of": "toy", "why": ""}, "why"),
    ],
)
def test_bad_field_is_named(changes, field):
    with pytest.raises(ValueError, match=f"^{field}[:\\[ ]"):
        make(**changes)


@pytest.mark.parametrize(
    "sweep_args, field",
    [
        ({}, "sweep"),
        ({"grid": {"n": ()}}, "sweep.grid['n']"),
        ({"grid": {"n": 5}}, "sweep.grid['n']"),
        ({"checkpoints": (10, 5)}, "sweep.checkpoints"),
        ({"checkpoints": (0, 5)}, "sweep.checkpoints"),
        ({"points": [{"m": 1}, {"n": 2}]}, "sweep.points"),
        ({"grid": {"n": (1,)}, "points": [{"n": 1}]}, "sweep.points"),
    ],
)
def test_bad_sweep_is_named(sweep_args, field):
    with pytest.raises(ValueError) as err:
        tt.Sweep(**sweep_args)
    assert str(err.value).startswith(field)


def test_sweep_points_expand_checkpoints():
    sweep = tt.Sweep(grid={"n": (1, 2)}, checkpoints=(10, 100))
    assert sweep.all_points() == (
        {"n": 1, "k": 10},
        {"n": 1, "k": 100},
        {"n": 2, "k": 10},
        {"n": 2, "k": 100},
    )


def test_log_checkpoints_are_distinct_and_span():
    ck = tt.log_checkpoints(1, 1000, 50)
    assert ck[0] == 1 and ck[-1] == 1000 and len(set(ck)) == len(ck)


def test_claim_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        make().seeds = 3
